"""The welcome on the very first start: disclaimer, warning signs, starter routine, shown once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from hiprehab import safety
from hiprehab.paths import AppPaths
from hiprehab.ui.first_run import FirstRunDialog
from hiprehab.ui.settings import AppSettings


def test_welcome_is_shown_once_with_warning_signs_and_offers_the_starter(
    qtbot: QtBot, make_window: Any, dialogs: Any
) -> None:
    window = make_window(first_run_done=False)
    window.run_startup()
    dialog = dialogs.wait(FirstRunDialog)
    text = dialog.disclaimer.text() + dialog.flags.text()
    assert "not medical advice" in text
    for flag in safety.RED_FLAGS:
        assert flag.split(":")[0][:40] in text
    assert dialog.starter_button is not None
    assert "Gentle start" in dialog.starter_button.text()
    for button in (dialog.close_button, dialog.starter_button):  # Alt+letter from the keyboard
        assert button.accessibleName()
        assert not QKeySequence.mnemonic(button.text()).isEmpty(), button.text()
    window.show_page("player")
    dialog.starter_button.click()
    assert window.current_page == "library"
    entry = window.library.current_entry()
    assert entry is not None and entry.path.name == "gentle-start.hiprehab.toml"
    assert window.dialog is None

    again = make_window(first_run_done=False)  # same profile: the flag was remembered
    again.run_startup()
    assert again.dialog is None
    assert dialogs.visible(FirstRunDialog) == []


def test_closing_the_welcome_changes_nothing_else(
    qtbot: QtBot, make_window: Any, dialogs: Any
) -> None:
    window = make_window(first_run_done=False)
    before = window.library.current_entry()
    window.run_startup()
    dialogs.wait(FirstRunDialog).close_button.click()
    assert window.library.current_entry() == before
    assert window.settings.first_run_done()


def test_welcome_is_remembered_only_once_answered(
    qtbot: QtBot, make_window: Any, dialogs: Any, paths: AppPaths
) -> None:
    window = make_window(first_run_done=False)
    window.run_startup()
    dialog = dialogs.wait(FirstRunDialog)
    # a crash now (nothing more written) must show the welcome again next time
    assert not AppSettings(paths.settings_file).first_run_done()
    assert not window.settings.first_run_done()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closed without choosing: still answered
    assert not dialog.isVisible()
    assert AppSettings(paths.settings_file).first_run_done()
