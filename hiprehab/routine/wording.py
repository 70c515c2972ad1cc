"""How numbers are said to the runner: dosing in words, lengths and countdowns.

Plain Python (no Qt) so the phrasing can be tested directly and reused by every page.
"""

from __future__ import annotations

import math

from hiprehab.routine.model import Exercise, Routine
from hiprehab.routine.report import minutes

SIDE_WORDS = {"each": "each side", "left": "left side only", "right": "right side only"}


def seconds_text(seconds: float) -> str:
    """`30 s`, `2.5 s`: a short duration as written in dosing."""
    if float(seconds).is_integer():
        return f"{int(seconds)} s"
    return f"{seconds:g} s"


def plural(n: int, word: str) -> str:
    """The count with its word: "1 set", "3 sets"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def dosing_text(exercise: Exercise) -> str:
    """E.g. "3 sets x 15 reps, each side, 30 s rest" or "2 sets x 30 s hold, each side, ..."."""
    if exercise.reps is not None:
        amount = plural(exercise.reps, "rep")
        if exercise.hold:
            amount += f" with a {seconds_text(exercise.hold)} hold"
    else:
        amount = f"{seconds_text(exercise.hold)} hold"
    parts = [f"{plural(exercise.sets, 'set')} x {amount}"]
    named = exercise.sides == "each" and len(exercise.directions) == 2  # "forward and back"
    side = " and ".join(exercise.directions) if named else SIDE_WORDS.get(exercise.sides)
    if side:
        parts.append(side)
    if exercise.sets > 1 and exercise.rest:
        parts.append(f"{seconds_text(exercise.rest)} rest")
    return ", ".join(parts)


def length_text(routine: Routine) -> str:
    """A routine's estimated length, "12 min": the whole minutes `hiprehab check` reports
    ("about 12 min"), so the app and the command line never disagree."""
    return f"{minutes(routine)} min"


def elapsed_text(seconds: float) -> str:
    """Time spent, m:ss, rounded to the nearest second as `hiprehab history list` shows it."""
    whole = max(round(seconds), 0)
    return f"{whole // 60}:{whole % 60:02d}"


def clock_text(seconds: float) -> str:
    """m:ss, rounded up so that "0:00" is only shown when the time is really over."""
    total = max(math.ceil(seconds - 1e-6), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def countdown_text(seconds: float) -> str:
    """The big number: whole seconds under a minute ("45"), m:ss above ("1:30")."""
    total = max(math.ceil(seconds - 1e-6), 0)
    return str(total) if total < 60 else clock_text(total)
