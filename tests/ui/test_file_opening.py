"""Routine files opened from outside the window: a `QFileOpenEvent` (macOS: a double-click,
"Open With", a file dropped on the Dock icon), the file dialog's filter, and the "Recent
routines" entries older versions left for the renamed built-in routines."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from hiprehab.paths import AppPaths
from hiprehab.resources import routines_dir
from hiprehab.routine.user_files import list_user_routines
from hiprehab.ui.app import route_opened_files
from hiprehab.ui.file_open_events import FileOpenEvents, opened_file
from hiprehab.ui.language import use_qt_language
from hiprehab.ui.language_switch import LanguageSwitch
from hiprehab.ui.main_window import MainWindow
from tests.ui.test_language import language_actions, replaced


@pytest.fixture
def system_files(qapp: QApplication) -> Iterator[FileOpenEvents]:
    """What `run_app` installs on the application the moment it exists."""
    watcher = FileOpenEvents(qapp)
    yield watcher
    watcher.close()


@pytest.fixture
def routine(routine_file: Path) -> Path:
    """The routine as a physio names it: `NAME.hiprehab.toml`, beside its pictures."""
    named = routine_file.with_name("knee.hiprehab.toml")
    shutil.move(routine_file, named)
    return named


def send(path: Path) -> None:
    """What macOS does on a double-click: the event is posted to the application object."""
    QCoreApplication.postEvent(QApplication.instance(), QFileOpenEvent(str(path)))


def shows_the_copy_of(window: MainWindow, paths: AppPaths) -> bool:
    entry = window.library.current_entry()
    return (
        entry is not None
        and not entry.builtin
        and entry.path.parent.parent == paths.routines_dir
        and entry.path.name == "knee.hiprehab.toml"
    )


def test_a_file_open_event_opens_the_routine_and_selects_it(
    qtbot: QtBot,
    window: MainWindow,
    paths: AppPaths,
    system_files: FileOpenEvents,
    routine: Path,
) -> None:
    route_opened_files(LanguageSwitch.of(window), None, system_files)
    window.show_page("history")
    send(routine)
    qtbot.waitUntil(lambda: shows_the_copy_of(window, paths), timeout=5000)
    assert window.current_page == "library"
    assert window.library.title.text() == "Short test routine"
    (copy,) = list_user_routines(paths.routines_dir)
    assert copy.read_text() == routine.read_text()
    assert (copy.parent / "pics" / "lift.png").is_file()  # its picture came along
    assert window.settings.recent_routines() == [str(copy)]


def test_files_sent_before_the_window_exists_wait_for_it(
    qtbot: QtBot,
    make_window: Any,
    paths: AppPaths,
    system_files: FileOpenEvents,
    routine: Path,
) -> None:
    """macOS sends the file a launch is for while it starts up: it is kept, then opened."""
    send(routine)
    QCoreApplication.sendPostedEvents()  # delivered now, with no window to open it in
    assert list_user_routines(paths.routines_dir) == []
    window = make_window()
    route_opened_files(LanguageSwitch.of(window), None, system_files)
    qtbot.waitUntil(lambda: shows_the_copy_of(window, paths), timeout=5000)
    assert system_files.take_waiting() == []


@pytest.fixture
def english_again(qapp: QApplication) -> Iterator[None]:
    """Qt's catalogue and default locale are the process's: leave them as they were found."""
    default = QLocale()
    yield
    use_qt_language("en")
    QLocale.setDefault(default)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.mark.usefixtures("english_again")
def test_a_file_open_event_reaches_the_window_of_the_new_language(
    qtbot: QtBot,
    window: MainWindow,
    paths: AppPaths,
    system_files: FileOpenEvents,
    routine: Path,
    request: pytest.FixtureRequest,
) -> None:
    switch = LanguageSwitch.of(window)
    route_opened_files(switch, None, system_files)
    language_actions(window)["de"].trigger()
    assert switch.window is not window
    replaced(qtbot, request, window, switch.window)
    send(routine)
    qtbot.waitUntil(lambda: shows_the_copy_of(switch.window, paths), timeout=5000)
    assert switch.window.library.title.text() == "Short test routine"


def test_events_that_are_no_local_file_are_left_alone(
    qtbot: QtBot, system_files: FileOpenEvents, tmp_path: Path
) -> None:
    link = QFileOpenEvent(QUrl("https://example.org/knee.hiprehab.toml"))
    assert opened_file(link) is None
    assert opened_file(QEvent(QEvent.Type.Show)) is None
    assert opened_file(QFileOpenEvent(str(tmp_path / "a.toml"))) == tmp_path / "a.toml"
    QCoreApplication.postEvent(QApplication.instance(), link)
    QCoreApplication.sendPostedEvents()
    assert system_files.take_waiting() == []


def test_the_open_dialog_offers_routine_files_and_plain_toml(
    window: MainWindow, dialogs: Any
) -> None:
    window.routine_actions.choose_routine_file()
    dialog = dialogs.wait(QFileDialog)
    try:
        assert dialog.nameFilters() == ["Routine files (*.hiprehab.toml *.toml)", "All files (*)"]
    finally:
        dialog.close()


def test_a_recent_built_in_routine_under_its_old_name_opens_under_the_new(
    window: MainWindow,
) -> None:
    """Older versions named the built-in routines `NAME.toml`: their entry still works."""
    old = routines_dir() / "gentle-start.toml"
    new = routines_dir() / "gentle-start.hiprehab.toml"
    assert not old.exists() and new.is_file()
    window.settings.add_recent_routine(str(old))
    window.routine_actions.rebuild_recent()
    window.recent_menu.actions()[0].trigger()
    entry = window.library.current_entry()
    assert entry is not None and entry.builtin and entry.path.name == new.name
    assert window.settings.recent_routines() == [str(new.resolve())]
