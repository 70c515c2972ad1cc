"""The library page in the real window: listing, details, opening by menu path and by drop,
broken files, removing a user routine."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from hiprehab import safety
from hiprehab.cli import check as check_cmd
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.routine.user_files import list_user_routines
from hiprehab.ui.dialogs import ProblemsDialog
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player.illustration import card_colour
from hiprehab.ui.theme import is_dark
from tests.ui.dnd import drag_enter, drop


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
    assert window.recent_menu.actions()[0].text().endswith("short.hiprehab.toml")
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
    assert drag_enter(window, routine_file)
    assert drop(window, routine_file)
    assert len(list_user_routines(paths.routines_dir)) == 1
    assert window.library.title.text() == "Short test routine"


def test_drag_of_other_files_is_refused(window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert not drag_enter(window, other)


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
    from hiprehab.ui.player.checkins import PainCheckinDialog

    window.library.tree.setFocus()
    qtbot.keyClick(window.library.tree, Qt.Key.Key_Return)
    dialog = dialogs.wait(PainCheckinDialog)
    assert window.current_page == "player"
    dialog.skip_button.click()
    assert window.flow.controller is not None


ONE_EXERCISE = """\
format = 1
title = "Just one"

[schedule]
sessions_per_week = 1

[[exercise]]
use = "plank"
sets = 1
hold = 20
"""


def test_facts_are_pluralised(window: MainWindow, tmp_path: Path) -> None:
    single = tmp_path / "one.toml"
    single.write_text(ONE_EXERCISE, encoding="utf-8")
    assert window.open_routine_file(single)
    facts = window.library.meta.text().split("  ·  ")
    assert "1 exercise" in facts and "1 session a week" in facts
    assert not any("exercises" in f or "sessions" in f for f in facts)
    window.library.select(next(e.path for e in window.library.entries() if e.builtin))
    facts = window.library.meta.text().split("  ·  ")
    assert any(f.endswith(" exercises") for f in facts)
    assert any(f.endswith(" sessions a week") for f in facts)


def test_estimated_length_is_worded_as_hiprehab_check_words_it(
    window: MainWindow, routine_file: Path, tmp_path: Path
) -> None:
    single = tmp_path / "one.toml"
    single.write_text(ONE_EXERCISE, encoding="utf-8")  # 5 s + 20 s: "about 1 min"
    assert window.open_routine_file(routine_file)  # 34 s: "about 1 min" too
    assert window.open_routine_file(single)
    for entry in window.library.entries():
        assert entry.routine is not None
        out = io.StringIO()
        assert check_cmd.run([str(entry.path)], out) == 0
        said = out.getvalue().strip().rsplit(", ", 1)[1]  # "about N min"
        assert said.startswith("about ") and said.endswith(" min")
        window.library.select(entry.path)
        facts = window.library.meta.text().split("  ·  ")
        assert said in facts, (entry.path.name, facts)
        item = window.library.tree.currentItem()
        assert item.text(3) == said.removeprefix("about "), entry.path.name


@pytest.mark.parametrize("named", ["in full", "relative"])
def test_broken_file_dialog_fits_its_lines(
    qtbot: QtBot,
    window: MainWindow,
    dialogs: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    named: str,
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('title = 3\n[[exercise]]\nname = "X"\nsets = -1\n')
    if named == "relative":  # short lines, which fit on the small offscreen screen
        monkeypatch.chdir(tmp_path)
        broken = Path(broken.name)
    assert not window.open_routine_file(broken)
    dialog = dialogs.wait(ProblemsDialog)
    qtbot.waitExposed(dialog)
    text = dialog.text
    metrics = QFontMetricsF(text.font())  # lines as in a terminal: every letter as wide
    assert metrics.horizontalAdvance("iiii:.") == metrics.horizontalAdvance("MMMMWW")
    assert text.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    longest = max(text.fontMetrics().horizontalAdvance(line) for line in dialog.lines())
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    assert dialog.width() >= 560  # never a narrow strip
    # as wide as its longest line, or nearly the whole screen when the lines are longer still
    assert dialog.width() >= min(longest + 24, 0.85 * screen.width())
    if longest + 80 < screen.width():  # the lines fit on this screen: no sideways scrolling
        assert text.viewport().width() > longest
        assert not text.horizontalScrollBar().isVisible()
    assert len(dialog.lines()) >= 3
    assert text.viewport().height() >= len(dialog.lines()) * text.fontMetrics().lineSpacing()
    dialog.close()


def test_a_thumbnail_is_drawn_when_its_row_comes_into_view(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Only the pictures on screen are drawn; the others when scrolled to. The library draws
    its shipped pictures (SVG files), never a figure."""
    rows = window.library.exercise_rows()
    hidden = [r for r in rows if r.picture.visibleRegion().isEmpty()]
    assert hidden, "the first routine has rows below the fold in a 1280x800 window"
    assert all(r.picture.drawn for r in rows if r not in hidden)
    assert not any(r.picture.drawn for r in hidden)
    window.library.routine_details.scroller.ensureWidgetVisible(hidden[-1].picture)
    qtbot.waitUntil(lambda: hidden[-1].picture.drawn)
    assert not hidden[-1].picture.pixmap().isNull()
    assert window.figures.built == 0


def test_broken_file_dialog_stays_within_a_small_screen() -> None:
    from hiprehab.ui.dialogs import fit_size

    assert fit_size(QSize(300, 120), QSize(1920, 1080)).width() >= 560  # minimum width
    wide = fit_size(QSize(1500, 200), QSize(1920, 1080))
    assert wide.width() >= 1500 and wide.height() >= 200
    small = fit_size(QSize(3000, 2000), QSize(800, 600))
    assert small.width() <= 800 and small.height() <= 600


def _card_pixel(row: Any) -> QColor:
    """The thumbnail's corner: the card, outside the picture."""
    return row.picture.pixmap().toImage().pixelColor(0, 0)


def _border(widget: QWidget) -> QColor:
    """The colour of a style-sheet border, half-way down its left edge."""
    return widget.grab().toImage().pixelColor(0, widget.height() // 2)


def test_thumbnails_take_the_new_card_colour_as_soon_as_the_theme_changes(
    window: MainWindow,
) -> None:
    rows = [r for r in window.library.exercise_rows() if not r.picture.pixmap().isNull()]
    assert rows, "the first built-in routine has pictures"
    note = window.library.note
    mid = QPalette.ColorRole.Mid
    try:
        window.set_theme("light")
        light = card_colour(window.library.palette())
        assert all(_card_pixel(r) == light for r in rows)
        assert _border(note) == window.library.palette().color(mid)
        window.theme_actions["dark"].trigger()  # no re-selection, no event loop
        dark = card_colour(window.library.palette())
        assert dark != light and is_dark(window.library.palette())
        assert window.library.exercise_rows() == rows  # the same rows, redrawn
        assert all(_card_pixel(r) == dark for r in rows)
        # style sheets' palette(...) colours follow too (Qt reads them only when applied)
        assert _border(note) == window.library.palette().color(mid)
        window.show_page("player")  # a page that is not on screen follows too
        window.theme_actions["light"].trigger()
        assert all(_card_pixel(r) == light for r in rows)
    finally:
        window.set_theme("system")


def test_thumbnails_follow_a_palette_change_from_the_system(window: MainWindow) -> None:
    """Not only the theme menu: any application palette change (the desktop's dark mode)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    rows = [r for r in window.library.exercise_rows() if not r.picture.pixmap().isNull()]
    try:
        window.set_theme("light")
        light = card_colour(window.library.palette())
        dark = QPalette(app.palette())
        dark.setColor(QPalette.ColorRole.Window, QColor("#101418"))
        dark.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
        app.setPalette(dark)
        QApplication.sendPostedEvents(None, QEvent.Type.ApplicationPaletteChange)  # as Qt would
        expected = card_colour(window.library.palette())
        assert expected == card_colour(dark) != light
        assert all(_card_pixel(r) == expected for r in rows)
    finally:
        window.set_theme("system")
