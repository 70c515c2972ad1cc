"""The writes a session makes while it is played, each waiting only briefly for a busy file.

Another program may hold the history's write lock for a while (a backup tool, a second reader
with a write transaction open). The player must not freeze for the usual 5 s busy timeout at
every set, so the recorder writes through this: a busy file raises `StoreBusyError` after
`busy_timeout` seconds, nothing is written, and the recorder keeps the write to try again.
"""

from __future__ import annotations

from datetime import datetime

from hiprehab.history.session_log import SessionLog
from hiprehab.routine.model import Routine
from hiprehab.session.recorder import WorkReport

SESSION_BUSY_TIMEOUT = 0.1  # seconds a write made during a session waits for a busy file


class SessionWriter:
    """`log`'s session writes (the recorder's `SessionStore`), with a short busy timeout."""

    def __init__(self, log: SessionLog, busy_timeout: float = SESSION_BUSY_TIMEOUT) -> None:
        self.log = log
        self.busy_timeout = busy_timeout  # raise it for a last attempt when the app closes

    def now(self) -> datetime:
        return self.log.now()

    def start_session(
        self,
        routine: Routine,
        *,
        pain_before: int | None = None,
        started_at: datetime | None = None,
    ) -> int:
        with self.log.busy_timeout(self.busy_timeout):
            return self.log.start_session(routine, pain_before=pain_before, started_at=started_at)

    def record_work_period(
        self, session_id: int, work: WorkReport, *, ended_at: datetime | None = None
    ) -> None:
        with self.log.busy_timeout(self.busy_timeout):
            self.log.record_work_period(session_id, work, ended_at=ended_at)

    def leave_out_work_periods(self, session_id: int, count: int) -> None:
        with self.log.busy_timeout(self.busy_timeout):
            self.log.leave_out_work_periods(session_id, count)

    def finish_session(
        self,
        session_id: int,
        *,
        status: str,
        active_seconds: float,
        paused_seconds: float,
        ended_at: datetime | None = None,
    ) -> None:
        with self.log.busy_timeout(self.busy_timeout):
            self.log.finish_session(
                session_id,
                status=status,
                active_seconds=active_seconds,
                paused_seconds=paused_seconds,
                ended_at=ended_at,
            )

    def set_pain_after(self, session_id: int, value: int | None) -> None:
        with self.log.busy_timeout(self.busy_timeout):
            self.log.set_pain_after(session_id, value)

    def set_note(self, session_id: int, text: str) -> None:
        with self.log.busy_timeout(self.busy_timeout):
            self.log.set_note(session_id, text)
