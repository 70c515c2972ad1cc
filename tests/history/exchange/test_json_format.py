"""JSON export and import: everything round-trips, and a bad file is named with its fault."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiprehab.history import stats
from hiprehab.history.errors import HistoryFileError
from hiprehab.history.exchange.csv_format import csv_text
from hiprehab.history.exchange.json_format import json_text, parse_export, parse_json, write_json
from hiprehab.history.exchange.profiles import (
    as_of,
    import_history,
    list_profiles,
)
from hiprehab.history.guidance import evaluate
from hiprehab.history.records import (
    HistorySnapshot,
    RoutineRecord,
    SessionRecord,
    WorkPeriodRecord,
    file_name_only,
)
from hiprehab.history.store import HistoryStore, ReadOnlyStoreError
from hiprehab.paths import AppPaths
from tests.history.exchange.sample_history import EXPORTED, NOTE


def all_stats(sessions: list[SessionRecord]) -> tuple[Any, ...]:
    weeks = stats.weekly_adherence(sessions, start=None, end=date(2027, 1, 20))
    guidance = evaluate(sessions, as_of=datetime(2027, 1, 20, tzinfo=UTC), tz=UTC)
    return weeks, stats.streak(weeks), stats.pain_series(sessions), guidance


def without_ids(periods: list[WorkPeriodRecord]) -> list[WorkPeriodRecord]:
    return [dataclasses.replace(p, id=0) for p in periods]


def test_json_round_trip_gives_the_same_history_and_statistics(
    filled: HistoryStore, tmp_path: Path, paths: AppPaths
) -> None:
    export = tmp_path / "anna.json"
    write_json(filled.snapshot(), export, person="Anna Berg", exported_at=EXPORTED)
    result = import_history(export, paths)
    assert result.profile.name == "Anna Berg" and result.sessions == 8 and not result.replaced
    assert result.profile.path == paths.profiles_dir / "anna-berg.sqlite3"
    assert not paths.history_db.exists()  # nothing went into the user's own history

    with HistoryStore.open(result.profile.path, read_only=True) as copy:
        assert copy.sessions() == filled.sessions()  # ids, scores, counts, notes, statuses
        # routines travel whole, but with their file's name only (a path names a home folder)
        assert copy.routines() == [
            dataclasses.replace(r, source=file_name_only(r.source)) for r in filled.routines()
        ]
        for session in filled.sessions():
            assert without_ids(copy.work_periods(session.id)) == without_ids(
                filled.work_periods(session.id)
            )
        assert all_stats(copy.sessions()) == all_stats(filled.sessions())
        assert copy.meta("person") == "Anna Berg"
        assert copy.meta("imported_from") == str(export)
        assert copy.meta("exported_at") == "2027-01-20T12:00:00Z"
        assert as_of(copy) == EXPORTED  # the profile is shown as of its export
        with pytest.raises(ReadOnlyStoreError):
            copy.set_note(1, "changed")
    # the statistics are not trivial: they would reveal a lost or altered session
    weeks, streak, series, guidance = all_stats(filled.sessions())
    assert [w.label for w in weeks] == ["2026-W53", "2027-W01", "2027-W02", "2027-W03"]
    assert [w.sessions for w in weeks] == [3, 3, 2, 0]
    assert streak == 0 and guidance.colour == "green"
    assert [p.after for p in series] == [3, 5, None, 2, 4, 6, 3, None]


def test_json_holds_everything_a_physio_needs(filled: HistoryStore) -> None:
    data = json.loads(json_text(filled.snapshot(), person=None, exported_at=EXPORTED))
    assert data["format"] == "hiprehab-history" and data["format_version"] == 1
    assert data["exported_at"] == "2027-01-20T12:00:00Z" and data["person"] is None
    assert [r["sessions_per_week"] for r in data["routines"]] == [3, 4]
    assert "sessions_per_week = 4" in data["routines"][1]["text"]
    first = data["sessions"][0]
    assert first["started_at"] == "2026-12-28T07:00:00Z"
    assert first["routine_hash"] == data["routines"][0]["hash"]
    assert len(first["work_periods"]) == 7 and first["morning_asked"] is True
    assert first["work_periods"][0]["ended_at"] == "2026-12-28T07:03:00Z"
    assert data["sessions"][1]["note"] == NOTE


def valid_export(filled: HistoryStore) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        json_text(filled.snapshot(), person="Anna", exported_at=EXPORTED)
    )
    return data


def broken(data: dict[str, Any], change: str) -> str:
    """`data` as JSON text after one named change."""
    if change == "pain 11":
        data["sessions"][0]["pain_after"] = 11
    elif change == "unknown routine":
        data["sessions"][1]["routine_hash"] = "f" * 64
    elif change == "twice":
        data["sessions"][1]["id"] = data["sessions"][0]["id"]
    elif change == "side":
        data["sessions"][0]["work_periods"][2]["side"] = "middle"
    elif change == "naive time":
        data["sessions"][0]["started_at"] = "2026-12-28T07:00:00"
    elif change == "newer":
        data["format_version"] = 99
    elif change == "not ours":
        data["format"] = "something-else"
    elif change == "missing":
        del data["sessions"][0]["note"]
    elif change == "huge id":
        data["sessions"][0]["id"] = 10**30
    elif change == "list":
        return "[1, 2]"
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("pain 11", r"sessions\[0\]\.pain_after: must be 0-10, not 11"),
        ("unknown routine", r"sessions\[1\]\.routine_hash: names no routine"),
        ("twice", r"sessions\[1\]\.id: session 1 appears twice"),
        ("side", r"sessions\[0\]\.work_periods\[2\]\.side: must be one of left, right, none"),
        ("naive time", r"sessions\[0\]\.started_at: must be an ISO 8601 time with a zone"),
        ("newer", "exported by a newer version of hiprehab"),
        ("not ours", "is not a hiprehab history export"),
        ("missing", r"sessions\[0\]: missing 'note'"),
        ("huge id", r"sessions\[0\]\.id: must be 1 or more \(and not huge\)"),
        ("list", "the file: must be an object"),
    ],
)
def test_a_bad_import_names_file_and_fault_and_creates_nothing(
    filled: HistoryStore, tmp_path: Path, paths: AppPaths, change: str, message: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(broken(valid_export(filled), change), encoding="utf-8")
    with pytest.raises(HistoryFileError, match=message) as caught:
        import_history(source, paths)
    assert str(caught.value).startswith(str(source))
    assert list_profiles(paths) == []
    assert not paths.profiles_dir.exists() or list(paths.profiles_dir.iterdir()) == []


def test_invalid_json_says_where(tmp_path: Path, paths: AppPaths) -> None:
    source = tmp_path / "cut.json"
    source.write_text('{"format": "hiprehab-history",\n  "sessions": [', encoding="utf-8")
    with pytest.raises(HistoryFileError, match=f"{source} is not valid JSON \\(line 2"):
        import_history(source, paths)
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(HistoryFileError, match=f"{binary} is not a text file in UTF-8"):
        import_history(binary, paths)
    with pytest.raises(HistoryFileError, match="cannot read .*missing.json"):
        import_history(tmp_path / "missing.json", paths)


# ------------------------------------------------------------------------------ any text


texts = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)


@settings(max_examples=30)
@given(note=texts, name=texts.filter(bool), person=st.none() | texts)
def test_any_text_survives_json_and_csv(note: str, name: str, person: str | None) -> None:
    started = datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)
    routine = RoutineRecord(
        content_hash="a" * 64,
        title=name,
        source=None,
        text=f"title = {json.dumps(name)}",
        sessions_per_week=3,
        first_used_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    session = SessionRecord(
        id=5, routine_hash=routine.content_hash, routine_title=name, sessions_per_week=3,
        started_at=started, ended_at=None, status="running", active_seconds=0.0,
        paused_seconds=0.0, pain_before=None, pain_after=None, pain_next_morning=None,
        morning_asked=False, note=note, planned_work_periods=None, completed_work_periods=1,
        recorded_work_periods=1,
    )  # fmt: skip
    period = WorkPeriodRecord(
        id=0, session_id=5, exercise_id=None, exercise_name=name, set_number=1, side="none",
        planned_seconds=1.5, actual_seconds=0.125, status="completed", ended_at=started,
    )  # fmt: skip
    snapshot = HistorySnapshot((routine,), (session,), (period,))
    text = json_text(snapshot, person=person, exported_at=EXPORTED)
    assert parse_json(text, Path("x.json")) == (snapshot, person)
    (header, row) = list(csv.reader(io.StringIO(csv_text(snapshot), newline="")))
    cells = dict(zip(header, row, strict=True))
    for column, value in (("note", note), ("exercise", name), ("routine", name)):
        defused = "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
        assert cells[column] == defused


def test_the_export_time_is_read_and_checked(filled: HistoryStore, tmp_path: Path) -> None:
    text = json_text(filled.snapshot(), person="Anna", exported_at=EXPORTED)
    assert parse_export(text, Path("a.json")).exported_at == EXPORTED
    data = json.loads(text)
    data["exported_at"] = "2027-01-20T13:00:00+01:00"
    assert parse_export(json.dumps(data), Path("a.json")).exported_at == EXPORTED
    data["exported_at"] = "yesterday"
    with pytest.raises(HistoryFileError, match=r"exported_at.*ISO 8601"):
        parse_export(json.dumps(data), Path("a.json"))
    del data["exported_at"]  # not written by hiprehab, but readable
    assert parse_export(json.dumps(data), Path("a.json")).exported_at is None
