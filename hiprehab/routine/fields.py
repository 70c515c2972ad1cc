"""Checked reads of TOML tables, for routine and exercise-library files alike.

Routine files and exercise-library files are checked the same way: every fault of a document
is collected in one pass, each saying what was expected and what was found, with the line and
column of its key and a "did you mean" for a likely typo. The typed getters (integers and
seconds within bounds, never a boolean, NaN or infinity; non-empty strings; arrays of strings;
one of a set of choices), the detection of unknown keys and the wording of every such message
live here, so the routine loader (`loader.py`) and the library loader (`library.py`) say the
same thing for the same fault. The rules both formats share (the `format` key, dosing and its
bounds, "reps or a hold") are `rules.py`; reading and parsing the file is `tomlfile.py`. Every
message is in the user's language (`hiprehab.i18n`), while key names, TOML values and positions
stay as written in the file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any, TypeVar

from hiprehab.i18n import _, ngettext
from hiprehab.routine.errors import Problem
from hiprehab.routine.tomlfile import KeyLines, Keys

FORMAT = 1
MAX_TIMING_SECONDS = 600
# Titles, names, ids and cues: a line on the screen, not a page.
MAX_NAME_CHARS = 200
# Descriptions and instructions: a few paragraphs.
MAX_TEXT_CHARS = 5000
# Problems listed for one file; a file with more is not a routine file being edited.
MAX_PROBLEMS = 50
# The shortest hold above 0: durations are whole microseconds, so a smaller one would be 0.
MIN_HOLD_SECONDS = 0.001
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
        message = ngettext(
            "and {count} more problem; fix these first",
            "and {count} more problems; fix these first",
            more,
        ).format(count=more)
        return [*found[:MAX_PROBLEMS], Problem(message)]


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
        return _("a boolean ({value})").format(value="true" if value else "false")
    if isinstance(value, int):
        return _("an integer ({value})").format(value=show_number(value))
    if isinstance(value, float):
        if math.isnan(value):
            return _("nan (not a number)")
        if math.isinf(value):
            sign = "-" if value < 0 else ""
            return _("{value} (infinity, not a number)").format(value=f"{sign}inf")
        return _("a decimal number ({value})").format(value=show_number(value))
    if isinstance(value, str):
        return _("a string ({value})").format(value=quote(value)) if value else _("an empty string")
    if isinstance(value, list):
        count = len(value)
        return ngettext("an array of {count} item", "an array of {count} items", count).format(
            count=count
        )
    if isinstance(value, dict):
        return _("a table")
    if isinstance(value, date | datetime | time):
        return _("a date or time ({value})").format(value=value.isoformat())
    return _("a value of type {type}").format(type=type(value).__name__)


def show_number(value: float) -> str:
    if isinstance(value, int):
        digits = str(value)
        if len(digits) <= 20:
            return digits
        return ngettext(
            "a number of {count} digit", "a number of {count} digits", len(digits)
        ).format(count=len(digits))
    return repr(value)


def quote(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 3] + "..."
    return json.dumps(shown, ensure_ascii=False)


def closest(word: str, options: Sequence[str]) -> str | None:
    """The option a typo most likely meant (same letters in another case, or difflib's pick)."""
    lowered = {option.lower(): option for option in options}
    match = lowered.get(word.lower().replace(" ", "_"))
    if match is None:
        import difflib  # only for a typo

        close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
        match = close[0] if close else None
    return match


def did_you_mean(word: str, options: Sequence[str]) -> str:
    """'; did you mean "x"?' for a close option, else ''; added to a message saying what
    was found."""
    match = closest(word, options)
    # Translators: added to the end of a message about a typo; {suggestion} is quoted TOML.
    return _("; did you mean {suggestion}?").format(suggestion=quote(match)) if match else ""


def _too_long(limit: int, value: str) -> str:
    return _("expected at most {limit} characters, found {count}").format(
        limit=limit, count=len(value)
    )


def _unknown_key(key: str, known: Sequence[str], elsewhere: Mapping[str, str]) -> str:
    """Names the key, with a close match (here or in another table) or the keys allowed here.

    `elsewhere` maps keys of other tables to where they belong, in the user's words."""
    if key in elsewhere:
        return _("unknown key {key} here; {hint}").format(key=quote(key), hint=elsewhere[key])
    match = closest(key, [*known, *elsewhere])
    if match is None:
        return _("unknown key {key} (known keys: {keys})").format(
            key=quote(key), keys=", ".join(known)
        )
    if match in elsewhere and match not in known:
        return _("unknown key {key}; did you mean {suggestion}? ({hint})").format(
            key=quote(key), suggestion=quote(match), hint=elsewhere[match]
        )
    return _("unknown key {key}; did you mean {suggestion}?").format(
        key=quote(key), suggestion=quote(match)
    )


def _count_fault(low: int, high: int | None, count: int) -> str:
    """How many items an array has against how many it may have."""
    if high is None:
        message = ngettext(
            "expected at least {low} items, found {count}",
            "expected at least {low} items, found {count}",
            count,
        )
    elif low == high:
        message = ngettext(
            "expected exactly {low} items, found {count}",
            "expected exactly {low} items, found {count}",
            count,
        )
    else:
        message = ngettext(
            "expected {low} to {high} items, found {count}",
            "expected {low} to {high} items, found {count}",
            count,
        )
    return message.format(low=low, high=high, count=count)


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
        """Reports `key` as missing; `hint` (already in the user's words) says what it holds."""
        self.bad.add(key)
        if hint:
            message = _("missing key {key} ({hint})").format(key=quote(key), hint=hint)
        else:
            message = _("missing key {key}").format(key=quote(key))
        self.report.add(self.keys, self.place, message)

    def __contains__(self, key: str) -> bool:
        return key in self.table

    def integer(self, key: str, low: int, high: int, default: _T) -> int | _T:
        if key not in self.table:
            return default
        value = self.table[key]
        if not is_integer(value):
            self.fail(key, _("expected an integer, found {found}").format(found=describe(value)))
            return default
        if not low <= value <= high:
            self.fail(
                key,
                _("expected an integer from {low} to {high}, found {value}").format(
                    low=low, high=high, value=show_number(value)
                ),
            )
            return default
        result: int = value
        return result

    def boolean(self, key: str, default: bool) -> bool:
        """`true` or `false` (not 1, 0 or the text "true")."""
        if key not in self.table:
            return default
        value = self.table[key]
        if not isinstance(value, bool):
            self.fail(key, _("expected true or false, found {found}").format(found=describe(value)))
            return default
        return value

    def seconds(self, key: str, low: float, high: float, default: _T) -> float | _T:
        if key not in self.table:
            return default
        value = self.table[key]
        if not is_number(value):
            message = _("expected a number of seconds, found {found}")
            self.fail(key, message.format(found=describe(value)))
            return default
        if not low <= value <= high:
            message = _("expected a number of seconds from {low} to {high}, found {value}")
            self.fail(
                key,
                message.format(
                    low=show_number(low), high=show_number(high), value=show_number(value)
                ),
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
            self.fail(key, _("expected a string, found {found}").format(found=describe(value)))
            return default
        if not empty_ok and not value.strip():
            message = _("expected a non-empty string, found {found}")
            self.fail(key, message.format(found=describe(value)))
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
            message = _("expected an array of strings, found {found}")
            self.fail(key, message.format(found=describe(value)))
            return default
        if high is not None and len(value) > high:  # each of 100000 items is not worth a line
            self.fail(key, _count_fault(low, high, len(value)))
            return default
        for number, item in enumerate(value, start=1):
            if not isinstance(item, str) or not item.strip():
                message = _("item {number}: expected a non-empty string, found {found}")
                self.fail(key, message.format(number=number, found=describe(item)))
            elif len(item) > item_limit:
                message = _("item {number}: expected at most {limit} characters, found {count}")
                self.fail(key, message.format(number=number, limit=item_limit, count=len(item)))
        if len(value) < low or (high is not None and len(value) > high):
            self.fail(key, _count_fault(low, high, len(value)))
        if key in self.bad:
            return default
        return tuple(value)

    def choice(self, key: str, options: Sequence[str], default: _T) -> str | _T:
        if key not in self.table:
            return default
        value = self.table[key]
        expected = ", ".join(quote(option) for option in options)
        if not isinstance(value, str):
            message = _("expected one of {options}, found {found}")
            self.fail(key, message.format(options=expected, found=describe(value)))
            return default
        if value not in options:
            message = _("expected one of {options}, found {found}").format(
                options=expected, found=quote(value)
            )
            self.fail(key, message + did_you_mean(value, options))
            return default
        return value

    def table_at(self, key: str, header: str = "") -> Mapping[str, Any] | None:
        """A sub-table, or None when absent or not a table (then reported); `header` is how
        its header is written (`[key]` when not given)."""
        if key not in self.table:
            return None
        value = self.table[key]
        if not isinstance(value, dict):
            message = _("expected a table ({header}), found {found}")
            self.fail(key, message.format(header=header or f"[{key}]", found=describe(value)))
            return None
        return value
