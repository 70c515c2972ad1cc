"""The controller's timers: a precise single shot aimed at the engine's next due point, so a
step starts on time rather than at the next frame, and a late firing never shifts what follows.

The clock is a FakeClock and the timers are never waited for: each test moves the clock by
what the timer was set to (plus the lateness it simulates) and calls `tick()`, as its firing
would.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hiprehab.routine.model import Routine, Timing
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import Event, EventKind, SessionEngine
from hiprehab.session.timeline import StepKind
from hiprehab.ui.player.controller import FRAME_MS, SessionController
from tests.routine.strategies import make_exercise

S = 1_000_000
MS = 1_000
CLAMSHELL = make_exercise(
    "clamshell", sides="each", sets=2, reps=3, seconds_per_rep=2, hold=0, rest=7
)
PLANK = make_exercise("plank", hold=12.5)
ROUTINE = Routine(
    "timers", (CLAMSHELL, PLANK), Timing(prepare=5, switch_sides=4, rest_between_exercises=10)
)
# 0 prepare 0-5 | 1 work 5-11 | 2 switch 11-15 | 3 work 15-21 | 4 rest 21-28 | 5 work 28-34
# 6 switch 34-38 | 7 work 38-44 | 8 transition 44-54 | 9 prepare 54-59 | 10 work 59-71.5


@pytest.fixture
def controller(qapp: QApplication, clock: FakeClock) -> Iterator[SessionController]:
    made = SessionController(SessionEngine.for_routine(ROUTINE, clock))
    yield made
    made.close()


def test_the_due_timer_is_a_precise_single_shot_aimed_at_the_next_step_start(
    controller: SessionController, clock: FakeClock
) -> None:
    controller.start()
    due = controller.due_timer
    assert due.isActive() and due.isSingleShot()
    assert due.timerType() is Qt.TimerType.PreciseTimer
    assert controller.timer.interval() == FRAME_MS  # the frame timer goes on beside it
    assert due.interval() == 2000  # the first thing due: the countdown's 3, 3 s before work
    clock.advance_us(4 * S + 200 * MS)  # past the countdown's 1 (4 s): next is the step's end
    controller.tick()
    assert controller.engine.next_due_us() == 5 * S
    assert due.isActive() and due.interval() == 800
    clock.advance_us(800 * MS)
    controller.tick()
    assert controller.state().step_index == 1  # it fired at the boundary: the work has begun


def test_the_wait_is_rounded_up_so_the_boundary_has_passed_when_it_fires(
    controller: SessionController, clock: FakeClock
) -> None:
    controller.start()
    clock.advance_us(1_234_567)
    controller.tick()
    assert controller.due_timer.interval() == 766  # 765.433 ms to the countdown at 2 s
    clock.advance_us(766 * MS)
    counted: list[int | None] = []
    controller.add_listener(
        lambda e: counted.append(e.value) if e.kind is EventKind.COUNTDOWN else None
    )
    controller.tick()
    assert counted == [3]


def test_late_firings_never_shift_the_steps_after_them(
    controller: SessionController, clock: FakeClock
) -> None:
    """Played by the due timer alone, each firing up to 17 ms late (the frames' work, a busy
    machine): every step starts at most that late against the plan from the session's start,
    and the session ends no later, though the lateness of all the firings adds up to 0.4 s."""
    starts: dict[int, int] = {}
    ended: list[int] = []

    def note(event: Event) -> None:
        if event.kind is EventKind.STEP_STARTED:
            starts[event.step.index] = clock.now_us()
        elif event.kind is EventKind.SESSION_DONE:
            ended.append(clock.now_us())

    controller.add_listener(note)
    t0 = clock.now_us()
    controller.start()
    lateness = itertools.cycle([0, 17 * MS, 3 * MS, 11 * MS, 1, 16 * MS])
    firings = total_late = 0
    while controller.engine.status == "running":
        assert controller.due_timer.isActive()
        late = next(lateness)
        clock.advance_us(controller.due_timer.interval() * MS + late)
        controller.tick()
        firings += 1
        total_late += late
    assert firings > 40 and total_late > 300 * MS  # a timer counting its waits: that late
    steps = controller.engine.timeline
    assert len(starts) == len(steps) and {s.kind for s in steps} == set(StepKind)
    for step in steps:
        assert 0 <= starts[step.index] - (t0 + step.start_us) <= 17 * MS + MS  # + rounding up
    assert ended and 0 <= ended[0] - (t0 + ROUTINE.duration_us()) <= 17 * MS + MS
    assert not controller.due_timer.isActive() and not controller.timer.isActive()


def test_frames_in_between_re_aim_it_from_their_reading_without_moving_the_target(
    controller: SessionController, clock: FakeClock
) -> None:
    controller.start()
    clock.advance_us(4 * S + 200 * MS)
    controller.tick()
    for _ in range(5):  # frame ticks, 33 ms and a bit apart, each re-aims at the same 5 s
        clock.advance_us(FRAME_MS * MS + 1_500)
        controller.tick()
    waited = 5 * (FRAME_MS * MS + 1_500)
    assert controller.due_timer.interval() == -(-(800 * MS - waited) // MS)


def test_no_reading_that_moved_nothing_re_aims_it_and_pausing_stops_it(
    controller: SessionController, clock: FakeClock
) -> None:
    controller.start()
    clock.advance_us(S)
    controller.tick()
    assert controller.due_timer.interval() == 1000
    controller.due_timer.stop()  # as if it fired while the (fake) clock stood still
    controller.tick()
    assert not controller.due_timer.isActive()  # no spinning on a clock at rest: frames go on
    assert controller.timer.isActive()
    controller.pause()
    assert not controller.due_timer.isActive() and not controller.timer.isActive()
    clock.advance_us(60 * S)
    controller.resume()
    assert controller.due_timer.isActive() and controller.due_timer.interval() == 1000
    controller.stop()
    assert not controller.due_timer.isActive()


def test_a_frame_less_than_a_frame_before_the_due_point_is_left_to_the_due_timer(
    controller: SessionController, clock: FakeClock
) -> None:
    """So that no painting is under way when the due timer fires (the frame after it draws)."""
    states: list[int] = []
    controller.state_changed.connect(lambda state: states.append(state.position_us))
    controller.start()
    clock.advance_us(4 * S + 200 * MS)
    controller.tick()  # aimed at the step's end, 800 ms away
    controller.timer.timeout.emit()  # a frame well before it: drawn
    assert len(states) == 3
    clock.advance_us(780 * MS)
    controller.due_timer.start(20)  # as the frames' re-aiming leaves it, 20 ms before the end
    controller.timer.timeout.emit()
    assert len(states) == 3  # left out
    clock.advance_us(20 * MS)
    controller.due_timer.timeout.emit()
    assert states[-1] == 5 * S and controller.state().step_index == 1
    controller.timer.timeout.emit()  # the next frame is drawn again (the next due is far off)
    assert len(states) == 5


def test_cues_have_a_ticks_events_before_it_is_shown_and_the_recorder_after(
    controller: SessionController, clock: FakeClock
) -> None:
    """A slow write to the history never holds up the cue of a step's start, nor its display."""
    seen: list[str] = []
    controller.add_listener(lambda e: seen.append(f"record {e.kind}"))
    controller.add_listener(lambda e: seen.append(f"cue {e.kind}"), prompt=True)
    controller.state_changed.connect(lambda state: seen.append(f"show step {state.step_index}"))
    controller.event_raised.connect(lambda e: seen.append(f"signal {e.kind}"))
    controller.start()
    clock.advance_us(10_900 * MS)
    controller.tick()
    clock.advance_us(200 * MS)  # past the first work step's end, into the switch
    seen.clear()
    controller.tick()
    assert seen == [
        "cue work_finished", "cue step_started", "cue switch_sides",
        "show step 2",
        "record work_finished", "signal work_finished",
        "record step_started", "signal step_started",
        "record switch_sides", "signal switch_sides",
    ]  # fmt: skip
    seen.clear()
    controller.engine.pause()  # the engine driven directly: its event is handed on at once
    assert seen == ["cue paused", "record paused", "signal paused"]
