"""The user's own adjustments: progression and regression layered over a physio's routine.

A routine file is the physio's plan and is never written. When the pain guidance says a routine
is ready to progress (or should ease off), the user may accept one small step: a dose step on one
exercise, or the library's harder or easier version of it. That step is an `Adjustment`, stored
in the history database (`adjustment_store.py`), and `apply_adjustments` lays the active ones over
the loaded routine each time it is shown or played. The routine's text and source are kept, so
the history still files the sessions under the same routine.

Which step is offered is decided in `adjustment_steps.py`; this module holds the record, the
layering and the words that describe a change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from hiprehab.history.wording import IN_USE, Words
from hiprehab.i18n import _
from hiprehab.routine.library import LibraryExercise
from hiprehab.routine.model import Exercise, Routine

Direction = Literal["progress", "regress"]
Kind = Literal["dose", "version"]
Field = Literal["sets", "reps", "hold", "version"]
DIRECTIONS: tuple[Direction, ...] = ("progress", "regress")
FIELDS: tuple[Field, ...] = ("sets", "reps", "hold", "version")
DOSE_FIELDS: tuple[Field, ...] = ("sets", "reps", "hold")

# Versions are levels: the library's easier version, the exercise as written, its harder version.
EASIER, USUAL, HARDER = -1, 0, 1
VERSION_NAMES = {EASIER: "easier", USUAL: "usual", HARDER: "harder"}


@dataclass(frozen=True)
class Adjustment:
    """One step the user accepted for one exercise of one routine.

    `old` and `new` are the dose before and after the step (sets and reps whole numbers, hold in
    seconds) or, for `field == "version"`, version levels (-1 easier, 0 as written, 1 harder)
    with `text` the library's words for the new version. `undone_at` is set when the user takes
    the step back: the record is kept so the physio can see the whole story.
    """

    routine_hash: str
    exercise_index: int  # 0-based place of the exercise in the routine
    library_id: str  # the exercise's library id, checked again when the step is applied
    field: Field
    old: float
    new: float
    direction: Direction
    created_at: datetime  # UTC
    text: str = ""
    id: int | None = None  # given by the store
    undone_at: datetime | None = None

    @property
    def kind(self) -> Kind:
        return "version" if self.field == "version" else "dose"

    @property
    def active(self) -> bool:
        return self.undone_at is None


def _value(field: Field, value: float) -> float:
    return int(value) if field in ("sets", "reps", "version") else float(value)


def field_value(exercise: Exercise, field: Field, level: int = USUAL) -> float:
    """The exercise's current value of `field` (its version level is passed in)."""
    if field == "sets":
        return exercise.sets
    if field == "reps":
        return -1 if exercise.reps is None else exercise.reps
    if field == "hold":
        return exercise.hold
    return level


def with_value(exercise: Exercise, field: Field, value: float) -> Exercise:
    """The exercise with one dose part set (sets and reps as whole numbers)."""
    if field == "sets":
        return replace(exercise, sets=int(value))
    if field == "reps":
        return replace(exercise, reps=int(value))
    if field == "hold":
        return replace(exercise, hold=float(value))
    return exercise


def number_text(value: float, words: Words = IN_USE) -> str:
    """A dose number without decimals it does not need: '3', '7.5' ('7,5' in German)."""
    digits = next((d for d in (0, 1, 2) if round(value, d) == value), 3)
    return words.number(value, digits)


def change_text(field: Field, old: float, new: float, words: Words = IN_USE) -> str:
    """A change in plain words: "3 sets instead of 2", "the harder version"."""
    if field == "version":
        level = int(new)
        if level == HARDER:
            return words._("the harder version")
        if level == EASIER:
            return words._("the easier version")
        return words._("the exercise as written")
    values = {"new": number_text(new, words), "old": number_text(old, words)}
    if field == "sets":
        return words.ngettext(
            "{new} set instead of {old}", "{new} sets instead of {old}", int(new)
        ).format(**values)
    if field == "reps":
        return words.ngettext(
            "{new} rep instead of {old}", "{new} reps instead of {old}", int(new)
        ).format(**values)
    # Translators: seconds of holding at the top of each rep, e.g. "25 s hold instead of 20".
    return words._("{new} s hold instead of {old}").format(**values)


def describe(adjustment: Adjustment, words: Words = IN_USE) -> str:
    """The step in words, in the language in use (`wording.ENGLISH` for the export)."""
    return change_text(adjustment.field, adjustment.old, adjustment.new, words)


def _apply_one(
    exercise: Exercise, adjustment: Adjustment, lib: LibraryExercise | None, level: int
) -> tuple[Exercise, int] | None:
    """The exercise with the step applied and its version level; None if it does not fit."""
    field, new = adjustment.field, adjustment.new
    if field == "version":
        level = int(new)
        if level not in VERSION_NAMES:
            return None
        return exercise, level
    if field == "reps" and exercise.reps is None:
        return None
    value = _value(field, new)
    if value < 0 or (field in ("sets", "reps") and value < 1):
        return None
    changed = with_value(exercise, field, value)
    if lib is not None and not lib.dose_range.allows(changed.sets, changed.reps, changed.hold):
        return None  # never outside the sourced range, whatever the stored record says
    return changed, level


def apply_adjustments(
    routine: Routine,
    adjustments: Iterable[Adjustment],
    *,
    library: Mapping[str, LibraryExercise] | None = None,
) -> Routine:
    """`routine` with the active `adjustments` (all of this routine) layered over it.

    They apply in the order they were made, the later step of the same field winning. A step
    whose exercise is not where it was (another library id at that place) is left out, and so,
    when `library` is given, is a dose step outside the exercise's sourced range. The text and
    source stay as loaded, so the result is the same routine to the history. Each changed
    exercise gets `adjustment` (its net change from the file, in words) and, for a harder or
    easier version, `version_note` (the library's words for it).
    """
    layered = _layer(routine, adjustments, library)
    if layered is None:
        return routine
    final = [
        _described(original, exercise, level, note)
        for original, (exercise, level, note) in zip(routine.exercises, layered, strict=True)
    ]
    return replace(routine, exercises=tuple(final))


def version_levels(
    routine: Routine,
    adjustments: Iterable[Adjustment],
    *,
    library: Mapping[str, LibraryExercise] | None = None,
) -> tuple[int, ...]:
    """The version level (EASIER, USUAL, HARDER) each exercise is done at after `adjustments`."""
    layered = _layer(routine, adjustments, library)
    if layered is None:
        return (USUAL,) * len(routine.exercises)
    return tuple(level for _exercise, level, _note in layered)


def _layer(
    routine: Routine,
    adjustments: Iterable[Adjustment],
    library: Mapping[str, LibraryExercise] | None,
) -> list[tuple[Exercise, int, str]] | None:
    """Each exercise with the active steps applied, its version level and version words."""
    active = sorted(
        (a for a in adjustments if a.active),
        key=lambda a: (a.created_at, a.id if a.id is not None else 0),
    )
    if not active:
        return None
    layered = [(exercise, USUAL, "") for exercise in routine.exercises]
    for adjustment in active:
        i = adjustment.exercise_index
        if not 0 <= i < len(layered) or layered[i][0].library_id != adjustment.library_id:
            continue
        exercise, level, note = layered[i]
        lib = None if library is None else library.get(adjustment.library_id)
        result = _apply_one(exercise, adjustment, lib, level)
        if result is None:
            continue
        if adjustment.field == "version":
            note = adjustment.text
        layered[i] = (result[0], result[1], note)
    return layered


def _described(original: Exercise, exercise: Exercise, level: int, note: str) -> Exercise:
    """The exercise with its net change from the file in words (nothing if it ended unchanged)."""
    changes = [
        change_text(field, field_value(original, field), field_value(exercise, field))
        for field in DOSE_FIELDS
        if field_value(original, field) != field_value(exercise, field)
    ]
    if level != USUAL:
        changes.append(change_text("version", USUAL, level))
    return replace(
        exercise,
        adjustment="; ".join(changes),
        version_note=note if level != USUAL else "",
    )


def marker_text(exercise: Exercise) -> str:
    """The player's and routine page's note on an adjusted exercise ("" when it is as written)."""
    if not exercise.adjustment:
        return ""
    if exercise.version_note:
        # Translators: the change ("3 sets instead of 2"), then the library's words for the
        # harder or easier version (whole sentences).
        return _("Your adjustment: {change}. {version}").format(
            change=exercise.adjustment, version=exercise.version_note
        )
    return _("Your adjustment: {change}").format(change=exercise.adjustment)


def marked_name(exercise: Exercise) -> str:
    """The exercise's name, with a short mark when the user adjusted it."""
    if not exercise.adjustment:
        return exercise.name
    return _("{exercise} (adjusted)").format(exercise=exercise.name)


def instructions_with_marker(exercise: Exercise) -> str:
    """The instructions, led by the user's adjustment (and its version's words) if there is one."""
    return "\n".join(t for t in (marker_text(exercise), exercise.instructions.strip()) if t)
