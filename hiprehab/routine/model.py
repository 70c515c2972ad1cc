"""The routine model: what a loaded routine file means, independent of how it was written.

Durations are computed in whole microseconds so that the player's timeline and the estimate that
`hiprehab check` prints agree exactly, with no floating-point drift between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from hiprehab.i18n import _

Sides = Literal["both", "each", "left", "right"]
SIDES: tuple[Sides, ...] = ("both", "each", "left", "right")

US_PER_SECOND = 1_000_000


def to_us(seconds: float) -> int:
    """Seconds as whole microseconds (the unit every duration is summed in)."""
    return round(seconds * US_PER_SECOND)


@dataclass(frozen=True)
class Timing:
    """Routine-wide pauses, in seconds (format 1 `[timing]`)."""

    prepare: float = 5
    switch_sides: float = 5
    rest_between_sets: float = 30
    rest_between_exercises: float = 30


@dataclass(frozen=True)
class Dosing:
    """How much of an exercise: sets of paced reps and/or holds."""

    sets: int = 1
    reps: int | None = None
    hold: float = 0
    seconds_per_rep: float = 3
    rest: float | None = None  # None: the routine's timing.rest_between_sets


@dataclass(frozen=True)
class Exercise:
    """One exercise as placed in a routine, with its dosing fully settled."""

    name: str
    sides: Sides
    sets: int
    reps: int | None
    hold: float
    seconds_per_rep: float
    rest: float
    instructions: str = ""
    cues: tuple[str, ...] = ()
    library_id: str | None = None  # the `use` id, None for an inline exercise
    illustration: str | None = None  # library illustration name (assets/illustrations/<name>-*.svg)
    image: Path | None = None  # a routine's own picture, resolved inside the routine's folder
    optional: bool = False  # may be left out from the pause before it, without counting as missed
    directions: tuple[str, ...] = ()  # sides "each" only: a walk's two halves, e.g. forward, back
    adjustment: str = ""  # the user's own change to it in words (core/adjustments.py)
    version_note: str = ""  # the harder/easier version the user chose, in the library's words

    def half_name(self, side: str) -> str:
        """What one half of a set is called: its side ("left side"), or for a walk its direction
        (a monster walk goes "forward" and "back", in the language it was loaded in); "" when
        the work is not on one side."""
        if side not in ("left", "right"):
            return ""
        if len(self.directions) == 2 and self.sides == "each":
            return self.directions[0 if side == "left" else 1]
        return _("left side") if side == "left" else _("right side")

    @property
    def side_count(self) -> int:
        return 2 if self.sides == "each" else 1

    @property
    def work_us(self) -> int:
        """One work period: reps * (seconds_per_rep + hold) with reps, else the hold."""
        if self.reps is not None:
            return self.reps * (to_us(self.seconds_per_rep) + to_us(self.hold))
        return to_us(self.hold)

    @property
    def work_seconds(self) -> float:
        return self.work_us / US_PER_SECOND

    def duration_us(self, timing: Timing) -> int:
        """prepare + sets * (n_sides * work + (n_sides - 1) * switch) + (sets - 1) * rest."""
        n = self.side_count
        per_set = n * self.work_us + (n - 1) * to_us(timing.switch_sides)
        return to_us(timing.prepare) + self.sets * per_set + (self.sets - 1) * to_us(self.rest)


@dataclass(frozen=True)
class Routine:
    """A validated routine file."""

    title: str
    exercises: tuple[Exercise, ...]
    timing: Timing = field(default_factory=Timing)
    sessions_per_week: int = 3
    description: str = ""
    author: str = ""
    format: int = 1
    source: Path | None = None  # the file it was loaded from
    text: str = ""  # the file's text as loaded (kept with history so it stays readable)

    def duration_us(self) -> int:
        """The routine's whole length by format 1's timing semantics."""
        total = sum(ex.duration_us(self.timing) for ex in self.exercises)
        gaps = max(len(self.exercises) - 1, 0) * to_us(self.timing.rest_between_exercises)
        return total + gaps

    @property
    def duration_seconds(self) -> float:
        return self.duration_us() / US_PER_SECOND
