"""The history as JSON: everything, routines' text included, for a physio's copy of hiprehab.

JSON format 1: an object with `format` ("hiprehab-history"), `format_version` (1), `exported_at`,
`app_version`, `person` (name or null), `routines` (hash, title, source: the file's name only,
never its folder, sessions_per_week, first_used_at, text) and `sessions` (id, routine_hash,
started_at, ended_at, status, active_seconds, paused_seconds, pain_before, pain_after,
pain_next_morning, morning_asked, note, planned_work_periods, and `work_periods`: exercise_id,
exercise_name, set_number, side, planned_seconds, actual_seconds, status, ended_at), and
`adjustments` (the user's own steps, see `adjustment_io.py`; optional, older exports have none).
Times are UTC ISO 8601 (`...Z`).
Readers accept any earlier format version and refuse later ones, and refuse any file that is not
a regular one, is too big, nested too deeply, or holds a value out of bounds (times through
`records.parse_utc`, the one validation of times), with one message naming the file and fault.
The session and work-period keys follow from the fields declared in `records.py`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hiprehab import __version__
from hiprehab.history import adjustment_io
from hiprehab.history.errors import HistoryFileError
from hiprehab.history.exchange.files import read_regular_file, write_text_atomically
from hiprehab.history.records import (
    SESSION_FIELDS,
    WORK_PERIOD_FIELDS,
    HistorySnapshot,
    RecordField,
    RoutineRecord,
    SessionRecord,
    WorkPeriodRecord,
    file_name_only,
    format_utc,
    parse_utc,
)
from hiprehab.i18n import _
from hiprehab.i18n.formats import format_number

JSON_FORMAT = "hiprehab-history"
JSON_FORMAT_VERSION = 1
_MAX_INTEGER = 2**63 - 1  # SQLite's largest integer
MAX_FILE_BYTES = 512 * 1024 * 1024  # far above a lifetime of sessions; refused unread beyond
MAX_TEXT = 2_000_000  # characters of a title, note, name: more than a routine file may hold
MAX_ROUTINE_TEXT = 4_000_000  # characters of a routine file's text (at most 1 MiB of bytes)
_SESSION_KEYS = tuple(f for f in SESSION_FIELDS if f.json)  # in the order they are written
_WORK_KEYS = tuple(f for f in WORK_PERIOD_FIELDS if f.json)


def _json_fields(fields: tuple[RecordField, ...], record: object) -> dict[str, Any]:
    return {f.name: f.exported(getattr(record, f.name)) for f in fields}


def json_data(
    snapshot: HistorySnapshot, *, person: str | None, exported_at: datetime
) -> dict[str, Any]:
    """Everything in the history as JSON-ready data (the format is in the module docstring)."""
    by_session: dict[int, list[WorkPeriodRecord]] = {}
    for period in snapshot.work_periods:
        by_session.setdefault(period.session_id, []).append(period)
    return {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "exported_at": format_utc(exported_at),
        "app_version": __version__,
        "person": person,
        "routines": [
            {
                "hash": r.content_hash,
                "title": r.title,
                "source": file_name_only(r.source),
                "sessions_per_week": r.sessions_per_week,
                "first_used_at": format_utc(r.first_used_at),
                "text": r.text,
            }
            for r in snapshot.routines
        ],
        "sessions": [
            {
                **_json_fields(_SESSION_KEYS, s),
                "work_periods": [_json_fields(_WORK_KEYS, w) for w in by_session.get(s.id, [])],
            }
            for s in snapshot.sessions
        ],
        "adjustments": adjustment_io.to_json(snapshot.adjustments, format_utc),
    }


def json_text(snapshot: HistorySnapshot, *, person: str | None, exported_at: datetime) -> str:
    data = json_data(snapshot, person=person, exported_at=exported_at)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_json(
    snapshot: HistorySnapshot, path: Path, *, person: str | None, exported_at: datetime
) -> None:
    write_text_atomically(path, json_text(snapshot, person=person, exported_at=exported_at))


# ------------------------------------------------------------------------------ reading JSON
class _Reader:
    """Typed access to untrusted JSON that names the place of every fault."""

    def __init__(self, source: Path) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> HistoryFileError:
        """The fault `message` (in the language in use) at `where` in the file."""
        return HistoryFileError(f"{self.source}: {where}: {message}")

    def obj(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, _("must be an object"))
        return value

    def items(self, data: dict[str, Any], key: str, where: str) -> Iterator[tuple[str, Any]]:
        value = data.get(key)
        if not isinstance(value, list):
            raise self.fail(f"{where}{key}", _("must be a list"))
        for index, item in enumerate(value):
            yield f"{where}{key}[{index}]", item

    def field(self, data: dict[str, Any], key: str, where: str) -> Any:
        if key not in data:
            raise self.fail(where, _("missing {key}").format(key=repr(key)))
        return data[key]

    def text(
        self,
        data: dict[str, Any],
        key: str,
        where: str,
        *,
        optional: bool = False,
        longest: int = MAX_TEXT,
    ) -> Any:
        value = self.field(data, key, where)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", _("must be text"))
        if len(value) > longest:
            raise self.fail(
                f"{where}.{key}",
                _("is too long ({length} characters; {longest} at most)").format(
                    length=format_number(len(value)), longest=format_number(longest)
                ),
            )
        return value

    def integer(
        self,
        data: dict[str, Any],
        key: str,
        where: str,
        *,
        low: int,
        high: int | None = None,
        optional: bool = False,
    ) -> Any:
        value = self.field(data, key, where)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(
                f"{where}.{key}", _("must be a whole number, not {value}").format(value=repr(value))
            )
        if value < low or value > (_MAX_INTEGER if high is None else high):
            if high is not None:
                message = _("must be {low}-{high}, not {value}")
            else:
                message = _("must be {low} or more (and not huge), not {value}")
            raise self.fail(f"{where}.{key}", message.format(low=low, high=high, value=value))
        return value

    def seconds(self, data: dict[str, Any], key: str, where: str) -> float:
        value = self.field(data, key, where)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(
                f"{where}.{key}",
                _("must be a number of seconds, not {value}").format(value=repr(value)),
            )
        if not math.isfinite(value) or value < 0:
            raise self.fail(
                f"{where}.{key}", _("must be 0 or more, not {value}").format(value=repr(value))
            )
        return float(value)

    def choice(self, data: dict[str, Any], key: str, where: str, choices: tuple[str, ...]) -> str:
        value = self.field(data, key, where)
        if value not in choices:
            raise self.fail(
                f"{where}.{key}", _("must be one of {choices}").format(choices=", ".join(choices))
            )
        return str(value)

    def value(self, data: dict[str, Any], field: RecordField, where: str) -> Any:
        """The declared `field` of a record, checked as its kind and bounds say."""
        key, optional = field.name, field.optional
        if field.kind == "text":
            return self.text(data, key, where, optional=optional)
        if field.kind == "integer":
            return self.integer(data, key, where, low=field.low, high=field.high, optional=optional)
        if field.kind == "time":
            return self.moment(data, key, where, optional=optional)
        if field.kind == "seconds":
            return self.seconds(data, key, where)
        if field.kind == "choice":
            return self.choice(data, key, where, field.choices)
        value = self.field(data, key, where)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", _("must be true or false"))
        return value

    def moment(self, data: dict[str, Any], key: str, where: str, *, optional: bool = False) -> Any:
        value = self.text(data, key, where, optional=optional)
        if value is None:
            return None
        try:
            return parse_utc(value)
        except ValueError as exc:
            raise self.fail(
                f"{where}.{key}",
                # Translators: {error} says what is wrong with the time, in English.
                _("must be an ISO 8601 time with a zone, {error}").format(error=exc),
            ) from None


@dataclass(frozen=True)
class HistoryExport:
    """An exported history as read back: its records, whose it is, and when it was exported."""

    snapshot: HistorySnapshot
    person: str | None
    exported_at: datetime | None  # None only for files written without it (not by hiprehab)


def parse_json(text: str, source: Path) -> tuple[HistorySnapshot, str | None]:
    """An exported history back as records, and the person's name; HistoryFileError if bad."""
    export = parse_export(text, source)
    return export.snapshot, export.person


def parse_export(text: str, source: Path) -> HistoryExport:
    """An exported history with its details (see HistoryExport); HistoryFileError if bad."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HistoryFileError(
            # Translators: {error} is the JSON reader's own words, in English.
            _("{path} is not valid JSON (line {line}, column {column}: {error})").format(
                path=source, line=exc.lineno, column=exc.colno, error=exc.msg
            )
        ) from exc
    except RecursionError:
        raise HistoryFileError(
            _("{path} is nested too deeply to be a history export").format(path=source)
        ) from None
    except ValueError as exc:  # a number of thousands of digits (Python's int-string limit)
        raise HistoryFileError(
            _("{path} holds a number too long to read ({error})").format(path=source, error=exc)
        ) from None
    r = _Reader(source)
    whole = _("the file")
    data = r.obj(raw, whole)
    if data.get("format") != JSON_FORMAT:
        raise HistoryFileError(
            _('{path} is not a hiprehab history export (no "format": "{format}")').format(
                path=source, format=JSON_FORMAT
            )
        )
    version = r.integer(data, "format_version", whole, low=1)
    if version > JSON_FORMAT_VERSION:
        raise HistoryFileError(
            _(
                "{path} was exported by a newer version of hiprehab (format {version}); "
                "update hiprehab to import it"
            ).format(path=source, version=version)
        )
    person = r.text(data, "person", whole, optional=True) if "person" in data else None
    exported_at = (
        r.moment(data, "exported_at", whole, optional=True) if "exported_at" in data else None
    )
    routines: list[RoutineRecord] = []
    for where, item in r.items(data, "routines", ""):
        entry = r.obj(item, where)
        routines.append(
            RoutineRecord(
                content_hash=r.text(entry, "hash", where),
                title=r.text(entry, "title", where),
                source=file_name_only(r.text(entry, "source", where, optional=True)),
                text=r.text(entry, "text", where, longest=MAX_ROUTINE_TEXT),
                sessions_per_week=r.integer(entry, "sessions_per_week", where, low=1),
                first_used_at=r.moment(entry, "first_used_at", where),
            )
        )
    hashes = [routine.content_hash for routine in routines]
    if len(set(hashes)) != len(hashes):
        raise HistoryFileError(
            _("{path}: routines: the same routine is listed twice").format(path=source)
        )
    known = {routine.content_hash: routine for routine in routines}
    sessions: list[SessionRecord] = []
    periods: list[WorkPeriodRecord] = []
    seen_ids: set[int] = set()
    for where, item in r.items(data, "sessions", ""):
        entry = r.obj(item, where)
        values = {f.name: r.value(entry, f, where) for f in _SESSION_KEYS}
        session_id = values["id"]
        if values["ended_at"] is not None and values["ended_at"] < values["started_at"]:
            raise r.fail(f"{where}.ended_at", _("is before started_at"))
        if session_id in seen_ids:
            raise r.fail(
                f"{where}.id", _("session {id} appears twice").format(id=session_id)
            )
        seen_ids.add(session_id)
        digest = values["routine_hash"]
        if digest not in known:
            raise r.fail(f"{where}.routine_hash", _("names no routine in the file"))
        session_periods = []
        for wwhere, witem in r.items(entry, "work_periods", f"{where}."):
            wentry = r.obj(witem, wwhere)
            wvalues = {f.name: r.value(wentry, f, wwhere) for f in _WORK_KEYS}
            if not wvalues["exercise_name"]:
                raise r.fail(f"{wwhere}.exercise_name", _("must not be empty"))
            session_periods.append(WorkPeriodRecord(id=0, session_id=session_id, **wvalues))
        periods.extend(session_periods)
        sessions.append(
            SessionRecord(
                **values,
                routine_title=known[digest].title,
                sessions_per_week=known[digest].sessions_per_week,
                completed_work_periods=sum(1 for p in session_periods if p.status == "completed"),
                recorded_work_periods=len(session_periods),
            )
        )
    try:
        adjustments = adjustment_io.from_json(data.get("adjustments"), set(known))
    except ValueError as exc:
        raise HistoryFileError(f"{source}: {exc}") from None
    snapshot = HistorySnapshot(
        routines=tuple(routines),
        sessions=tuple(sessions),
        work_periods=tuple(periods),
        adjustments=adjustments,
    )
    return HistoryExport(snapshot, person, exported_at)


def read_json(path: Path) -> tuple[HistorySnapshot, str | None]:
    export = read_export(path)
    return export.snapshot, export.person


def read_export(path: Path) -> HistoryExport:
    """The export at `path`; HistoryFileError if it is no regular file, too big, or bad."""
    data = read_regular_file(path, MAX_FILE_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HistoryFileError(
            _("{path} is not a text file in UTF-8 ({error})").format(path=path, error=exc.reason)
        ) from exc
    return parse_export(text, path)


