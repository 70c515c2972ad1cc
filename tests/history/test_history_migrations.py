"""Schema versions: old files upgrade with their data, newer files are refused untouched."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hiprehab.history.schema import MIGRATIONS, SCHEMA_VERSION, migrate, user_version
from hiprehab.history.store import HistoryStore, StoreError
from tests.history.history_child import sample_routine


def make_version_1_file(path: Path) -> None:
    """A history as the first release wrote it: schema 1 only, one session, two periods."""
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == 1
    conn.execute(
        "INSERT INTO routines (id, content_hash, title, source, text, sessions_per_week, "
        "first_used_at) VALUES (1, 'abc123', 'Old routine', '/old.toml', 'title = \"Old\"', 2, "
        "'2025-03-01T09:00:00Z')"
    )
    conn.execute(
        "INSERT INTO sessions (id, routine_id, started_at, ended_at, status, active_seconds, "
        "paused_seconds, pain_before, pain_after, pain_next_morning, morning_asked) "
        "VALUES (7, 1, '2025-03-01T09:00:00Z', '2025-03-01T09:20:00Z', 'completed', 1100.5, "
        "40, 2, 3, 1, 1)"
    )
    conn.executemany(
        "INSERT INTO work_periods (session_id, exercise_id, exercise_name, set_number, side, "
        "planned_seconds, actual_seconds, status, ended_at) VALUES (7, ?, ?, ?, ?, 40, ?, ?, ?)",
        [
            ("bridge", "Bridge", 1, "none", 40.0, "completed", "2025-03-01T09:05:00Z"),
            (None, "Band walk", 1, "left", 12.5, "skipped", "2025-03-01T09:10:00Z"),
        ],
    )
    conn.close()


def test_there_is_a_real_upgrade_path() -> None:
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 2


def test_a_version_1_file_upgrades_with_its_data(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    make_version_1_file(db)
    with HistoryStore.open(db) as store:
        assert user_version(store._conn) == SCHEMA_VERSION
        (session,) = store.sessions()
        periods = store.work_periods(7)
        (routine,) = store.routines()
        # the upgraded file takes new data next to the old
        new_id = store.start_session(sample_routine())
        store.set_note(7, "added after the upgrade")
    assert session.id == 7 and session.routine_title == "Old routine"
    assert session.started_at == datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    assert session.ended_at == datetime(2025, 3, 1, 9, 20, tzinfo=UTC)
    assert (session.status, session.active_seconds, session.paused_seconds) == (
        "completed",
        1100.5,
        40.0,
    )
    assert (session.pain_before, session.pain_after, session.pain_next_morning) == (2, 3, 1)
    assert session.morning_asked is True
    assert session.note == "" and session.planned_work_periods is None  # added by version 2
    assert (session.completed_work_periods, session.recorded_work_periods) == (1, 2)
    assert [(p.exercise_id, p.exercise_name, p.side, p.actual_seconds) for p in periods] == [
        ("bridge", "Bridge", "none", 40.0),
        (None, "Band walk", "left", 12.5),
    ]
    assert (routine.content_hash, routine.text, routine.sessions_per_week) == (
        "abc123",
        'title = "Old"',
        2,
    )
    with HistoryStore.open(db) as store:
        assert store.session(7).note == "added after the upgrade"
        assert [s.id for s in store.sessions()] == [7, new_id]


def test_a_version_1_file_can_be_viewed_read_only_without_changing_it(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    make_version_1_file(db)
    before = db.read_bytes()
    with HistoryStore.open(db, read_only=True) as viewer:
        assert viewer.session(7).note == ""
    assert db.read_bytes() == before


def test_each_migration_is_all_or_nothing(tmp_path: Path) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    conn = sqlite3.connect(tmp_path / "h.sqlite3", isolation_level=None)
    with pytest.raises(RuntimeError, match="migration bug"):
        migrate(conn, migrations=(MIGRATIONS[0], broken))
    assert user_version(conn) == 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "routines" in tables and "half_done" not in tables
    assert migrate(conn) == SCHEMA_VERSION  # the real next step still applies cleanly
    conn.close()


def test_migrating_twice_is_harmless(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "h.sqlite3", isolation_level=None)
    assert migrate(conn) == SCHEMA_VERSION
    assert migrate(conn) == SCHEMA_VERSION
    with pytest.raises(ValueError, match="no schema version"):
        migrate(conn, target=SCHEMA_VERSION + 1)
    conn.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_a_file_from_a_newer_hiprehab_is_refused_and_left_byte_identical(
    tmp_path: Path, read_only: bool
) -> None:
    db = tmp_path / "history.sqlite3"
    with HistoryStore.open(db) as store:
        store.start_session(sample_routine())
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db.read_bytes()
    files_before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(StoreError) as caught:
        HistoryStore.open(db, read_only=read_only)
    message = str(caught.value)
    assert str(db) in message and "newer version of hiprehab" in message
    assert f"format {SCHEMA_VERSION + 1}" in message
    assert db.read_bytes() == before
    if not read_only:  # (a read-only reader of a WAL file may leave SQLite's empty side files)
        assert sorted(p.name for p in tmp_path.iterdir()) == files_before
