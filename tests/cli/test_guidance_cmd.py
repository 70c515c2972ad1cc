"""`hiprehab history guidance`: text and JSON, own history and imported profiles, --as-of."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from hiprehab.cli.history import run
from hiprehab.history.exchange.json_format import json_text
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.session.recorder import WorkReport
from tests.history.history_child import sample_routine

T0 = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc() -> Iterator[None]:
    """Local time is UTC here, so --as-of days and the 14-day window are fixed."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def record(store: HistoryStore, day: int, *, before: int | None, after: int | None,
           morning: int | None, complete: bool = True) -> None:  # fmt: skip
    started = T0 + timedelta(days=day)
    routine = sample_routine()
    session_id = store.start_session(routine, started_at=started, pain_before=before)
    planned = sum(ex.sets * ex.side_count for ex in routine.exercises)
    for number in range(1, planned + 1 if complete else planned):
        store.record_work_period(
            session_id,
            WorkReport(
                exercise_id="bridge",
                exercise_name="Bridge",
                set_number=number,
                side="none",
                planned_seconds=30,
                actual_seconds=30,
                status="completed",
            ),
            ended_at=started + timedelta(minutes=number),
        )
    store.finish_session(
        session_id, status="completed" if complete else "stopped", active_seconds=600,
        paused_seconds=0, ended_at=started + timedelta(minutes=30),
    )  # fmt: skip
    store.set_pain_after(session_id, after)
    if morning is not None:
        store.set_pain_next_morning(session_id, morning)


def guidance_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert run(["guidance", "--json", *args]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_no_history_gives_none(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = guidance_json(capsys)
    assert data["format"] == "hiprehab-guidance" and data["format_version"] == 1
    assert (data["colour"], data["see_clinician"], data["routines"]) == ("none", False, [])
    assert data["as_of"].endswith("Z")


def test_own_history_as_of_a_day(capsys: pytest.CaptureFixture[str]) -> None:
    paths = AppPaths.from_environment()
    with HistoryStore.open(paths.history_db) as store:
        record(store, 0, before=2, after=2, morning=2)
        record(store, 2, before=2, after=3, morning=2)
    data = guidance_json(capsys, "--as-of", "2026-11-23")
    assert data["as_of"] == "2026-11-23T23:59:59Z"
    assert data["colour"] == "green"
    (routine,) = data["routines"]
    assert routine["advice"] == "progress" and routine["title"] == "Hip basics"
    assert routine["sessions_last_7_days"] == 2 and routine["sessions_per_week"] == 3
    assert [r["session_started_at"] for r in data["reasons"]] == ["2026-11-22T07:00:00Z"] * 2
    # as of the day before the second session, only the first one counts
    data = guidance_json(capsys, "--as-of", "2026-11-21")
    assert data["routines"][0]["advice"] == "hold"


def test_an_imported_profile_is_judged_as_of_its_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with HistoryStore.open(tmp_path / "theirs.sqlite3") as store:
        record(store, 0, before=7, after=3, morning=7)  # the case: red, not green
        record(store, 1, before=9, after=9, morning=None, complete=False)
        snapshot = store.snapshot()
    export = tmp_path / "sam.json"
    exported_at = T0 + timedelta(days=3)
    export.write_text(json_text(snapshot, person="Sam", exported_at=exported_at))
    assert run(["import", str(export), "--name", "Sam R"]) == 0
    capsys.readouterr()
    data = guidance_json(capsys, "--profile", "Sam R")
    assert data["as_of"] == "2026-11-23T07:00:00Z"
    assert data["colour"] == "red"
    assert data["see_clinician"] is True
    assert data["clinician_reasons"] == ["severe-pain", "red-twice"]
    assert data["routines"][0]["advice"] == "regress"
    # long after the export nothing is recent any more
    later = guidance_json(capsys, "--profile", "Sam R", "--as-of", "2027-01-31")
    assert (later["colour"], later["see_clinician"]) == ("none", False)


def test_text_output_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    paths = AppPaths.from_environment()
    with HistoryStore.open(paths.history_db) as store:
        record(store, 0, before=2, after=8, morning=None)
    assert run(["guidance", "--as-of", "2026-11-21"]) == 0
    out = capsys.readouterr().out
    assert "red" in out and "What to do next:" in out
    assert "doctor or physiotherapist" in out  # 8/10: see a clinician
    assert "safe" not in out.lower()


def test_a_bad_date_is_one_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(["guidance", "--as-of", "yesterday"])
    assert stopped.value.code == 2
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err


def test_an_unknown_profile_is_one_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["guidance", "--profile", "nobody"]) == 1
    assert "nobody" in capsys.readouterr().err


def test_every_field_of_the_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    paths = AppPaths.from_environment()
    with HistoryStore.open(paths.history_db) as store:
        record(store, 0, before=2, after=9, morning=None)
    data = guidance_json(capsys, "--as-of", "2026-11-21")
    assert set(data) == {
        "format", "format_version", "as_of", "colour", "reasons", "see_clinician",
        "clinician_reasons", "routines",
    }  # fmt: skip
    assert (data["format"], data["format_version"]) == ("hiprehab-guidance", 1)
    assert data["as_of"] == "2026-11-21T23:59:59Z"
    assert data["colour"] == "red" and data["see_clinician"] is True
    assert data["clinician_reasons"] == ["severe-pain"]
    (reason,) = data["reasons"]
    assert set(reason) == {"colour", "text", "session_started_at"}
    assert reason["colour"] == "red" and "9/10" in reason["text"]
    assert reason["session_started_at"] == "2026-11-20T07:00:00Z"
    (routine,) = data["routines"]
    assert set(routine) == {
        "hash", "title", "advice", "sessions_last_7_days", "sessions_per_week",
    }  # fmt: skip
    assert len(routine["hash"]) == 64 and routine["title"] == "Hip basics"
    assert routine["advice"] == "regress"
    assert (routine["sessions_last_7_days"], routine["sessions_per_week"]) == (1, 3)
