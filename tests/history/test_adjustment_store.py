"""The adjustments table: add, undo (kept as a record), list, upgrade from v3, export/import."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiprehab.history.adjustments import Adjustment
from hiprehab.history.errors import HistoryFileError
from hiprehab.history.exchange.json_format import json_text, parse_json, write_json
from hiprehab.history.exchange.profiles import import_history
from hiprehab.history.records import routine_hash
from hiprehab.history.schema import SCHEMA_VERSION, migrate, user_version
from hiprehab.history.store import HistoryStore, ReadOnlyStoreError
from hiprehab.paths import AppPaths
from tests.history.history_child import sample_routine

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def step(digest: str, minutes: int = 0, **changes: object) -> Adjustment:
    base = Adjustment(
        routine_hash=digest,
        exercise_index=1,
        library_id="clamshell",
        field="reps",
        old=12,
        new=14,
        direction="progress",
        created_at=T0 + timedelta(minutes=minutes),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    opened = HistoryStore.open(tmp_path / "history.sqlite3", now=lambda: T0 + timedelta(days=1))
    opened.start_session(sample_routine(), started_at=T0 - timedelta(hours=1))
    return opened


def test_steps_are_added_undone_and_listed_per_routine(store: HistoryStore) -> None:
    digest = routine_hash(sample_routine())
    first = store.add_adjustment(step(digest, 1))
    second = store.add_adjustment(step(digest, 2, field="sets", old=2, new=3))
    other = store.add_adjustment(step("other-routine", 3))
    assert first.id is not None and first.id != second.id
    assert store.adjustments(digest) == [first, second]
    store.undo_adjustment(second.id or 0)
    # the undone step is kept, with the time it was undone, but is no longer active
    undone = replace(second, undone_at=T0 + timedelta(days=1))
    assert store.adjustments(digest) == [first, undone]
    assert store.adjustments(digest, active_only=True) == [first]
    assert store.adjustments() == [first, undone, other]
    with pytest.raises(ValueError, match="already undone"):
        store.undo_adjustment(second.id or 0)
    with pytest.raises(ValueError, match="no adjustment"):
        store.undo_adjustment(999)
    store.close()


@pytest.mark.parametrize(
    "changes",
    [
        {"field": "weight"},
        {"direction": "sideways"},
        {"exercise_index": -1},
        {"old": float("nan")},
        {"new": -2},
        {"field": "version", "new": 2},
        {"library_id": ""},
    ],
)
def test_impossible_steps_are_refused(store: HistoryStore, changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        store.add_adjustment(step("h", **changes))
    assert store.adjustments() == []
    store.close()


def test_a_read_only_store_takes_no_steps(store: HistoryStore) -> None:
    store.add_adjustment(step("h"))
    store.close()
    with HistoryStore.open(store.path, read_only=True) as viewer:
        assert len(viewer.adjustments()) == 1
        with pytest.raises(ReadOnlyStoreError):
            viewer.add_adjustment(step("h"))
        with pytest.raises(ReadOnlyStoreError):
            viewer.undo_adjustment(1)


def test_a_version_3_file_upgrades_and_keeps_its_sessions(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn, target=3) == 3
    conn.execute(
        "INSERT INTO routines (id, content_hash, title, source, text, sessions_per_week, "
        "first_used_at) VALUES (1, 'abc', 'Old', NULL, 'x', 3, '2026-11-01T09:00:00Z')"
    )
    conn.execute(
        "INSERT INTO sessions (id, routine_id, started_at, ended_at, status) "
        "VALUES (4, 1, '2026-11-01T09:00:00Z', '2026-11-01T09:20:00Z', 'completed')"
    )
    conn.execute("INSERT INTO meta (key, value) VALUES ('person', 'Sam')")
    conn.close()
    with HistoryStore.open(db) as upgraded:
        assert user_version(upgraded._conn) == SCHEMA_VERSION >= 4
        assert [s.id for s in upgraded.sessions()] == [4]
        assert upgraded.meta("person") == "Sam"
        assert upgraded.adjustments() == []
        added = upgraded.add_adjustment(step("abc"))
    with HistoryStore.open(db) as again:
        assert again.adjustments("abc") == [added]


def test_steps_travel_in_the_json_export_and_back(store: HistoryStore, tmp_path: Path) -> None:
    digest = routine_hash(sample_routine())
    kept = store.add_adjustment(step(digest, 1))
    taken_back = store.add_adjustment(
        step(digest, 2, field="version", old=0, new=1, text="Add a band.")
    )
    store.undo_adjustment(taken_back.id or 0)
    snapshot = store.snapshot()
    data = json.loads(json_text(snapshot, person="Sam", exported_at=T0 + timedelta(days=2)))
    assert [a["change"] for a in data["adjustments"]] == [
        "14 reps instead of 12",
        "the harder version",
    ]
    assert data["adjustments"][1]["undone_at"] == "2026-12-02T09:00:00Z"
    export = tmp_path / "export.json"
    write_json(snapshot, export, person="Sam", exported_at=T0 + timedelta(days=2))
    result = import_history(export, AppPaths.from_environment(), name="Sam")
    with HistoryStore.open(result.profile.path, read_only=True) as imported:
        back = imported.adjustments()
    assert [replace(a, id=None) for a in back] == [
        replace(kept, id=None),
        replace(taken_back, id=None, undone_at=T0 + timedelta(days=1)),
    ]
    store.close()


def test_old_exports_without_steps_still_import(store: HistoryStore, tmp_path: Path) -> None:
    data = json.loads(json_text(store.snapshot(), person=None, exported_at=T0))
    del data["adjustments"]
    snapshot, _person = parse_json(json.dumps(data), tmp_path / "old.json")
    assert snapshot.adjustments == ()
    store.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: a.update(routine_hash="nope"), "names no routine"),
        (lambda a: a.pop("field"), "missing 'field'"),
        (lambda a: a.update(created_at="yesterday"), "created_at"),
        (lambda a: a.update(new=-3), "adjustments\\[0\\]"),
    ],
)
def test_a_bad_step_in_an_import_names_its_place(
    store: HistoryStore, tmp_path: Path, change: object, message: str
) -> None:
    store.add_adjustment(step(routine_hash(sample_routine())))
    data = json.loads(json_text(store.snapshot(), person=None, exported_at=T0))
    change(data["adjustments"][0])  # type: ignore[operator]
    with pytest.raises(HistoryFileError, match=message):
        parse_json(json.dumps(data), tmp_path / "bad.json")
    store.close()
