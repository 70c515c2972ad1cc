"""What the history holds, as plain records, and the one declaration of their fields.

A session's and a work period's fields are declared once here (`SESSION_FIELDS`,
`WORK_PERIOD_FIELDS`): the store's SELECT list and row mapping, the JSON export's keys (written
and read) and the CSV columns are all derived from these declarations, so a new field is added
in one place (and in a schema migration, which is history and never changes).

A routine is known by `routine_hash`, the SHA-256 of its file's text. Timestamps are UTC ISO
8601 text with whole seconds (`2026-11-23T14:05:00Z`), in the database and in the exports alike;
that text also sorts correctly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import PureWindowsPath
from typing import Any, Literal, TypeVar

from hiprehab.history.adjustments import Adjustment
from hiprehab.routine.model import Routine

SESSION_STATUSES = ("running", "completed", "stopped", "interrupted")
FINISHED_STATUSES = ("completed", "stopped", "interrupted")
WORK_STATUSES = ("completed", "skipped", "stopped")
WORK_SIDES = ("left", "right", "none")

# Every time kept lies in this span: far enough from datetime's limits (years 1 and 9999) that
# no zone offset overflows, and with four-digit years, so the stored text sorts as time does.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)


def check_time(moment: datetime) -> datetime:
    """`moment` in UTC, whole seconds, if it may be kept; ValueError (saying why) if not.

    The one validation of times: for times recorded, imported, and read back from the store.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"timestamp {moment!r} has no time zone; pass an aware datetime")
    try:
        utc = moment.astimezone(UTC).replace(microsecond=0)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST <= utc < LATEST:
        raise ValueError(
            f"time {moment.isoformat()} is outside {EARLIEST.year}-{LATEST.year - 1}"
        )
    return utc


def format_utc(moment: datetime) -> str:
    """`moment` as stored: UTC, whole seconds, `Z` suffix; ValueError if naive or out of span."""
    return check_time(moment).isoformat().replace("+00:00", "Z")


def parse_utc(text: str) -> datetime:
    """The inverse of `format_utc`; ValueError for text that is no time with a zone in the span.

    (`fromisoformat` is many times faster than `strptime`.)
    """
    if not isinstance(text, str):
        raise ValueError(f"time {text!r} is not text")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ValueError(f"time {text!r} has no zone")
    return check_time(moment)


def stored_time(value: Any) -> datetime:
    """A time as the store keeps it; the same result and errors as `parse_utc`, but faster.

    Text written by `format_utc` (`2026-11-23T14:05:00Z`) parses straight to a UTC time in the
    span; anything else takes `parse_utc`'s full checks (and its messages).
    """
    if value.__class__ is str and len(value) == 20 and value[19] == "Z":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.tzinfo is UTC and EARLIEST <= moment < LATEST:
                return moment
    return parse_utc(value)


def file_name_only(source: str | None) -> str | None:
    """The file name of a routine's `source`, without its folders (which name the user's home).

    Both separators count, so a path written on Windows loses its folders on Linux too.
    """
    if source is None:
        return None
    return PureWindowsPath(source.replace("/", "\\")).name or None


def utc_window(day: date) -> tuple[str, str]:
    """Stored-time bounds wide enough to hold the whole of `day` in any time zone."""
    start = datetime.combine(day - timedelta(days=1), datetime.min.time(), UTC)
    return format_utc(start), format_utc(start + timedelta(days=3))


def routine_hash(routine: Routine) -> str:
    """SHA-256 of the routine file's text: the same file text is the same routine.

    A routine built in code has no text; its hash then covers its full contents instead, so two
    different in-code routines are never merged.
    """
    data = routine.text or "hiprehab:routine-without-text\n" + repr(replace(routine, source=None))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def planned_work_periods_of(routine: Routine) -> int:
    """Work periods a full run of the routine has: one per set and side."""
    return sum(ex.sets * ex.side_count for ex in routine.exercises)


@dataclass(frozen=True)
class RoutineRecord:
    """A routine as it was when used, kept so history stays readable if the file changes."""

    content_hash: str
    title: str
    source: str | None  # file name it was first loaded from, if any (exports: the name only)
    text: str
    sessions_per_week: int
    first_used_at: datetime


@dataclass(frozen=True)
class SessionRecord:
    """One session; counts of work periods are derived from the work periods stored."""

    id: int
    routine_hash: str
    routine_title: str
    sessions_per_week: int
    started_at: datetime
    ended_at: datetime | None  # None while running
    status: str
    active_seconds: float
    paused_seconds: float
    pain_before: int | None
    pain_after: int | None
    pain_next_morning: int | None
    morning_asked: bool
    note: str
    planned_work_periods: int | None  # None for sessions recorded before schema version 2
    completed_work_periods: int
    recorded_work_periods: int


@dataclass(frozen=True)
class WorkPeriodRecord:
    """One timed work period (a set on one side) as it ended."""

    id: int
    session_id: int
    exercise_id: str | None
    exercise_name: str
    set_number: int
    side: str
    planned_seconds: float
    actual_seconds: float
    status: str
    ended_at: datetime


@dataclass(frozen=True)
class HistorySnapshot:
    """Everything in a store, for export and import."""

    routines: tuple[RoutineRecord, ...]
    sessions: tuple[SessionRecord, ...]
    work_periods: tuple[WorkPeriodRecord, ...]
    adjustments: tuple[Adjustment, ...] = ()  # the user's own steps, undone ones included


# What a field holds: the store and the exports convert and check values by kind.
Kind = Literal["integer", "text", "time", "seconds", "flag", "choice"]


@dataclass(frozen=True)
class RecordField:
    """One field of a record: where the store keeps it, and how the exports spell it.

    `sql` is its expression in the store's SELECT (aliases `s` sessions, `r` routines); `column`
    the column of the record's own table it is stored in (None for joined or derived values,
    which an import does not write). `json` says whether the JSON export carries it (under its
    name), `csv` its CSV column if any. `optional` fields may be None; integers lie in `low` to
    `high`, choices in `choices`; `free_text` is typed by a person (the CSV defuses every cell).
    """

    name: str
    kind: Kind
    sql: str
    column: str | None = None
    json: bool = True
    csv: str | None = None
    optional: bool = False
    low: int = 0
    high: int | None = None
    choices: tuple[str, ...] = ()
    free_text: bool = False

    def from_stored(self, value: Any) -> Any:
        """A value as the store (SQLite) gives it, as the record holds it."""
        if value is None:
            return None
        convert = self.converter()
        return value if convert is None else convert(value)

    def converter(self) -> Callable[[Any], Any] | None:
        """How `from_stored` turns a stored value that is not None; None: kept as it is."""
        return _CONVERTERS.get(self.kind)

    def to_stored(self, value: Any) -> Any:
        """A record's value as the store keeps it (times as text, flags as 0/1)."""
        if value is None:
            return None
        if self.kind == "time":
            return format_utc(value)
        if self.kind == "flag":
            return int(value)
        return value

    def exported(self, value: Any) -> Any:
        """A record's value as JSON and CSV carry it (times as text, the rest as they are)."""
        return format_utc(value) if value is not None and self.kind == "time" else value


def _own(name: str, kind: Kind, *, csv: str | None = None, **rest: Any) -> RecordField:
    """A session field kept in a column of the same name in `sessions`."""
    return RecordField(name, kind, f"s.{name}", column=name, csv=csv, **rest)


def _count(name: str, condition: str, *, csv: str | None) -> RecordField:
    """A count of the session's work periods, derived when read, never written."""
    sql = (
        "(SELECT COUNT(*) FROM work_periods w "  # i18n: ignore (SQL)
        f"WHERE w.session_id = s.id{condition})"
    )
    return RecordField(name, "integer", sql, json=False, csv=csv)


# In the order of the CSV columns and of the JSON keys (each takes the fields it carries).
SESSION_FIELDS: tuple[RecordField, ...] = (
    _own("id", "integer", csv="session_id", low=1),
    RecordField("routine_title", "text", "r.title", json=False, csv="routine", free_text=True),
    RecordField("routine_hash", "text", "r.content_hash", csv="routine_hash"),
    RecordField("sessions_per_week", "integer", "r.sessions_per_week", json=False),
    _own("started_at", "time", csv="started_at"),
    _own("ended_at", "time", csv="ended_at", optional=True),
    _own("status", "choice", csv="status", choices=SESSION_STATUSES),
    _own("active_seconds", "seconds", csv="active_seconds"),
    _own("paused_seconds", "seconds", csv="paused_seconds"),
    _own("pain_before", "integer", csv="pain_before", optional=True, high=10),
    _own("pain_after", "integer", csv="pain_after", optional=True, high=10),
    _own("pain_next_morning", "integer", csv="pain_next_morning", optional=True, high=10),
    _own("morning_asked", "flag"),
    _own("note", "text", csv="note", free_text=True),
    _own("planned_work_periods", "integer", csv="planned_work_periods", optional=True),
    _count("completed_work_periods", " AND w.status = 'completed'", csv="completed_work_periods"),
    _count("recorded_work_periods", "", csv=None),
)


def _work(name: str, kind: Kind, *, csv: str, json: bool = True, **rest: Any) -> RecordField:
    """A work-period field kept in a column of the same name in `work_periods`."""
    return RecordField(name, kind, name, column=name, json=json, csv=csv, **rest)


WORK_PERIOD_FIELDS: tuple[RecordField, ...] = (
    RecordField("id", "integer", "id", json=False),  # given anew on import
    RecordField("session_id", "integer", "session_id", column="session_id", json=False),
    _work("exercise_id", "text", csv="exercise_id", optional=True),
    _work("exercise_name", "text", csv="exercise", free_text=True),
    _work("set_number", "integer", csv="set_number", low=1),
    _work("side", "choice", csv="side", choices=WORK_SIDES),
    _work("planned_seconds", "seconds", csv="planned_seconds"),
    _work("actual_seconds", "seconds", csv="actual_seconds"),
    _work("status", "choice", csv="work_status", choices=WORK_STATUSES),
    _work("ended_at", "time", csv="work_ended_at"),
)

_CONVERTERS: dict[str, Callable[[Any], Any]] = {"time": stored_time, "seconds": float, "flag": bool}

_Record = TypeVar("_Record", SessionRecord, WorkPeriodRecord)


def row_reader(
    record: type[_Record], declared: Sequence[RecordField]
) -> Callable[[Sequence[Any]], _Record]:
    """A fast function making a record from a row selected with `declared`'s SQL, in order.

    Built once per record type: the converters are looked up here, not per row, and the values
    are passed in the order of the record's own fields. Wrong values raise ValueError/TypeError
    as `RecordField.from_stored` does.
    """
    names = [field.name for field in declared]
    wanted = [field.name for field in fields(record)]
    if sorted(names) != sorted(wanted):
        raise ValueError(f"the fields declared do not match {record.__name__}'s")
    order = tuple(names.index(name) for name in wanted)
    steps = tuple((index, declared[index].converter()) for index in order)
    width = len(names)

    def read(row: Sequence[Any]) -> _Record:
        if len(row) != width:
            raise ValueError(f"a row of {len(row)} values, not {width}")
        return record(
            *[
                value if (value := row[index]) is None or convert is None else convert(value)
                for index, convert in steps
            ]
        )

    return read
