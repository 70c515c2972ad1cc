"""Random routines under random, irregular clock steps: nothing lost or doubled, exact end.

The expected events are worked out here from the timeline and the rules in the brief, not from
the engine's own schedule, so the two have to agree independently.
"""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from hiprehab.routine.model import Routine, to_us
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import Event, EventKind, SessionEngine, movement
from hiprehab.session.timeline import Step, StepKind, build_timeline
from tests.routine.strategies import routines

S = 1_000_000
K = EventKind


def expected_counts(steps: list[Step]) -> Counter[EventKind]:
    counts: Counter[EventKind] = Counter()
    counts[K.STEP_STARTED] = len(steps)
    counts[K.SWITCH_SIDES] = sum(s.kind is StepKind.SWITCH for s in steps)
    counts[K.SESSION_DONE] = 1
    counts[K.EXERCISE_DONE] = len({s.exercise_index for s in steps})
    for i, step in enumerate(steps):
        if step.kind is not StepKind.WORK:
            continue
        counts[K.WORK_FINISHED] += 1
        counts[K.REP] += step.reps or 0
        counts[K.HALFWAY] += len(expected_halfways(step))
        # lead-in: seconds before the start that lie in the pauses right before it
        lead_start = step.start_us
        j = i - 1
        while j >= 0 and steps[j].kind is not StepKind.WORK:
            lead_start = steps[j].start_us
            j -= 1
        counts[K.COUNTDOWN] += sum(step.start_us - k * S >= lead_start for k in (1, 2, 3))
        # the last three seconds inside the work step
        counts[K.COUNTDOWN] += sum(step.end_us - k * S >= step.start_us for k in (1, 2, 3))
    return +counts


def expected_halfways(step: Step) -> list[tuple[int, int | None]]:
    """(at_us, value) of each HALFWAY of a work step, from its exercise's own numbers: the
    middle of a pure hold of 20 s or more, or of the hold in every rep when that hold is 20 s+."""
    exercise = step.exercise
    hold_us = to_us(exercise.hold)
    if hold_us < 20 * S:
        return []
    if exercise.reps is None:
        return [(step.start_us + hold_us // 2, None)]
    move_us = to_us(exercise.seconds_per_rep)
    return [
        (step.start_us + (rep - 1) * (move_us + hold_us) + move_us // 2 + hold_us // 2, rep)
        for rep in range(1, exercise.reps + 1)
    ]


def next_boundary(steps: list[Step], elapsed: int) -> int:
    """The next step start or whole-second mark after `elapsed`, to land exactly on edges."""
    ends = [s.end_us for s in steps if s.end_us > elapsed]
    return min(ends[0], (elapsed // S + 1) * S) if ends else elapsed + 1


@settings(max_examples=120)
@given(routines(), st.integers(0, 2**32 - 1))
def test_irregular_updates_visit_every_step_and_event_once_and_end_exactly(
    routine: Routine, seed: int
) -> None:
    rng = random.Random(seed)
    steps = build_timeline(routine)
    total = routine.duration_us()
    assert sum(s.duration_us for s in steps) == total
    clock = FakeClock(start=rng.uniform(0, 1e6))
    engine = SessionEngine(steps, clock)
    seen: list[tuple[Event, int, int]] = []  # event, position before and after the call
    window = [0, 0]
    engine.subscribe(lambda e: seen.append((e, window[0], window[1])))

    engine.start()
    elapsed = 0
    visited = [0]
    while True:
        roll = rng.random()
        if roll < 0.15:
            dt = next_boundary(steps, elapsed) - elapsed  # land exactly on an edge
        elif roll < 0.2:
            dt = max(next_boundary(steps, elapsed) - elapsed - 1, 1)  # one microsecond short
        else:
            dt = rng.randint(1_000, 2 * S)
        if elapsed + dt >= total:
            break
        window[:] = [elapsed, elapsed + dt]
        clock.advance_us(dt)
        elapsed += dt
        state = engine.update()
        assert state.status == "running"
        assert state.position_us == elapsed
        assert state.step is not None
        assert state.step.start_us <= elapsed < state.step.end_us
        visited.append(state.step_index)

    window[:] = [elapsed, total - 1]
    clock.advance_us(total - 1 - elapsed)
    before_end = engine.update()
    assert before_end.status == "running"
    assert before_end.step_index == len(steps) - 1
    assert before_end.step_remaining_s == 1e-6
    window[:] = [total - 1, total]
    clock.advance_us(1)
    end = engine.update()
    assert end.status == "finished"
    assert end.position_us == total and end.progress == 1.0

    assert visited == sorted(visited)
    started = [e.step.index for e, _, _ in seen if e.kind is K.STEP_STARTED]
    assert started == list(range(len(steps)))
    assert Counter(e.kind for e, _, _ in seen) == expected_counts(steps)
    keys = [(e.kind, e.step.index, e.value, e.at_us) for e, _, _ in seen]
    assert len(set(keys)) == len(keys), "an event was emitted twice"
    ats = [e.at_us for e, _, _ in seen]
    assert ats == sorted(ats), "events out of chronological order"
    for event, before, after in seen:
        # emitted by the call during which it fell due, never early, never a call late
        assert before < event.at_us <= after or event.at_us == before == 0
    for step in steps:
        if step.kind is StepKind.WORK and step.reps:
            reps = [e.value for e, _, _ in seen if e.kind is K.REP and e.step is step]
            assert reps == list(range(1, step.reps + 1))
        halfways = [
            (e.at_us, e.value) for e, _, _ in seen if e.kind is K.HALFWAY and e.step is step
        ]
        assert halfways == (expected_halfways(step) if step.kind is StepKind.WORK else [])
        for at_us, rep in halfways:  # said while the pose holds, in the rep it names
            assert movement(step, at_us - step.start_us)[:2] == (rep, "hold")
    works = [e.work for e, _, _ in seen if e.kind is K.WORK_FINISHED]
    assert all(w is not None and w.status == "completed" for w in works)
    assert all(w is not None and w.active_seconds == w.planned_seconds for w in works)

    outcome = engine.outcome()
    assert outcome.status == "completed"
    assert outcome.active_seconds == total / S == outcome.planned_seconds
    assert outcome.paused_seconds == 0
    count = len(seen)
    clock.advance(5)
    engine.update()
    assert len(seen) == count, "a finished session must stay quiet"


@settings(max_examples=40)
@given(routines(max_exercises=3), st.integers(0, 2**32 - 1))
def test_overshooting_the_end_finishes_at_the_first_update_past_it(
    routine: Routine, seed: int
) -> None:
    rng = random.Random(seed)
    clock = FakeClock()
    engine = SessionEngine.for_routine(routine, clock)
    engine.start()
    total = routine.duration_us()
    elapsed = 0
    while elapsed < total:
        assert engine.state().status == "running"
        dt = rng.randint(1_000, 2 * S)
        clock.advance_us(dt)
        elapsed += dt
        engine.update()
    state = engine.state()
    assert state.status == "finished"
    assert state.session_elapsed_s == total / S
    assert engine.outcome().active_seconds == total / S


@settings(max_examples=60)
@given(routines(max_exercises=4), st.integers(0, 2**32 - 1))
def test_pauses_and_sleeps_lose_nothing_and_are_not_counted_as_active(
    routine: Routine, seed: int
) -> None:
    rng = random.Random(seed)
    steps = build_timeline(routine)
    total = routine.duration_us()
    clock = FakeClock()
    engine = SessionEngine(steps, clock)
    seen: list[Event] = []
    engine.subscribe(seen.append)
    engine.start()
    paused_us = 0
    breaks = Counter[str]()
    while engine.state().status == "running":
        roll = rng.random()
        if roll < 0.03:  # the user pauses, for up to an hour, in UI-sized updates or one gap
            engine.pause()
            gap = rng.randint(1, 3600 * S)
            clock.advance_us(gap)
            engine.update()
            assert engine.resume().status == "running"
            paused_us += gap
            breaks["pause"] += 1
        elif roll < 0.06:  # the lid closes
            before = engine.state().position_us
            gap = rng.randint(30 * S + 1, 8 * 3600 * S)
            clock.advance_us(gap)
            state = engine.update()
            assert (state.status, state.paused_by_sleep, state.position_us) == (
                "paused", True, before
            )
            assert engine.resume().position_us == before
            paused_us += gap
            breaks["sleep"] += 1
        else:
            clock.advance_us(rng.randint(1_000, 2 * S))
            engine.update()
    started = [e.step.index for e in seen if e.kind is K.STEP_STARTED]
    assert started == list(range(len(steps)))
    counts = Counter(e.kind for e in seen)
    assert counts[K.SLEEP_DETECTED] == breaks["sleep"]
    assert counts[K.PAUSED] == counts[K.RESUMED] == breaks["pause"] + breaks["sleep"]
    for kind in (K.PAUSED, K.RESUMED, K.SLEEP_DETECTED):
        del counts[kind]
    assert counts == expected_counts(steps)
    outcome = engine.outcome()
    assert outcome.status == "completed"
    assert outcome.active_seconds == total / S
    assert outcome.paused_seconds == paused_us / S
    assert all(w.active_seconds == w.planned_seconds for w in outcome.work)
