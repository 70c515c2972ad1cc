"""The session player: walks a timeline against a monotonic clock and tells the UI what happens.

Why it is built this way:

- *No counted ticks.* The engine keeps a position on the session's own time line (microseconds
  of planned time) and moves it by the clock's differences, so a UI that calls `update()` late,
  rarely or irregularly never loses or gains time. All arithmetic is in whole microseconds.
- *Everything happens in order, once.* `update()` walks through every step whose end has passed
  and emits every event that was due, sorted by the time it was scheduled (`Event.at_us`).
- *A closed lid is not exercise.* A clock jump of more than 30 s while running means the machine
  slept: the engine pauses itself where it was last seen instead of racing through the steps.

Events (each event's `step` is the step it happened in, `at_us` its planned position): the ones
due inside a step (start, switch, rep, halfway, countdown) are laid out by `schedule.py`; the
engine adds the ones its running brings about:

- `WORK_FINISHED`: a work step ended, with its `WorkOutcome`; followed by `EXERCISE_DONE` when
  it was the exercise's last work step (completed or skipped, not stopped), then `SESSION_DONE`
  after the last step of all.
- Going `back` into a work step and finishing it again reports it again; `outcome()` keeps the
  latest report per step, and a history store should too (keyed by the step's index).

Poses (`EngineState.pose_position`, 0 = start pose, 1 = end pose) follow `movement.py`. The
events, the state and the outcome are plain data in `events.py`, importable from here too.

Controls: `back` goes to the previous step when at most 2 s of the current one have passed,
else restarts it; `skip`, `back` and `leave_out` (an optional exercise, from the pause before
it: `optional.py`) keep a paused session paused. A work step's active time
counts from when it was last entered, so a restarted step reports its last attempt (the session's
`active_seconds` still counts every running second). Before `start` the state shows the first
step; after the end `step` is None.

`state()` is the snapshot as of the last `update()` or command and reads no clock; `update()`
reads the clock, advances, emits, and returns the fresh snapshot, as every command does.
Commands that do not apply to the current status (pausing a finished session, say) do nothing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from hiprehab.routine.model import US_PER_SECOND, Routine
from hiprehab.session.clock import Clock
from hiprehab.session.events import (
    EngineState,
    Event,
    EventKind,
    SessionOutcome,
    SessionStatus,
    Status,
    WorkOutcome,
    WorkStatus,
)
from hiprehab.session.movement import Movement, movement
from hiprehab.session.optional import leave_out_end, work_periods
from hiprehab.session.schedule import step_schedule
from hiprehab.session.timeline import Step, StepKind, build_timeline

__all__ = [  # the engine's vocabulary is defined in events.py and movement.py, used from here
    "EngineState",
    "Event",  # i18n: ignore
    "EventKind",
    "Movement",  # i18n: ignore
    "SessionEngine",
    "SessionOutcome",
    "WorkOutcome",
    "movement",
]

SLEEP_GAP_US = 30 * US_PER_SECOND  # a longer clock jump while running means the machine slept
BACK_WINDOW_US = 2 * US_PER_SECOND  # `back` this soon after a step began goes to the previous one


@runtime_checkable
class _MicrosecondClock(Protocol):
    def now_us(self) -> int: ...


class SessionEngine:
    """Plays a timeline against a clock. Not thread-safe: call it from one (the UI) thread."""

    def __init__(self, timeline: Sequence[Step], clock: Clock) -> None:
        if not timeline:
            raise ValueError("a session needs at least one step")
        for i, step in enumerate(timeline):
            expected = timeline[i - 1].end_us if i else 0
            if step.index != i or step.start_us != expected or step.duration_us < 0:
                raise ValueError(f"step {i} does not follow on from the one before it")
        self._steps = tuple(timeline)
        self._total_us = self._steps[-1].end_us
        self._schedules = [step_schedule(self._steps, i) for i in range(len(self._steps))]
        last_work: dict[int, int] = {}
        for step in self._steps:
            if step.kind is StepKind.WORK:
                last_work[step.exercise_index] = step.index
        self._last_work_steps = frozenset(last_work.values())
        self._read_us: Callable[[], int]
        if isinstance(clock, _MicrosecondClock):
            self._read_us = clock.now_us
        else:
            self._read_us = lambda: round(clock.now() * US_PER_SECOND)
        self._subscribers: list[Callable[[Event], None]] = []
        self._queue: deque[Event] = deque()
        self._dispatching = False

        self._status: Status = "ready"
        self._index = 0
        self._cursor = 0  # next entry of the current step's schedule to emit
        self._pos_us = 0  # position on the planned time line
        self._clock_us = 0  # clock reading at the last update or command
        self._active_us = 0
        self._paused_us = 0  # finished pauses
        self._paused_since_us: int | None = None
        self._step_entry_active_us = 0
        self._paused_by_sleep = False
        self._outcomes: dict[int, WorkOutcome] = {}

    @classmethod
    def for_routine(cls, routine: Routine, clock: Clock) -> SessionEngine:
        return cls(build_timeline(routine), clock)

    @property
    def timeline(self) -> tuple[Step, ...]:
        return self._steps

    @property
    def total_us(self) -> int:
        return self._total_us

    @property
    def status(self) -> Status:
        return self._status

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Call `callback` with every event from now on; returns a function that stops that."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    # ----- commands -----------------------------------------------------------------------

    def start(self) -> EngineState:
        if self._status == "ready":
            self._clock_us = self._read_us()
            self._status = "running"
            events: list[Event] = []
            self._enter(0)
            self._run_to(0, events)
            self._emit(events)
        return self.state()

    def update(self) -> EngineState:
        """Catch up with the clock: pass every step and event that fell due since last time."""
        self._emit(self._sync())
        return self.state()

    def pause(self) -> EngineState:
        events = self._sync()
        if self._status == "running":
            self._begin_pause(self._clock_us, events)
        self._emit(events)
        return self.state()

    def resume(self) -> EngineState:
        events = self._sync()
        if self._status == "paused":
            self._end_pause()
            self._status = "running"
            self._paused_by_sleep = False
            events.append(self._event(EventKind.RESUMED))
        self._emit(events)
        return self.state()

    def toggle_pause(self) -> EngineState:
        if self._status == "ready":
            return self.start()
        if self._status == "running":
            return self.pause()
        return self.resume()

    def skip(self) -> EngineState:
        """End the current step now (a skipped work step keeps its active time) and go on."""
        events = self._sync()
        if self._status in ("running", "paused"):
            self._finish_step("skipped", events)
            if self._status not in ("finished", "stopped"):
                self._enter(self._index + 1)
                self._run_to(self._pos_us, events)
        self._emit(events)
        return self.state()

    def leave_out(self) -> EngineState:
        """Leave out the optional exercise the current pause leads into (see optional.py)."""
        events = self._sync()
        end = leave_out_end(self._steps, self._index)
        if end is not None and self._status in ("running", "paused"):
            step = self._steps[self._index]
            events.append(self._event(EventKind.EXERCISE_LEFT_OUT, work_periods(step.exercise)))
            for index in range(self._index, end):
                self._enter(index)
                self._finish_step("skipped", events)
            if self.status != "finished":  # the last exercise left out ends it
                self._enter(end)
                self._run_to(self._pos_us, events)
        self._emit(events)
        return self.state()

    def back(self) -> EngineState:
        """Restart the current step, or go to the previous one if it began at most 2 s ago."""
        events = self._sync()
        if self._status in ("running", "paused"):
            elapsed = self._pos_us - self._steps[self._index].start_us
            go_previous = elapsed <= BACK_WINDOW_US and self._index > 0
            self._enter(self._index - 1 if go_previous else self._index)
            self._run_to(self._pos_us, events)
        self._emit(events)
        return self.state()

    def stop(self) -> EngineState:
        """End the session early; a work step in progress is reported as stopped."""
        events = self._sync()
        if self._status in ("ready", "running", "paused"):
            if self._status == "paused":
                self._end_pause()
            if self._status != "ready":
                self._finish_step("stopped", events)
            self._status = "stopped"
            self._paused_by_sleep = False
            events.append(self._event(EventKind.STOPPED))
        self._emit(events)
        return self.state()

    # ----- reading ------------------------------------------------------------------------

    def state(self) -> EngineState:
        """The snapshot as of the last update or command (reads no clock)."""
        pos = self._pos_us
        total = self._total_us
        if self._status == "finished":
            return EngineState(
                status="finished",
                step=None,
                step_index=len(self._steps),
                step_elapsed_s=0.0,
                step_remaining_s=0.0,
                rep=None,
                rep_phase=None,
                pose_position=0.0,
                progress=1.0,
                session_remaining_s=0.0,
                session_elapsed_s=total / US_PER_SECOND,
                paused_by_sleep=False,
                position_us=total,
            )
        step = self._steps[self._index]
        offset = pos - step.start_us
        move = movement(step, offset) if self._status != "ready" else Movement(None, None, 0.0)
        return EngineState(
            status=self._status,
            step=step,
            step_index=self._index,
            step_elapsed_s=offset / US_PER_SECOND,
            step_remaining_s=(step.end_us - pos) / US_PER_SECOND,
            rep=move.rep,
            rep_phase=move.phase,
            pose_position=move.pose,
            progress=pos / total if total else 0.0,
            session_remaining_s=(total - pos) / US_PER_SECOND,
            session_elapsed_s=pos / US_PER_SECOND,
            paused_by_sleep=self._paused_by_sleep,
            position_us=pos,
        )

    def next_due_us(self) -> int | None:
        """Planned position of the next event or step end as of the last update, None unless
        running; it falls due `next_due_us() - position_us` after that update (a timer's aim)."""
        if self._status != "running":
            return None
        schedule, end = self._schedules[self._index], self._steps[self._index].end_us
        return min(schedule[self._cursor].at_us, end) if self._cursor < len(schedule) else end

    def outcome(self) -> SessionOutcome:
        """The session so far, as of the last update or command."""
        status: SessionStatus = "in_progress"
        if self._status == "finished":
            status = "completed"
        elif self._status == "stopped":
            status = "stopped"
        paused = self._paused_us
        if self._paused_since_us is not None:
            paused += self._clock_us - self._paused_since_us
        return SessionOutcome(
            status=status,
            work=tuple(self._outcomes[i] for i in sorted(self._outcomes)),
            active_seconds=self._active_us / US_PER_SECOND,
            paused_seconds=paused / US_PER_SECOND,
            planned_seconds=self._total_us / US_PER_SECOND,
        )

    # ----- internals ----------------------------------------------------------------------

    def _sync(self) -> list[Event]:
        """Read the clock; advance if running, or pause where last seen if the machine slept."""
        events: list[Event] = []
        now = self._read_us()
        if self._status == "running":
            gap = now - self._clock_us
            if gap > SLEEP_GAP_US:
                self._paused_by_sleep = True
                events.append(self._event(EventKind.SLEEP_DETECTED, gap // US_PER_SECOND))
                self._begin_pause(self._clock_us, events)
            elif gap > 0:
                self._run_to(min(self._pos_us + gap, self._total_us), events)
        self._clock_us = max(now, self._clock_us)
        return events

    def _run_to(self, target_us: int, events: list[Event]) -> None:
        """Move the position to `target_us`, passing every event and step end on the way.

        Only called while running (or with `target_us` equal to the position), so the distance
        moved is active time.
        """
        while True:
            step = self._steps[self._index]
            schedule = self._schedules[self._index]
            while self._cursor < len(schedule) and schedule[self._cursor].at_us <= target_us:
                due = schedule[self._cursor]
                events.append(Event(due.kind, step, due.value, None, due.at_us))
                self._cursor += 1
            if step.end_us > target_us:
                self._active_us += target_us - self._pos_us
                self._pos_us = target_us
                return
            self._active_us += step.end_us - self._pos_us
            self._pos_us = step.end_us
            self._finish_step("completed", events)
            if self._status == "finished":
                return
            self._enter(self._index + 1)

    def _enter(self, index: int) -> None:
        self._index = index
        self._cursor = 0
        self._pos_us = self._steps[index].start_us
        self._step_entry_active_us = self._active_us

    def _finish_step(self, how: WorkStatus, events: list[Event]) -> None:
        step = self._steps[self._index]
        if step.kind is StepKind.WORK:
            work = WorkOutcome(
                step=step,
                status=how,
                active_seconds=(self._active_us - self._step_entry_active_us) / US_PER_SECOND,
                planned_seconds=step.duration_seconds,
            )
            self._outcomes[step.index] = work
            events.append(Event(EventKind.WORK_FINISHED, step, None, work, self._pos_us))
            if how != "stopped" and step.index in self._last_work_steps:
                events.append(Event(EventKind.EXERCISE_DONE, step, None, None, self._pos_us))
        if how != "stopped" and step.index == len(self._steps) - 1:
            self._end_pause()
            self._pos_us = self._total_us
            self._status = "finished"
            self._paused_by_sleep = False
            events.append(Event(EventKind.SESSION_DONE, step, None, None, self._pos_us))

    def _begin_pause(self, since_us: int, events: list[Event]) -> None:
        self._status = "paused"
        self._paused_since_us = since_us
        events.append(self._event(EventKind.PAUSED))

    def _end_pause(self) -> None:
        if self._paused_since_us is not None:
            self._paused_us += self._clock_us - self._paused_since_us
        self._paused_since_us = None

    def _event(self, kind: EventKind, value: int | None = None) -> Event:
        return Event(kind, self._steps[self._index], value, None, self._pos_us)

    def _emit(self, events: list[Event]) -> None:
        """Deliver in order; events raised by a subscriber's own commands queue up behind."""
        self._queue.extend(events)
        if self._dispatching:
            return
        self._dispatching = True
        try:
            while self._queue:
                event = self._queue.popleft()
                for callback in list(self._subscribers):
                    callback(event)
        finally:
            self._dispatching = False
