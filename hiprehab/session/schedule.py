"""Which events fall due inside each step of a timeline, and when.

The engine works these lists out once per step and then only walks through them as its position
passes each entry, so what is announced when is decided here, in pure functions of the timeline.
Each entry's `at_us` is its planned position (from session start). The choices:

- `STEP_STARTED` at every step's start; `SWITCH_SIDES` with it when a switch step starts (no
  switch step, no event).
- `COUNTDOWN` 3, 2, 1: the seconds before a work step begins that fall in the pause steps just
  before it (a transition followed by a short prepare counts down across both), and the last
  three seconds of every work step that fall inside it. A step with no pause before it (e.g.
  `switch_sides = 0`) gets no lead-in countdown.
- `HALFWAY`: halfway through a long hold (at least 20 s), rounded down to the microsecond. A
  pure hold step gets one at its midpoint (value None). Paced reps whose `hold` is 20 s or more
  get one in every rep, in the middle of that rep's hold: rep start + the lift (half of
  `seconds_per_rep`, as in `movement.py`) + half the hold, with `value` the rep number. So it
  never lands on a rep boundary, where the runner is moving rather than holding.
- `REP` n: when rep n of paced work begins (rep 1 together with the step's start).

Entries at the same moment keep that order: step start, switch, rep, halfway, countdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from hiprehab.routine.model import US_PER_SECOND
from hiprehab.session.events import EventKind
from hiprehab.session.timeline import Step, StepKind

HALFWAY_MIN_HOLD_US = 20 * US_PER_SECOND
COUNTDOWN_FROM = 3


class Scheduled(NamedTuple):
    at_us: int
    order: int
    kind: EventKind
    value: int | None


def step_schedule(steps: Sequence[Step], index: int) -> list[Scheduled]:
    """The events due inside step `index` (from its start, before its end), in time order."""
    step = steps[index]
    due = [Scheduled(step.start_us, 0, EventKind.STEP_STARTED, None)]
    if step.kind is StepKind.SWITCH:
        due.append(Scheduled(step.start_us, 1, EventKind.SWITCH_SIDES, None))
    if step.kind is StepKind.WORK:
        if step.reps is not None and step.rep_period_us is not None:
            for rep in range(1, step.reps + 1):
                at = step.start_us + (rep - 1) * step.rep_period_us
                if at < step.end_us or rep == 1:
                    due.append(Scheduled(at, 2, EventKind.REP, rep))
        due.extend(halfways(step))
        target = step.end_us
    else:
        following = next((s for s in steps[index + 1 :] if s.kind is StepKind.WORK), None)
        target = following.start_us if following is not None else -1
    if target >= 0:
        for value in range(COUNTDOWN_FROM, 0, -1):
            at = target - value * US_PER_SECOND
            if step.start_us <= at < step.end_us:
                due.append(Scheduled(at, 4, EventKind.COUNTDOWN, value))
    due.sort(key=lambda d: (d.at_us, d.order))
    return due


def halfways(step: Step) -> list[Scheduled]:
    """HALFWAY events of a work step: the middle of each hold of at least 20 s."""
    if step.hold_us < HALFWAY_MIN_HOLD_US:
        return []
    if step.reps is None or step.rep_period_us is None:
        return [Scheduled(step.start_us + step.duration_us // 2, 3, EventKind.HALFWAY, None)]
    period = step.rep_period_us
    into_rep = (period - step.hold_us) // 2 + step.hold_us // 2  # the lift, then half the hold
    return [
        Scheduled(step.start_us + (rep - 1) * period + into_rep, 3, EventKind.HALFWAY, rep)
        for rep in range(1, step.reps + 1)
    ]
