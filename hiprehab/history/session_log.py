"""Writing a session into the history as it happens: its start, each work period as it ends,
the pain scores and note, the plan when an exercise is left out, and its finish.

Every write is its own committed transaction, so a crash loses at most the work period in
progress. A write that finds another program holding the file's write lock raises
`StoreBusyError` after the busy timeout (`busy_timeout` shortens it for a while), having changed
nothing, so it can simply be tried again. Times stored for a session never run backwards, even
when the wall clock is set back during it. `HistoryStore` (store.py) is this plus opening the
file and importing whole histories.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo
from pathlib import Path

from hiprehab.history import recovery
from hiprehab.history.errors import ReadOnlyStoreError, StoreBusyError
from hiprehab.history.reading import HistoryReader
from hiprehab.history.records import (
    FINISHED_STATUSES,
    WORK_SIDES,
    WORK_STATUSES,
    format_utc,
    parse_utc,
    planned_work_periods_of,
    routine_hash,
    utc_window,
)
from hiprehab.i18n import N_, _
from hiprehab.routine.model import Routine
from hiprehab.session.recorder import WorkReport

_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_PAIN_FAILED = N_("could not save the pain score in {path}")


def is_busy(exc: sqlite3.Error) -> bool:
    """True when `exc` says another connection holds a lock the statement needed."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _BUSY_CODES


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


class SessionLog(HistoryReader):
    """The history open for recording sessions; refuses writes when `read_only`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        read_only: bool,
        now: Callable[[], datetime],
    ) -> None:
        super().__init__(conn, path)
        self.read_only = read_only
        self._now = now
        # a session left running by a crash is still to be marked interrupted: done by the
        # next write, in its transaction (the file was busy when the store was opened)
        self.recovery_pending = False

    def now(self) -> datetime:
        """The store's wall clock (UTC): what it stamps new records with; tests pass their own."""
        return self._now()

    # ----------------------------------------------------------------------------- writing
    @contextmanager
    def busy_timeout(self, seconds: float) -> Iterator[None]:
        """Within this block a write waits at most `seconds` for a busy file (then raises
        StoreBusyError) instead of the connection's usual 5 s."""
        conn = self._conn
        (previous,) = conn.execute("PRAGMA busy_timeout").fetchone()
        conn.execute(f"PRAGMA busy_timeout = {max(0, round(seconds * 1000))}")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(previous)}")

    @contextmanager
    def _writing(self, failure: str) -> Iterator[sqlite3.Connection]:
        """One committed transaction; SQLite failures become a StoreError naming the file
        (StoreBusyError when another program holds the lock: then nothing was written).
        `failure` says what failed, a marked sentence with the file as {path}."""
        if self.read_only:
            raise ReadOnlyStoreError(
                _("{failure}: it is open read-only (an imported or viewed history).").format(
                    failure=_(failure).format(path=self.path)
                )
            )
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if self.recovery_pending:
                    recovery.recover_interrupted(conn)
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            if is_busy(exc):
                raise StoreBusyError(recovery.describe_failure(self.path, failure, exc)) from exc
            raise self._translate(exc, failure) from exc
        self.recovery_pending = False

    def _not_before_recorded(
        self, conn: sqlite3.Connection, session_id: int, moment: datetime
    ) -> str:
        """`moment` as stored, or the latest time already stored for the session if that is
        later: a wall clock set back during a session never makes its times run backwards."""
        started, last = conn.execute(
            "SELECT started_at, (SELECT MAX(ended_at) FROM work_periods WHERE session_id = ?) "
            "FROM sessions WHERE id = ?",
            (session_id, session_id),
        ).fetchone()
        latest = max(parse_utc(text) for text in (started, last) if text is not None)
        return format_utc(max(moment, latest))

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
        with self._writing(N_("could not start a session in {path}")) as conn:
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

    def _still_open_at(self, conn: sqlite3.Connection, session_id: int, moment: datetime) -> str:
        """The stored time for a write to a session that is still open (running, or declared
        interrupted by another instance); a finished session is a programming error."""
        current = self._status_of(conn, session_id)
        if current not in ("running", "interrupted"):
            raise ValueError(f"session {session_id} is already {current}")
        return self._not_before_recorded(conn, session_id, moment)

    def _status_of(self, conn: sqlite3.Connection, session_id: int) -> str:
        row = conn.execute("SELECT status FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise ValueError(f"there is no session {session_id!r} in {self.path}")
        status: str = row[0]
        return status

    def record_work_period(
        self, session_id: int, work: WorkReport, *, ended_at: datetime | None = None
    ) -> None:
        """Record one finished work period, committed at once (it survives a crash right after).

        The session must not be finished yet; `interrupted` is accepted too, since another
        instance of the app may have declared a live session interrupted when it opened.
        """
        if not isinstance(work.exercise_name, str) or not work.exercise_name:
            raise ValueError(
                f"exercise_name must be a non-empty string, not {work.exercise_name!r}"
            )
        if work.exercise_id is not None and not isinstance(work.exercise_id, str):
            raise ValueError(f"exercise_id must be a string or None, not {work.exercise_id!r}")
        number = work.set_number
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise ValueError(f"set_number must be an integer >= 1, not {number!r}")
        _check_choice("side", work.side, WORK_SIDES)
        _check_choice("status", work.status, WORK_STATUSES)
        _check_seconds("planned_seconds", work.planned_seconds)
        _check_seconds("actual_seconds", work.actual_seconds)
        moment = ended_at or self._now()
        format_utc(moment)  # a naive time is refused before anything is written
        with self._writing(N_("could not save a work period in {path}")) as conn:
            ended = self._still_open_at(conn, session_id, moment)
            conn.execute(
                "INSERT INTO work_periods (session_id, exercise_id, exercise_name, set_number, "
                "side, planned_seconds, actual_seconds, status, ended_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    work.exercise_id,
                    work.exercise_name,
                    work.set_number,
                    work.side,
                    float(work.planned_seconds),
                    float(work.actual_seconds),
                    work.status,
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
        moment = ended_at or self._now()
        format_utc(moment)  # a naive time is refused before anything is written
        with self._writing(N_("could not finish the session in {path}")) as conn:
            ended = self._still_open_at(conn, session_id, moment)
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
        with self._writing(N_("could not save the plan in {path}")) as conn:
            if (current := self._status_of(conn, session_id)) not in ("running", "interrupted"):
                raise ValueError(f"session {session_id} is already {current}")
            conn.execute(
                "UPDATE sessions SET planned_work_periods = MAX(planned_work_periods - ?, 0) "
                "WHERE id = ?",
                (count, session_id),
            )

    def _update_session(self, session_id: int, failure: str, column: str, value: object) -> None:
        with self._writing(failure) as conn:
            self._status_of(conn, session_id)
            conn.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", (value, session_id))

    def set_pain_before(self, session_id: int, value: int | None) -> None:
        _check_pain("pain_before", value)
        self._update_session(session_id, _PAIN_FAILED, "pain_before", value)

    def set_pain_after(self, session_id: int, value: int | None) -> None:
        _check_pain("pain_after", value)
        self._update_session(session_id, _PAIN_FAILED, "pain_after", value)

    def set_pain_next_morning(self, session_id: int, value: int | None) -> None:
        _check_pain("pain_next_morning", value)
        self._update_session(session_id, _PAIN_FAILED, "pain_next_morning", value)

    def set_note(self, session_id: int, text: str) -> None:
        if not isinstance(text, str):
            raise ValueError(f"a note must be a string, not {text!r}")
        self._update_session(session_id, N_("could not save the note in {path}"), "note", text)

    def mark_morning_asked(self, session_id: int, *, tz: tzinfo | None = None) -> None:
        """Remember that the next-morning question was asked about `session_id`'s day.

        Every session that ended on the same local day (in `tz`, default the computer's zone)
        is marked, so none of that day is asked about again, whichever was the one asked
        about. A session without an end (still running) is marked on its own.
        """
        with self._writing(N_("could not save the answer in {path}")) as conn:
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
                        utc_window(day),
                    )
                    if parse_utc(other_end).astimezone(tz).date() == day
                ]
            conn.executemany(
                "UPDATE sessions SET morning_asked = 1 WHERE id = ?", [(i,) for i in ids]
            )

