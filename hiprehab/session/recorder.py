"""Writes one session into the history store as it happens (plain Python, no Qt).

The session row is written when the session starts, each work period when the engine reports
it finished (an optional exercise left out lowers the planned count by its work periods, which
are then recorded as skipped), and the end when the session completes or is stopped, so a
crash or a closed laptop never loses what was already done. A store that fails (full disk, file
removed) is reported once through `on_error` and then left alone: the runner can finish.

The session wing does not know the history wing: the recorder asks only for a `SessionStore`
(the few writes it makes) and is told by its creator which exceptions mean "the store failed".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from hiprehab.routine.model import Routine
from hiprehab.session.events import Event, EventKind, SessionOutcome


class SessionStore(Protocol):
    """The writes a recorder makes (the history store has them all)."""

    def start_session(self, routine: Routine, *, pain_before: int | None = None) -> int: ...

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
    ) -> None: ...

    def leave_out_work_periods(self, session_id: int, count: int) -> None: ...

    def finish_session(
        self, session_id: int, *, status: str, active_seconds: float, paused_seconds: float
    ) -> None: ...

    def set_pain_after(self, session_id: int, value: int | None) -> None: ...

    def set_note(self, session_id: int, text: str) -> None: ...


class SessionRecorder:
    """Listens to one engine's events and keeps its session row in `store` up to date.

    `failures`: the exceptions by which `store` says it could not write (others propagate).
    """

    def __init__(
        self,
        store: SessionStore | None,
        routine: Routine,
        outcome: Callable[[], SessionOutcome],
        on_error: Callable[[str], None],
        *,
        failures: tuple[type[Exception], ...],
    ) -> None:
        self._store = store
        self._failures = failures
        self._routine = routine
        self._outcome = outcome
        self._on_error = on_error
        self.session_id: int | None = None
        self.finished = False
        self._completed_steps: set[int] = set()
        self.left_out = 0  # work periods of optional exercises left out: no longer planned

    @property
    def recording(self) -> bool:
        return self._store is not None and self.session_id is not None

    def _write(self, action: Callable[[SessionStore, int], None]) -> None:
        if self._store is None or self.session_id is None:
            return
        try:
            action(self._store, self.session_id)
        except self._failures as exc:
            self._store = None  # stop writing: one clear message, not one per set
            self._on_error(str(exc))

    def begin(self, pain_before: int | None) -> None:
        """Write the session row (status running) with the pain score given before it."""
        if self._store is None:
            return
        try:
            self.session_id = self._store.start_session(self._routine, pain_before=pain_before)
        except self._failures as exc:
            self._store = None
            self._on_error(str(exc))

    def handle(self, event: Event) -> None:
        if event.kind is EventKind.WORK_FINISHED and event.work is not None:
            work = event.work
            step = work.step
            if step.index in self._completed_steps:
                return  # a step gone back to and done again: counted once
            if work.status == "completed":
                self._completed_steps.add(step.index)
            self._write(
                lambda store, sid: store.record_work_period(
                    sid,
                    exercise_id=step.exercise.library_id,
                    exercise_name=step.exercise.name,
                    set_number=step.set_number,
                    side=step.side,
                    planned_seconds=work.planned_seconds,
                    actual_seconds=max(work.active_seconds, 0.0),
                    status=work.status,
                )
            )
        elif event.kind is EventKind.EXERCISE_LEFT_OUT and event.value:
            count = event.value  # an optional exercise left out: its sets are not missed
            self.left_out += count
            self._write(lambda store, sid: store.leave_out_work_periods(sid, count))
        elif event.kind in (EventKind.SESSION_DONE, EventKind.STOPPED):
            self.finish()

    def finish(self) -> None:
        """Close the session row with the engine's outcome (once)."""
        if self.finished:
            return
        self.finished = True
        outcome = self._outcome()
        status = "completed" if outcome.status == "completed" else "stopped"
        self._write(
            lambda store, sid: store.finish_session(
                sid,
                status=status,
                active_seconds=outcome.active_seconds,
                paused_seconds=outcome.paused_seconds,
            )
        )

    def set_pain_after(self, value: int | None, note: str) -> None:
        if value is not None:
            self._write(lambda store, sid: store.set_pain_after(sid, value))
        if note:
            self._write(lambda store, sid: store.set_note(sid, note))
