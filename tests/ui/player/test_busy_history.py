"""A session played while another program holds the history file's write lock (a backup tool,
a second reader with a write transaction open): nothing blocks, nothing is lost, and it is all
written once the file is free. Driven through the real window with a FakeClock."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hiprehab.history.store import HistoryStore
from hiprehab.session.clock import FakeClock
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player.checkins import PainCheckinDialog
from tests.ui.player.test_player import run, start_short_session

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def locker(store: HistoryStore) -> Iterator[sqlite3.Connection]:
    """A second connection to the same file, ready to take the write lock."""
    conn = sqlite3.connect(store.path, isolation_level=None)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def test_a_session_on_a_busy_history_is_kept_and_written_when_the_file_is_free(
    qtbot: QtBot,
    dialogs: Any,
    make_window: WindowFactory,
    clock: FakeClock,
    store: HistoryStore,
    routine_file: Path,
    locker: sqlite3.Connection,
) -> None:
    window = make_window()
    start_short_session(qtbot, dialogs, window, routine_file, pain_before=3)
    run(window, clock, 6.5)  # the first work period (left side) is done and written
    (session,) = store.sessions()
    assert len(store.work_periods(session.id)) == 1

    locker.execute("BEGIN EXCLUSIVE")  # from now on every write finds the file busy
    started = time.monotonic()
    run(window, clock, 30.0)  # the other four work periods, and the end of the session
    after = dialogs.wait(PainCheckinDialog)
    after.select(4)
    assert after.note is not None
    after.note.setPlainText("Left hip a little sore")
    after.save_button.click()
    assert time.monotonic() - started < 4.0  # never the 5 s busy wait, let alone one per write

    assert window.player.page == "summary"
    assert not dialogs.visible(QMessageBox)  # busy is not a failure: no "History not saved"
    assert "in use" in window.player.summary.saved_label.text()
    assert "in use" in window.statusBar().currentMessage()
    assert len(store.work_periods(session.id)) == 1  # nothing could be written yet...

    locker.execute("ROLLBACK")  # ...the other program lets go of the file
    clock.advance(30.0)  # past any retry delay: the app's timer then writes it all

    def all_written() -> None:
        record = store.session(session.id)
        assert record.status == "completed"
        assert (record.pain_before, record.pain_after) == (3, 4)
        assert record.note == "Left hip a little sore"

    qtbot.waitUntil(all_written, timeout=3000)
    periods = store.work_periods(session.id)
    assert [(p.exercise_name, p.set_number, p.side) for p in periods] == [
        ("Side leg lift", 1, "left"),
        ("Side leg lift", 1, "right"),
        ("Side leg lift", 2, "left"),
        ("Side leg lift", 2, "right"),
        ("Plank", 1, "none"),
    ]
    assert all(p.status == "completed" for p in periods)
    assert store.session(session.id).active_seconds == 34.0
    assert window.statusBar().currentMessage() == ""
    assert window.player.summary.saved_label.text() == "Saved in your history."
    assert not dialogs.visible(QMessageBox)


def test_quitting_while_writes_wait_makes_one_last_try(
    qtbot: QtBot,
    dialogs: Any,
    make_window: WindowFactory,
    clock: FakeClock,
    store: HistoryStore,
    routine_file: Path,
    locker: sqlite3.Connection,
) -> None:
    window = make_window()
    start_short_session(qtbot, dialogs, window, routine_file, pain_before=None)
    locker.execute("BEGIN EXCLUSIVE")
    run(window, clock, 7.0)  # the first work period waits for the file
    assert window.flow.saving.unsaved == 1
    locker.execute("ROLLBACK")  # free again, but the next retry is not due yet
    window.close()
    box = dialogs.wait(QMessageBox)
    next(b for b in box.buttons() if b.text() == "Stop and quit").click()
    assert not window.isVisible()
    assert window.flow.saving.unsaved == 0
    (record,) = store.sessions()
    assert record.status == "stopped"
    assert [p.side for p in store.work_periods(record.id)] == ["left"]
