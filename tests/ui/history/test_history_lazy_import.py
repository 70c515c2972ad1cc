"""Start-up stays light: pyqtgraph and numpy load only when the History page is first shown, or
in the idle warm-up that `run_app` starts once the window is shown (then opening the page
imports nothing more). Each case runs in a fresh process: a module is imported once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json, sys
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])

import hiprehab.ui.app as app_module
from hiprehab.session.clock import FakeClock
from hiprehab.paths import AppPaths
from hiprehab.ui.language_switch import LanguageSwitch
from hiprehab.ui.player.cues import CuePlayer
from hiprehab.ui.settings import AppSettings

WARM = sys.argv[1] == "warm"


class Silent:
    failed = False
    playing = False
    def play(self): pass
    def stop(self): pass
    def say(self, text): pass
    def set_volume(self, volume): pass


paths = AppPaths.from_environment()
paths.ensure()
settings = AppSettings(paths.settings_file)
settings.set_first_run_done()
settings.sync()
cues = CuePlayer(
    sound_factory=lambda path, notify: Silent(), speech_factory=lambda notify: Silent()
)
window = app_module.create_main_window(paths, FakeClock(), cues=cues)
window.resize(1000, 700)
window.show()
window.show_page("library")
app.processEvents()
heavy = ("pyqtgraph", "numpy")
report = {"library": window.current_page,
          "at_start": sorted(m for m in heavy if m in sys.modules)}
if WARM:
    warm_up = app_module.warm_up_history(LanguageSwitch.of(window))
    report["warm_up_waits"] = not warm_up.done and "numpy" not in sys.modules
    loop = QEventLoop()
    warm_up.finished.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    report["warm_up_done"] = warm_up.done
    report["after_warm_up"] = sorted(m for m in heavy if m in sys.modules)
    report["steps"] = len(warm_up.durations)
    report["longest_step"] = warm_up.longest_step[0]
before = set(sys.modules)
window.show_page("history")
app.processEvents()
report["after_history"] = sorted(m for m in heavy if m in sys.modules)
report["imported_by_opening"] = sorted(
    m for m in set(sys.modules) - before if m.split(".")[0] in ("hiprehab", "pyqtgraph", "numpy")
)
report["history_widget"] = type(window._ensure_history()).__name__
window.close()
if window.store is not None:
    window.store.close()
print(json.dumps(report))
"""


def run(kind: str) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, kind], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    report: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return report


def test_start_up_and_library_page_do_not_import_pyqtgraph_or_numpy() -> None:
    report = run("cold")
    assert report["library"] == "library"
    assert report["at_start"] == []
    # the check can fail: the History page does pull both in, and builds the real view
    assert report["after_history"] == ["numpy", "pyqtgraph"]
    assert "hiprehab.ui.history.view" in report["imported_by_opening"]  # type: ignore[operator]
    assert report["history_widget"] == "HistoryView"


def test_the_idle_warm_up_imports_the_page_so_opening_it_imports_nothing() -> None:
    report = run("warm")
    assert report["at_start"] == []
    assert report["warm_up_waits"] is True  # started, but nothing imported before the loop idles
    assert report["warm_up_done"] is True
    assert report["after_warm_up"] == ["numpy", "pyqtgraph"]
    assert report["steps"] > 10  # small steps: PySide6's classes are read in slices
    assert report["imported_by_opening"] == []
    assert report["history_widget"] == "HistoryView"
