"""Opening a history while another program holds its write lock: the history stays on.

Reading a WAL history is never blocked by another writer, so the store opens at once; the one
write opening makes (a session left running by a crash becomes `interrupted`) is done with
the first write made once the file is free, before that write, in the same transaction.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hiprehab.history.store import HistoryStore
from tests.history.history_child import sample_routine
from tests.history.store_helpers import Clock, record


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A history with one session left `running` by a process that died, and one period."""
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path, now=Clock()) as store:
        session_id = store.start_session(sample_routine(), pain_before=2)
        record(store, session_id, 1)
    return path


@pytest.fixture
def locker(db: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the file's write lock until the test lets go."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def test_a_locked_history_opens_at_once_and_is_readable(
    db: Path, locker: sqlite3.Connection
) -> None:
    started = time.monotonic()
    with HistoryStore.open(db, now=Clock()) as store:
        assert time.monotonic() - started < 2.0  # not the 5 s busy wait
        (session,) = store.sessions()
        assert len(store.work_periods(session.id)) == 1
        assert store.notice is None  # nothing the user must act on


def test_the_crashed_session_is_recovered_with_the_first_write_once_the_file_is_free(
    db: Path, locker: sqlite3.Connection
) -> None:
    clock = Clock()
    with HistoryStore.open(db, now=clock) as store:
        locker.execute("ROLLBACK")
        clock.advance(hours=1)
        new_id = store.start_session(sample_routine(), pain_before=1)
        old, new = store.sessions()
        assert old.status == "interrupted" and old.active_seconds == 45.5
        assert (new.id, new.status) == (new_id, "running")  # ours is not taken for a crash
        record(store, new_id, 1)
        assert store.session(new_id).status == "running"


def test_a_history_opened_while_busy_recovers_on_its_next_open_too(
    db: Path, locker: sqlite3.Connection
) -> None:
    HistoryStore.open(db, now=Clock()).close()  # busy all along: nothing was written
    locker.execute("ROLLBACK")
    with HistoryStore.open(db, now=Clock()) as store:
        (session,) = store.sessions()
        assert session.status == "interrupted"
