"""The exercise history: one SQLite file with every session, work period and pain score logged.

Nothing a user logged may be lost, so every change is its own committed transaction (WAL journal,
`synchronous = FULL`: a commit survives a crash *and* a power cut). A session row is written the
moment it starts, with status `running`, and each work period as it ends; whoever opens the file
next turns a session left `running` by a dead process into `interrupted`, keeping the work done.
A damaged file is moved aside, never deleted; a file from a newer hiprehab is refused untouched.

Timestamps are stored as UTC ISO 8601 text with whole seconds (`2026-11-23T14:05:00Z`), which
also sorts correctly as text.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from types import TracebackType
from typing import Any

from hiprehab.history import adjustment_store
from hiprehab.history.adjustments import Adjustment
from hiprehab.history.schema import SCHEMA_VERSION, migrate, user_version
from hiprehab.routine.model import Routine

log = logging.getLogger(__name__)

SESSION_STATUSES = ("running", "completed", "stopped", "interrupted")
FINISHED_STATUSES = ("completed", "stopped", "interrupted")
WORK_STATUSES = ("completed", "skipped", "stopped")
WORK_SIDES = ("left", "right", "none")

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_CORRUPT_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


class StoreError(Exception):
    """A history file cannot be used for a reason the user can fix; the message names the file."""


class ReadOnlyStoreError(StoreError):
    """A write was attempted on a store opened read-only (an imported profile, a viewer)."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def format_utc(moment: datetime) -> str:
    """`moment` as stored: UTC, whole seconds, `Z` suffix. Naive datetimes are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"timestamp {moment!r} has no time zone; pass an aware datetime")
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def parse_utc(text: str) -> datetime:
    """The inverse of `format_utc` (`fromisoformat` is many times faster than `strptime`)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"stored time {text!r} has no zone")
    return moment.astimezone(UTC)


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
    source: str | None  # path it was first loaded from, if any
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


_SESSION_COLUMNS = """
    s.id, r.content_hash, r.title, r.sessions_per_week, s.started_at, s.ended_at, s.status,
    s.active_seconds, s.paused_seconds, s.pain_before, s.pain_after, s.pain_next_morning,
    s.morning_asked, s.note, s.planned_work_periods,
    (SELECT COUNT(*) FROM work_periods w WHERE w.session_id = s.id AND w.status = 'completed'),
    (SELECT COUNT(*) FROM work_periods w WHERE w.session_id = s.id)
"""
_SESSION_SELECT = (
    f"SELECT {_SESSION_COLUMNS} FROM sessions s JOIN routines r ON r.id = s.routine_id"
)
_WORK_SELECT = (
    "SELECT id, session_id, exercise_id, exercise_name, set_number, side, planned_seconds, "
    "actual_seconds, status, ended_at FROM work_periods"
)


def _session_from_row(row: tuple[Any, ...]) -> SessionRecord:
    return SessionRecord(
        id=row[0],
        routine_hash=row[1],
        routine_title=row[2],
        sessions_per_week=row[3],
        started_at=parse_utc(row[4]),
        ended_at=None if row[5] is None else parse_utc(row[5]),
        status=row[6],
        active_seconds=float(row[7]),
        paused_seconds=float(row[8]),
        pain_before=row[9],
        pain_after=row[10],
        pain_next_morning=row[11],
        morning_asked=bool(row[12]),
        note=row[13],
        planned_work_periods=row[14],
        completed_work_periods=row[15],
        recorded_work_periods=row[16],
    )


def _work_from_row(row: tuple[Any, ...]) -> WorkPeriodRecord:
    return WorkPeriodRecord(
        id=row[0],
        session_id=row[1],
        exercise_id=row[2],
        exercise_name=row[3],
        set_number=row[4],
        side=row[5],
        planned_seconds=float(row[6]),
        actual_seconds=float(row[7]),
        status=row[8],
        ended_at=parse_utc(row[9]),
    )


def _utc_window(day: date) -> tuple[str, str]:
    """Stored-time bounds wide enough to hold the whole of `day` in any time zone."""
    start = datetime.combine(day - timedelta(days=1), datetime.min.time(), UTC)
    return format_utc(start), format_utc(start + timedelta(days=3))


def _check_pain(name: str, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{name} must be an integer 0-10 or None, not {value!r}")


def _check_seconds(name: str, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number of seconds, not {value!r}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number of seconds >= 0, not {value!r}")


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r}")


def _is_corruption(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _CORRUPT_CODES


def _describe_failure(path: Path, action: str, exc: sqlite3.Error) -> str:
    """A message a user can act on for an SQLite failure while doing `action` with `path`."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return (
            f"could not {action} in {path}: the disk is full. Free some space and try again; "
            "everything saved before is kept."
        )
    if code == sqlite3.SQLITE_READONLY:
        return f"could not {action} in {path}: the file is read-only (check its permissions)."
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return f"could not {action} in {path}: another program is using the file ({exc})."
    if code in _CORRUPT_CODES:
        return (
            f"could not {action} in {path}: the file is damaged ({exc}). Restart hiprehab: it "
            "moves a damaged file aside and starts a new one."
        )
    return f"could not {action} in {path}: {exc}"


def _ensure_writable_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoreError(f"cannot create the history folder {folder}: {reason}") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(
            f"the history folder {folder} is not writable; hiprehab needs to save your sessions "
            "there (check the folder's permissions)"
        )


def _companions(path: Path) -> list[Path]:
    """The database file and the side files SQLite may keep next to it."""
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


def _move_aside(path: Path, when: datetime) -> Path:
    """Rename a damaged database (and its side files) to `<name>.corrupt-YYYYMMDD-HHMMSS`.

    The stamp is UTC, like every time in the history; `-1`, `-2`... follow if it is taken.
    """
    stamp = when.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while any(p.exists() for p in _companions(target)):
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    for source, destination in zip(_companions(path), _companions(target), strict=True):
        if source.exists():
            try:
                os.replace(source, destination)
            except OSError as exc:
                raise StoreError(
                    f"the history file {path} is damaged and could not be moved aside to "
                    f"{destination}: {exc.strerror or exc}"
                ) from exc
    return target


def _connect(target: str, path: Path, *, uri: bool = False) -> sqlite3.Connection:
    try:
        return sqlite3.connect(target, isolation_level=None, timeout=5.0, uri=uri)
    except sqlite3.Error as exc:
        raise StoreError(_describe_failure(path, "open the history", exc)) from exc


def _has_sqlite_header(path: Path) -> bool:
    """False for a file that is plainly no database, checked before SQLite touches it.

    (SQLite would otherwise treat side files such as `-wal` as its own and may delete them.)
    A missing or empty file is fine: SQLite makes a new database of it.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except FileNotFoundError:
        return True
    except OSError as exc:
        raise StoreError(f"cannot read the history file {path}: {exc.strerror or exc}") from exc
    return not head or (len(head) == 100 and head.startswith(b"SQLite format 3\x00"))


def _healthy(conn: sqlite3.Connection, path: Path) -> bool:
    """False for a damaged file; raises StoreError for one made by a newer hiprehab."""
    try:
        version = user_version(conn)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path} was written by a newer version of hiprehab (history format {version}; "
                f"this version knows up to {SCHEMA_VERSION}). Update hiprehab to open it; "
                "the file was left unchanged."
            )
        result = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):
            return False
        raise StoreError(_describe_failure(path, "open the history", exc)) from exc
    return result == [("ok",)]


def _open_if_sound(path: Path) -> sqlite3.Connection | None:
    """A connection to `path` if it is a sound (or new) database, None if it is damaged."""
    if not _has_sqlite_header(path):
        return None
    conn = _connect(str(path), path)
    try:
        if _healthy(conn, path):
            return conn
    except BaseException:
        conn.close()
        raise
    conn.close()
    return None


class HistoryStore:
    """Sessions, work periods and pain scores in one SQLite file. Open with `HistoryStore.open`.

    Writes are refused on a read-only store (`ReadOnlyStoreError`). Failures a user can fix
    (full disk, permissions, damaged file) raise `StoreError`; bad arguments raise `ValueError`.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        read_only: bool,
        now: Callable[[], datetime],
        moved_aside: Path | None = None,
    ) -> None:
        self._conn = conn
        self.path = path
        self.read_only = read_only
        self._now = now
        self.moved_aside = moved_aside

    # ----------------------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        path: Path,
        *,
        read_only: bool = False,
        now: Callable[[], datetime] | None = None,
    ) -> HistoryStore:
        """Open (creating, upgrading and recovering as needed) the history at `path`.

        A read-only store works on an in-memory copy of the file, upgraded there if it is older,
        so viewing never changes the file and never disturbs a session running elsewhere.
        """
        clock = now or _utc_now
        path = Path(path)
        if read_only:
            return cls._open_read_only(path, clock)
        _ensure_writable_folder(path.parent)
        moved_aside = None
        conn = _open_if_sound(path)
        if conn is None:
            moved_aside = _move_aside(path, clock())
            log.warning("damaged history %s moved aside to %s", path, moved_aside)
            conn = _connect(str(path), path)
        try:
            conn.execute("PRAGMA journal_mode = WAL")  # falls back by itself where unsupported
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
            store = cls(conn, path, read_only=False, now=clock, moved_aside=moved_aside)
            store._recover_interrupted()
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(_describe_failure(path, "open the history", exc)) from exc
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def _open_read_only(cls, path: Path, clock: Callable[[], datetime]) -> HistoryStore:
        if not path.is_file():
            raise StoreError(f"there is no history file at {path}")
        if not _has_sqlite_header(path):
            raise StoreError(f"{path} is damaged or is not a hiprehab history file")
        source = _connect(path.resolve().as_uri() + "?mode=ro", path, uri=True)
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            if not _healthy(source, path):
                raise StoreError(f"{path} is damaged or is not a hiprehab history file")
            source.backup(memory)
            memory.execute("PRAGMA foreign_keys = ON")
            migrate(memory)
            memory.execute("PRAGMA query_only = ON")
        except sqlite3.Error as exc:
            memory.close()
            if _is_corruption(exc):
                raise StoreError(f"{path} is damaged or is not a hiprehab history file") from exc
            raise StoreError(_describe_failure(path, "read the history", exc)) from exc
        except BaseException:
            memory.close()
            raise
        finally:
            source.close()
        return cls(memory, path, read_only=True, now=clock)

    def now(self) -> datetime:
        """The store's wall clock (UTC): what it stamps new records with; tests pass their own."""
        return self._now()

    @property
    def notice(self) -> str | None:
        """What the UI should tell the user about opening, if anything (a file moved aside)."""
        if self.moved_aside is None:
            return None
        return (
            f"The history file {self.path} was damaged and could not be read. It was moved aside "
            f"to {self.moved_aside} (nothing was deleted) and a new, empty history was started."
        )

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ----------------------------------------------------------------------------- writing
    @contextmanager
    def _writing(self, action: str) -> Iterator[sqlite3.Connection]:
        """One committed transaction; SQLite failures become a StoreError naming the file."""
        if self.read_only:
            raise ReadOnlyStoreError(
                f"cannot {action}: {self.path} is open read-only (an imported or viewed history)"
            )
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise self._translate(exc, action) from exc

    def _translate(self, exc: sqlite3.Error, action: str) -> Exception:
        """A StoreError for faults of the file or disk; anything else (a bug) unchanged."""
        if isinstance(exc, sqlite3.OperationalError) or _is_corruption(exc):
            return StoreError(_describe_failure(self.path, action, exc))
        return exc

    def _recover_interrupted(self) -> None:
        """Sessions left `running` by a process that died become `interrupted`.

        Their active time becomes the sum of the work periods recorded and their end the end of
        the last one (or the start, if none was recorded); paused time is unknown and stays 0.
        """
        with self._writing("recover an interrupted session") as conn:
            conn.execute(
                """
                UPDATE sessions SET
                    status = 'interrupted',
                    active_seconds = (SELECT COALESCE(SUM(w.actual_seconds), 0)
                                      FROM work_periods w WHERE w.session_id = sessions.id),
                    ended_at = COALESCE((SELECT MAX(w.ended_at) FROM work_periods w
                                         WHERE w.session_id = sessions.id), started_at)
                WHERE status = 'running'
                """
            )

    def start_session(
        self,
        routine: Routine,
        *,
        started_at: datetime | None = None,
        pain_before: int | None = None,
        planned_work_periods: int | None = None,
    ) -> int:
        """Record (and commit) a session as `running`; returns its id.

        `planned_work_periods` defaults to one per set and side of the routine.
        """
        _check_pain("pain_before", pain_before)
        planned = planned_work_periods_of(routine)
        if planned_work_periods is not None:
            planned = planned_work_periods
        if isinstance(planned, bool) or not isinstance(planned, int) or planned < 0:
            raise ValueError(f"planned_work_periods must be an integer >= 0, not {planned!r}")
        if routine.sessions_per_week < 1:
            raise ValueError(f"routine {routine.title!r} has sessions_per_week < 1")
        started = format_utc(started_at or self._now())
        with self._writing("start a session") as conn:
            digest = routine_hash(routine)
            conn.execute(
                "INSERT INTO routines (content_hash, title, source, text, sessions_per_week, "
                "first_used_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING",
                (
                    digest,
                    routine.title,
                    None if routine.source is None else str(routine.source),
                    routine.text,
                    routine.sessions_per_week,
                    started,
                ),
            )
            (routine_id,) = conn.execute(
                "SELECT id FROM routines WHERE content_hash = ?", (digest,)
            ).fetchone()
            cursor = conn.execute(
                "INSERT INTO sessions (routine_id, started_at, status, pain_before, "
                "planned_work_periods) VALUES (?, ?, 'running', ?, ?)",
                (routine_id, started, pain_before, planned),
            )
            session_id = cursor.lastrowid
        assert session_id is not None
        return session_id

    def _status_of(self, conn: sqlite3.Connection, session_id: int) -> str:
        row = conn.execute("SELECT status FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise ValueError(f"there is no session {session_id!r} in {self.path}")
        status: str = row[0]
        return status

    def record_work_period(
        self,
        session_id: int,
        *,
        exercise_id: str | None,
        exercise_name: str,
        set_number: int,
        side: str,
        planned_seconds: float,
        actual_seconds: float,
        status: str,
        ended_at: datetime | None = None,
    ) -> None:
        """Record one finished work period, committed at once (it survives a crash right after).

        The session must not be finished yet; `interrupted` is accepted too, since another
        instance of the app may have declared a live session interrupted when it opened.
        """
        if not isinstance(exercise_name, str) or not exercise_name:
            raise ValueError(f"exercise_name must be a non-empty string, not {exercise_name!r}")
        if exercise_id is not None and not isinstance(exercise_id, str):
            raise ValueError(f"exercise_id must be a string or None, not {exercise_id!r}")
        if isinstance(set_number, bool) or not isinstance(set_number, int) or set_number < 1:
            raise ValueError(f"set_number must be an integer >= 1, not {set_number!r}")
        _check_choice("side", side, WORK_SIDES)
        _check_choice("status", status, WORK_STATUSES)
        _check_seconds("planned_seconds", planned_seconds)
        _check_seconds("actual_seconds", actual_seconds)
        ended = format_utc(ended_at or self._now())
        with self._writing("save a work period") as conn:
            current = self._status_of(conn, session_id)
            if current not in ("running", "interrupted"):
                raise ValueError(f"session {session_id} is already {current}")
            conn.execute(
                "INSERT INTO work_periods (session_id, exercise_id, exercise_name, set_number, "
                "side, planned_seconds, actual_seconds, status, ended_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    exercise_id,
                    exercise_name,
                    set_number,
                    side,
                    float(planned_seconds),
                    float(actual_seconds),
                    status,
                    ended,
                ),
            )

    def finish_session(
        self,
        session_id: int,
        *,
        status: str,
        active_seconds: float,
        paused_seconds: float,
        ended_at: datetime | None = None,
    ) -> None:
        """Close a running (or recovered-as-interrupted) session with its final status."""
        _check_choice("status", status, FINISHED_STATUSES)
        _check_seconds("active_seconds", active_seconds)
        _check_seconds("paused_seconds", paused_seconds)
        ended = format_utc(ended_at or self._now())
        with self._writing("finish the session") as conn:
            current = self._status_of(conn, session_id)
            if current not in ("running", "interrupted"):
                raise ValueError(f"session {session_id} is already {current}")
            conn.execute(
                "UPDATE sessions SET status = ?, active_seconds = ?, paused_seconds = ?, "
                "ended_at = ? WHERE id = ?",
                (status, float(active_seconds), float(paused_seconds), ended, session_id),
            )

    def leave_out_work_periods(self, session_id: int, count: int) -> None:
        """Lower a running session's planned work periods by `count` (never below 0): an optional
        exercise left out (core/optional.py) is not work missed."""
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"count must be an integer >= 0, not {count!r}")
        with self._writing("save the plan") as conn:
            if (current := self._status_of(conn, session_id)) not in ("running", "interrupted"):
                raise ValueError(f"session {session_id} is already {current}")
            conn.execute(
                "UPDATE sessions SET planned_work_periods = MAX(planned_work_periods - ?, 0) "
                "WHERE id = ?",
                (count, session_id),
            )

    def _update_session(self, session_id: int, action: str, column: str, value: object) -> None:
        with self._writing(action) as conn:
            self._status_of(conn, session_id)
            conn.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", (value, session_id))

    def set_pain_before(self, session_id: int, value: int | None) -> None:
        _check_pain("pain_before", value)
        self._update_session(session_id, "save the pain score", "pain_before", value)

    def set_pain_after(self, session_id: int, value: int | None) -> None:
        _check_pain("pain_after", value)
        self._update_session(session_id, "save the pain score", "pain_after", value)

    def set_pain_next_morning(self, session_id: int, value: int | None) -> None:
        _check_pain("pain_next_morning", value)
        self._update_session(session_id, "save the pain score", "pain_next_morning", value)

    def set_note(self, session_id: int, text: str) -> None:
        if not isinstance(text, str):
            raise ValueError(f"a note must be a string, not {text!r}")
        self._update_session(session_id, "save the note", "note", text)

    def mark_morning_asked(self, session_id: int, *, tz: tzinfo | None = None) -> None:
        """Remember that the next-morning question was asked about `session_id`'s day.

        Every session that ended on the same local day (in `tz`, default the computer's zone)
        is marked, so none of that day is asked about again, whichever was the one asked
        about. A session without an end (still running) is marked on its own.
        """
        with self._writing("save the answer") as conn:
            self._status_of(conn, session_id)
            (ended_text,) = conn.execute(
                "SELECT ended_at FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
            ids = [session_id]
            if ended_text is not None:
                day = parse_utc(ended_text).astimezone(tz).date()
                ids += [
                    other
                    for other, other_end in conn.execute(
                        "SELECT id, ended_at FROM sessions WHERE ended_at >= ? AND ended_at < ? "
                        "AND morning_asked = 0",
                        _utc_window(day),
                    )
                    if parse_utc(other_end).astimezone(tz).date() == day
                ]
            conn.executemany(
                "UPDATE sessions SET morning_asked = 1 WHERE id = ?", [(i,) for i in ids]
            )

    # ----------------------------------------------------------------------------- reading
    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._translate(exc, "read the history") from exc

    def sessions(
        self, *, since: datetime | None = None, routine_hash: str | None = None
    ) -> list[SessionRecord]:
        """Sessions in start order, optionally those started at/after `since` or of one routine."""
        clauses: list[str] = []
        params: list[object] = []
        if since is not None:
            clauses.append("s.started_at >= ?")
            params.append(format_utc(since))
        if routine_hash is not None:
            clauses.append("r.content_hash = ?")
            params.append(routine_hash)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._read(f"{_SESSION_SELECT}{where} ORDER BY s.started_at, s.id", tuple(params))
        return [_session_from_row(row) for row in rows]

    def session(self, session_id: int) -> SessionRecord:
        rows = self._read(f"{_SESSION_SELECT} WHERE s.id = ?", (session_id,))
        if not rows:
            raise ValueError(f"there is no session {session_id!r} in {self.path}")
        return _session_from_row(rows[0])

    def work_periods(self, session_id: int) -> list[WorkPeriodRecord]:
        """The session's work periods in the order they were recorded."""
        if not self._read("SELECT 1 FROM sessions WHERE id = ?", (session_id,)):
            raise ValueError(f"there is no session {session_id!r} in {self.path}")
        rows = self._read(f"{_WORK_SELECT} WHERE session_id = ? ORDER BY id", (session_id,))
        return [_work_from_row(row) for row in rows]

    def routines(self) -> list[RoutineRecord]:
        """Every routine used, oldest first."""
        rows = self._read(
            "SELECT content_hash, title, source, text, sessions_per_week, first_used_at "
            "FROM routines ORDER BY first_used_at, id"
        )
        return [
            RoutineRecord(
                content_hash=row[0],
                title=row[1],
                source=row[2],
                text=row[3],
                sessions_per_week=row[4],
                first_used_at=parse_utc(row[5]),
            )
            for row in rows
        ]

    def session_awaiting_morning_pain(
        self, today: date, *, tz: tzinfo | None = None
    ) -> SessionRecord | None:
        """The session whose next-morning pain should be asked for today, if any.

        Only the morning after counts: of the finished sessions that ended on the local day (in
        `tz`, default the computer's zone) just before `today`, the most recent one, as long as
        it has no next-morning score and its day was not asked about yet (`mark_morning_asked`
        marks the whole day). Earlier sessions of that day are not asked about separately, and
        sessions of older days never are: a score given days later is no next-morning score.
        """
        yesterday = today - timedelta(days=1)
        rows = self._read(
            f"{_SESSION_SELECT} WHERE s.ended_at >= ? AND s.ended_at < ? "
            "AND s.status != 'running' ORDER BY s.ended_at DESC, s.id DESC",
            _utc_window(yesterday),
        )
        for row in rows:
            record = _session_from_row(row)
            assert record.ended_at is not None
            if record.ended_at.astimezone(tz).date() != yesterday:
                continue
            # the most recent session of that day decides
            if record.morning_asked or record.pain_next_morning is not None:
                return None
            return record
        return None

    # ----------------------------------------------------------------------------- whole store
    def meta(self, key: str) -> str | None:
        """A fact about the whole history, e.g. `person` (whose it is) for an imported one."""
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str | None) -> None:
        """Set (or with None remove) a fact about the whole history."""
        with self._writing("save the history's details") as conn:
            if value is None:
                conn.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def snapshot(self) -> HistorySnapshot:
        """Everything in the store, for export."""
        rows = self._read(f"{_WORK_SELECT} ORDER BY session_id, id")
        return HistorySnapshot(
            routines=tuple(self.routines()),
            sessions=tuple(self.sessions()),
            work_periods=tuple(_work_from_row(row) for row in rows),
            adjustments=tuple(self.adjustments()),
        )

    def add_snapshot(self, snapshot: HistorySnapshot) -> None:
        """Fill an empty store with another history (an import), in one transaction.

        Session ids are kept; work-period ids are given anew in the same order. Derived counts
        in the session records are ignored (they follow from the work periods).
        """
        hashes = {r.content_hash for r in snapshot.routines}
        for record in snapshot.sessions:
            if record.routine_hash not in hashes:
                raise ValueError(f"session {record.id} uses an unknown routine")
        with self._writing("import the history") as conn:
            if conn.execute("SELECT EXISTS (SELECT 1 FROM sessions)").fetchone()[0]:
                raise ValueError(f"{self.path} is not empty; imports go into a fresh store")
            routine_ids: dict[str, int] = {}
            for routine in snapshot.routines:
                cursor = conn.execute(
                    "INSERT INTO routines (content_hash, title, source, text, "
                    "sessions_per_week, first_used_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        routine.content_hash,
                        routine.title,
                        routine.source,
                        routine.text,
                        routine.sessions_per_week,
                        format_utc(routine.first_used_at),
                    ),
                )
                assert cursor.lastrowid is not None
                routine_ids[routine.content_hash] = cursor.lastrowid
            for s in snapshot.sessions:
                conn.execute(
                    "INSERT INTO sessions (id, routine_id, started_at, ended_at, status, "
                    "active_seconds, paused_seconds, pain_before, pain_after, pain_next_morning, "
                    "morning_asked, note, planned_work_periods) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        s.id,
                        routine_ids[s.routine_hash],
                        format_utc(s.started_at),
                        None if s.ended_at is None else format_utc(s.ended_at),
                        s.status,
                        s.active_seconds,
                        s.paused_seconds,
                        s.pain_before,
                        s.pain_after,
                        s.pain_next_morning,
                        int(s.morning_asked),
                        s.note,
                        s.planned_work_periods,
                    ),
                )
            conn.executemany(
                "INSERT INTO work_periods (session_id, exercise_id, exercise_name, set_number, "
                "side, planned_seconds, actual_seconds, status, ended_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        w.session_id,
                        w.exercise_id,
                        w.exercise_name,
                        w.set_number,
                        w.side,
                        w.planned_seconds,
                        w.actual_seconds,
                        w.status,
                        format_utc(w.ended_at),
                    )
                    for w in snapshot.work_periods
                ],
            )
            adjustment_store.insert_all(conn, snapshot.adjustments, format_utc)

    # ----------------------------------------------------------------- the user's adjustments
    def add_adjustment(self, adjustment: Adjustment) -> Adjustment:
        """Store a step the user accepted; returns it with its id."""
        with self._writing("save your adjustment") as conn:
            new_id = adjustment_store.insert(conn, adjustment, format_utc)
        return replace(adjustment, id=new_id)

    def undo_adjustment(self, adjustment_id: int, *, at: datetime | None = None) -> None:
        """Take a step back: the record stays, with the time it was undone."""
        with self._writing("undo your adjustment") as conn:
            adjustment_store.mark_undone(conn, adjustment_id, format_utc(at or self._now()))

    def adjustments(
        self, routine_hash: str | None = None, *, active_only: bool = False
    ) -> list[Adjustment]:
        """The user's steps in the order made (see adjustment_store.read)."""
        return adjustment_store.read(self._read, parse_utc, routine_hash, active_only=active_only)
