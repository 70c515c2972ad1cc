"""Export and import of the history, and the imported profiles of other people.

CSV is for spreadsheets (UTF-8 with a byte-order mark so Excel reads accents, RFC 4180 quoting,
one row per work period). JSON carries everything, routines' text included, so a physio can open
a patient's history in their own copy of hiprehab: an import becomes a separate read-only profile
database, never mixed into the user's own history.

JSON format 1: an object with `format` ("hiprehab-history"), `format_version` (1), `exported_at`,
`app_version`, `person` (name or null), `routines` (hash, title, source, sessions_per_week,
first_used_at, text) and `sessions` (id, routine_hash, started_at, ended_at, status,
active_seconds, paused_seconds, pain_before, pain_after, pain_next_morning, morning_asked, note,
planned_work_periods, and `work_periods`: exercise_id, exercise_name, set_number, side,
planned_seconds, actual_seconds, status, ended_at), and `adjustments` (the user's own steps,
see `adjustment_io.py`; optional, older exports have none). Times are UTC ISO 8601 (`...Z`).
Readers accept any earlier format version and refuse later ones.

An imported profile keeps the export's `exported_at` (store meta `exported_at`): the pane and
`hiprehab history summary --profile` show the history as of that moment, not as of today, so
weeks after the export never count as missed.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hiprehab import __version__
from hiprehab.history import adjustment_io
from hiprehab.history.store import (
    SESSION_STATUSES,
    WORK_SIDES,
    WORK_STATUSES,
    HistorySnapshot,
    HistoryStore,
    RoutineRecord,
    SessionRecord,
    StoreError,
    WorkPeriodRecord,
    format_utc,
    parse_utc,
)
from hiprehab.paths import AppPaths

JSON_FORMAT = "hiprehab-history"
JSON_FORMAT_VERSION = 1
PERSON_KEY = "person"  # store meta key: whose history this is
EXPORTED_AT_KEY = "exported_at"  # store meta key: when an imported history was exported
IMPORTED_AT_KEY = "imported_at"  # store meta key: when it was imported

CSV_COLUMNS = (
    "session_id",
    "routine",
    "routine_hash",
    "started_at",
    "ended_at",
    "status",
    "active_seconds",
    "paused_seconds",
    "pain_before",
    "pain_after",
    "pain_next_morning",
    "note",
    "planned_work_periods",
    "completed_work_periods",
    "exercise_id",
    "exercise",
    "set_number",
    "side",
    "planned_seconds",
    "actual_seconds",
    "work_status",
    "work_ended_at",
)
_MAX_INTEGER = 2**63 - 1  # SQLite's largest integer
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class HistoryFileError(StoreError):
    """An export could not be written or an import file is unusable; the message says why."""


class ProfileExistsError(HistoryFileError):
    """An import would replace an existing profile of the same name and was not told to."""

    def __init__(self, message: str, profile: Profile) -> None:
        super().__init__(message)
        self.profile = profile


@dataclass(frozen=True)
class Profile:
    """An imported history of another person, opened read-only."""

    name: str
    path: Path


# ------------------------------------------------------------------------------ writing files
def replace_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` so a crash or a failure leaves either the old file or the new one.

    The bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
    file is renamed over `path` (`os.replace`, atomic). On failure the temporary file is removed
    and the OSError raised.
    """
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def write_text_atomically(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write `text` to `path` so a crash leaves either the old file or the whole new one."""
    try:
        replace_file(path, text.encode(encoding))
    except OSError as exc:
        raise HistoryFileError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _number(value: float) -> str:
    """Seconds for a table: up to 3 decimals, no trailing zeros, never an exponent."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _number(value)
    return str(value)


def _text_cell(text: str) -> str:
    """Free text, defused so a spreadsheet never runs it as a formula (OWASP: lead with ')."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_text(snapshot: HistorySnapshot) -> str:
    """Sessions and work periods, one row per work period (a session without any: one row)."""
    by_session: dict[int, list[WorkPeriodRecord]] = {}
    for period in snapshot.work_periods:
        by_session.setdefault(period.session_id, []).append(period)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: CRLF, quotes doubled
    writer.writerow(CSV_COLUMNS)
    for s in snapshot.sessions:
        session_cells = [
            s.id,
            _text_cell(s.routine_title),
            s.routine_hash,
            format_utc(s.started_at),
            None if s.ended_at is None else format_utc(s.ended_at),
            s.status,
            s.active_seconds,
            s.paused_seconds,
            s.pain_before,
            s.pain_after,
            s.pain_next_morning,
            _text_cell(s.note),
            s.planned_work_periods,
            s.completed_work_periods,
        ]
        periods: list[WorkPeriodRecord | None] = list(by_session.get(s.id, [])) or [None]
        for w in periods:
            work_cells: list[object] = (
                [None] * 8
                if w is None
                else [
                    w.exercise_id,
                    _text_cell(w.exercise_name),
                    w.set_number,
                    w.side,
                    w.planned_seconds,
                    w.actual_seconds,
                    w.status,
                    format_utc(w.ended_at),
                ]
            )
            writer.writerow([_cell(v) for v in [*session_cells, *work_cells]])
    return out.getvalue()


def write_csv(snapshot: HistorySnapshot, path: Path) -> None:
    write_text_atomically(path, csv_text(snapshot), encoding="utf-8-sig")


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
                "source": r.source,
                "sessions_per_week": r.sessions_per_week,
                "first_used_at": format_utc(r.first_used_at),
                "text": r.text,
            }
            for r in snapshot.routines
        ],
        "sessions": [
            {
                "id": s.id,
                "routine_hash": s.routine_hash,
                "started_at": format_utc(s.started_at),
                "ended_at": None if s.ended_at is None else format_utc(s.ended_at),
                "status": s.status,
                "active_seconds": s.active_seconds,
                "paused_seconds": s.paused_seconds,
                "pain_before": s.pain_before,
                "pain_after": s.pain_after,
                "pain_next_morning": s.pain_next_morning,
                "morning_asked": s.morning_asked,
                "note": s.note,
                "planned_work_periods": s.planned_work_periods,
                "work_periods": [
                    {
                        "exercise_id": w.exercise_id,
                        "exercise_name": w.exercise_name,
                        "set_number": w.set_number,
                        "side": w.side,
                        "planned_seconds": w.planned_seconds,
                        "actual_seconds": w.actual_seconds,
                        "status": w.status,
                        "ended_at": format_utc(w.ended_at),
                    }
                    for w in by_session.get(s.id, [])
                ],
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
        return HistoryFileError(f"{self.source}: {where}: {message}")

    def obj(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        return value

    def items(self, data: dict[str, Any], key: str, where: str) -> Iterator[tuple[str, Any]]:
        value = data.get(key)
        if not isinstance(value, list):
            raise self.fail(f"{where}{key}", "must be a list")
        for index, item in enumerate(value):
            yield f"{where}{key}[{index}]", item

    def field(self, data: dict[str, Any], key: str, where: str) -> Any:
        if key not in data:
            raise self.fail(where, f"missing {key!r}")
        return data[key]

    def text(self, data: dict[str, Any], key: str, where: str, *, optional: bool = False) -> Any:
        value = self.field(data, key, where)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", "must be text")
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
            raise self.fail(f"{where}.{key}", f"must be a whole number, not {value!r}")
        if value < low or value > (_MAX_INTEGER if high is None else high):
            span = f"{low}-{high}" if high is not None else f"{low} or more (and not huge)"
            raise self.fail(f"{where}.{key}", f"must be {span}, not {value}")
        return value

    def seconds(self, data: dict[str, Any], key: str, where: str) -> float:
        value = self.field(data, key, where)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{where}.{key}", f"must be a number of seconds, not {value!r}")
        if not math.isfinite(value) or value < 0:
            raise self.fail(f"{where}.{key}", f"must be >= 0, not {value!r}")
        return float(value)

    def choice(self, data: dict[str, Any], key: str, where: str, choices: tuple[str, ...]) -> str:
        value = self.field(data, key, where)
        if value not in choices:
            raise self.fail(f"{where}.{key}", f"must be one of {', '.join(choices)}")
        return str(value)

    def moment(self, data: dict[str, Any], key: str, where: str, *, optional: bool = False) -> Any:
        value = self.text(data, key, where, optional=optional)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise self.fail(
                f"{where}.{key}", f"must be an ISO 8601 time with a zone, not {value!r}"
            )
        return parsed.astimezone(UTC).replace(microsecond=0)


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
            f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    r = _Reader(source)
    data = r.obj(raw, "the file")
    if data.get("format") != JSON_FORMAT:
        raise HistoryFileError(
            f'{source} is not a hiprehab history export (no "format": "{JSON_FORMAT}")'
        )
    version = r.integer(data, "format_version", "the file", low=1)
    if version > JSON_FORMAT_VERSION:
        raise HistoryFileError(
            f"{source} was exported by a newer version of hiprehab (format {version}); "
            "update hiprehab to import it"
        )
    person = r.text(data, "person", "the file", optional=True) if "person" in data else None
    exported_at = (
        r.moment(data, "exported_at", "the file", optional=True) if "exported_at" in data else None
    )
    routines: list[RoutineRecord] = []
    for where, item in r.items(data, "routines", ""):
        entry = r.obj(item, where)
        routines.append(
            RoutineRecord(
                content_hash=r.text(entry, "hash", where),
                title=r.text(entry, "title", where),
                source=r.text(entry, "source", where, optional=True),
                text=r.text(entry, "text", where),
                sessions_per_week=r.integer(entry, "sessions_per_week", where, low=1),
                first_used_at=r.moment(entry, "first_used_at", where),
            )
        )
    hashes = [routine.content_hash for routine in routines]
    if len(set(hashes)) != len(hashes):
        raise HistoryFileError(f"{source}: routines: the same routine is listed twice")
    known = {routine.content_hash: routine for routine in routines}
    sessions: list[SessionRecord] = []
    periods: list[WorkPeriodRecord] = []
    seen_ids: set[int] = set()
    for where, item in r.items(data, "sessions", ""):
        entry = r.obj(item, where)
        session_id = r.integer(entry, "id", where, low=1)
        if session_id in seen_ids:
            raise r.fail(f"{where}.id", f"session {session_id} appears twice")
        seen_ids.add(session_id)
        digest = r.text(entry, "routine_hash", where)
        if digest not in known:
            raise r.fail(f"{where}.routine_hash", "names no routine in the file")
        morning_asked = r.field(entry, "morning_asked", where)
        if not isinstance(morning_asked, bool):
            raise r.fail(f"{where}.morning_asked", "must be true or false")
        session_periods = []
        for wwhere, witem in r.items(entry, "work_periods", f"{where}."):
            wentry = r.obj(witem, wwhere)
            session_periods.append(
                WorkPeriodRecord(
                    id=0,
                    session_id=session_id,
                    exercise_id=r.text(wentry, "exercise_id", wwhere, optional=True),
                    exercise_name=r.text(wentry, "exercise_name", wwhere),
                    set_number=r.integer(wentry, "set_number", wwhere, low=1),
                    side=r.choice(wentry, "side", wwhere, WORK_SIDES),
                    planned_seconds=r.seconds(wentry, "planned_seconds", wwhere),
                    actual_seconds=r.seconds(wentry, "actual_seconds", wwhere),
                    status=r.choice(wentry, "status", wwhere, WORK_STATUSES),
                    ended_at=r.moment(wentry, "ended_at", wwhere),
                )
            )
            if not session_periods[-1].exercise_name:
                raise r.fail(f"{wwhere}.exercise_name", "must not be empty")
        periods.extend(session_periods)
        sessions.append(
            SessionRecord(
                id=session_id,
                routine_hash=digest,
                routine_title=known[digest].title,
                sessions_per_week=known[digest].sessions_per_week,
                started_at=r.moment(entry, "started_at", where),
                ended_at=r.moment(entry, "ended_at", where, optional=True),
                status=r.choice(entry, "status", where, SESSION_STATUSES),
                active_seconds=r.seconds(entry, "active_seconds", where),
                paused_seconds=r.seconds(entry, "paused_seconds", where),
                pain_before=r.integer(entry, "pain_before", where, low=0, high=10, optional=True),
                pain_after=r.integer(entry, "pain_after", where, low=0, high=10, optional=True),
                pain_next_morning=r.integer(
                    entry, "pain_next_morning", where, low=0, high=10, optional=True
                ),
                morning_asked=morning_asked,
                note=r.text(entry, "note", where),
                planned_work_periods=r.integer(
                    entry, "planned_work_periods", where, low=0, optional=True
                ),
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
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HistoryFileError(f"{path} is not a text file in UTF-8 ({exc.reason})") from exc
    except OSError as exc:
        raise HistoryFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_export(text, path)


# ------------------------------------------------------------------------------ profiles
def slugify(name: str) -> str:
    """A file-name-safe form of a person's name: `Anna Müller` -> `anna-muller`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    return slug or "profile"


def _profile_name(path: Path) -> str:
    """The person's name stored in a profile, or its file name if that cannot be read."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (PERSON_KEY,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        row = None
    return str(row[0]) if row else path.stem


def list_profiles(paths: AppPaths) -> list[Profile]:
    """Imported histories, sorted by name (open them with `HistoryStore.open(read_only=True)`)."""
    folder = paths.profiles_dir
    if not folder.is_dir():
        return []
    found = [
        Profile(name=_profile_name(p), path=p)
        for p in folder.glob("*.sqlite3")
        if p.is_file() and not p.name.startswith(".")
    ]
    return sorted(found, key=lambda profile: (profile.name.casefold(), profile.path.name))


def find_profile(paths: AppPaths, name: str) -> Profile:
    """The imported profile called `name` (or with that file slug); HistoryFileError if none."""
    wanted = slugify(name)
    profiles = list_profiles(paths)
    for profile in profiles:
        if profile.name.casefold() == name.casefold() or profile.path.stem == wanted:
            return profile
    known = ", ".join(p.name for p in profiles) or "none yet"
    raise HistoryFileError(f"no imported profile called {name!r} (imported profiles: {known})")


@dataclass(frozen=True)
class ImportResult:
    profile: Profile
    sessions: int
    replaced: bool  # an earlier import of the same name was replaced (only with replace=True)


def import_history(
    source: Path,
    paths: AppPaths,
    *,
    name: str | None = None,
    replace: bool = False,
    now: Callable[[], datetime] | None = None,
) -> ImportResult:
    """Import an exported JSON history as a read-only profile of its own.

    The name is `name`, else the person named in the file, else the file's name. A profile of
    the same name (the same file name) is only replaced with `replace=True` (a physio
    re-importing a newer export); otherwise `ProfileExistsError` is raised and nothing changes,
    since two patients may well share a first name. Replacing is atomic: the new database is
    built beside the old one and renamed over it only when complete. The export's
    `exported_at` is kept (meta `exported_at`), so the profile is shown as of that moment.
    """
    clock = now or (lambda: datetime.now(UTC))
    export = read_export(source)
    snapshot = export.snapshot
    display = (name or export.person or source.stem).strip() or source.stem
    folder = paths.profiles_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HistoryFileError(
            f"cannot create the profiles folder {folder}: {exc.strerror or exc}"
        ) from exc
    target = folder / f"{slugify(display)}.sqlite3"
    if not replace:
        _refuse_existing(target)
    building = folder / f".{target.stem}.importing-{os.getpid()}.sqlite3"
    _remove_database(building)
    try:
        with HistoryStore.open(building, now=clock) as store:
            store.add_snapshot(snapshot)
            store.set_meta(PERSON_KEY, display)
            store.set_meta("imported_from", str(source))
            store.set_meta(IMPORTED_AT_KEY, format_utc(clock()))
            if export.exported_at is not None:
                store.set_meta(EXPORTED_AT_KEY, format_utc(export.exported_at))
        _make_single_file(building)
        if not replace:
            _refuse_existing(target)  # made meanwhile by another import
        replaced = target.exists()
        for suffix in ("-wal", "-shm", "-journal"):  # never let an old journal meet the new file
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(building, target)
    except OSError as exc:
        _remove_database(building)
        raise HistoryFileError(f"cannot save the profile {target}: {exc.strerror or exc}") from exc
    except BaseException:
        _remove_database(building)
        raise
    return ImportResult(Profile(display, target), len(snapshot.sessions), replaced)


def _refuse_existing(target: Path) -> None:
    if target.exists():
        existing = Profile(_profile_name(target), target)
        raise ProfileExistsError(
            f"there is already an imported profile called {existing.name!r} ({target}); "
            "import this one under another name, or replace that profile explicitly",
            existing,
        )


def as_of(store: HistoryStore) -> datetime | None:
    """The moment an imported history is shown as of: when it was exported; None for one's own.

    Profiles imported before the export time was kept fall back to when they were imported.
    """
    for key in (EXPORTED_AT_KEY, IMPORTED_AT_KEY):
        text = store.meta(key)
        if text is not None:
            try:
                return parse_utc(text)
            except ValueError:
                continue
    return None


def _make_single_file(path: Path) -> None:
    """Leave the WAL journal so the profile is one self-contained file readable read-only."""
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise HistoryFileError(f"cannot finish the profile {path}: {exc}") from exc


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
