"""Leaving out an optional exercise: when it may be done and which steps it passes over.

A routine may mark an exercise `optional` (a stretch that does not suit everyone, say). The
runner may leave it out from the pause that leads into it: the transition (the rest before it)
or its prepare step. Pauses point forward (see `timeline.py`), so those steps already carry the
exercise they lead into. Once its first set has begun the ordinary Skip applies instead: a rest
or switch inside the exercise does not offer to leave it out.

Leaving it out moves the session to the first step after the exercise. The engine reports each
of its work steps as skipped, after an `EXERCISE_LEFT_OUT` event whose value is how many there
are, so a history can lower the session's planned work by exactly that much: an optional
exercise left out never counts as work missed.
"""

from __future__ import annotations

from collections.abc import Sequence

from hiprehab.routine.model import Exercise
from hiprehab.session.timeline import Step, StepKind

LEAD_IN_KINDS = (StepKind.TRANSITION, StepKind.PREPARE)


def can_leave_out(step: Step | None) -> bool:
    """True when `step` is the rest or get-ready before an optional exercise."""
    return step is not None and step.kind in LEAD_IN_KINDS and step.exercise.optional


def work_periods(exercise: Exercise) -> int:
    """Work periods a full run of `exercise` has: one per set and side."""
    return exercise.sets * exercise.side_count


def leave_out_end(steps: Sequence[Step], index: int) -> int | None:
    """The index of the first step after the optional exercise that step `index` leads into
    (`len(steps)` when it is the last exercise), or None when that step offers nothing."""
    if not 0 <= index < len(steps) or not can_leave_out(steps[index]):
        return None
    exercise_index = steps[index].exercise_index
    end = index
    while end < len(steps) and steps[end].exercise_index == exercise_index:
        end += 1
    return end
