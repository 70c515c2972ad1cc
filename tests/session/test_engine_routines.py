"""Every built-in routine, loaded from its file, plays from start to finish with a fake clock."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from hiprehab.resources import builtin_routines, routines_dir
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import EventKind, SessionEngine
from hiprehab.session.timeline import StepKind, build_timeline

ROUTINE_FILES = builtin_routines()


def test_there_are_built_in_routines() -> None:
    assert ROUTINE_FILES, f"no built-in routines in {routines_dir()}"


@pytest.mark.parametrize("path", ROUTINE_FILES, ids=lambda p: p.name)
def test_built_in_routine_plays_end_to_end(path: Path) -> None:
    from hiprehab.routine.loader import load_routine

    routine = load_routine(path)
    steps = build_timeline(routine)
    total = routine.duration_us()
    assert sum(s.duration_us for s in steps) == total
    clock = FakeClock()
    engine = SessionEngine(steps, clock)
    kinds: Counter[EventKind] = Counter()
    engine.subscribe(lambda e: kinds.update([e.kind]))
    engine.start()
    rng = random.Random(path.name)
    elapsed = 0
    while elapsed + 60_000 < total:
        tick = rng.randint(40_000, 60_000)  # a UI repainting every ~50 ms, a little late or early
        clock.advance_us(tick)
        elapsed += tick
        assert engine.update().status == "running"
    clock.advance_us(total - elapsed - 1)
    assert engine.update().status == "running"
    clock.advance_us(1)
    assert engine.update().status == "finished"
    outcome = engine.outcome()
    assert outcome.status == "completed"
    assert outcome.active_seconds == outcome.planned_seconds == total / 1e6
    assert len(outcome.work) == kinds[EventKind.WORK_FINISHED]
    assert len(outcome.work) == sum(s.kind is StepKind.WORK for s in steps)
    assert kinds[EventKind.STEP_STARTED] == len(steps)
    assert kinds[EventKind.EXERCISE_DONE] == len(routine.exercises)
    assert kinds[EventKind.SESSION_DONE] == 1
