"""Writes one session into the history store as it happens (plain Python, no Qt).

The session row is written when the session starts, each work period when the engine reports
it finished (an optional exercise left out lowers the planned count by its work periods, which
are then recorded as skipped), and the end when the session completes or is stopped, so a
crash or a closed laptop never loses what was already done. Each write carries the time it
happened (`now`), not the time it reached the file.

A store that is busy (another program holds the file's write lock) is not a failure: the writes
are kept in memory, in order, and tried again with a growing delay measured on the injected
clock whenever `retry` is called (the ui calls it from a timer), until they are all written.
A store that fails (full disk, file removed) is reported once through `on_error` and then left
alone: the runner can finish.

The session wing does not know the history wing: the recorder asks only for a `SessionStore`
(the few writes it makes) and is told by its creator which exceptions mean "the store is busy"
and which "the store failed".
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from hiprehab.routine.model import Routine
from hiprehab.session.clock import Clock
from hiprehab.session.events import Event, EventKind, SessionOutcome

RETRY_FIRST = 0.25  # seconds before a write that found the store busy is tried again
RETRY_MAX = 5.0  # the delay doubles after each busy try, up to this


@dataclass(frozen=True)
class WorkReport:
    """One work period as it ended: what the recorder hands the store to keep."""

    exercise_id: str | None  # the library id; None for an exercise written in the routine
    exercise_name: str
    set_number: int
    side: str  # left, right or none (both at once)
    planned_seconds: float
    actual_seconds: float
    status: str  # completed, skipped or stopped


class SessionStore(Protocol):
    """The writes a recorder makes (the history store has them all)."""

    def start_session(
        self,
        routine: Routine,
        *,
        pain_before: int | None = None,
        started_at: datetime | None = None,
    ) -> int: ...

    def record_work_period(
        self, session_id: int, work: WorkReport, *, ended_at: datetime | None = None
    ) -> None: ...

    def leave_out_work_periods(self, session_id: int, count: int) -> None: ...

    def finish_session(
        self,
        session_id: int,
        *,
        status: str,
        active_seconds: float,
        paused_seconds: float,
        ended_at: datetime | None = None,
    ) -> None: ...

    def set_pain_after(self, session_id: int, value: int | None) -> None: ...

    def set_note(self, session_id: int, text: str) -> None: ...


_Write = Callable[[SessionStore], None]


class SessionRecorder:
    """Listens to one engine's events and keeps its session row in `store` up to date.

    `failures`: the exceptions by which `store` says it could not write (others propagate);
    `busy`: those by which it says "not now, nothing written" (checked first). Retrying a busy
    store needs `clock`. `now` gives the wall-clock time each write is stamped with (None: the
    store's own time when it writes). `on_waiting(True)` is called when writes start waiting
    for a busy store, `on_waiting(False)` when they are all written (or given up on a failure).
    """

    def __init__(
        self,
        store: SessionStore | None,
        routine: Routine,
        outcome: Callable[[], SessionOutcome],
        on_error: Callable[[str], None],
        *,
        failures: tuple[type[Exception], ...],
        busy: tuple[type[Exception], ...] = (),
        clock: Clock | None = None,
        now: Callable[[], datetime] | None = None,
        on_waiting: Callable[[bool], None] | None = None,
    ) -> None:
        if busy and clock is None:
            raise ValueError("retrying a busy store needs a clock")
        self._store = store
        self._failures = failures
        self._busy = busy
        self._clock = clock
        self._now = now
        self.routine = routine
        self._outcome = outcome
        self._on_error = on_error
        self._on_waiting = on_waiting
        self.session_id: int | None = None
        self.finished = False
        self._begun = False
        self._completed_steps: set[int] = set()
        self.left_out = 0  # work periods of optional exercises left out: no longer planned
        self._pending: deque[_Write] = deque()  # in order; the first is the one tried next
        self._retry_at: float | None = None  # on `clock`; None: not waiting for the store
        self._delay = RETRY_FIRST

    @property
    def recording(self) -> bool:
        """The session is in the history, or will be once the store is free."""
        return self._store is not None and self._begun

    @property
    def pending(self) -> int:
        """Writes kept in memory, waiting for a busy store."""
        return len(self._pending)

    def _stamp(self) -> datetime | None:
        return None if self._now is None else self._now()

    def _sid(self) -> int:
        assert self.session_id is not None  # the session row is always written first
        return self.session_id

    def _write(self, write: _Write) -> None:
        if self._store is None or not self._begun:
            return
        self._pending.append(write)
        if len(self._pending) == 1:
            self._flush()  # else it waits its turn behind writes the store was busy for

    def retry(self, *, at_once: bool = False) -> None:
        """Try the waiting writes again if their delay is over (or anyway, with `at_once`)."""
        if not self._pending or self._store is None:
            return
        due = self._retry_at is None or self._clock is None or self._clock.now() >= self._retry_at
        if due or at_once:
            self._flush()

    def _flush(self) -> None:
        while self._pending and self._store is not None:
            try:
                self._pending[0](self._store)
            except self._busy:
                self._wait_longer()
                return
            except self._failures as exc:
                self._give_up(str(exc))
                return
            except BaseException:
                self._pending.popleft()  # a bug: not tried again and again
                raise
            self._pending.popleft()
        if self._retry_at is not None:
            self._retry_at, self._delay = None, RETRY_FIRST
            if self._on_waiting is not None:
                self._on_waiting(False)

    def _wait_longer(self) -> None:
        assert self._clock is not None
        first = self._retry_at is None
        self._retry_at = self._clock.now() + self._delay
        self._delay = min(self._delay * 2, RETRY_MAX)
        if first and self._on_waiting is not None:
            self._on_waiting(True)

    def _give_up(self, message: str) -> None:
        self._store = None  # stop writing: one clear message, not one per set
        self._pending.clear()
        if self._retry_at is not None:
            self._retry_at = None
            if self._on_waiting is not None:
                self._on_waiting(False)
        self._on_error(message)

    def begin(self, pain_before: int | None) -> None:
        """Write the session row (status running) with the pain score given before it."""
        if self._store is None:
            return
        self._begun = True
        started_at = self._stamp()

        def start(store: SessionStore) -> None:
            self.session_id = store.start_session(
                self.routine, pain_before=pain_before, started_at=started_at
            )

        self._write(start)

    def handle(self, event: Event) -> None:
        if event.kind is EventKind.WORK_FINISHED and event.work is not None:
            work = event.work
            step = work.step
            if step.index in self._completed_steps:
                return  # a step gone back to and done again: counted once
            if work.status == "completed":
                self._completed_steps.add(step.index)
            ended_at = self._stamp()
            report = WorkReport(
                exercise_id=step.exercise.library_id,
                exercise_name=step.exercise.name,
                set_number=step.set_number,
                side=step.side,
                planned_seconds=work.planned_seconds,
                actual_seconds=max(work.active_seconds, 0.0),
                status=work.status,
            )
            self._write(
                lambda store: store.record_work_period(self._sid(), report, ended_at=ended_at)
            )
        elif event.kind is EventKind.EXERCISE_LEFT_OUT and event.value:
            count = event.value  # an optional exercise left out: its sets are not missed
            self.left_out += count
            self._write(lambda store: store.leave_out_work_periods(self._sid(), count))
        elif event.kind in (EventKind.SESSION_DONE, EventKind.STOPPED):
            self.finish()

    def finish(self) -> None:
        """Close the session row with the engine's outcome (once)."""
        if self.finished:
            return
        self.finished = True
        outcome = self._outcome()
        status = "completed" if outcome.status == "completed" else "stopped"
        ended_at = self._stamp()
        self._write(
            lambda store: store.finish_session(
                self._sid(),
                status=status,
                active_seconds=outcome.active_seconds,
                paused_seconds=outcome.paused_seconds,
                ended_at=ended_at,
            )
        )

    def set_pain_after(self, value: int | None, note: str) -> None:
        if value is not None:
            self._write(lambda store: store.set_pain_after(self._sid(), value))
        if note:
            self._write(lambda store: store.set_note(self._sid(), note))
