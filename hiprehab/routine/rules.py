"""The rules of format 1 that routine and library files share: the `format` key, the dose and
its bounds, "reps or a hold", and the `sides` words.

The routine loader (`loader.py`) and the library loader (`library.py`) both apply them through
`fields.Fields`, so a fault in either kind of file is described the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from hiprehab.i18n import _
from hiprehab.routine.fields import (
    FORMAT,
    MAX_TIMING_SECONDS,
    MIN_HOLD_SECONDS,
    Fields,
    Report,
    describe,
    is_integer,
    show_number,
)
from hiprehab.routine.model import SIDES, Dosing, Sides


def check_format(
    report: Report, document: Mapping[str, Any], kind: Literal["routine", "library"]
) -> bool:
    """Checks `format`; False when the file is for a newer hiprehab, so nothing else can be said."""
    if "format" not in document:
        if kind == "routine":
            message = _('missing key "format" (a routine file starts with format = 1)')
        else:
            message = _('missing key "format" (a library file starts with format = 1)')
        report.add((), None, message)
        return True
    value = document["format"]
    if not is_integer(value):
        message = _("expected an integer, found {found}").format(found=describe(value))
        report.add(("format",), "format", message)
    elif value > FORMAT:
        if kind == "routine":
            message = _(
                "this file is written in routine format {number}, which needs a newer version "
                "of hiprehab (this version reads format {supported})"
            )
        else:
            message = _(
                "this file is written in library format {number}, which needs a newer version "
                "of hiprehab (this version reads format {supported})"
            )
        message = message.format(number=show_number(value), supported=FORMAT)
        report.add(("format",), "format", message)
        return False
    elif value != FORMAT:
        message = _("expected {expected}, found {value}").format(
            expected=FORMAT, value=show_number(value)
        )
        report.add(("format",), "format", message)
    return True


def check_dosing(fields: Fields, start: Dosing) -> Dosing:
    """Dosing keys of an exercise or library entry over `start`; rest None means the routine's.

    A hold is 0 or at least `MIN_HOLD_SECONDS`: a tinier one would pass as "a hold above 0" yet
    round to a hold of 0 microseconds, so it is refused rather than silently dropped.
    """
    hold = fields.seconds("hold", 0, MAX_TIMING_SECONDS, start.hold)
    if "hold" in fields and "hold" not in fields.bad and 0 < hold < MIN_HOLD_SECONDS:
        message = _("expected at least {low} seconds (or 0 for no hold), found {value}")
        fields.fail(
            "hold", message.format(low=show_number(MIN_HOLD_SECONDS), value=show_number(hold))
        )
        hold = start.hold
    return Dosing(
        sets=fields.integer("sets", 1, 20, start.sets),
        reps=fields.integer("reps", 1, 200, start.reps),
        hold=hold,
        seconds_per_rep=fields.seconds("seconds_per_rep", 0.5, 30, start.seconds_per_rep),
        rest=fields.seconds("rest", 0, MAX_TIMING_SECONDS, start.rest),
    )


def check_reps_or_hold(fields: Fields, dosing: Dosing) -> None:
    """Every exercise needs something to time: reps, a hold above 0, or both."""
    if {"reps", "hold"} & fields.bad or dosing.reps is not None or dosing.hold > 0:
        return
    if "hold" in fields:
        message = _("needs reps, or a hold above 0 seconds, or both; found a hold of 0 seconds")
    else:
        message = _("needs reps, or a hold above 0 seconds, or both; found neither")
    fields.report.add(fields.keys, fields.place, message)


def as_sides(value: str | None) -> Sides | None:
    """The checked `sides` string with its literal type (None stays None)."""
    return _SIDES.get(value) if value is not None else None


_SIDES: dict[str, Sides] = {side: side for side in SIDES}
