"""The window shell: pages, remembered geometry and page, menus, theme, sound settings, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from hiprehab import __version__
from hiprehab.paths import AppPaths
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.settings import AppSettings
from hiprehab.ui.sound_settings import SoundSettingsDialog
from hiprehab.ui.theme import is_dark


def menu_titles(window: MainWindow) -> dict[str, list[str]]:
    menus = {}
    for action in window.menuBar().actions():
        menu = action.menu()
        menus[action.text().replace("&", "")] = [
            a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()
        ]
    return menus


def test_menus(window: MainWindow) -> None:
    menus = menu_titles(window)
    assert menus["File"] == ["Open routine…", "Recent routines", "Quit"]
    assert menus["View"][:4] == ["Library", "Session", "History", "Full screen"]
    assert "Theme" in menus["View"] and "Sound settings…" in menus["View"]
    assert menus["Help"] == ["Routine format", "About hiprehab"]
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.minimumWidth() <= 1024 and window.minimumHeight() <= 640


def test_size_position_and_page_are_remembered(
    qtbot: QtBot, make_window: Any, paths: AppPaths
) -> None:
    window = make_window()
    window.resize(window.minimumSize())  # fits the (small) offscreen screen
    window.move(37, 45)
    window.show_page("history")
    size, pos = window.size(), window.pos()
    window.close()
    assert paths.settings_file.is_file()
    assert AppSettings(paths.settings_file).last_page() == "history"
    again = make_window(size=None)  # whatever the window restored by itself
    assert again.size() == size
    assert again.pos().y() == pos.y() == 45  # x is clamped to the 800-pixel offscreen screen
    assert again.current_page == "history"


def test_history_page_is_built_only_when_first_shown(window: MainWindow) -> None:
    assert window._history_widget is None
    window.show_page("history")
    assert window._history_widget is not None
    refresh = getattr(window._history_widget, "refresh", None)
    assert refresh is None or callable(refresh)


# Loaded only when what needs them is first used: the History page (pyqtgraph, numpy, the PDF
# export), the Session page (the player, its flow and the engine), a cue or Sound settings (Qt
# Multimedia and Qt TextToSpeech), a figure (the drawing package), a formatted date (babel);
# urllib and http.client never.
NOT_AT_START = (
    "pyqtgraph", "numpy", "PySide6.QtMultimedia", "PySide6.QtTextToSpeech",
    "PySide6.QtPrintSupport", "hiprehab.ui.history", "hiprehab.ui.player.flow",
    "hiprehab.ui.player.view", "hiprehab.session.engine", "hiprehab.drawing.figure", "babel",
    "urllib.request", "http.client",
)  # fmt: skip
START_SCRIPT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hiprehab.history.demo import demo_routine, eight_weeks, fill_store
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from datetime import UTC, datetime

paths = AppPaths.from_environment()
paths.ensure()
paths.settings_file.write_text("[app]\\nfirst_run_done=true\\n", encoding="utf-8")
store = HistoryStore.open(paths.history_db)
fill_store(store, demo_routine(), eight_weeks(datetime.now(UTC)))
store.close()
before = set(sys.modules)
app = QApplication(["hiprehab"])
NOT_AT_START = MODULES

def loaded(names):
    return sorted(m for m in sys.modules if m not in before and m.startswith(names))

def look():
    from hiprehab.ui.main_window import MainWindow
    shown = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if not shown or not shown[0].is_settled:
        QTimer.singleShot(10, look)
        return
    window = shown[0]
    window.resize(1280, 800)  # as on a desktop (the offscreen screen is smaller)
    app.processEvents()
    rows = [(r.picture.drawn, not r.picture.visibleRegion().isEmpty())
            for r in window.library.exercise_rows()]
    report = {"loaded": loaded(NOT_AT_START), "figures_built": window.figures.built,
              "rows": rows, "page": window.current_page,
              "banner": window.guidance_banner.guidance is not None}
    window.show_page("player")
    app.processEvents()
    report["figures_on_the_player_page"] = window.figures.built
    window.show_page("history")
    app.processEvents()
    report["after_history"] = [m for m in ("hiprehab.ui.history.view", "pyqtgraph")
                               if m in sys.modules]
    print(json.dumps(report), flush=True)
    window.close()

QTimer.singleShot(0, look)
from hiprehab.launch import main
sys.exit(main([]))
""".replace("MODULES", repr(NOT_AT_START))


def test_the_first_screen_loads_only_what_it_shows(tmp_path: Path) -> None:
    """`hiprehab` as a user starts it (run_app), in a fresh process: once the window is painted
    and what waits for that is done, none of the modules above is loaded, and of the pictures
    only the thumbnails on screen are drawn (the rows scrolled out of view are not, and no
    figure is built); the History page then brings pyqtgraph."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", START_SCRIPT], capture_output=True, text=True, env=env,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["page"] == "library" and report["banner"]
    assert report["loaded"] == []
    assert report["figures_built"] == 0
    rows = report["rows"]
    assert rows and all(drawn == on_screen for drawn, on_screen in rows), rows
    assert any(on_screen for _, on_screen in rows) and not all(on_screen for _, on_screen in rows)
    assert report["figures_on_the_player_page"] == 0  # no session: nothing to draw there yet
    assert report["after_history"] == ["hiprehab.ui.history.view", "pyqtgraph"]


def test_theme_switch_is_applied_and_remembered(
    qtbot: QtBot, window: MainWindow, paths: AppPaths
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QPalette(app.palette())
    try:
        window.theme_actions["dark"].trigger()
        assert is_dark(app.palette())
        assert AppSettings(paths.settings_file).theme() == "dark"
        window.theme_actions["light"].trigger()
        assert not is_dark(app.palette())
        window.theme_actions["system"].trigger()
        assert app.palette().color(QPalette.ColorRole.Window) == original.color(
            QPalette.ColorRole.Window
        )
    finally:
        window.set_theme("system")


def test_sound_settings_persist_and_voice_is_greyed_without_speech(
    qtbot: QtBot, make_window: Any, cue_factory: Any, paths: AppPaths
) -> None:
    cues, _, _ = cue_factory(speech=False)
    window = make_window(cues=cues)
    dialog = window.show_sound_settings()
    assert isinstance(dialog, SoundSettingsDialog)
    assert not dialog.voice.isEnabled()
    assert "speech" in dialog.voice.toolTip()
    assert dialog.sound.isEnabled()
    dialog.sound.setChecked(False)
    dialog.volume.setValue(40)
    assert not cues.options.sound_on and cues.options.volume == 0.4
    dialog.close()
    settings = AppSettings(paths.settings_file)
    assert (settings.sound_on(), settings.volume()) == (False, 0.4)
    assert settings.voice_on()  # the wish is kept for when a speech engine appears
    cues2, _, _ = cue_factory()
    again = make_window(cues=cues2)
    assert not again.cues.options.sound_on and again.cues.options.volume == 0.4


def test_help_dialogs(qtbot: QtBot, window: MainWindow) -> None:
    about = window.show_about()
    assert isinstance(about, QMessageBox)
    assert __version__ in about.text() and "not medical advice" in about.text()
    about.close()
    doc = window.show_routine_format()
    assert isinstance(doc, QDialog) and doc.isVisible()
    doc.close()


def test_recent_routines_menu_opens_and_forgets_missing_files(
    qtbot: QtBot, window: MainWindow, dialogs: Any, routine_file: Path
) -> None:
    assert window.open_routine_file(routine_file)
    copy = Path(window.settings.recent_routines()[0])
    window.show_page("player")
    window.recent_menu.actions()[0].trigger()
    assert window.current_page == "library"
    assert window.library.current_entry().path == copy
    window.settings.add_recent_routine(str(copy.parent / "gone.toml"))
    window.routine_actions.rebuild_recent()
    window.recent_menu.actions()[0].trigger()
    box = dialogs.wait(QMessageBox)
    assert "no longer exists" in box.text()
    box.close()
    assert window.settings.recent_routines() == [str(copy)]


def test_another_launch_brings_the_window_back_and_opens_its_file(
    qtbot: QtBot, window: MainWindow, paths: AppPaths, routine_file: Path
) -> None:
    """What a double-clicked routine does while hiprehab is open (see test_single_instance)."""
    window.show_page("history")
    window.showMinimized()
    assert window.isMinimized()
    window.open_from_another_launch([routine_file])
    assert not window.isMinimized() and window.isVisible()
    assert window.current_page == "library"
    entry = window.library.current_entry()
    assert entry is not None and entry.path.parent.parent == paths.routines_dir
    assert window.library.title.text() == "Short test routine"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    # a launch without a file only brings the window forward
    window.show_page("history")
    window.showMinimized()
    window.open_from_another_launch([])
    assert not window.isMinimized() and window.current_page == "history"


def test_a_full_screen_window_comes_back_full_screen(window: MainWindow) -> None:
    window.set_full_screen(True)
    window.showMinimized()
    window.open_from_another_launch([])
    assert window.isFullScreen() and not window.isMinimized()
    window.set_full_screen(False)
