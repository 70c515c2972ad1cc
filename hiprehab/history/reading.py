"""Reading the history: the queries behind every view of it, on an open SQLite connection.

`HistoryReader` is what `HistoryStore` (store.py) adds opening and writing to. The SELECT lists
and the row mapping follow from the fields declared in `records.py`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from hiprehab.history import adjustment_store, recovery
from hiprehab.history.adjustments import Adjustment
from hiprehab.history.errors import StoreError
from hiprehab.history.records import (
    SESSION_FIELDS,
    WORK_PERIOD_FIELDS,
    HistorySnapshot,
    RoutineRecord,
    SessionRecord,
    WorkPeriodRecord,
    format_utc,
    parse_utc,
    row_reader,
    utc_window,
)
from hiprehab.i18n import N_, _

_SESSION_SELECT = (
    f"SELECT {', '.join(f.sql for f in SESSION_FIELDS)} "
    "FROM sessions s JOIN routines r ON r.id = s.routine_id"
)
_WORK_SELECT = f"SELECT {', '.join(f.sql for f in WORK_PERIOD_FIELDS)} FROM work_periods"
_session_record = row_reader(SessionRecord, SESSION_FIELDS)
_DAMAGED_SESSION = N_(
    "{path} holds a damaged session (id {id}) ({error}); the history cannot be read as it is"
)
_DAMAGED_WORK = N_(
    "{path} holds a damaged work period (id {id}) ({error}); the history cannot be read as it is"
)
_DAMAGED_TIME = N_("{path} holds a damaged time ({error}); the history cannot be read as it is")
_work_record = row_reader(WorkPeriodRecord, WORK_PERIOD_FIELDS)


def _damaged(path: Path, what: str, exc: Exception, row_id: object = None) -> StoreError:
    """A stored row holds a value no record can (a time that is no time): the file was altered.
    `what` is a marked sentence naming the row ({id}: its id) and the fault ({error})."""
    return StoreError(_(what).format(path=path, id=row_id, error=exc))


class HistoryReader:
    """Sessions, work periods, routines and facts read from the history open as `conn`.

    Failures of the file or disk raise `StoreError` naming `path`; bad arguments `ValueError`.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    def _translate(self, exc: sqlite3.Error, failure: str) -> Exception:
        """A StoreError for faults of the file or disk (`failure`: what failed, a marked
        sentence, see recovery.describe_failure); anything else (a bug) unchanged."""
        if isinstance(exc, sqlite3.OperationalError) or recovery.is_corruption(exc):
            return StoreError(recovery.describe_failure(self.path, failure, exc))
        return exc

    def opener(self) -> Callable[[], sqlite3.Connection]:
        """A way to open this history again, read-only, e.g. on a worker thread.

        An SQLite connection must stay on the thread that made it: the worker opens its own. A
        history held in memory (an imported profile's copy) is passed as a copy of its bytes.
        """
        try:
            files = self._conn.execute("PRAGMA database_list").fetchall()
            main = next((row[2] for row in files if row[1] == "main"), "")
            data = None if main else self._conn.serialize()
        except sqlite3.Error as exc:
            raise self._translate(exc, recovery.READ_FAILED) from exc
        if data is None:
            uri = f"{Path(main).resolve().as_uri()}?mode=ro"
            return lambda: sqlite3.connect(uri, uri=True)

        def copy() -> sqlite3.Connection:
            # bytes 18-19 of the header say "WAL" for a copy of a WAL-mode file, which a
            # database in memory cannot open: mark the copy as using the rollback journal
            image = bytearray(data)
            image[18:20] = b"\x01\x01"
            conn = sqlite3.connect(":memory:")
            conn.deserialize(image)
            return conn

        return copy

    def session_count(self) -> int:
        """How many sessions there are (cheap: to judge how long reading them all takes)."""
        return int(self._read("SELECT COUNT(*) FROM sessions")[0][0])

    # ----------------------------------------------------------------------------- reading
    def _session_from_row(self, row: tuple[Any, ...]) -> SessionRecord:
        try:
            return _session_record(row)
        except (ValueError, TypeError) as exc:
            raise _damaged(self.path, _DAMAGED_SESSION, exc, repr(row[0])) from exc

    def _work_from_row(self, row: tuple[Any, ...]) -> WorkPeriodRecord:
        try:
            return _work_record(row)
        except (ValueError, TypeError) as exc:
            raise _damaged(self.path, _DAMAGED_WORK, exc, repr(row[0])) from exc

    def _time(self, text: str) -> datetime:
        """A stored time; StoreError naming the file if it is no time (a damaged row)."""
        try:
            return parse_utc(text)
        except ValueError as exc:
            raise _damaged(self.path, _DAMAGED_TIME, exc) from exc

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._translate(exc, recovery.READ_FAILED) from exc

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
        order = f"{_SESSION_SELECT}{where} ORDER BY s.started_at, s.id"  # i18n: ignore (SQL)
        rows = self._read(order, tuple(params))
        try:
            return [_session_record(row) for row in rows]
        except (ValueError, TypeError):
            pass  # find the damaged row again, to name it
        return [self._session_from_row(row) for row in rows]

    def session(self, session_id: int) -> SessionRecord:
        rows = self._read(f"{_SESSION_SELECT} WHERE s.id = ?", (session_id,))
        if not rows:
            raise ValueError(f"there is no session {session_id!r} in {self.path}")
        return self._session_from_row(rows[0])

    def work_periods(self, session_id: int) -> list[WorkPeriodRecord]:
        """The session's work periods in the order they were recorded."""
        if not self._read("SELECT 1 FROM sessions WHERE id = ?", (session_id,)):
            raise ValueError(f"there is no session {session_id!r} in {self.path}")
        query = f"{_WORK_SELECT} WHERE session_id = ? ORDER BY id"  # i18n: ignore (SQL)
        rows = self._read(query, (session_id,))
        return [self._work_from_row(row) for row in rows]

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
                first_used_at=self._time(row[5]),
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
            "AND s.status != 'running' ORDER BY s.ended_at DESC, s.id DESC",  # i18n: ignore
            utc_window(yesterday),
        )
        for row in rows:
            record = self._session_from_row(row)
            assert record.ended_at is not None
            if record.ended_at.astimezone(tz).date() != yesterday:
                continue
            # the most recent session of that day decides
            if record.morning_asked or record.pain_next_morning is not None:
                return None
            return record
        return None

    def meta(self, key: str) -> str | None:
        """A fact about the whole history, e.g. `person` (whose it is) for an imported one."""
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def snapshot(self) -> HistorySnapshot:
        """Everything in the store, for export."""
        rows = self._read(f"{_WORK_SELECT} ORDER BY session_id, id")  # i18n: ignore (SQL)
        return HistorySnapshot(
            routines=tuple(self.routines()),
            sessions=tuple(self.sessions()),
            work_periods=tuple(self._work_from_row(row) for row in rows),
            adjustments=tuple(self.adjustments()),
        )

    def adjustments(
        self, routine_hash: str | None = None, *, active_only: bool = False
    ) -> list[Adjustment]:
        """The user's steps in the order made (see adjustment_store.read)."""
        return adjustment_store.read(self._read, self._time, routine_hash, active_only=active_only)
