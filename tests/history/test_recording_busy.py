"""Recording a session while a second connection holds the file's write lock (`BEGIN EXCLUSIVE`,
as a backup tool or another reader with a write transaction open would): every write is kept
in memory in order, retried on the FakeClock's schedule, and all written once the lock goes."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hiprehab.history.errors import StoreBusyError, StoreError
from hiprehab.history.session_writer import SessionWriter
from hiprehab.history.store import HistoryStore
from hiprehab.routine.loader import load_routine_text
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import SessionEngine
from hiprehab.session.recorder import RETRY_MAX, SessionRecorder
from tests.history.store_helpers import Clock

ROUTINE = (
    'format = 1\ntitle = "T"\n[timing]\nprepare = 0\n'
    '[[exercise]]\nname = "A"\nhold = 5\nsets = 6\nrest = 1\n'
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(tmp_path / "history.sqlite3", now=Clock()) as opened:
        yield opened


@pytest.fixture
def locker(store: HistoryStore) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(store.path, isolation_level=None)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


class Session:
    """An engine on a FakeClock with a recorder writing through a short-timeout writer."""

    def __init__(self, store: HistoryStore) -> None:
        routine = load_routine_text(ROUTINE, source_name="t", base_dir=None)
        self.clock = FakeClock()
        self.engine = SessionEngine.for_routine(routine, self.clock)
        self.errors: list[str] = []
        self.waiting: list[bool] = []
        self.writer = SessionWriter(store, busy_timeout=0.01)
        self.recorder = SessionRecorder(
            self.writer,
            routine,
            self.engine.outcome,
            self.errors.append,
            failures=(StoreError,),
            busy=(StoreBusyError,),
            clock=self.clock,
            now=store.now,
            on_waiting=self.waiting.append,
        )
        self.recorder.begin(pain_before=2)
        self.engine.subscribe(self.recorder.handle)

    def play(self, seconds: int) -> None:
        """Seconds of the session in 1 s ticks, the app's retry timer called at each."""
        for _ in range(seconds):
            self.clock.advance(1)
            self.engine.update()
            self.recorder.retry()


def test_a_session_recorded_on_a_locked_file_is_all_written_once_the_lock_goes(
    store: HistoryStore, locker: sqlite3.Connection
) -> None:
    session = Session(store)
    session.engine.start()
    session.play(6)  # the first of six work periods is done and written
    (record,) = store.sessions()
    assert len(store.work_periods(record.id)) == 1

    locker.execute("BEGIN EXCLUSIVE")
    started = time.monotonic()
    session.play(60)  # five more work periods and the end, all while the file is locked
    session.recorder.set_pain_after(3, "a bit stiff")
    assert time.monotonic() - started < 3.0  # no write waited the 5 s busy timeout
    assert session.engine.status == "finished"
    assert (session.errors, session.waiting) == ([], [True])  # busy is not a failure
    assert session.recorder.recording and session.recorder.pending == 8  # 5 + finish + 2
    assert len(store.work_periods(record.id)) == 1 and store.session(record.id).status == "running"

    locker.execute("ROLLBACK")
    session.recorder.retry()  # not due yet: the delay has grown while the file was locked
    assert session.recorder.pending == 8
    session.clock.advance(RETRY_MAX)
    session.recorder.retry()
    assert (session.recorder.pending, session.waiting, session.errors) == (0, [True, False], [])

    record = store.session(record.id)
    assert (record.status, record.pain_before, record.pain_after) == ("completed", 2, 3)
    assert record.note == "a bit stiff"
    assert record.active_seconds == session.engine.outcome().active_seconds
    periods = store.work_periods(record.id)
    assert [p.set_number for p in periods] == [1, 2, 3, 4, 5, 6]
    assert all(p.status == "completed" and p.actual_seconds == 5.0 for p in periods)
    # stamped when each was done, not when the file was free
    assert record.ended_at == periods[-1].ended_at


def test_a_session_started_on_a_locked_file_gets_its_row_once_the_lock_goes(
    store: HistoryStore, locker: sqlite3.Connection
) -> None:
    locker.execute("BEGIN EXCLUSIVE")
    session = Session(store)  # the session row itself has to wait
    session.engine.start()
    session.play(20)
    assert session.recorder.recording and session.recorder.session_id is None
    locker.execute("ROLLBACK")
    session.play(60)  # the app's timer retries while the session goes on
    assert session.recorder.pending == 0 and session.errors == []
    (record,) = store.sessions()
    assert record.status == "completed" and record.pain_before == 2
    assert [p.set_number for p in store.work_periods(record.id)] == [1, 2, 3, 4, 5, 6]


def test_a_write_to_a_locked_file_gives_up_after_its_short_timeout(
    store: HistoryStore, locker: sqlite3.Connection
) -> None:
    locker.execute("BEGIN EXCLUSIVE")
    writer = SessionWriter(store, busy_timeout=0.01)
    with pytest.raises(StoreBusyError, match="another program is using the file"):
        writer.set_note(1, "x")
    (timeout,) = store._conn.execute("PRAGMA busy_timeout").fetchone()
    assert timeout == 5000  # the store's other writes keep waiting the usual time
