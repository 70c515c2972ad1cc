"""The timeline: every step of a routine, in order, adding up exactly to the routine's length."""

from __future__ import annotations

from hypothesis import given, settings

from hiprehab.routine.model import Routine, Timing, to_us
from hiprehab.session.timeline import Step, StepKind, build_timeline
from tests.routine.strategies import make_exercise, routines

S = 1_000_000


def shape(steps: list[Step]) -> list[tuple[str, int, int, int, int, str]]:
    return [
        (s.kind.value, s.start_us, s.duration_us, s.exercise_index, s.set_number, s.side)
        for s in steps
    ]


def test_per_side_paced_exercise_unrolls_sets_sides_and_rests() -> None:
    clam = make_exercise(
        "clamshell", sides="each", sets=2, reps=10, hold=1, seconds_per_rep=2, rest=2.5
    )
    routine = Routine("r", (clam,), Timing(prepare=5, switch_sides=4, rest_between_exercises=30))
    steps = build_timeline(routine)
    work = 10 * 3 * S
    assert shape(steps) == [
        ("prepare", 0, 5 * S, 0, 1, "left"),
        ("work", 5 * S, work, 0, 1, "left"),
        ("switch", 5 * S + work, 4 * S, 0, 1, "right"),
        ("work", 9 * S + work, work, 0, 1, "right"),
        ("rest", 9 * S + 2 * work, 2_500_000, 0, 2, "left"),
        ("work", 11_500_000 + 2 * work, work, 0, 2, "left"),
        ("switch", 11_500_000 + 3 * work, 4 * S, 0, 2, "right"),
        ("work", 15_500_000 + 3 * work, work, 0, 2, "right"),
    ]
    # 5 + 2 * (2 * 30 + 4) + 2.5, worked out by hand
    assert steps[-1].end_us == 135_500_000 == routine.duration_us()
    assert [s.index for s in steps] == list(range(len(steps)))
    for step in steps:
        if step.kind is StepKind.WORK:
            assert (step.reps, step.rep_period_us, step.hold_us) == (10, 3 * S, 1 * S)
        else:
            assert (step.reps, step.rep_period_us, step.hold_us) == (None, None, 0)
        assert step.set_count == 2
        assert step.exercise is clam


def test_transition_belongs_to_the_next_exercise_and_next_exercise_points_ahead() -> None:
    a = make_exercise("bridge", sides="left", hold=12)
    b = make_exercise("side plank", sides="right", hold=30)
    c = make_exercise("calf raise", sides="both", reps=5, hold=0, seconds_per_rep=2.5)
    routine = Routine("r", (a, b, c), Timing(prepare=3, rest_between_exercises=20))
    steps = build_timeline(routine)
    assert [(s.kind.value, s.exercise_index, s.side) for s in steps] == [
        ("prepare", 0, "left"),
        ("work", 0, "left"),
        ("transition", 1, "right"),
        ("prepare", 1, "right"),
        ("work", 1, "right"),
        ("transition", 2, "none"),
        ("prepare", 2, "none"),
        ("work", 2, "none"),
    ]
    assert [s.exercise for s in steps] == [a, a, b, b, b, c, c, c]
    assert [s.next_exercise for s in steps] == [b, b, c, c, c, None, None, None]
    assert steps[7].duration_us == 5 * 2_500_000
    assert steps[7].rep_period_us == 2_500_000
    assert steps[4].reps is None and steps[4].hold_us == 30 * S
    # 3 + 12 + 20 + 3 + 30 + 20 + 3 + 12.5 seconds
    assert sum(s.duration_us for s in steps) == routine.duration_us() == 103_500_000


def test_zero_length_pauses_make_no_steps() -> None:
    ex = make_exercise(sides="each", sets=3, rest=0, hold=7)
    routine = Routine("r", (ex, ex), Timing(prepare=0, switch_sides=0, rest_between_exercises=0))
    steps = build_timeline(routine)
    assert [s.kind for s in steps] == [StepKind.WORK] * 12
    assert [s.side for s in steps[:6]] == ["left", "right"] * 3
    assert [s.set_number for s in steps[:6]] == [1, 1, 2, 2, 3, 3]
    assert [s.exercise_index for s in steps] == [0] * 6 + [1] * 6
    assert steps[-1].end_us == 12 * 7 * S == routine.duration_us()


def test_step_convenience_properties() -> None:
    routine = Routine("r", (make_exercise(hold=2.5),), Timing(prepare=1.25))
    prepare, work = build_timeline(routine)
    assert prepare.duration_seconds == 1.25 and prepare.end_us == 1_250_000
    assert work.duration_seconds == 2.5 and work.end_us == 3_750_000
    assert work.is_work and not work.is_paced and not prepare.is_work


def test_awkward_floats_round_per_part_like_the_routine_model() -> None:
    ex = make_exercise(reps=3, hold=0.3333333, seconds_per_rep=1.0000004)
    routine = Routine("r", (ex,), Timing(prepare=0.1))
    steps = build_timeline(routine)
    assert steps[1].rep_period_us == to_us(1.0000004) + to_us(0.3333333) == 1_333_333
    assert steps[1].duration_us == 3 * 1_333_333
    assert steps[-1].end_us == routine.duration_us()


@settings(max_examples=150)
@given(routines())
def test_random_routines_add_up_exactly(routine: Routine) -> None:
    steps = build_timeline(routine)
    assert sum(s.duration_us for s in steps) == routine.duration_us()
    assert steps[0].start_us == 0
    for before, after in zip(steps, steps[1:], strict=False):
        assert after.start_us == before.end_us
        assert after.exercise_index in (before.exercise_index, before.exercise_index + 1)
    assert all(s.duration_us > 0 for s in steps if s.kind is not StepKind.WORK)
    for i, ex in enumerate(routine.exercises):
        own = [s for s in steps if s.exercise_index == i]
        work = [s for s in own if s.kind is StepKind.WORK]
        assert len(work) == ex.sets * ex.side_count
        assert {s.duration_us for s in work} == {ex.work_us}  # every side and set gets the same
        transition = sum(s.duration_us for s in own if s.kind is StepKind.TRANSITION)
        assert sum(s.duration_us for s in own) - transition == ex.duration_us(routine.timing)
        following = routine.exercises[i + 1] if i + 1 < len(routine.exercises) else None
        assert all(s.next_exercise is following for s in own)
    assert steps[-1].kind is StepKind.WORK
