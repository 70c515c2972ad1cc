"""The thin layer between the session engine and the widgets.

A QTimer only asks the engine to catch up with its clock and passes the fresh state on for
repainting; it never counts time itself, so a late or irregular timer cannot make a set longer
or shorter. Tests call `tick()` after moving a FakeClock instead of waiting for the timer.
"""

from __future__ import annotations

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
        """Detach from the engine and stop the timer (the session object is finished with)."""
        self.timer.stop()
        self._unsubscribe()
        self._listeners.clear()

    def _publish(self, state: EngineState) -> None:
        if state.status == "running":
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()
        self.state_changed.emit(state)

    def _on_event(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)
        self.event_raised.emit(event)
