"""Screenshots of the player offering to leave out an optional exercise, light and dark.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/leave_out_screenshots.py [--out DIR]

Writes `player-optional-light.png` and `player-optional-dark.png` (default: docs/screenshots):
the built-in post-run cool-down, 6 s into the rest before its optional piriformis stretch. Uses
a throwaway profile (HIPREHAB_HOME in a temporary folder), a FakeClock and silent cues.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZE = (1280, 800)
ROUTINE = "post-run-cool-down"


def take(out: Path, themes: tuple[str, ...]) -> list[Path]:
    home = Path(tempfile.mkdtemp(prefix="hiprehab-optional-shots-"))
    os.environ["HIPREHAB_HOME"] = str(home)
    from PySide6.QtWidgets import QApplication

    from hiprehab.history.store import HistoryStore
    from hiprehab.paths import AppPaths
    from hiprehab.session.clock import FakeClock
    from hiprehab.session.optional import can_leave_out
    from hiprehab.ui.app import create_main_window
    from hiprehab.ui.player.checkins import PainCheckinDialog
    from hiprehab.ui.player.cues import CuePlayer
    from hiprehab.ui.settings import AppSettings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    paths = AppPaths.from_environment()
    paths.ensure()
    settings = AppSettings(paths.settings_file)
    settings.set_first_run_done()
    saved: list[Path] = []

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    for theme in themes:
        settings.set_theme(theme)
        settings.sync()
        clock = FakeClock()
        store = HistoryStore.open(paths.history_db)
        silent = CuePlayer(sound_factory=lambda path, notify: None, speech_factory=lambda n: None)
        window = create_main_window(paths, clock, store, silent)
        window.resize(*SIZE)
        window.show()
        entry = next(e for e in window.library.entries() if e.path.stem == ROUTINE)
        window.start_entry(entry)
        settle()
        dialog = next(
            w for w in app.topLevelWidgets() if isinstance(w, PainCheckinDialog) and w.isVisible()
        )
        dialog.select(2)
        dialog.accept()
        settle()
        controller = window.flow.controller
        assert controller is not None
        step = next(s for s in controller.engine.timeline if can_leave_out(s))
        target = step.start_us + 6_000_000
        while controller.engine.state().position_us < target:
            clock.advance_us(min(1_000_000, target - controller.engine.state().position_us))
            controller.tick()
        settle()
        path = out / f"player-optional-{theme}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not save {path}")
        saved.append(path)
        window.flow.abandon()
        window.close()
        window.deleteLater()
        store.close()
        settle()
    shutil.rmtree(home, ignore_errors=True)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    for path in take(options.out, ("light", "dark")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
