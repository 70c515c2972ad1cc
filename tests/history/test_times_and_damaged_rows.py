"""One validation of times, for recording, importing and reading back; damaged rows are StoreErrors.

A time far from today (year 1, year 9999 with a zone offset) never overflows and is never written
in a form that sorts wrongly; a stored row whose time is no time makes reading fail with a clear
StoreError naming the file (the History page and the command line show it), never a traceback.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hiprehab.cli.history import run
from hiprehab.history.errors import StoreError
from hiprehab.history.records import format_utc, parse_utc
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.session.recorder import WorkReport
from tests.history.history_child import sample_routine

T0 = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)


def test_times_are_written_with_four_digit_years_and_read_back() -> None:
    moment = datetime(2026, 11, 2, 7, 5, 9, 123456, tzinfo=UTC)
    assert format_utc(moment) == "2026-11-02T07:05:09Z"
    assert parse_utc("2026-11-02T07:05:09Z") == moment.replace(microsecond=0)
    assert parse_utc("2026-11-02T08:05:09+01:00") == moment.replace(microsecond=0)


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(999, 6, 1, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
        datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-14))),
    ],
)
def test_times_outside_the_span_are_refused_not_overflowed(moment: datetime) -> None:
    with pytest.raises(ValueError, match="outside"):
        format_utc(moment)
    with pytest.raises(ValueError, match="outside"):
        parse_utc(moment.isoformat())


@pytest.mark.parametrize("text", ["1-01-01T00:00:00Z", "yesterday", "2026-11-02T07:00:00", ""])
def test_text_that_is_no_stored_time_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_utc(text)


def _history_with_a_damaged_time(db: Path, column: str, value: object) -> None:
    with HistoryStore.open(db, now=lambda: T0) as store:
        session_id = store.start_session(sample_routine(), started_at=T0, pain_before=2)
        store.record_work_period(
            session_id,
            WorkReport(
                exercise_id="bridge",
                exercise_name="Bridge",
                set_number=1,
                side="none",
                planned_seconds=50,
                actual_seconds=50,
                status="completed",
            ),
            ended_at=T0 + timedelta(minutes=2),
        )
        store.finish_session(session_id, status="completed", active_seconds=60, paused_seconds=0)
    table, name = column.split(".")
    conn = sqlite3.connect(db)
    conn.execute(f"UPDATE {table} SET {name} = ?", (value,))  # as an older or foreign writer did
    conn.commit()
    conn.close()


DAMAGE = [
    ("sessions.started_at", "1-01-01T00:00:00Z"),
    ("sessions.ended_at", "not a time"),
    ("work_periods.ended_at", "0001-01-01T00:00:00+14:00"),
    ("routines.first_used_at", "9999-12-31T23:00:00-14:00"),
]


@pytest.mark.parametrize(("column", "value"), DAMAGE)
def test_a_damaged_stored_time_is_a_store_error(tmp_path: Path, column: str, value: object) -> None:
    db = tmp_path / "history.sqlite3"
    _history_with_a_damaged_time(db, column, value)
    with (
        HistoryStore.open(db, read_only=True) as store,
        pytest.raises(StoreError, match=f"{db}.*damaged"),
    ):
        store.snapshot()


@pytest.mark.parametrize("command", [["list"], ["summary"], ["export", "--csv", "-"]])
@pytest.mark.parametrize(("column", "value"), DAMAGE[:2])
def test_commands_on_a_damaged_row_end_in_one_line(
    paths: AppPaths,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    column: str,
    value: object,
) -> None:
    _history_with_a_damaged_time(paths.history_db, column, value)
    assert run(command) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "damaged" in err and "Traceback" not in err


@pytest.fixture
def paths() -> AppPaths:
    return AppPaths.from_environment()  # inside the per-test HIPREHAB_HOME
