"""Which one step to offer when the guidance says progress or regress, and today's easier version.

The rule, so the offer is predictable (and testable):

1. Dose steps first. Exercises are tried in routine order; only library exercises are stepped
   (an inline exercise has no sourced range, so its dose is never changed). For `progress` the
   parts are tried in the order reps, sets, hold; for `regress` hold, sets, reps. A step is two
   reps, one set or five seconds of hold, or what is left to the edge of the exercise's range
   when that is less. A step is taken only when it moves the load the right way and the whole
   new dose lies inside the exercise's sourced `[range]` (`DoseRange.allows`); a part without a
   range in the library, or an exercise whose dose is already outside it, is not stepped.
2. When no dose step fits: the first library exercise (in routine order) that has a harder
   (progress) or easier (regress) version one level away from the one it is done at. Levels go
   easier -> as written -> harder, so a step back from the harder version is "as written".
3. `hold` advice, or nothing that fits: no offer.

An offer is due only when no adjustment of the routine (applied or undone) was made after its
latest session started: one step, then at least one session with it before the next offer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from hiprehab.history.adjustments import (
    EASIER,
    HARDER,
    USUAL,
    Adjustment,
    Direction,
    Field,
    apply_adjustments,
    change_text,
    field_value,
    version_levels,
    with_value,
)
from hiprehab.history.records import routine_hash
from hiprehab.i18n import _
from hiprehab.routine.library import DoseRange, LibraryExercise
from hiprehab.routine.model import Exercise, Routine

STEP: dict[Field, float] = {"sets": 1, "reps": 2, "hold": 5}
ORDER: dict[Direction, tuple[Field, ...]] = {
    "progress": ("reps", "sets", "hold"),
    "regress": ("hold", "sets", "reps"),
}
Library = Mapping[str, LibraryExercise]


@dataclass(frozen=True)
class StepOffer:
    """One concrete step for one exercise of a routine, not yet accepted."""

    routine_hash: str
    routine_title: str
    direction: Direction
    exercise_index: int
    exercise_name: str
    library_id: str
    field: Field
    old: float
    new: float
    text: str = ""  # the library's words for a harder/easier version

    @property
    def change(self) -> str:
        """E.g. "Clamshell: 17 reps instead of 15"."""
        return _("{exercise}: {change}").format(
            exercise=self.exercise_name, change=change_text(self.field, self.old, self.new)
        )

    def adjustment(self, created_at: datetime) -> Adjustment:
        return Adjustment(
            routine_hash=self.routine_hash,
            exercise_index=self.exercise_index,
            library_id=self.library_id,
            field=self.field,
            old=self.old,
            new=self.new,
            direction=self.direction,
            created_at=created_at,
            text=self.text,
        )


def _bounds(dose_range: DoseRange, field: Field) -> tuple[float, float] | None:
    if field == "sets":
        return dose_range.sets
    if field == "reps":
        return dose_range.reps
    return dose_range.hold


def dose_step(
    exercise: Exercise, field: Field, direction: Direction, dose_range: DoseRange
) -> float | None:
    """The new value of `field` after one step, or None when no step stays inside the range."""
    bounds = _bounds(dose_range, field)
    if bounds is None or (field == "reps" and exercise.reps is None):
        return None
    old = field_value(exercise, field)
    low, high = bounds
    new = min(old + STEP[field], high) if direction == "progress" else max(old - STEP[field], low)
    if (new <= old) if direction == "progress" else (new >= old):
        return None
    if field in ("sets", "reps"):
        new = int(new)
        if new < 1:
            return None
    stepped = with_value(exercise, field, new)
    if not dose_range.allows(stepped.sets, stepped.reps, stepped.hold):
        return None
    return new


def propose_step(
    routine: Routine,
    advice: str,
    library: Library,
    active_adjustments: Iterable[Adjustment],
) -> StepOffer | None:
    """The one step the module docstring's rule gives for `advice`, or None.

    `routine` is the file as loaded; `active_adjustments` are this routine's, already applied
    steps are counted from (the offer starts where the user is now).
    """
    if advice not in ORDER:
        return None
    direction: Direction = "progress" if advice == "progress" else "regress"
    active = [a for a in active_adjustments if a.active]
    current = apply_adjustments(routine, active, library=library)
    levels = version_levels(routine, active, library=library)
    digest = routine_hash(routine)
    library_exercises = [
        (i, ex, library[ex.library_id])
        for i, ex in enumerate(current.exercises)
        if ex.library_id is not None and ex.library_id in library
    ]

    def offer(i: int, ex: Exercise, lib: LibraryExercise, field: Field, old: float, new: float,
              text: str = "") -> StepOffer:  # fmt: skip
        return StepOffer(
            digest, routine.title, direction, i, ex.name, lib.id, field, old, new, text
        )

    for i, ex, lib in library_exercises:
        for field in ORDER[direction]:
            new = dose_step(ex, field, direction, lib.dose_range)
            if new is not None:
                return offer(i, ex, lib, field, field_value(ex, field), new)
    for i, ex, lib in library_exercises:
        level = levels[i]
        target = level + (1 if direction == "progress" else -1)
        texts = {HARDER: lib.harder.strip(), EASIER: lib.easier.strip(), USUAL: ""}
        if target in texts and (target == USUAL or texts[target]):
            return offer(i, ex, lib, "version", level, target, texts[target])
    return None


def offer_is_due(adjustments: Iterable[Adjustment], last_session_started: datetime | None) -> bool:
    """False while an adjustment of the routine is newer than its latest session's start."""
    if last_session_started is None:
        return False
    return all(a.created_at < last_session_started for a in adjustments)


def easier_version(routine: Routine, library: Library) -> Routine:
    """The routine one regression dose step easier, for today only (nothing is stored).

    Each library exercise takes the first regression step (hold, sets, reps) that stays inside
    its range; exercises with none, and inline exercises, stay as they are. The text and
    source are kept, so the session is filed under the same routine.
    """
    exercises = []
    for ex in routine.exercises:
        lib = library.get(ex.library_id) if ex.library_id is not None else None
        changed = ex
        if lib is not None:
            for field in ORDER["regress"]:
                new = dose_step(ex, field, "regress", lib.dose_range)
                if new is not None:
                    changed = with_value(ex, field, new)
                    change = change_text(field, field_value(ex, field), new)
                    words = _("easier today, {change}").format(change=change)
                    note = f"{ex.adjustment}; {words}" if ex.adjustment else words
                    changed = replace(changed, adjustment=note)
                    break
        exercises.append(changed)
    return replace(routine, exercises=tuple(exercises))


def due_offer(
    routine: Routine,
    advice: str | None,
    library: Library,
    adjustments: Iterable[Adjustment],
    last_session_started: datetime | None,
) -> StepOffer | None:
    """The step to offer now for `routine` (`adjustments`: all of its, undone ones too), if due."""
    steps = list(adjustments)
    if advice not in ORDER or not offer_is_due(steps, last_session_started):
        return None
    return propose_step(routine, advice, library, [a for a in steps if a.active])
