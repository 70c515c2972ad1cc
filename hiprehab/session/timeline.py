"""A routine unrolled into the exact sequence of timed steps the player walks through.

The timeline is computed once, up front, in whole microseconds, so the player never has to work
out what comes next while the clock is running, and so that the step durations add up to
`Routine.duration_us()` exactly (the figure `hiprehab check` reports).

Which exercise, set and side a step belongs to follows one rule: *a pause points forward*. A
prepare, switch, rest or transition step describes the work that comes after it, because that is
what the screen previews and announces during the pause:

- `prepare`: the exercise about to begin, set 1, its first side;
- `switch`: the same set, the side coming next;
- `rest` (between sets): the set coming next, its first side;
- `transition` (between exercises): the *next* exercise (its `exercise_index`), set 1, first side.

`reps`, `rep_period_us` and `hold_us` describe the movement of a work step; pauses carry `None`,
`None` and 0. `next_exercise` is the exercise after the step's own one (steps run in exercise
order and every exercise has work steps), so during a transition the exercise coming up is the
step's own `exercise` and `next_exercise` is the one after it.

Work steps are always present, even if a routine somehow has zero work time (the loader rejects
that); the player passes such a step instantly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from hiprehab.routine.model import US_PER_SECOND, Exercise, Routine, to_us

Side = Literal["left", "right", "none"]


class StepKind(StrEnum):
    """What the user does during a step."""

    PREPARE = "prepare"
    WORK = "work"
    SWITCH = "switch"
    REST = "rest"
    TRANSITION = "transition"


@dataclass(frozen=True)
class Step:
    """One timed stretch of a session; times are microseconds from the session's start."""

    index: int
    kind: StepKind
    start_us: int
    duration_us: int
    exercise_index: int
    exercise: Exercise
    set_number: int  # 1-based
    set_count: int
    side: Side
    reps: int | None = None  # paced work only
    rep_period_us: int | None = None  # to_us(seconds_per_rep) + to_us(hold), paced work only
    hold_us: int = 0  # a work step's single hold (the whole step for a pure hold)
    next_exercise: Exercise | None = None  # the exercise after this step's one, for previews

    @property
    def end_us(self) -> int:
        return self.start_us + self.duration_us

    @property
    def duration_seconds(self) -> float:
        return self.duration_us / US_PER_SECOND

    @property
    def is_work(self) -> bool:
        return self.kind is StepKind.WORK

    @property
    def is_paced(self) -> bool:
        """Work counted in reps (as opposed to one hold)."""
        return self.kind is StepKind.WORK and self.reps is not None


def sides_of(exercise: Exercise) -> tuple[Side, ...]:
    """The sides worked in each set, in order (`each` is left then right)."""
    if exercise.sides == "each":
        return ("left", "right")
    if exercise.sides == "both":
        return ("none",)
    return (exercise.sides,)


def build_timeline(routine: Routine) -> list[Step]:
    """Every step of `routine` in order; zero-length pauses are left out."""
    timing = routine.timing
    prepare_us = to_us(timing.prepare)
    switch_us = to_us(timing.switch_sides)
    between_us = to_us(timing.rest_between_exercises)
    exercises = routine.exercises
    steps: list[Step] = []
    clock_us = 0

    def add(kind: StepKind, duration_us: int, ex_index: int, set_number: int, side: Side) -> None:
        nonlocal clock_us
        if kind is not StepKind.WORK and duration_us <= 0:
            return
        ex = exercises[ex_index]
        work = kind is StepKind.WORK
        paced = work and ex.reps is not None
        steps.append(
            Step(
                index=len(steps),
                kind=kind,
                start_us=clock_us,
                duration_us=duration_us,
                exercise_index=ex_index,
                exercise=ex,
                set_number=set_number,
                set_count=ex.sets,
                side=side,
                reps=ex.reps if paced else None,
                rep_period_us=to_us(ex.seconds_per_rep) + to_us(ex.hold) if paced else None,
                hold_us=to_us(ex.hold) if work else 0,
                next_exercise=exercises[ex_index + 1] if ex_index + 1 < len(exercises) else None,
            )
        )
        clock_us += duration_us

    for ex_index, ex in enumerate(routine.exercises):
        sides = sides_of(ex)
        if ex_index > 0:
            add(StepKind.TRANSITION, between_us, ex_index, 1, sides[0])
        add(StepKind.PREPARE, prepare_us, ex_index, 1, sides[0])
        for set_number in range(1, ex.sets + 1):
            if set_number > 1:
                add(StepKind.REST, to_us(ex.rest), ex_index, set_number, sides[0])
            for side_number, side in enumerate(sides):
                if side_number > 0:
                    add(StepKind.SWITCH, switch_us, ex_index, set_number, side)
                add(StepKind.WORK, ex.work_us, ex_index, set_number, side)
    return steps
