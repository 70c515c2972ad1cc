"""The thin layer between the session engine and the widgets.

Two timers only ask the engine to catch up with its clock and pass the fresh state on for
repainting; neither counts time itself, so a late or irregular timer cannot make a set longer
or shorter, and a late firing never shifts what comes after it:

- the frame timer, every `FRAME_MS`, moves the countdown and the figure;
- the due timer, a precise single shot aimed afresh after every update at the next thing the
  engine has due (a step's start or end, a rep, a countdown), so that a step begins and its cue
  sounds on time rather than at the next frame, up to `FRAME_MS` late. A frame that falls
  less than a frame before it is left out (the due timer's update draws instead), so that no
  painting (10-20 ms on a busy machine) is under way when it fires.

The events of a command or tick go first to the listeners that must be prompt (the cue
player: a step's sound), then the new state is published (the display), and only then do the
other listeners (the history recorder, which writes to disk) have them, so a slow write never
holds up a step's start.

Tests call `tick()` after moving a FakeClock instead of waiting for the timers.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from hiprehab.session.engine import EngineState, Event, SessionEngine

FRAME_MS = 33  # about 30 repaints a second: smooth figure animation, cheap on two cores


class SessionController(QObject):
    """Owns one engine for one session; emits `state_changed` and `event_raised` for others.

    Listeners registered with `add_listener` get every engine event synchronously, in order,
    before `event_raised` fires: the cue player (`prompt`: before the state is published) and
    the history recorder (after it) hang here.
    """

    state_changed = Signal(object)  # EngineState
    event_raised = Signal(object)  # Event

    def __init__(
        self, engine: SessionEngine, *, frame_ms: int = FRAME_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self._prompt: list[Callable[[Event], None]] = []
        self._listeners: list[Callable[[Event], None]] = []
        self._batches: list[list[Event]] = []  # the events of the commands under way
        self._unsubscribe = engine.subscribe(self._on_event)
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(frame_ms)
        self.timer.timeout.connect(self._frame)
        self.due_timer = QTimer(self)
        self.due_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.due_timer.setSingleShot(True)
        self.due_timer.timeout.connect(self.tick)
        self._aimed: tuple[int, int] | None = None  # (position, due) the due timer is aimed from

    def add_listener(self, listener: Callable[[Event], None], *, prompt: bool = False) -> None:
        """Hand `listener` every event; a `prompt` one before the state is published."""
        (self._prompt if prompt else self._listeners).append(listener)

    def state(self) -> EngineState:
        return self.engine.state()

    @property
    def active(self) -> bool:
        """A session that has started and not yet ended."""
        return self.engine.status in ("running", "paused")

    # commands: each asks the engine, then publishes its new state at once
    def start(self) -> None:
        self._run(self.engine.start)

    def toggle_pause(self) -> None:
        self._run(self.engine.toggle_pause)

    def pause(self) -> None:
        self._run(self.engine.pause)

    def resume(self) -> None:
        self._run(self.engine.resume)

    def skip(self) -> None:
        self._run(self.engine.skip)

    def back(self) -> None:
        self._run(self.engine.back)

    def leave_out(self) -> None:
        self._run(self.engine.leave_out)

    def stop(self) -> None:
        self._run(self.engine.stop)

    def tick(self) -> None:
        """What the timers do: let the engine read its clock, then repaint."""
        self._run(self.engine.update)

    def _frame(self) -> None:
        """What the frame timer does: tick, unless the due timer fires within a frame."""
        if self.due_timer.isActive() and self.due_timer.remainingTime() < self.timer.interval():
            return
        self.tick()

    def close(self) -> None:
        """Detach from the engine and stop the timers (the session object is finished with)."""
        self.timer.stop()
        self.due_timer.stop()
        self._aimed = None
        self._unsubscribe()
        self._prompt.clear()
        self._listeners.clear()

    def _run(self, command: Callable[[], EngineState]) -> None:
        """Run an engine command; hand its events on and publish its state, in that order."""
        self._batches.append([])
        try:
            state = command()
        finally:
            events = self._batches.pop()
        for event in events:
            for listener in list(self._prompt):
                listener(event)
        self._publish(state)
        for event in events:
            self._deliver(event, self._listeners)

    def _publish(self, state: EngineState) -> None:
        if state.status == "running":
            if not self.timer.isActive():
                self.timer.start()
            self._aim()
        else:
            self.timer.stop()
            self.due_timer.stop()
            self._aimed = None
        self.state_changed.emit(state)

    def _aim(self) -> None:
        """Aim the due timer at the engine's next due point, from the reading just made.

        The wait is the planned distance to it (the position moves with the clock while
        running), rounded up to whole milliseconds so the engine finds it passed when the timer
        fires. Aimed anew from each fresh reading, a late firing delays only its own step. A
        reading that finds nothing moved (a FakeClock at rest) leaves the timer as it is.
        """
        due = self.engine.next_due_us()
        if due is None:
            return
        position = self.engine.state().position_us  # (a listener's command may have moved it)
        if (position, due) == self._aimed:  # aimed from this very reading already
            return
        self._aimed = (position, due)
        self.due_timer.start(max(0, math.ceil((due - position) / 1000)))

    def _on_event(self, event: Event) -> None:
        if self._batches:
            self._batches[-1].append(event)  # handed on when the command is done
        else:  # the engine was driven directly, not through the controller
            self._deliver(event, [*self._prompt, *self._listeners])

    def _deliver(self, event: Event, listeners: list[Callable[[Event], None]]) -> None:
        for listener in list(listeners):
            listener(event)
        self.event_raised.emit(event)
