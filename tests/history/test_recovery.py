"""Opening a damaged, unwritable or interrupted history: nothing logged is lost, faults named."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from hiprehab.history.store import HistoryStore, StoreError
from tests.history.history_child import sample_routine
from tests.history.store_helpers import T0, Clock, record


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_a_session_left_running_is_interrupted_on_the_next_open(
    tmp_path: Path, clock: Clock
) -> None:
    db = tmp_path / "history.sqlite3"
    with HistoryStore.open(db, now=clock) as store:
        crashed = store.start_session(sample_routine(), pain_before=1)
        clock.advance(minutes=3)
        record(store, crashed, 1, actual_seconds=30.25)
        clock.advance(minutes=3)
        record(store, crashed, 2, actual_seconds=20.5)
        clock.advance(hours=1)
        empty = store.start_session(sample_routine())
        assert store.session(crashed).status == "running"
        # no finish_session: the process "dies" here
    clock.advance(hours=5)
    with HistoryStore.open(db, now=clock) as store:
        first, second = store.sessions()
    assert (first.id, first.status, first.pain_before) == (crashed, "interrupted", 1)
    assert first.active_seconds == 50.75
    assert first.ended_at == T0 + timedelta(minutes=6)  # the last work period's end
    assert (first.completed_work_periods, first.paused_seconds) == (2, 0.0)
    assert (second.id, second.status, second.active_seconds) == (empty, "interrupted", 0.0)
    assert second.ended_at == second.started_at


def test_an_interrupted_session_can_still_be_finished_by_its_own_process(
    tmp_path: Path, clock: Clock
) -> None:
    """A second app instance opening the file must not make the first one lose its session."""
    db = tmp_path / "history.sqlite3"
    with HistoryStore.open(db, now=clock) as first:
        session_id = first.start_session(sample_routine())
        with HistoryStore.open(db, now=clock) as second:
            assert second.session(session_id).status == "interrupted"
        record(first, session_id, 1)
        first.finish_session(session_id, status="completed", active_seconds=60, paused_seconds=0)
        assert first.session(session_id).status == "completed"
        assert first.session(session_id).recorded_work_periods == 1


def test_a_corrupt_file_is_moved_aside_and_a_fresh_store_works(
    tmp_path: Path, clock: Clock
) -> None:
    db = tmp_path / "history.sqlite3"
    garbage = os.urandom(16384)
    db.write_bytes(garbage)
    Path(f"{db}-wal").write_bytes(b"old wal")
    with HistoryStore.open(db, now=clock) as store:
        aside = tmp_path / "history.sqlite3.corrupt-20261123-140500"
        assert store.moved_aside == aside
        assert aside.read_bytes() == garbage  # moved, never deleted
        assert Path(f"{aside}-wal").read_bytes() == b"old wal"
        assert store.notice is not None
        assert str(db) in store.notice and str(aside) in store.notice
        session_id = store.start_session(sample_routine())
        record(store, session_id, 1)
    with HistoryStore.open(db, now=clock) as store:
        assert store.moved_aside is None and store.notice is None
        assert len(store.sessions()) == 1
    db.write_bytes(garbage)  # damaged again within the same second: a second, distinct name
    with HistoryStore.open(db, now=clock) as store:
        assert store.moved_aside == tmp_path / "history.sqlite3.corrupt-20261123-140500-1"
        assert store.sessions() == []


def test_a_malformed_database_is_moved_aside_too(tmp_path: Path, clock: Clock) -> None:
    db = tmp_path / "history.sqlite3"
    with HistoryStore.open(db, now=clock) as store:
        session_id = store.start_session(sample_routine())
        for n in range(1, 200):
            record(store, session_id, n, exercise_name="Bridge " * 20)
    size = db.stat().st_size
    assert size > 8 * 4096
    with db.open("r+b") as handle:  # a valid header, but wrecked pages in the middle
        handle.seek(4 * 4096)
        handle.write(b"\xff" * (3 * 4096))
    with HistoryStore.open(db, now=clock) as store:
        assert store.moved_aside is not None and store.moved_aside.stat().st_size == size
        assert store.sessions() == []


def test_a_corrupt_file_opened_read_only_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "profile.sqlite3"
    db.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match=f"{db} is damaged"):
        HistoryStore.open(db, read_only=True)
    assert db.read_bytes() == b"not a database at all" * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.sqlite3"]


def test_a_folder_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(StoreError, match=f"cannot create the history folder {blocker}"):
        HistoryStore.open(blocker / "history.sqlite3")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match=f"history folder {folder} is not writable"):
            HistoryStore.open(folder / "history.sqlite3")
    finally:
        folder.chmod(0o700)


def test_a_folder_without_write_permission_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same check without needing a non-root user: the folder reports no write access."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setattr("hiprehab.history.recovery.os.access", lambda *_args: False)
    with pytest.raises(StoreError, match=f"history folder {folder} is not writable"):
        HistoryStore.open(folder / "history.sqlite3")
    assert list(folder.iterdir()) == []


def test_a_full_disk_is_a_clear_error_and_keeps_what_was_saved(
    tmp_path: Path, clock: Clock
) -> None:
    db = tmp_path / "history.sqlite3"
    store = HistoryStore.open(db, now=clock)
    session_id = store.start_session(sample_routine(), pain_before=2)
    record(store, session_id, 1)
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # the "disk" is now full
    with pytest.raises(StoreError, match=f"{db}: the disk is full") as caught:
        record(store, session_id, 2, exercise_name="x" * 200_000)
    assert "everything saved before is kept" in str(caught.value)
    assert not store._conn.in_transaction
    assert store.session(session_id).recorded_work_periods == 1  # still readable
    store.set_pain_after(session_id, 3)  # small writes that fit still work
    store.close()
    with HistoryStore.open(db, now=clock) as reopened:
        saved = reopened.session(session_id)
        assert (saved.recorded_work_periods, saved.pain_before, saved.pain_after) == (1, 2, 3)
        assert saved.status == "interrupted"
