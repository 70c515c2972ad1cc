"""Starting the app: no audio or speech, a damaged or unusable history, a file to open."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hiprehab.core.clock import FakeClock
from hiprehab.core.paths import AppPaths
from hiprehab.core.routine_files import list_user_routines
from hiprehab.ui.checkins import PainCheckinDialog


def _play_a_little(window: Any, dialogs: Any, clock: FakeClock) -> None:
    window.library.start_button.click()
    dialogs.wait(PainCheckinDialog).skip_button.click()
    controller = window.flow.controller
    for _ in range(20):
        clock.advance(0.5)
        controller.tick()
    assert controller.state().step_elapsed_s > 0 or controller.state().step_index > 0


def test_starts_and_plays_with_no_audio_device_and_no_speech_engine(
    qtbot: QtBot, make_window: Any, cue_factory: Any, dialogs: Any, clock: FakeClock
) -> None:
    cues, sounds, words = cue_factory(audio=False, speech=False)
    window = make_window(cues=cues)
    assert window.isVisible()
    assert not cues.sound_available and not cues.speech_available
    _play_a_little(window, dialogs, clock)
    assert sounds == [] and words == []
    dialog = window.show_sound_settings()
    assert dialog is not None
    assert not dialog.voice.isEnabled() and not dialog.sound.isEnabled()
    dialog.close()


def test_starts_with_the_real_qt_cue_backends(
    qtbot: QtBot, make_window: Any, dialogs: Any, clock: FakeClock
) -> None:
    """Whatever audio this machine has (often none), the default cue player never blocks."""
    window = make_window(cues=None)
    assert window.cues is not None
    _play_a_little(window, dialogs, clock)


def test_damaged_history_is_moved_aside_and_the_user_is_told(
    qtbot: QtBot, make_window: Any, dialogs: Any, paths: AppPaths
) -> None:
    paths.history_db.write_bytes(b"this is not a database" * 100)
    window = make_window(store=None)
    assert window.store is not None and window.store.moved_aside is not None
    window.run_startup()
    box = dialogs.wait(QMessageBox)
    assert str(window.store.moved_aside) in box.text()
    assert window.store.moved_aside.read_bytes().startswith(b"this is not a database")
    box.close()
    window.store.close()


def test_unusable_history_still_lets_the_user_exercise(
    qtbot: QtBot, make_window: Any, dialogs: Any, paths: AppPaths, clock: FakeClock
) -> None:
    paths.history_db.mkdir()  # a folder where the file should be: cannot be opened
    window = make_window(store=None)
    assert window.store is None
    window.run_startup()
    box = dialogs.wait(QMessageBox)
    assert "could not be opened" in box.text() and str(paths.history_db) in box.text()
    box.close()
    _play_a_little(window, dialogs, clock)
    window.flow.controller.stop()
    dialogs.wait(PainCheckinDialog).skip_button.click()
    assert window.player.summary.summary is not None
    assert not window.player.summary.summary.saved
    window.show_page("history")
    assert "not available" in window._history_widget.text()


def test_run_app_opens_the_file_given_on_the_command_line(
    routine_file: Path, paths: AppPaths
) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "QTimer.singleShot(0, lambda: QTimer.singleShot(0, app.quit))\n"
        "from hiprehab.ui.app import run_app\n"
        f"sys.exit(run_app({str(routine_file)!r}))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, capture_output=True)
    (copy,) = list_user_routines(paths.routines_dir)
    assert copy.read_text() == routine_file.read_text()
