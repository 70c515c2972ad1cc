"""How numbers are said to the runner: dosing in words, lengths and countdowns.

Plain Python (no Qt) so the phrasing can be tested directly and reused by every page. Words
are in the language in use, with its plural forms (`ngettext`) and its decimal sign.
"""

from __future__ import annotations

import math

from hiprehab.i18n import N_, _, ngettext
from hiprehab.i18n.formats import format_list, format_number, format_unit
from hiprehab.routine.model import Exercise, Routine
from hiprehab.routine.report import minutes

# How a dose names its sides (translated where shown: `_(SIDE_WORDS[sides])`).
SIDE_WORDS = {"each": N_("each side"), "left": N_("left side only"), "right": N_("right side only")}


def seconds_text(seconds: float) -> str:
    """`30 s`, `2.5 s` (`2,5 s` in German): a short duration as written in dosing."""
    shown = f"{seconds:g}"
    digits = len(shown.partition(".")[2]) if "e" not in shown else 3
    return _("{seconds} s").format(seconds=format_number(seconds, digits))


def plural(n: int, word: str) -> str:
    """The count with an English word: "1 set", "3 sets". English only: words for the user
    take `ngettext` instead, which knows every language's plural forms."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def sets_text(sets: int) -> str:
    """ "1 set", "3 sets"."""
    return ngettext("{count} set", "{count} sets", sets).format(count=sets)


def reps_text(reps: int) -> str:
    """ "1 rep", "12 reps"."""
    return ngettext("{count} rep", "{count} reps", reps).format(count=reps)


def dosing_text(exercise: Exercise) -> str:
    """E.g. "3 sets x 15 reps, each side, 30 s rest" or "2 sets x 30 s hold, each side, ..."."""
    if exercise.reps is not None and exercise.hold:
        amount = ngettext(
            "{count} rep with a {hold} hold", "{count} reps with a {hold} hold", exercise.reps
        ).format(count=exercise.reps, hold=seconds_text(exercise.hold))
    elif exercise.reps is not None:
        amount = reps_text(exercise.reps)
    else:
        amount = _("{hold} hold").format(hold=seconds_text(exercise.hold))
    # Translators: a dose, e.g. "3 sets x 15 reps"; x is the multiplication sign.
    parts = [_("{sets} x {amount}").format(sets=sets_text(exercise.sets), amount=amount)]
    if exercise.sides == "each" and len(exercise.directions) == 2:  # "forward and back"
        parts.append(format_list(list(exercise.directions)))
    elif exercise.sides in SIDE_WORDS:
        parts.append(_(SIDE_WORDS[exercise.sides]))
    if exercise.sets > 1 and exercise.rest:
        parts.append(_("{rest} rest").format(rest=seconds_text(exercise.rest)))
    return ", ".join(parts)


def length_text(routine: Routine) -> str:
    """A routine's estimated length, "12 min": the whole minutes `hiprehab check` reports
    ("about 12 min"), so the app and the command line never disagree."""
    return minutes_text(minutes(routine))


def minutes_text(count: int) -> str:
    """ "12 min" ("12 Min." in German): whole minutes as the locale abbreviates them."""
    return format_unit(count, "duration-minute", "short")


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
