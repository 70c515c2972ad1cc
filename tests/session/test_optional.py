"""Optional exercises: the routine key, when one may be left out, and the engine's `leave_out`.

The routine below (seconds from the start); the side stretch is optional:
  0 prepare 0-5 | 1 work 5-15 | 2 rest 15-20 | 3 work 20-30            bridge, 2 sets of a 10 s hold
  4 transition 30-40 | 5 prepare 40-45 | 6 work left 45-65 | 7 switch 65-69 | 8 work right 69-89
  9 transition 89-99 | 10 prepare 99-104 | 11 work 104-114              plank, a 10 s hold
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiprehab import resources
from hiprehab.routine.loader import load_routine, load_routine_text
from hiprehab.routine.model import Routine, Timing
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import Event, EventKind, SessionEngine
from hiprehab.session.optional import can_leave_out, leave_out_end, work_periods
from hiprehab.session.timeline import StepKind, build_timeline
from tests.routine.strategies import make_exercise, routines
from tests.routine.test_loader_exercise import HEAD, only_problem

S = 1_000_000
K = EventKind
BRIDGE = make_exercise("bridge", sets=2, rest=5)
STRETCH = make_exercise("side stretch", sides="each", hold=20, optional=True)
PLANK = make_exercise("plank")
TIMING = Timing(prepare=5, switch_sides=4, rest_between_exercises=10)
ROUTINE = Routine("test", (BRIDGE, STRETCH, PLANK), TIMING)


def setup(routine: Routine = ROUTINE) -> tuple[FakeClock, SessionEngine, list[Event]]:
    clock = FakeClock()
    engine = SessionEngine.for_routine(routine, clock)
    events: list[Event] = []
    engine.subscribe(events.append)
    return clock, engine, events


def run_to(clock: FakeClock, engine: SessionEngine, seconds: float) -> None:
    """Advance in 0.1 s ticks until the engine's position reaches `seconds`."""
    target = round(seconds * S)
    while engine.state().position_us < target and engine.status == "running":
        clock.advance_us(min(100_000, target - engine.state().position_us))
        engine.update()


# --- the routine key -------------------------------------------------------------------------


def test_optional_is_read_as_a_boolean_and_defaults_to_false() -> None:
    text = HEAD + '[[exercise]]\nname = "A"\nreps = 5\noptional = true\n'
    text += '[[exercise]]\nname = "B"\nreps = 5\n[[exercise]]\nname = "C"\nreps = 5\n'
    text += "optional = false\n"
    routine = load_routine_text(text, source_name="r.toml", base_dir=None, library={})
    assert [e.optional for e in routine.exercises] == [True, False, False]


@pytest.mark.parametrize(
    ("value", "found"),
    [('"yes"', 'a string ("yes")'), ("1", "an integer (1)"), ('"true"', 'a string ("true")')],
)
def test_optional_must_be_true_or_false(value: str, found: str) -> None:
    problem = only_problem(f'name = "A"\nreps = 5\noptional = {value}\n')
    assert problem.path == 'exercise 1 ("A"): optional'
    assert problem.message == f"expected true or false, found {found}"
    assert problem.line == 6


def test_the_cool_down_marks_the_piriformis_stretch_optional_and_nothing_else() -> None:
    routine = load_routine(resources.routines_dir() / "post-run-cool-down.hiprehab.toml")
    assert [e.library_id for e in routine.exercises if e.optional] == ["piriformis-stretch"]
    for path in resources.builtin_routines():
        if path.name != "post-run-cool-down.hiprehab.toml":
            assert not any(e.optional for e in load_routine(path).exercises), path.name


# --- which steps offer it --------------------------------------------------------------------


def test_only_the_rest_and_get_ready_before_an_optional_exercise_offer_it() -> None:
    steps = build_timeline(ROUTINE)
    assert [i for i, s in enumerate(steps) if can_leave_out(s)] == [4, 5]
    assert [leave_out_end(steps, i) for i in range(len(steps))] == [None] * 4 + [9, 9] + [None] * 6
    assert leave_out_end(steps, -1) is None and leave_out_end(steps, len(steps)) is None
    assert can_leave_out(None) is False
    assert work_periods(STRETCH) == 2 and work_periods(BRIDGE) == 2


def test_the_first_exercise_is_offered_during_its_prepare_only() -> None:
    steps = build_timeline(Routine("t", (STRETCH, PLANK), TIMING))
    assert [s.kind for s in steps if can_leave_out(s)] == [StepKind.PREPARE]
    no_prepare = build_timeline(Routine("t", (STRETCH, PLANK), replace(TIMING, prepare=0)))
    assert not any(can_leave_out(s) for s in no_prepare)  # no pause before it, nothing offered


# --- the engine --------------------------------------------------------------------------------


def test_leaving_out_during_the_rest_before_it_moves_past_it_and_reports_its_sets() -> None:
    clock, engine, events = setup()
    engine.start()
    run_to(clock, engine, 32)
    del events[:]
    state = engine.leave_out()
    assert [(e.kind, e.step.index, e.value, e.at_us // S) for e in events] == [
        (K.EXERCISE_LEFT_OUT, 4, 2, 32),
        (K.WORK_FINISHED, 6, None, 45),
        (K.WORK_FINISHED, 8, None, 69),
        (K.EXERCISE_DONE, 8, None, 69),
        (K.STEP_STARTED, 9, None, 89),
    ]
    assert [(e.work.status, e.work.active_seconds) for e in events if e.work] == [
        ("skipped", 0.0),
        ("skipped", 0.0),
    ]
    assert (state.status, state.step_index, state.position_us) == ("running", 9, 89 * S)
    run_to(clock, engine, 114)
    outcome = engine.outcome()
    assert engine.status == "finished" and outcome.status == "completed"
    assert [(w.step.index, w.status) for w in outcome.work] == [
        (1, "completed"), (3, "completed"), (6, "skipped"), (8, "skipped"), (11, "completed"),
    ]  # fmt: skip
    # 30 s of the bridge's work and rest, 2 s of rest, then from 89 s to the end: 25 s
    assert outcome.active_seconds == pytest.approx(32 + 25)
    assert [e.kind for e in events].count(K.SESSION_DONE) == 1


def test_leaving_out_during_its_prepare_works_too() -> None:
    clock, engine, events = setup()
    engine.start()
    run_to(clock, engine, 42.5)
    state = engine.leave_out()
    assert state.step_index == 9
    assert [e.kind for e in events].count(K.EXERCISE_LEFT_OUT) == 1


@pytest.mark.parametrize("at", [0, 3, 10, 17, 25, 50, 66, 70, 90, 100, 110])
def test_leave_out_does_nothing_anywhere_else(at: float) -> None:
    clock, engine, events = setup()
    engine.start()
    run_to(clock, engine, at)
    before, count = engine.state(), len(events)
    assert engine.leave_out() == before
    assert len(events) == count


def test_leave_out_does_nothing_before_the_start_or_after_a_stop() -> None:
    steps = build_timeline(Routine("t", (STRETCH, PLANK), TIMING))
    engine = SessionEngine(steps, FakeClock())
    assert engine.leave_out().status == "ready"
    engine.start()
    engine.stop()
    assert engine.leave_out().status == "stopped" and engine.state().step_index == 0


def test_a_paused_session_stays_paused() -> None:
    clock, engine, events = setup()
    engine.start()
    run_to(clock, engine, 35)
    engine.pause()
    clock.advance(20)
    state = engine.leave_out()
    assert (state.status, state.step_index) == ("paused", 9)
    clock.advance(5)
    assert engine.update().position_us == 89 * S  # no time passes while paused


def test_leaving_out_the_last_exercise_finishes_the_session_as_completed() -> None:
    clock, engine, events = setup(Routine("t", (BRIDGE, STRETCH), TIMING))
    engine.start()
    run_to(clock, engine, 31)
    engine.pause()  # also from a pause: the session is over, so the pause ends with it
    state = engine.leave_out()
    assert state.status == "finished" and state.step is None
    assert [e.kind for e in events[-4:]] == [
        K.WORK_FINISHED, K.WORK_FINISHED, K.EXERCISE_DONE, K.SESSION_DONE,
    ]  # fmt: skip
    outcome = engine.outcome()
    assert outcome.status == "completed"
    assert outcome.paused_seconds == 0.0
    assert [w.status for w in outcome.work] == ["completed", "completed", "skipped", "skipped"]


@st.composite
def routines_with_optional(draw: st.DrawFn) -> Routine:
    routine = draw(routines())
    flags = draw(st.lists(st.booleans(), min_size=len(routine.exercises),
                          max_size=len(routine.exercises)))  # fmt: skip
    exercises = tuple(replace(e, optional=f) for e, f in zip(routine.exercises, flags, strict=True))
    return replace(routine, exercises=exercises)


@settings(max_examples=80, deadline=None)
@given(routines_with_optional(), st.integers(0, 2**32 - 1))
def test_left_out_exercises_are_reported_once_and_in_order(routine: Routine, seed: int) -> None:
    rng = random.Random(seed)
    clock, engine, events = setup(routine)
    steps = engine.timeline
    engine.start()
    left_out: list[int] = []
    while engine.status == "running":
        if can_leave_out(engine.state().step) and rng.random() < 0.5:
            left_out.append(engine.state().step.exercise_index)  # type: ignore[union-attr]
            engine.leave_out()
            continue
        clock.advance_us(rng.choice((1, 250_000, 1_000_000, 3_000_001)))
        engine.update()
    assert engine.status == "finished" and engine.outcome().status == "completed"
    # each work step reported exactly once: skipped if its exercise was left out
    finished = [e.work for e in events if e.kind is K.WORK_FINISHED and e.work is not None]
    work_steps = [s for s in steps if s.kind is StepKind.WORK]
    assert [w.step.index for w in finished] == [s.index for s in work_steps]
    for w in finished:
        expected = "skipped" if w.step.exercise_index in left_out else "completed"
        assert w.status == expected
    # the left-out events name the exercise and how many work periods it has
    notices = [e for e in events if e.kind is K.EXERCISE_LEFT_OUT]
    assert [e.step.exercise_index for e in notices] == left_out
    assert all(e.step.exercise.optional for e in notices)
    assert sum(e.value or 0 for e in notices) == sum(
        1 for w in finished if w.status == "skipped"
    )
    # every event in the order it was due; each exercise done once; the session done once
    assert all(a.at_us <= b.at_us for a, b in zip(events, events[1:], strict=False))
    kinds = [e.kind for e in events]
    assert kinds.count(K.EXERCISE_DONE) == len(routine.exercises)
    assert kinds.count(K.SESSION_DONE) == 1 and kinds[-1] is K.SESSION_DONE
    assert engine.state().position_us == engine.total_us
