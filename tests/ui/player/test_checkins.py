"""The pain check-in dialog on its own, and the next-morning question at start-up."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from hiprehab import safety
from hiprehab.history.store import HistoryStore
from hiprehab.resources import routines_dir
from hiprehab.routine.loader import load_routine
from hiprehab.ui.player.checkins import PainCheckinDialog
from hiprehab.ui.player.flow import pain_checkin


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def make_dialog(
    qtbot: QtBot, parent: QWidget, *, with_note: bool = False
) -> tuple[PainCheckinDialog, list[Any]]:
    dialog = pain_checkin(parent, "How is your hip right now?", with_note=with_note)
    answers: list[Any] = []
    dialog.answered.connect(lambda value, note: answers.append((value, note)))
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog, answers


def test_scale_has_eleven_big_buttons_and_the_end_words(qtbot: QtBot, parent: QWidget) -> None:
    dialog, _ = make_dialog(qtbot, parent)
    assert [b.text() for b in dialog.buttons] == [str(n) for n in range(11)]
    assert all(b.minimumHeight() >= 56 and b.accessibleName() for b in dialog.buttons)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"0 = {safety.PAIN_SCALE_WORDS[0]}" in texts
    assert f"10 = {safety.PAIN_SCALE_WORDS[10]}" in texts
    assert not dialog.save_button.isEnabled()  # nothing chosen yet


def test_digits_pick_a_score_and_enter_saves(qtbot: QtBot, parent: QWidget) -> None:
    dialog, answers = make_dialog(qtbot, parent)
    qtbot.keyClick(dialog, "7")
    assert dialog.value() == 7
    qtbot.keyClick(dialog, "1")
    qtbot.keyClick(dialog, "0")
    assert dialog.value() == 10  # "1" then "0" is ten
    qtbot.keyClick(dialog, "0")
    assert dialog.value() == 0
    qtbot.keyClick(dialog, "4")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert answers == [(4, "")]
    assert not dialog.isVisible()


def test_escape_skips(qtbot: QtBot, parent: QWidget) -> None:
    dialog, answers = make_dialog(qtbot, parent)
    qtbot.keyClick(dialog, "3")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers == [(None, "")]
    assert dialog.cancel_button is None  # only the before-session question can be called off


def test_cancellable_question_tells_cancel_from_skip(qtbot: QtBot, parent: QWidget) -> None:
    results: list[Any] = []
    for how in ("escape", "cancel", "close", "skip"):
        dialog = pain_checkin(parent, "How is your hip right now?", cancellable=True)
        dialog.answered.connect(lambda value, note, how=how: results.append((how, value)))
        dialog.cancelled.connect(lambda how=how: results.append((how, "cancelled")))
        dialog.open()
        qtbot.waitExposed(dialog)
        assert dialog.cancel_button is not None
        assert dialog.cancel_button.accessibleName() and "Esc" in dialog.cancel_button.toolTip()
        assert "Esc" not in dialog.skip_button.toolTip()
        qtbot.keyClick(dialog, "6")
        if how == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        elif how == "cancel":
            dialog.cancel_button.click()
        elif how == "close":
            dialog.close()
        else:
            dialog.skip_button.click()
        assert not dialog.isVisible()
    assert results == [
        ("escape", "cancelled"),
        ("cancel", "cancelled"),
        ("close", "cancelled"),
        ("skip", None),  # answered, without a score
    ]


def test_clicking_a_number_then_save_with_a_note(qtbot: QtBot, parent: QWidget) -> None:
    dialog, answers = make_dialog(qtbot, parent, with_note=True)
    assert dialog.note is not None
    qtbot.mouseClick(dialog.buttons[5], Qt.MouseButton.LeftButton)
    dialog.note.setFocus()
    qtbot.keyClicks(dialog.note, "sore 2")  # digits typed into the note stay in the note
    assert dialog.value() == 5
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert answers == [(5, "sore 2")]


def _finished_session(store: HistoryStore, ended: datetime) -> int:
    routine = load_routine(routines_dir() / "gentle-start.hiprehab.toml")
    sid = store.start_session(routine, started_at=ended, pain_before=2)
    store.finish_session(
        sid, status="completed", active_seconds=600, paused_seconds=0, ended_at=ended
    )
    store.set_pain_after(sid, 3)
    return sid


def test_next_morning_question_is_asked_once(
    qtbot: QtBot, make_window: Any, dialogs: Any, store: HistoryStore
) -> None:
    sid = _finished_session(store, datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    window = make_window(today=lambda: date(2026, 3, 2))
    window.run_startup()
    dialog = dialogs.wait(PainCheckinDialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "How is your hip this morning?" in texts
    assert any("Gentle start" in text for text in texts)
    dialog.select(1)
    dialog.save_button.click()
    record = store.session(sid)
    assert record.pain_next_morning == 1 and record.morning_asked
    assert window.dialog is None

    again = make_window(today=lambda: date(2026, 3, 2))
    again.run_startup()
    assert again.dialog is None


def test_skipping_the_morning_question_still_counts_as_asked(
    qtbot: QtBot, make_window: Any, dialogs: Any, store: HistoryStore
) -> None:
    sid = _finished_session(store, datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    window = make_window(today=lambda: date(2026, 3, 2))
    window.run_startup()
    dialogs.wait(PainCheckinDialog).skip_button.click()
    record = store.session(sid)
    assert record.pain_next_morning is None and record.morning_asked


def test_no_morning_question_on_the_same_day(
    make_window: Any, store: HistoryStore
) -> None:
    _finished_session(store, datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    window = make_window(today=lambda: date(2026, 3, 2))
    window.run_startup()
    assert window.dialog is None
