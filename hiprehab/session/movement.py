"""Where the body is within a work step: the rep, its phase and the pose position.

The player draws the figure from this, so the rule lives in one pure function of the step and
the time into it. `pose` runs from 0 (start pose) to 1 (end pose): a paced rep rises during the
first half of `seconds_per_rep` ("lift"), stays at 1 for `hold` ("hold") and falls in the second
half ("lower"). A pure hold eases in from 0 to 1 over its first second (reported as "lift"), then
stays at 1 ("hold"). Pauses are 0.
"""

from __future__ import annotations

from typing import NamedTuple

from hiprehab.routine.model import US_PER_SECOND
from hiprehab.session.events import RepPhase
from hiprehab.session.timeline import Step, StepKind

HOLD_EASE_IN_US = US_PER_SECOND


class Movement(NamedTuple):
    rep: int | None
    phase: RepPhase | None
    pose: float


def movement(step: Step, offset_us: int) -> Movement:
    """Rep, phase and pose `offset_us` into `step` (see the module docstring)."""
    if step.kind is not StepKind.WORK:
        return Movement(None, None, 0.0)
    offset = min(max(offset_us, 0), step.duration_us)
    if step.reps is None or step.rep_period_us is None:
        ease = min(HOLD_EASE_IN_US, step.duration_us)
        if offset < ease:
            return Movement(None, "lift", offset / ease)
        return Movement(None, "hold", 1.0)
    period = step.rep_period_us
    if period <= 0 or step.reps <= 0:
        return Movement(max(step.reps, 1), "hold", 1.0)
    index = min(offset // period, step.reps - 1)
    within = offset - index * period
    move_us = period - step.hold_us
    lift_us = move_us // 2
    lower_us = move_us - lift_us
    if within < lift_us:
        return Movement(index + 1, "lift", within / lift_us)
    if within < lift_us + step.hold_us:
        return Movement(index + 1, "hold", 1.0)
    down = within - lift_us - step.hold_us
    pose = 1.0 - down / lower_us if lower_us > 0 else 0.0
    return Movement(index + 1, "lower", pose)
