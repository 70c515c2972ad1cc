"""German words run about a third longer than English: at the window's smallest size nothing on
the library page, the routine details, the guidance banner, the first-run welcome or the
start-up questions is cut off.

A label that does not wrap must be as wide as its text needs, and a button as wide as its size
hint; labels that wrap give way in height instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QStyle,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hiprehab.history.readiness import current_guidance
from hiprehab.history.store import HistoryStore
from hiprehab.resources import routines_dir
from hiprehab.routine.loader import load_routine
from hiprehab.ui.first_run import FirstRunDialog
from hiprehab.ui.main_window import MIN_SIZE, MainWindow
from hiprehab.ui.player.checkins import PainCheckinDialog
from tests.ui.player.test_guidance_screens import add

pytestmark = pytest.mark.usefixtures("german")


def _shown(root: QWidget) -> Iterator[QWidget]:
    """`root`'s visible labels and buttons, on screen in their window."""
    for widget in root.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.isVisibleTo(root.window()):
            yield widget


def _button_needs(button: QAbstractButton) -> int:
    """The width that shows a button's whole text: its size hint, or less where the style pads
    a short text (a "0" on the pain scale) up to a minimum width it does not need."""
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    style = button.style()
    margin = 2 * (
        style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin)
        + style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
    )
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    advance = button.fontMetrics().horizontalAdvance(text)
    return min(button.sizeHint().width(), advance + margin + icon)


def cut_off(root: QWidget) -> list[str]:
    """Every visible label (without word wrap) or button under `root` narrower than its text."""
    QApplication.processEvents()
    found = []
    for widget in _shown(root):
        if isinstance(widget, QLabel):
            if widget.wordWrap() or not widget.text():
                continue
            need = widget.sizeHint().width()
            if "<" not in widget.text():  # plain text: measured as it is drawn
                need = widget.fontMetrics().horizontalAdvance(widget.text())
            have = widget.contentsRect().width() if "<" not in widget.text() else widget.width()
        else:
            need, have = _button_needs(widget), widget.width()
        if have < need:
            name = type(widget).__name__
            found.append(f"{name} {widget.text()!r}: {have} px wide, needs {need} px")
    return found


def smallest(window: MainWindow) -> MainWindow:
    window.resize(MIN_SIZE)
    QApplication.processEvents()
    assert window.size() == MIN_SIZE, "the German pages need a wider or taller window"
    return window


def test_the_library_page_and_routine_details_fit_the_smallest_window(
    window: MainWindow,
) -> None:
    smallest(window)
    library = window.library
    titles = [e.title for e in library.entries() if e.routine is not None]
    assert titles
    for entry in library.entries():
        library.select(entry.path)
        assert library.meta.text().startswith("Von ") or "Übungen" in library.meta.text()
        assert cut_off(library) == [], entry.path.name
    # the list's columns are not squeezed out of sight, and the details pane keeps a readable
    # width beside it
    assert library.tree.width() >= 380
    assert library.routine_details.width() >= 420
    header = library.tree.header()
    for column in range(1, 4):
        label = library.tree.headerItem().text(column)
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(label)
    # the list's own words (the groups, "none yet") are not elided; routine titles may be
    tree = library.tree
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        assert group is not None
        ours = [group] + [c for c in map(group.child, range(group.childCount())) if c and
                          not c.data(0, Qt.ItemDataRole.UserRole)]  # fmt: skip
        for item in ours:
            font = QFont(tree.font())
            font.setBold(item.font(0).bold())
            indent = tree.indentation() if item.parent() is not None else 0
            # the style sheet's padding (2 px a side) and the view's text margins (4 px a side)
            room = tree.visualItemRect(item).width() - indent - 12
            assert QFontMetrics(font).horizontalAdvance(item.text(0)) <= room, item.text(0)


def test_the_guidance_banner_fits_when_it_asks_to_see_a_clinician(
    make_window: Any, store: HistoryStore
) -> None:
    add(store, 2, before=3, after=9)  # the longest banner: the clinician's words first
    window = smallest(make_window())
    banner = window.guidance_banner
    assert banner.isVisible()
    assert banner.title.text() == "Bitte lass dich ärztlich oder physiotherapeutisch untersuchen"
    assert banner.signs_button.text() == "&Warnzeichen"
    assert cut_off(banner) == []
    assert cut_off(window.library) == []
    assert banner.guidance == current_guidance(store)


def test_the_welcome_fits_its_text(qtbot: QtBot, make_window: Any, dialogs: Any) -> None:
    window = smallest(make_window(first_run_done=False))
    window.run_startup()
    dialog = dialogs.wait(FirstRunDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Willkommen bei hiprehab"
    assert dialog.starter_button is not None
    assert dialog.starter_button.text() == "&Zeig mir „Sanfter Einstieg“" or (
        dialog.starter_button.text().startswith("&Zeig mir „")
    )
    assert cut_off(dialog) == []
    dialog.close_button.click()


def test_the_morning_question_and_a_history_notice_fit(
    qtbot: QtBot, make_window: Any, dialogs: Any, store: HistoryStore
) -> None:
    routine = load_routine(routines_dir() / "gentle-start.hiprehab.toml")
    ended = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # a Sunday, whatever the zone's offset
    sid = store.start_session(routine, started_at=ended, pain_before=2)
    store.finish_session(
        sid, status="completed", active_seconds=600, paused_seconds=0, ended_at=ended
    )
    window = smallest(make_window(today=lambda: date(2026, 3, 2)))
    window.run_startup()
    dialog: QDialog = dialogs.wait(PainCheckinDialog)
    qtbot.waitExposed(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Wie geht es deiner Hüfte heute Morgen?" in texts
    assert any("„Sanfter Einstieg“ am So., 1. März. " in text for text in texts), texts
    assert cut_off(dialog) == []
    dialog.skip_button.click()  # type: ignore[attr-defined]
