"""The library page in the real window: listing, details, opening by menu path and by drop,
broken files, removing a user routine."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hiprehab import check_cmd
from hiprehab.core import safety
from hiprehab.core.history import HistoryStore
from hiprehab.core.paths import AppPaths
from hiprehab.core.routine_files import list_user_routines
from hiprehab.ui.dialogs import ProblemsDialog
from hiprehab.ui.main_window import MainWindow


def test_lists_builtin_routines_with_facts_and_details(window: MainWindow) -> None:
    library = window.library
    entries = library.entries()
    assert entries and all(e.builtin and e.routine is not None for e in entries)
    tree = library.tree
    builtin_group = tree.topLevelItem(0)
    assert builtin_group.text(0) == "Built-in routines"
    assert tree.topLevelItem(1).text(0) == "Your routines"
    first = builtin_group.child(0)
    routine = library.current_entry().routine
    assert routine is not None
    assert first.text(0) == routine.title
    assert first.text(2) == str(len(routine.exercises))
    assert first.text(3).endswith("min")
    # details: description, the not-medical-advice note, one row per exercise with dosing words
    assert library.title.text() == routine.title
    assert library.note.text() == safety.DISCLAIMER and library.note.isVisible()
    rows = library.exercise_rows()
    assert len(rows) == len(routine.exercises)
    assert all(" x " in row.dosing.text() for row in rows)
    assert library.start_button.isEnabled()
    assert not library.remove_button.isVisible()  # built-ins cannot be removed


def test_opening_a_file_copies_it_with_its_pictures(
    window: MainWindow, paths: AppPaths, routine_file: Path
) -> None:
    assert window.open_routine_file(routine_file)
    (copy,) = list_user_routines(paths.routines_dir)
    assert copy.read_text() == routine_file.read_text()
    assert (copy.parent / "pics" / "lift.png").is_file()
    entry = window.library.current_entry()
    assert entry is not None and not entry.builtin and entry.path == copy
    assert window.library.title.text() == "Short test routine"
    rows = window.library.exercise_rows()
    assert rows[0].dosing.text() == "2 sets x 2 reps, each side, 3 s rest"
    assert rows[0].picture.pixmap() is not None and not rows[0].picture.pixmap().isNull()
    assert window.settings.recent_routines() == [str(copy)]
    assert window.recent_menu.actions()[0].text().endswith("short.toml")
    # the original may go away: the copy stays available
    routine_file.unlink()
    window.reload_routines()
    assert any(e.path == copy and e.routine is not None for e in window.library.entries())
    # opening the same file twice does not make a second copy
    assert window.open_routine_file(copy)
    assert list_user_routines(paths.routines_dir) == [copy]


def test_dropping_a_file_on_the_window_opens_it(
    window: MainWindow, paths: AppPaths, routine_file: Path
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(routine_file))])
    center = window.rect().center()
    enter = QDragEnterEvent(  # Qt 6 takes an integer point here, a float one for the drop
        center, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(center), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    assert len(list_user_routines(paths.routines_dir)) == 1
    assert window.library.title.text() == "Short test routine"


def test_drag_of_other_files_is_refused(window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    enter = QDragEnterEvent(
        window.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_broken_file_shows_the_check_lines_and_changes_nothing(
    window: MainWindow, dialogs: Any, paths: AppPaths, broken_file: Path
) -> None:
    before = [e.path for e in window.library.entries()]
    assert not window.open_routine_file(broken_file)
    dialog = dialogs.wait(ProblemsDialog)
    out = io.StringIO()
    assert check_cmd.run([str(broken_file)], out) == 1
    assert dialog.lines() == out.getvalue().splitlines()
    assert len(dialog.lines()) >= 3
    assert all(line.startswith(str(broken_file)) for line in dialog.lines())
    assert list_user_routines(paths.routines_dir) == []
    assert [e.path for e in window.library.entries()] == before
    assert window.settings.recent_routines() == []
    dialog.close()


def test_removing_a_user_routine_asks_first_and_keeps_history(
    qtbot: QtBot,
    window: MainWindow,
    dialogs: Any,
    paths: AppPaths,
    store: HistoryStore,
    routine_file: Path,
) -> None:
    assert window.open_routine_file(routine_file)
    entry = window.library.current_entry()
    assert entry is not None and entry.routine is not None
    store.start_session(entry.routine, pain_before=1)
    assert window.library.remove_button.isVisible()

    window.library.remove_button.click()
    box = dialogs.wait(QMessageBox)
    next(b for b in box.buttons() if b.text() == "Keep it").click()
    assert list_user_routines(paths.routines_dir) == [entry.path]

    window.library.remove_button.click()
    box = dialogs.wait(QMessageBox)
    next(b for b in box.buttons() if b.text() == "Remove").click()
    assert list_user_routines(paths.routines_dir) == []
    assert not entry.path.parent.exists()  # its pictures went with it
    assert all(e.builtin for e in window.library.entries())
    assert window.settings.recent_routines() == []
    assert [s.routine_title for s in store.sessions()] == ["Short test routine"]


def test_a_broken_file_in_the_users_folder_is_listed_with_its_problems(
    make_window: Any, paths: AppPaths, broken_file: Path
) -> None:
    (paths.routines_dir / "broken.toml").write_text(broken_file.read_text())
    window = make_window()
    entry = next(e for e in window.library.entries() if not e.builtin)
    assert entry.routine is None and entry.error is not None
    assert window.library.select(entry.path)
    assert not window.library.start_button.isEnabled()
    assert "cannot be loaded" in window.library.meta.text()
    assert window.library.remove_button.isVisible()  # it can still be removed


def test_enter_in_the_list_starts_the_routine(
    qtbot: QtBot, window: MainWindow, dialogs: Any
) -> None:
    from hiprehab.ui.checkins import PainCheckinDialog

    window.library.tree.setFocus()
    qtbot.keyClick(window.library.tree, Qt.Key.Key_Return)
    dialog = dialogs.wait(PainCheckinDialog)
    assert window.current_page == "player"
    dialog.reject()
    assert window.flow.controller is not None
