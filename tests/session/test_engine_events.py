"""Every event kind at the right moment, and the rep phase and pose the illustrations follow."""

from __future__ import annotations

import pytest

from hiprehab.routine.model import Routine, Timing
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import Event, EventKind, SessionEngine, movement
from hiprehab.session.timeline import StepKind, build_timeline
from tests.routine.strategies import make_exercise

S = 1_000_000
K = EventKind

CLAMSHELL = make_exercise("clamshell", reps=3, seconds_per_rep=2, hold=1)  # 9 s
PLANK = make_exercise("side plank", sides="each", hold=30)
BRIDGE = make_exercise("bridge", reps=2, seconds_per_rep=2, hold=20)  # 44 s: a 22 s rep, long holds
ROUTINE = Routine(
    "events", (CLAMSHELL, PLANK, BRIDGE),
    Timing(prepare=5, switch_sides=4, rest_between_exercises=10),
)
# 0 prepare 0-5 | 1 work 5-14 | 2 transition 14-24 | 3 prepare 24-29 | 4 work left 29-59
# 5 switch 59-63 | 6 work right 63-93 | 7 transition 93-103 | 8 prepare 103-108 | 9 work 108-152


def play(
    routine: Routine, tick_us: int = 500_000, on_time: bool = True
) -> list[tuple[float, EventKind, int | None, int]]:
    """Play to the end in even ticks: (due time in s, kind, value, step index) of every event.

    With `on_time`, every due time must be a multiple of the tick, and each event must be
    emitted exactly then.
    """
    clock = FakeClock()
    engine = SessionEngine.for_routine(routine, clock)
    seen: list[tuple[float, EventKind, int | None, int]] = []

    def record(event: Event) -> None:
        position = engine.state().position_us
        assert event.at_us == position if on_time else event.at_us <= position
        seen.append((event.at_us / S, event.kind, event.value, event.step.index))

    engine.subscribe(record)
    engine.start()
    while engine.state().status == "running":
        clock.advance_us(tick_us)
        engine.update()
    return seen


def test_every_event_of_a_session_in_order() -> None:
    assert ROUTINE.duration_us() == 152 * S
    assert play(ROUTINE) == [
        (0, K.STEP_STARTED, None, 0),
        (2, K.COUNTDOWN, 3, 0), (3, K.COUNTDOWN, 2, 0), (4, K.COUNTDOWN, 1, 0),
        (5, K.STEP_STARTED, None, 1), (5, K.REP, 1, 1),
        (8, K.REP, 2, 1),
        (11, K.REP, 3, 1), (11, K.COUNTDOWN, 3, 1), (12, K.COUNTDOWN, 2, 1),
        (13, K.COUNTDOWN, 1, 1),
        (14, K.WORK_FINISHED, None, 1), (14, K.EXERCISE_DONE, None, 1),
        (14, K.STEP_STARTED, None, 2),
        (24, K.STEP_STARTED, None, 3),
        (26, K.COUNTDOWN, 3, 3), (27, K.COUNTDOWN, 2, 3), (28, K.COUNTDOWN, 1, 3),
        (29, K.STEP_STARTED, None, 4),
        (44, K.HALFWAY, None, 4),
        (56, K.COUNTDOWN, 3, 4), (57, K.COUNTDOWN, 2, 4), (58, K.COUNTDOWN, 1, 4),
        (59, K.WORK_FINISHED, None, 4), (59, K.STEP_STARTED, None, 5),
        (59, K.SWITCH_SIDES, None, 5),
        (60, K.COUNTDOWN, 3, 5), (61, K.COUNTDOWN, 2, 5), (62, K.COUNTDOWN, 1, 5),
        (63, K.STEP_STARTED, None, 6),
        (78, K.HALFWAY, None, 6),
        (90, K.COUNTDOWN, 3, 6), (91, K.COUNTDOWN, 2, 6), (92, K.COUNTDOWN, 1, 6),
        (93, K.WORK_FINISHED, None, 6), (93, K.EXERCISE_DONE, None, 6),
        (93, K.STEP_STARTED, None, 7),
        (103, K.STEP_STARTED, None, 8),
        (105, K.COUNTDOWN, 3, 8), (106, K.COUNTDOWN, 2, 8), (107, K.COUNTDOWN, 1, 8),
        (108, K.STEP_STARTED, None, 9), (108, K.REP, 1, 9),
        (119, K.HALFWAY, 1, 9),  # 1 s lift + 10 s: the middle of rep 1's 20 s hold
        (130, K.REP, 2, 9),
        (141, K.HALFWAY, 2, 9),
        (149, K.COUNTDOWN, 3, 9), (150, K.COUNTDOWN, 2, 9), (151, K.COUNTDOWN, 1, 9),
        (152, K.WORK_FINISHED, None, 9), (152, K.EXERCISE_DONE, None, 9),
        (152, K.SESSION_DONE, None, 9),
    ]


def test_jumping_from_due_point_to_due_point_meets_every_event_and_step_on_time() -> None:
    """`next_due_us` names the next event or step end, so a timer aimed there (the player's
    due timer) reaches every event exactly when it is due, and nothing is due in between."""
    clock = FakeClock()
    engine = SessionEngine.for_routine(ROUTINE, clock)
    assert engine.next_due_us() is None  # not started
    seen: list[tuple[float, EventKind, int | None, int]] = []

    def record(event: Event) -> None:
        assert event.at_us == engine.state().position_us
        seen.append((event.at_us / S, event.kind, event.value, event.step.index))

    engine.subscribe(record)
    engine.start()
    aims: list[float] = []
    while (due := engine.next_due_us()) is not None:
        position = engine.state().position_us
        assert due > position
        clock.advance_us(due - position - 1)  # a microsecond early: nothing happens
        before = len(seen)
        engine.update()
        assert len(seen) == before and engine.next_due_us() == due
        clock.advance_us(1)
        engine.update()
        aims.append(due / S)
    assert engine.status == "finished"
    assert seen == play(ROUTINE)
    step_ends = [step.end_us / S for step in engine.timeline]
    assert set(step_ends) <= set(aims)
    assert sorted(set(aims)) == sorted({t for t, *_ in seen} - {0})


def test_next_due_is_none_unless_running() -> None:
    clock = FakeClock()
    engine = SessionEngine.for_routine(ROUTINE, clock)
    engine.start()
    clock.advance_us(S)
    engine.update()
    assert engine.next_due_us() == 2 * S  # the countdown's 3
    engine.pause()
    assert engine.next_due_us() is None
    clock.advance_us(10 * S)
    engine.resume()
    assert engine.next_due_us() == 2 * S  # the pause moved nothing on
    engine.stop()
    assert engine.next_due_us() is None


def test_countdown_keeps_only_the_seconds_inside_the_steps_concerned() -> None:
    short = make_exercise("bridge", sides="left", hold=2)
    other = make_exercise("clamshell", sides="each", hold=2.5)
    routine = Routine(
        "short", (short, other), Timing(prepare=2, switch_sides=1.5, rest_between_exercises=10)
    )
    # 0 prepare 0-2 | 1 work 2-4 | 2 transition 4-14 | 3 prepare 14-16 | 4 work 16-18.5
    # 5 switch 18.5-20 | 6 work 20-22.5
    countdowns = [(t, v, i) for t, kind, v, i in play(routine) if kind is K.COUNTDOWN]
    assert countdowns == [
        (0, 2, 0), (1, 1, 0),  # a 2 s prepare has room for "2, 1" only
        (2, 2, 1), (3, 1, 1),  # so does a 2 s hold
        (13, 3, 2), (14, 2, 3), (15, 1, 3),  # across the transition and a short prepare
        (16.5, 2, 4), (17.5, 1, 4),
        (19, 1, 5),  # the 1.5 s switch: "1" only, nothing before the switch began
        (20.5, 2, 6), (21.5, 1, 6),
    ]


def test_events_are_never_early() -> None:
    clock = FakeClock()
    engine = SessionEngine.for_routine(ROUTINE, clock)
    reps: list[int | None] = []
    engine.subscribe(lambda e: reps.append(e.value) if e.kind is K.REP else None)
    engine.start()
    clock.advance_us(8 * S - 1)
    engine.update()
    assert reps == [1]
    clock.advance_us(1)
    engine.update()
    assert reps == [1, 2]


@pytest.mark.parametrize(
    ("exercise", "halfways"),
    [
        (make_exercise(hold=19.999), []),
        (make_exercise(hold=20), [(10.0, None)]),
        (make_exercise(hold=45.5), [(22.75, None)]),
        (make_exercise(reps=4, seconds_per_rep=3, hold=5), []),
        (make_exercise(reps=4, seconds_per_rep=3, hold=19.999), []),
        (make_exercise(reps=1, seconds_per_rep=3, hold=20), [(11.5, 1)]),
        # two 23 s reps: each a 1.5 s lift, then 10 s into its hold (the step's midpoint,
        # 23 s, is the boundary between the reps)
        (make_exercise(reps=2, seconds_per_rep=3, hold=20), [(11.5, 1), (34.5, 2)]),
        (make_exercise(reps=3, seconds_per_rep=0.5, hold=25), [(12.75, 1), (38.25, 2), (63.75, 3)]),
        (make_exercise(reps=2, seconds_per_rep=2.5, hold=20.5), [(11.5, 1), (34.5, 2)]),
    ],
)
def test_halfway_in_the_middle_of_every_hold_of_twenty_seconds_or_more(
    exercise: object, halfways: list[tuple[float, int | None]]
) -> None:
    routine = Routine("h", (exercise,), Timing(prepare=0))  # type: ignore[arg-type]
    events = play(routine, tick_us=250_000, on_time=False)
    assert [(t, value) for t, kind, value, _ in events if kind is K.HALFWAY] == halfways


def test_halfway_of_a_rep_comes_while_the_pose_holds_never_at_a_rep_boundary() -> None:
    routine = Routine("h", (make_exercise(reps=2, seconds_per_rep=3, hold=21),), Timing(prepare=0))
    (step,) = build_timeline(routine)
    midpoint = step.duration_us // 2  # 24 s: rep 2 begins, the runner is lifting
    assert movement(step, midpoint) == (2, "lift", 0.0)
    halfways = [(t, value) for t, kind, value, _ in play(routine) if kind is K.HALFWAY]
    assert halfways == [(12.0, 1), (36.0, 2)]
    for at_s, rep in halfways:
        assert movement(step, round(at_s * S)) == (rep, "hold", 1.0)


def test_rep_boundaries_of_paced_work_with_awkward_timing() -> None:
    ex = make_exercise(reps=4, seconds_per_rep=2.5, hold=0.5)  # a rep every 3 s
    routine = Routine("reps", (ex,), Timing(prepare=1.5))
    reps = [(t, v) for t, kind, v, _ in play(routine) if kind is K.REP]
    assert reps == [(1.5, 1), (4.5, 2), (7.5, 3), (10.5, 4)]


def test_state_fields_mid_session() -> None:
    clock = FakeClock()
    engine = SessionEngine.for_routine(ROUTINE, clock)
    engine.start()
    clock.advance(19)
    engine.update()
    clock.advance(19)
    state = engine.update()
    assert state.step is not None and state.step.kind is StepKind.WORK
    assert (state.status, state.step_index, state.step.side) == ("running", 4, "left")
    assert (state.step_elapsed_s, state.step_remaining_s) == (9.0, 21.0)
    assert (state.session_elapsed_s, state.session_remaining_s) == (38.0, 114.0)
    assert state.progress == 38 / 152
    assert (state.rep, state.rep_phase, state.pose_position) == (None, "hold", 1.0)
    assert state.step.next_exercise is BRIDGE


@pytest.mark.parametrize(
    ("offset_s", "rep", "phase", "pose"),
    [
        (0.0, 1, "lift", 0.0),
        (0.5, 1, "lift", 0.5),
        (1.0, 1, "hold", 1.0),
        (1.999999, 1, "hold", 1.0),
        (2.0, 1, "lower", 1.0),
        (2.5, 1, "lower", 0.5),
        (2.75, 1, "lower", 0.25),
        (3.0, 2, "lift", 0.0),
        (6.25, 3, "lift", 0.25),
        (8.0, 3, "lower", 1.0),
    ],
)
def test_rep_phase_and_pose_over_paced_reps(
    offset_s: float, rep: int, phase: str, pose: float
) -> None:
    clock = FakeClock()
    engine = SessionEngine.for_routine(ROUTINE, clock)  # step 1: 3 reps of 2 s + 1 s hold, at 5 s
    engine.start()
    clock.advance(5 + offset_s)
    state = engine.update()
    assert state.step_index == 1
    assert (state.rep, state.rep_phase) == (rep, phase)
    assert state.pose_position == pytest.approx(pose, abs=1e-9)


def test_pose_of_a_pure_hold_eases_in_over_its_first_second_and_pauses_are_at_rest() -> None:
    steps = build_timeline(ROUTINE)
    hold = steps[4]
    assert movement(hold, 0) == (None, "lift", 0.0)
    assert movement(hold, 250_000) == (None, "lift", 0.25)
    assert movement(hold, S) == (None, "hold", 1.0)
    assert movement(hold, 29 * S) == (None, "hold", 1.0)
    for pause in (steps[0], steps[2], steps[5]):
        assert movement(pause, S) == (None, None, 0.0)
    very_short = make_exercise(hold=0.5)
    (work,) = build_timeline(Routine("x", (very_short,), Timing(prepare=0)))
    assert movement(work, 250_000) == (None, "lift", 0.5)


def test_pose_of_a_rep_without_hold_splits_odd_microseconds() -> None:
    ex = make_exercise(reps=2, seconds_per_rep=1.000001, hold=0)
    (work,) = build_timeline(Routine("x", (ex,), Timing(prepare=0)))
    assert work.rep_period_us == 1_000_001
    assert movement(work, 500_000) == (1, "lower", 1.0)  # lift took 500000 us, lower 500001
    assert movement(work, 499_999).phase == "lift"
    assert movement(work, 1_000_000).pose == pytest.approx(1 / 500_001)
    assert movement(work, 1_000_001) == (2, "lift", 0.0)


def test_a_work_step_of_zero_length_is_passed_instantly() -> None:
    empty = make_exercise("nothing", hold=0)
    routine = Routine("z", (empty, make_exercise(hold=3)), Timing(prepare=0,
                                                               rest_between_exercises=0))
    clock = FakeClock()
    engine = SessionEngine.for_routine(routine, clock)
    events: list[Event] = []
    engine.subscribe(events.append)
    state = engine.start()
    assert (state.status, state.step_index) == ("running", 1)
    assert [(e.kind, e.step.index) for e in events] == [
        (K.STEP_STARTED, 0), (K.WORK_FINISHED, 0), (K.EXERCISE_DONE, 0), (K.STEP_STARTED, 1),
        (K.COUNTDOWN, 1),
    ]
