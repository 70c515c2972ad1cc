"""The one declaration of a record's fields: it covers the records and matches the schema."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from datetime import UTC, datetime

import pytest

from hiprehab.history.records import (
    SESSION_FIELDS,
    WORK_PERIOD_FIELDS,
    RecordField,
    SessionRecord,
    WorkPeriodRecord,
    parse_utc,
    row_reader,
    stored_time,
)
from hiprehab.history.schema import migrate


@pytest.mark.parametrize(
    ("record", "fields"),
    [(SessionRecord, SESSION_FIELDS), (WorkPeriodRecord, WORK_PERIOD_FIELDS)],
)
def test_every_field_of_a_record_is_declared_once(
    record: type[object], fields: tuple[RecordField, ...]
) -> None:
    names = [f.name for f in fields]
    assert len(names) == len(set(names))
    assert set(names) == {f.name for f in dataclasses.fields(record)}  # type: ignore[arg-type]


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def test_the_declared_columns_exist_in_a_freshly_migrated_database() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    for table, fields in (("sessions", SESSION_FIELDS), ("work_periods", WORK_PERIOD_FIELDS)):
        declared = {f.column for f in fields if f.column is not None}
        assert declared <= _columns(conn, table), table
    # every SELECT expression runs against the schema
    session_sql = ", ".join(f.sql for f in SESSION_FIELDS)
    conn.execute(f"SELECT {session_sql} FROM sessions s JOIN routines r ON r.id = s.routine_id")
    conn.execute(f"SELECT {', '.join(f.sql for f in WORK_PERIOD_FIELDS)} FROM work_periods")
    conn.close()


def test_every_stored_session_column_is_declared() -> None:
    """A column added by a migration but not declared would be lost on export and import."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    not_fields = {"routine_id"}  # the link to the routine, carried as its hash
    assert _columns(conn, "sessions") - not_fields == {
        f.column for f in SESSION_FIELDS if f.column is not None
    }
    assert _columns(conn, "work_periods") - {"id"} == {
        f.column for f in WORK_PERIOD_FIELDS if f.column is not None
    }
    conn.close()


STORED_TIMES = [
    "2026-11-23T14:05:00Z",  # as written: the fast path
    "1970-01-01T00:00:00Z",
    "2026-11-23T15:05:00+01:00",  # written by someone else: the full checks
    "2026-11-23T14:05:00.5Z",
    "1969-12-31T23:59:59Z",  # out of the span
    "9000-01-01T00:00:00Z",
    "2026-11-23 14:05:00",  # no zone
    "2026-13-23T14:05:00Z",  # no month 13
    "yesterday",
    20261123,  # no text
]


@pytest.mark.parametrize("value", STORED_TIMES)
def test_the_fast_stored_time_parse_agrees_with_parse_utc(value: object) -> None:
    try:
        expected = parse_utc(value)  # type: ignore[arg-type]
    except ValueError as exc:
        with pytest.raises(ValueError, match=f"^{re.escape(str(exc))}$"):
            stored_time(value)
    else:
        got = stored_time(value)
        assert got == expected and got.tzinfo is UTC and got.microsecond == 0


def test_a_row_reader_maps_a_row_like_the_declaration_says() -> None:
    row = (
        3, "Hip", "abc", 3, "2026-11-23T14:05:00Z", None, "stopped", 60, 0.5, 2, None, None,
        1, "", None, 4, 5,
    )  # fmt: skip
    record = row_reader(SessionRecord, SESSION_FIELDS)(row)
    expected = SessionRecord(
        **{
            field.name: field.from_stored(value)
            for field, value in zip(SESSION_FIELDS, row, strict=True)
        }
    )
    assert record == expected
    assert record.started_at == datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
    assert record.routine_title == "Hip" and record.routine_hash == "abc"
    assert isinstance(record.active_seconds, float) and record.morning_asked is True
    with pytest.raises(ValueError, match="a row of 3 values, not 17"):
        row_reader(SessionRecord, SESSION_FIELDS)(row[:3])
    with pytest.raises(ValueError, match="do not match WorkPeriodRecord"):
        row_reader(WorkPeriodRecord, SESSION_FIELDS)
