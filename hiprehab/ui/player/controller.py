"""The thin layer between the session engine and the widgets.

Two timers only ask the engine to catch up with its clock and pass the fresh state on for
repainting; neither counts time itself, so a late or irregular timer cannot make a set longer
or shorter, and a late firing never shifts what comes after it:

- the frame timer, every `FRAME_MS`, moves the countdown and the figure;
- the due timer, a precise single shot aimed afresh after every update at the next thing the
  engine has due (a step's start or end, a rep, a countdown), so that a step begins and its cue
  sounds on time rather than at the next frame, up to `FRAME_MS` late.

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
    before the signals fire: the history recorder and the cue player hang here.
    """

    state_changed = Signal(object)  # EngineState
    event_raised = Signal(object)  # Event

    def __init__(
        self, engine: SessionEngine, *, frame_ms: int = FRAME_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self._listeners: list[Callable[[Event], None]] = []
        self._unsubscribe = engine.subscribe(self._on_event)
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(frame_ms)
        self.timer.timeout.connect(self.tick)
        self.due_timer = QTimer(self)
        self.due_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.due_timer.setSingleShot(True)
        self.due_timer.timeout.connect(self.tick)
        self._aimed: tuple[int, int] | None = None  # (position, due) the due timer is aimed from

    def add_listener(self, listener: Callable[[Event], None]) -> None:
        self._listeners.append(listener)

    def state(self) -> EngineState:
        return self.engine.state()

    @property
    def active(self) -> bool:
        """A session that has started and not yet ended."""
        return self.engine.status in ("running", "paused")

    # commands: each asks the engine, then publishes its new state at once
    def start(self) -> None:
        self._publish(self.engine.start())

    def toggle_pause(self) -> None:
        self._publish(self.engine.toggle_pause())

    def pause(self) -> None:
        self._publish(self.engine.pause())

    def resume(self) -> None:
        self._publish(self.engine.resume())

    def skip(self) -> None:
        self._publish(self.engine.skip())

    def back(self) -> None:
        self._publish(self.engine.back())

    def leave_out(self) -> None:
        self._publish(self.engine.leave_out())

    def stop(self) -> None:
        self._publish(self.engine.stop())

    def tick(self) -> None:
        """What the timer does: let the engine read its clock, then repaint."""
        self._publish(self.engine.update())

    def close(self) -> None:
        """Detach from the engine and stop the timers (the session object is finished with)."""
        self.timer.stop()
        self.due_timer.stop()
        self._aimed = None
        self._unsubscribe()
        self._listeners.clear()

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
        for listener in list(self._listeners):
            listener(event)
        self.event_raised.emit(event)
