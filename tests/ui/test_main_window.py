"""The window shell: pages, remembered geometry and page, menus, theme, sound settings, help."""

from __future__ import annotations

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


def test_pyqtgraph_is_not_loaded_at_start_up(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from hiprehab.session.clock import FakeClock\n"
        "from hiprehab.paths import AppPaths\n"
        "from hiprehab.ui.app import create_main_window\n"
        "from hiprehab.ui.player.cues import CuePlayer\n"
        "paths = AppPaths.from_environment(); paths.ensure()\n"
        "cues = CuePlayer(sound_factory=lambda p, n: None, speech_factory=lambda n: None)\n"
        "w = create_main_window(paths, FakeClock(), cues=cues)\n"
        "w.show(); app.processEvents()\n"
        "print('pyqtgraph' in sys.modules)\n"
        "w.show_page('history'); app.processEvents()\n"
        "print('hiprehab.ui.history.view' in sys.modules)\n"
        "w.close(); w.store.close()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["False", "True"]


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
