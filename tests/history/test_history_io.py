"""Export and import: CSV for spreadsheets, JSON into a separate read-only profile."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiprehab.history import stats
from hiprehab.history.errors import HistoryFileError
from hiprehab.history.exchange.csv_format import CSV_COLUMNS, csv_text, write_csv
from hiprehab.history.exchange.json_format import json_text, parse_export, parse_json, write_json
from hiprehab.history.exchange.profiles import (
    ProfileExistsError,
    as_of,
    find_profile,
    import_history,
    list_profiles,
    slugify,
)
from hiprehab.history.guidance import evaluate
from hiprehab.history.records import HistorySnapshot, RoutineRecord, SessionRecord, WorkPeriodRecord
from hiprehab.history.store import HistoryStore, ReadOnlyStoreError
from hiprehab.paths import AppPaths
from tests.history.history_child import sample_routine

T0 = datetime(2026, 12, 28, 7, 0, tzinfo=UTC)  # a Monday in 2026-W53
EXPORTED = datetime(2027, 1, 20, 12, 0, tzinfo=UTC)
NOTE = 'Sore after the band walk, "left" side;\nbetter by lunch — 😅'


class Clock:
    def __init__(self) -> None:
        self.moment = T0

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def paths() -> AppPaths:
    return AppPaths.from_environment()  # inside the per-test HIPREHAB_HOME


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[HistoryStore]:
    """Eight sessions over three ISO weeks across new year, two routines, all statuses."""
    clock = Clock()
    store = HistoryStore.open(tmp_path / "own.sqlite3", now=clock)
    plan = [
        # (day offset, routine per week, status, periods completed of 7, before, after, morning)
        (0, 3, "completed", 7, 2, 3, 2),
        (2, 3, "stopped", 3, 3, 5, None),
        (4, 3, "interrupted", 2, None, None, None),
        (7, 3, "completed", 7, 2, 2, 1),
        (9, 4, "completed", 7, 1, 4, 4),
        (11, 4, "completed", 6, 2, 6, None),
        (14, 4, "completed", 7, 2, 3, 2),
        (16, 4, "running", 1, 3, None, None),
    ]
    for day, per_week, status, done, before, after, morning in plan:
        clock.moment = T0 + timedelta(days=day, hours=day % 5)
        session_id = store.start_session(
            sample_routine(sessions_per_week=per_week), pain_before=before
        )
        for n in range(1, 8 if status == "completed" else done + 1):
            clock.moment += timedelta(minutes=3)
            store.record_work_period(
                session_id,
                exercise_id=None if n == 7 else "bridge",
                exercise_name="=Own stretch" if n == 7 else "Bridge",
                set_number=n,
                side="left" if n % 2 else "right",
                planned_seconds=45.0,
                actual_seconds=45.0 if n <= done else 2.5,
                status="completed" if n <= done else "skipped",
            )
        if status != "running":
            clock.moment += timedelta(minutes=1)
            store.finish_session(
                session_id, status=status, active_seconds=300.25, paused_seconds=12
            )
        store.set_pain_after(session_id, after)
        store.set_pain_next_morning(session_id, morning)
        if day == 2:
            store.set_note(session_id, NOTE)
        if day == 7:
            store.set_note(session_id, "=SUM(A1:A9)")
    store.mark_morning_asked(1)
    yield store
    store.close()


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
        assert copy.routines() == filled.routines()
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


def test_an_import_with_a_name_already_taken_is_refused(
    filled: HistoryStore, tmp_path: Path, paths: AppPaths
) -> None:
    """Two patients called Anna: the second import must not silently replace the first."""
    first = tmp_path / "first.json"
    write_json(filled.snapshot(), first, person="Anna", exported_at=EXPORTED)
    import_history(first, paths)
    before = (paths.profiles_dir / "anna.sqlite3").read_bytes()
    other = dataclasses.replace(filled.snapshot(), sessions=filled.snapshot().sessions[:1])
    second = tmp_path / "second.json"
    write_json(dataclasses.replace(other, work_periods=()), second, person="ANNA",
               exported_at=EXPORTED)  # fmt: skip
    with pytest.raises(ProfileExistsError, match="already an imported profile called 'Anna'") as e:
        import_history(second, paths)
    assert e.value.profile.path == paths.profiles_dir / "anna.sqlite3"
    assert isinstance(e.value, HistoryFileError)  # the command line reports it as a user error
    assert (paths.profiles_dir / "anna.sqlite3").read_bytes() == before
    assert sorted(p.name for p in paths.profiles_dir.iterdir()) == ["anna.sqlite3"]
    # under another name it is a profile of its own
    assert import_history(second, paths, name="Anna K").sessions == 1
    assert [p.name for p in list_profiles(paths)] == ["Anna", "Anna K"]


def test_reimporting_the_same_person_replaces_the_profile_when_asked(
    filled: HistoryStore, tmp_path: Path, paths: AppPaths
) -> None:
    export = tmp_path / "export.json"
    write_json(filled.snapshot(), export, person="Anna Berg", exported_at=EXPORTED)
    import_history(export, paths)
    fewer = filled.snapshot()
    fewer = dataclasses.replace(fewer, sessions=fewer.sessions[:2], work_periods=())
    write_json(fewer, export, person="Anna Berg", exported_at=EXPORTED)
    again = import_history(export, paths, replace=True)
    assert again.replaced and again.sessions == 2
    assert [p.name for p in list_profiles(paths)] == ["Anna Berg"]
    with HistoryStore.open(again.profile.path, read_only=True) as copy:
        assert len(copy.sessions()) == 2
    assert sorted(p.name for p in paths.profiles_dir.iterdir()) == ["anna-berg.sqlite3"]


def test_profile_names_and_lookup(filled: HistoryStore, tmp_path: Path, paths: AppPaths) -> None:
    assert list_profiles(paths) == []
    nameless = tmp_path / "from-clinic.json"
    write_json(filled.snapshot(), nameless, person=None, exported_at=EXPORTED)
    named = tmp_path / "x.json"
    write_json(filled.snapshot(), named, person="Zoë Smith", exported_at=EXPORTED)
    import_history(nameless, paths)  # no person in the file: named after the file
    import_history(named, paths)  # the person in the file
    import_history(named, paths, name="Ben Öz")  # an explicit name wins
    profiles = list_profiles(paths)
    assert [(p.name, p.path.name) for p in profiles] == [
        ("Ben Öz", "ben-oz.sqlite3"),
        ("from-clinic", "from-clinic.sqlite3"),
        ("Zoë Smith", "zoe-smith.sqlite3"),
    ]
    assert find_profile(paths, "zoë smith").path.name == "zoe-smith.sqlite3"
    assert find_profile(paths, "zoe-smith").name == "Zoë Smith"
    with pytest.raises(HistoryFileError, match="no imported profile called 'Carl'.*Ben Öz"):
        find_profile(paths, "Carl")


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Anna Müller", "anna-muller"), ("  ", "profile"), ("../../etc", "etc"), ("李", "profile")],
)
def test_slugs_are_safe_file_names(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_csv_parses_back_with_the_right_header_and_rows(
    filled: HistoryStore, tmp_path: Path
) -> None:
    target = tmp_path / "history.csv"
    write_csv(filled.snapshot(), target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    assert raw.count(b"\r\n") == 42  # RFC 4180 line ends: header + 41 rows
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    # one row per work period: 7 + 3 + 2 + 7 + 7 + 7 + 7 + 1 = 41
    assert len(body) == 41
    assert [int(r["session_id"]) for r in body].count(3) == 2
    first = body[0]
    assert first["started_at"] == "2026-12-28T07:00:00Z"
    assert (first["pain_before"], first["pain_after"], first["pain_next_morning"]) == (
        "2",
        "3",
        "2",
    )
    assert (first["exercise_id"], first["exercise"], first["set_number"]) == (
        "bridge",
        "Bridge",
        "1",
    )
    assert (first["active_seconds"], first["paused_seconds"], first["actual_seconds"]) == (
        "300.25",
        "12",
        "45",
    )
    assert body[6]["exercise"] == "'=Own stretch"  # a spreadsheet must not run it
    assert body[6]["exercise_id"] == ""
    assert {r["note"] for r in body if r["session_id"] == "2"} == {NOTE}
    assert {r["note"] for r in body if r["session_id"] == "4"} == {"'=SUM(A1:A9)"}
    running = [r for r in body if r["session_id"] == "8"]
    assert running[0]["status"] == "running" and running[0]["ended_at"] == ""


def test_a_session_without_work_periods_still_gets_a_row(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        store.start_session(sample_routine())
        text = csv_text(store.snapshot())
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2 and rows[1][0] == "1" and rows[1][CSV_COLUMNS.index("exercise")] == ""
    assert csv_text(HistorySnapshot((), (), ())) == ",".join(CSV_COLUMNS) + "\r\n"


def test_an_export_into_a_missing_folder_names_the_file(
    filled: HistoryStore, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "out.csv"
    with pytest.raises(HistoryFileError, match=f"cannot write {target}"):
        write_csv(filled.snapshot(), target)


# ------------------------------------------------------------------------------ bad imports
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


def test_own_history_and_old_profiles_have_no_export_time(
    filled: HistoryStore, tmp_path: Path, paths: AppPaths
) -> None:
    assert as_of(filled) is None  # one's own history is shown as of now
    data = json.loads(json_text(filled.snapshot(), person="Old", exported_at=EXPORTED))
    del data["exported_at"]
    source = tmp_path / "old.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    imported_at = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
    result = import_history(source, paths, now=lambda: imported_at)
    with HistoryStore.open(result.profile.path, read_only=True) as copy:
        assert copy.meta("exported_at") is None
        assert as_of(copy) == imported_at  # the best guess left: when it was imported
