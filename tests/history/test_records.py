"""The one declaration of a record's fields: it covers the records and matches the schema."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from hiprehab.history.records import (
    SESSION_FIELDS,
    WORK_PERIOD_FIELDS,
    RecordField,
    SessionRecord,
    WorkPeriodRecord,
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
