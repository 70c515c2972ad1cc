"""Checked reads of TOML tables, and the format-1 rules both kinds of file share.

Routine files and exercise-library files are checked the same way: every fault of a document
is collected in one pass, each saying what was expected and what was found, with the line and
column of its key and a "did you mean" for a likely typo. The typed getters (integers and
seconds within bounds, never a boolean, NaN or infinity; non-empty strings; arrays of strings;
one of a set of choices), the detection of unknown keys and the wording of every such message
live here, so the routine loader (`loader.py`) and the library loader (`library.py`) say the
same thing for the same fault. So do the rules both formats share: the `format` key, dosing
and its bounds, and "reps or a hold". Reading and parsing the file itself is `tomlfile.py`.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any, TypeVar

from hiprehab.routine.errors import Problem
from hiprehab.routine.model import SIDES, Dosing, Sides
from hiprehab.routine.tomlfile import KeyLines, Keys

FORMAT = 1
MAX_TIMING_SECONDS = 600
MAX_NAME_CHARS = 200
"""Titles, names, ids and cues: a line on the screen, not a page."""
MAX_TEXT_CHARS = 5000
"""Descriptions and instructions: a few paragraphs."""
MAX_PROBLEMS = 50
"""Problems listed for one file; a file with more is not a routine file being edited."""
MIN_HOLD_SECONDS = 0.001
"""The shortest hold above 0: durations are whole microseconds, so a smaller one would be 0."""
DOSING_KEYS = ("sets", "reps", "hold", "seconds_per_rep", "rest")

_T = TypeVar("_T")


# --- checked reads of one table ----------------------------------------------------------------


class Report:
    """The problems of one document so far, each given the line and column of its key."""

    def __init__(self, text: str) -> None:
        self.problems: list[Problem] = []
        self._lines = KeyLines(text)

    def add(self, keys: Keys, place: str | None, message: str) -> None:
        line, column = self._lines.position_of(keys) or (None, None)
        self.problems.append(Problem(message, line, column, place or None))

    def in_file_order(self) -> list[Problem]:
        """Problems sorted by line and column; whole-document ones (no line) come first.

        At most `MAX_PROBLEMS`, then one saying how many more there are.
        """
        found = sorted(self.problems, key=lambda problem: (problem.line or 0, problem.column or 0))
        if len(found) <= MAX_PROBLEMS:
            return found
        more = len(found) - MAX_PROBLEMS
        return [*found[:MAX_PROBLEMS], Problem(f"and {more} more problems; fix these first")]


def is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    """Integers and finite floats; booleans, NaN and infinity are not numbers."""
    if isinstance(value, float):
        return math.isfinite(value)
    return is_integer(value)


def describe(value: object) -> str:
    """What a value is, for "found ..." in messages."""
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, int):
        return f"an integer ({show_number(value)})"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan (not a number)"
        if math.isinf(value):
            return f"{'-' if value < 0 else ''}inf (infinity, not a number)"
        return f"a decimal number ({show_number(value)})"
    if isinstance(value, str):
        return f"a string ({quote(value)})" if value else "an empty string"
    if isinstance(value, list):
        return f"an array of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, date | datetime | time):
        return f"a date or time ({value.isoformat()})"
    return f"a {type(value).__name__}"


def show_number(value: float) -> str:
    if isinstance(value, int):
        digits = str(value)
        return digits if len(digits) <= 20 else f"a number of {len(digits)} digits"
    return repr(value)


def quote(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 3] + "..."
    return json.dumps(shown, ensure_ascii=False)


def closest(word: str, options: Sequence[str]) -> str | None:
    """The option a typo most likely meant (same letters in another case, or difflib's pick)."""
    lowered = {option.lower(): option for option in options}
    match = lowered.get(word.lower().replace(" ", "_"))
    if match is None:
        close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
        match = close[0] if close else None
    return match


def did_you_mean(word: str, options: Sequence[str]) -> str:
    """'; did you mean "x"?' for a close option, else ''."""
    match = closest(word, options)
    return f"; did you mean {quote(match)}?" if match else ""


def _too_long(limit: int, value: str) -> str:
    return f"expected at most {limit} characters, found {len(value)}"


def _unknown_key(key: str, known: Sequence[str], elsewhere: Mapping[str, str]) -> str:
    """Names the key, with a close match (here or in another table) or the keys allowed here."""
    if key in elsewhere:
        return f"unknown key {quote(key)} here; {elsewhere[key]}"
    match = closest(key, [*known, *elsewhere])
    if match is None:
        return f"unknown key {quote(key)} (known keys: {', '.join(known)})"
    hint = f" ({elsewhere[match]})" if match in elsewhere and match not in known else ""
    return f"unknown key {quote(key)}; did you mean {quote(match)}?{hint}"


class Fields:
    """Checked reads of one TOML table: every fault goes to the report and the default is used.

    Unknown keys are reported as soon as the table is opened. `bad` collects the keys whose
    value was refused, so later rules that depend on them can keep quiet.
    """

    def __init__(
        self,
        report: Report,
        table: Mapping[str, Any],
        keys: Keys,
        place: str,
        known: Sequence[str],
        elsewhere: Mapping[str, str] | None = None,
    ) -> None:
        self.report, self.table, self.keys, self.place = report, table, keys, place
        self.bad: set[str] = set()
        for key in table:
            if key in known:
                continue
            report.add((*keys, key), place, _unknown_key(key, known, elsewhere or {}))

    def label(self, key: str) -> str:
        return f"{self.place}: {key}" if self.place else key

    def fail(self, key: str, message: str) -> None:
        self.bad.add(key)
        self.report.add((*self.keys, key), self.label(key), message)

    def missing(self, key: str, hint: str = "") -> None:
        self.bad.add(key)
        self.report.add(self.keys, self.place, f"missing key {quote(key)}{hint}")

    def __contains__(self, key: str) -> bool:
        return key in self.table

    def integer(self, key: str, low: int, high: int, default: _T) -> int | _T:
        if key not in self.table:
            return default
        value = self.table[key]
        if not is_integer(value):
            self.fail(key, f"expected an integer, found {describe(value)}")
            return default
        if not low <= value <= high:
            self.fail(key, f"expected an integer from {low} to {high}, found {show_number(value)}")
            return default
        result: int = value
        return result

    def boolean(self, key: str, default: bool) -> bool:
        """`true` or `false` (not 1, 0 or the text "true")."""
        if key not in self.table:
            return default
        value = self.table[key]
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, found {describe(value)}")
            return default
        return value

    def seconds(self, key: str, low: float, high: float, default: _T) -> float | _T:
        if key not in self.table:
            return default
        value = self.table[key]
        if not is_number(value):
            self.fail(key, f"expected a number of seconds, found {describe(value)}")
            return default
        if not low <= value <= high:
            self.fail(
                key,
                f"expected a number of seconds from {show_number(low)} to {show_number(high)}, "
                f"found {show_number(value)}",
            )
            return default
        result: float = value
        return result

    def text(
        self,
        key: str,
        default: _T,
        *,
        required: str = "",
        empty_ok: bool = False,
        limit: int = MAX_TEXT_CHARS,
    ) -> str | _T:
        """A string of at most `limit` characters; `required` is the hint shown when it is
        missing (empty: it is optional)."""
        if key not in self.table:
            if required:
                self.missing(key, required)
            return default
        value = self.table[key]
        if not isinstance(value, str):
            self.fail(key, f"expected a string, found {describe(value)}")
            return default
        if not empty_ok and not value.strip():
            self.fail(key, f"expected a non-empty string, found {describe(value)}")
            return default
        if len(value) > limit:
            self.fail(key, _too_long(limit, value))
            return default
        return value

    def strings(
        self,
        key: str,
        default: _T,
        low: int = 0,
        high: int | None = None,
        *,
        item_limit: int = MAX_TEXT_CHARS,
    ) -> tuple[str, ...] | _T:
        """An array of non-empty strings of at most `item_limit` characters, with `low` to
        `high` items (no upper limit: None)."""
        if key not in self.table:
            return default
        value = self.table[key]
        if not isinstance(value, list):
            self.fail(key, f"expected an array of strings, found {describe(value)}")
            return default
        if high is not None and len(value) > high:  # each of 100000 items is not worth a line
            self.fail(key, f"expected {low} to {high} items, found {len(value)}")
            return default
        faults = [
            f"item {number}: expected a non-empty string, found {describe(item)}"
            if not isinstance(item, str) or not item.strip()
            else f"item {number}: {_too_long(item_limit, item)}"
            for number, item in enumerate(value, start=1)
            if not isinstance(item, str) or not item.strip() or len(item) > item_limit
        ]
        for fault in faults:
            self.fail(key, fault)
        if len(value) < low or (high is not None and len(value) > high):
            expected = f"at least {low}" if high is None else f"{low} to {high}"
            self.fail(key, f"expected {expected} items, found {len(value)}")
        if key in self.bad:
            return default
        return tuple(value)

    def choice(self, key: str, options: Sequence[str], default: _T) -> str | _T:
        if key not in self.table:
            return default
        value = self.table[key]
        expected = "one of " + ", ".join(quote(option) for option in options)
        if not isinstance(value, str):
            self.fail(key, f"expected {expected}, found {describe(value)}")
            return default
        if value not in options:
            self.fail(
                key, f"expected {expected}, found {quote(value)}{did_you_mean(value, options)}"
            )
            return default
        return value

    def table_at(self, key: str) -> Mapping[str, Any] | None:
        """A sub-table, or None when absent or not a table (then reported)."""
        if key not in self.table:
            return None
        value = self.table[key]
        if not isinstance(value, dict):
            self.fail(key, f"expected a table ([{key}]), found {describe(value)}")
            return None
        return value


# --- format 1 rules both kinds of file share ----------------------------------------------------


def check_format(report: Report, document: Mapping[str, Any], kind: str) -> bool:
    """Checks `format`; False when the file is for a newer hiprehab, so nothing else can be said."""
    if "format" not in document:
        report.add((), None, f'missing key "format" (a {kind} file starts with format = 1)')
        return True
    value = document["format"]
    if not is_integer(value):
        report.add(("format",), "format", f"expected an integer, found {describe(value)}")
    elif value > FORMAT:
        message = (
            f"this file is written in {kind} format {show_number(value)}, which needs a newer "
            f"version of hiprehab (this version reads format {FORMAT})"
        )
        report.add(("format",), "format", message)
        return False
    elif value != FORMAT:
        report.add(("format",), "format", f"expected {FORMAT}, found {show_number(value)}")
    return True


def check_dosing(fields: Fields, start: Dosing) -> Dosing:
    """Dosing keys of an exercise or library entry over `start`; rest None means the routine's.

    A hold is 0 or at least `MIN_HOLD_SECONDS`: a tinier one would pass as "a hold above 0" yet
    round to a hold of 0 microseconds, so it is refused rather than silently dropped.
    """
    hold = fields.seconds("hold", 0, MAX_TIMING_SECONDS, start.hold)
    if "hold" in fields and "hold" not in fields.bad and 0 < hold < MIN_HOLD_SECONDS:
        fields.fail(
            "hold",
            f"expected at least {show_number(MIN_HOLD_SECONDS)} seconds (or 0 for no hold), "
            f"found {show_number(hold)}",
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
    found = "a hold of 0 seconds" if "hold" in fields else "neither"
    message = f"needs reps, or a hold above 0 seconds, or both; found {found}"
    fields.report.add(fields.keys, fields.place, message)


def as_sides(value: str | None) -> Sides | None:
    """The checked `sides` string with its literal type (None stays None)."""
    return _SIDES.get(value) if value is not None else None


_SIDES: dict[str, Sides] = {side: side for side in SIDES}
