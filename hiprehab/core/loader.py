"""Routine files (format 1) -> `Routine`, or a `RoutineError` listing every fault with its place.

A physio edits these files by hand, so the loader reports all faults of a file in one pass (as
Picard's manifest validator does), each with a line number where one can be found cheaply and
what was expected versus what was found. Nothing in a file is ever executed, and pictures it
names must stay inside its own folder. The generic pieces (reading a file, parsing TOML, checked
reads of a table) are shared with the exercise-library loader in `library.py`.
"""

from __future__ import annotations

import codecs
import difflib
import json
import math
import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any, TypeVar

import tomli

from hiprehab.core.errors import Problem, RoutineError
from hiprehab.core.routine import SIDES, Dosing, Exercise, Routine, Sides, Timing

if TYPE_CHECKING:
    from hiprehab.core.library import LibraryExercise

FORMAT = 1
MAX_FILE_BYTES = 1024 * 1024
MAX_EXERCISES = 100
PICTURE_SUFFIXES = (".svg", ".png", ".jpg")
MAX_TIMING_SECONDS = 600

TOP_KEYS = ("format", "title", "description", "author", "schedule", "timing", "exercise")
SCHEDULE_KEYS = ("sessions_per_week",)
TIMING_KEYS = ("prepare", "switch_sides", "rest_between_sets", "rest_between_exercises")
DOSING_KEYS = ("sets", "reps", "hold", "seconds_per_rep", "rest")
EXERCISE_KEYS = (
    "use", "name", "instructions", "cues", "illustration", "sides", *DOSING_KEYS,
)  # fmt: skip
_TOP_ELSEWHERE = {
    **{key: "it belongs under [timing]" for key in TIMING_KEYS},
    **{key: "it belongs under [schedule]" for key in SCHEDULE_KEYS},
    **{key: "it belongs inside an [[exercise]] table" for key in EXERCISE_KEYS},
}

Keys = tuple[str | int, ...]
_T = TypeVar("_T")


# --- reading bytes into text -------------------------------------------------------------------


def read_text_file(path: Path, what: str = "routine file") -> str:
    """The decoded text of a routine or library file; refuses anything that cannot be one.

    Missing, folder, device or pipe, unreadable, over 1 MiB (checked before reading it whole)
    and invalid UTF-8 all raise RoutineError naming the file. A pipe is opened non-blocking so
    that checking one never hangs.
    """
    source = str(path)
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise RoutineError(source, [Problem("no such file")]) from None
    except (OSError, ValueError) as exc:
        raise RoutineError(source, [Problem(f"cannot be read: {_reason(exc)}")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise RoutineError(source, [Problem(f"is a folder, not a {what}")])
    if not stat.S_ISREG(info.st_mode):
        raise RoutineError(source, [Problem(f"is not a regular file, so not a {what}")])
    if info.st_size > MAX_FILE_BYTES:
        raise RoutineError(source, [_too_big(info.st_size, what)])
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise RoutineError(source, [Problem(f"is not a regular file, so not a {what}")])
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise RoutineError(source, [Problem(f"cannot be read: {_reason(exc)}")]) from None
    if len(data) > MAX_FILE_BYTES:
        raise RoutineError(source, [_too_big(len(data), what)])
    return decode_text(data, source)


def _reason(exc: BaseException) -> str:
    strerror = getattr(exc, "strerror", None)
    return (strerror or str(exc) or type(exc).__name__).lower()


def _too_big(size: int, what: str) -> Problem:
    return Problem(f"is too large ({size:,} bytes); a {what} may be at most 1 MiB")


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 bytes as text; bad bytes name line and column.

    A leading byte-order mark is kept (as U+FEFF) for the TOML step to strip: exactly one.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RoutineError(
            source,
            [Problem("the file is saved as UTF-16; save it as UTF-8 instead", 1, 1)],
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line_start = before.rfind(b"\n") + 1
        line = before.count(b"\n") + 1
        line_text = before[line_start:].decode("utf-8")
        column = len(line_text.removeprefix("\ufeff") if line == 1 else line_text) + 1
        message = (
            f"not valid UTF-8 text (byte 0x{data[exc.start]:02X}: {exc.reason}); "
            "save the file with UTF-8 encoding"
        )
        raise RoutineError(source, [Problem(message, line, column)]) from None


# --- TOML parsing --------------------------------------------------------------------------------

_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
_AT_PLACE = re.compile(r"\s*\(at (line \d+, column \d+|end of document)\)")


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """The TOML document as a dict; a syntax error becomes a Problem with line and column."""
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line, column = _syntax_position(exc, text)
        problem = Problem(f"not valid TOML: {_syntax_message(exc)}", line, column)
        raise RoutineError(source, [problem]) from None
    except ValueError as exc:  # tomli lets int() refuse numbers of over 4300 digits
        problem = Problem(f"not valid TOML: a number is too long ({exc})")
        raise RoutineError(source, [problem]) from None
    except RecursionError:
        problem = Problem("not valid TOML: arrays or tables are nested too deeply")
        raise RoutineError(source, [problem]) from None


def _syntax_position(exc: tomli.TOMLDecodeError, text: str) -> tuple[int | None, int | None]:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    if isinstance(line, int) and isinstance(column, int):
        return line, column
    found = _AT_LINE.search(str(exc))  # tomli < 2.1 only puts the place in its message
    if found:
        return int(found.group(1)), int(found.group(2))
    if "end of document" in str(exc):
        return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1
    return None, None


_PLAINER = {  # tomli's wording where a physio would not guess the cause
    "Illegal character '\\n'": "the line ends inside a string (a closing quote is missing)",
    "Cannot overwrite a value": "a key is given twice (cannot overwrite a value)",
}


def _syntax_message(exc: tomli.TOMLDecodeError) -> str:
    message = str(getattr(exc, "msg", "") or _AT_PLACE.sub("", str(exc))).strip()
    message = _PLAINER.get(message, message)
    return message[:1].lower() + message[1:]


# --- where keys are: line numbers for semantic problems ----------------------------------------

_VALUE_STOP = re.compile(r"[\"'\[\]{}#\n]")
_BASIC_STOP = re.compile(r"[\\\"\n]")
_ML_BASIC_STOP = re.compile(r'\\.|"""', re.DOTALL)
_BARE_KEY = re.compile(r"[^ \t\r\n.=\[\]#\"']+")


class KeyLines:
    """Line numbers of keys and table headers, found by a light scan of already-parsed TOML.

    Only problems need them, so the scan runs on the first lookup: valid files never pay for it.
    Keys are paths like ("exercise", 1, "sets") with 0-based array-of-tables indexes; a key
    written inside an inline table is not found and falls back to its nearest known parent.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[Keys, int] | None = None

    def line_of(self, keys: Keys) -> int | None:
        if self._lines is None:
            self._lines = _scan_key_lines(self._text)
        for end in range(len(keys), 0, -1):
            line = self._lines.get(keys[:end])
            if line is not None:
                return line
        return None


def _scan_key_lines(text: str) -> dict[Keys, int]:
    lines: dict[Keys, int] = {}
    array_tables: dict[Keys, int] = {}  # how many [[x]] headers each path has had so far
    table: Keys = ()
    line, i, n = 1, 0, len(text)
    while i < n:
        i = _skip_blanks(text, i)
        if i >= n:
            break
        char = text[i]
        if char == "\n":
            line, i = line + 1, i + 1
        elif char == "#":
            i = _line_end(text, i)
        elif char == "[":
            is_array = text.startswith("[[", i)
            parts, i = _read_key(text, i + (2 if is_array else 1))
            if parts:
                path = _resolve(parts[:-1], array_tables) + (parts[-1],)
                if is_array:
                    count = array_tables.get(path, 0)
                    array_tables[path] = count + 1
                    lines.setdefault(path, line)  # the array as a whole: its first header
                    path = (*path, count)
                table = path
                lines.setdefault(table, line)
            i = _line_end(text, i)
        else:
            parts, i = _read_key(text, i)
            if parts and i < n and text[i] == "=":
                lines.setdefault(table + tuple(parts), line)
                i, line = _skip_value(text, i + 1, line)
            else:  # not a key line after all: move on rather than guess
                i = _line_end(text, i)
    return lines


def _resolve(parts: Sequence[str], array_tables: Mapping[Keys, int]) -> Keys:
    """A header's parent keys, with the array-of-tables element each one refers to."""
    path: Keys = ()
    for part in parts:
        path = (*path, part)
        count = array_tables.get(path)
        if count:
            path = (*path, count - 1)
    return path


def _skip_blanks(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r":
        i += 1
    return i


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _read_key(text: str, i: int) -> tuple[list[str], int]:
    """A dotted key starting at `i`; returns its parts and the index of what follows it."""
    parts: list[str] = []
    n = len(text)
    while i < n:
        i = _skip_blanks(text, i)
        if i >= n:
            break
        if text[i] == '"':
            end = _basic_string_end(text, i + 1)
            raw = text[i + 1 : end]
            try:
                parts.append(json.loads(f'"{raw}"'))
            except ValueError:
                parts.append(raw)
            i = end + 1
        elif text[i] == "'":
            end = text.find("'", i + 1)
            end = n if end < 0 else end
            parts.append(text[i + 1 : end])
            i = end + 1
        else:
            found = _BARE_KEY.match(text, i)
            if not found:
                break
            parts.append(found.group())
            i = found.end()
        i = _skip_blanks(text, i)
        if i < n and text[i] == ".":
            i += 1
            continue
        break
    return parts, i


def _basic_string_end(text: str, i: int) -> int:
    while True:
        found = _BASIC_STOP.search(text, i)
        if not found or found.group() == "\n":
            return found.start() if found else len(text)
        if found.group() == '"':
            return found.start()
        i = found.start() + 2


def _closing_run(text: str, start: int, quote: str) -> int:
    """The end of a multi-line string closing at `start` (up to 2 more quotes belong to it)."""
    end = start + 3
    while end < len(text) and end - start < 5 and text[end] == quote:
        end += 1
    return end


def _skip_value(text: str, i: int, line: int) -> tuple[int, int]:
    """Skip a value (strings, nested arrays and inline tables); returns (index, line) at its end."""
    depth, n = 0, len(text)
    while i < n:
        found = _VALUE_STOP.search(text, i)
        if not found:
            return n, line
        i, char = found.start(), found.group()
        if char == "\n":
            if depth <= 0:
                return i, line
            line, i = line + 1, i + 1
        elif char == "#":
            i = _line_end(text, i)
        elif char in "[{":
            depth, i = depth + 1, i + 1
        elif char in "]}":
            depth, i = depth - 1, i + 1
        elif text.startswith('"""', i) or text.startswith("'''", i):
            if char == '"':
                closing = next(
                    (m for m in _ML_BASIC_STOP.finditer(text, i + 3) if m.group() == '"""'), None
                )
                end = closing.start() if closing else n
            else:
                end = text.find("'''", i + 3)
                end = n if end < 0 else end
            line += text.count("\n", i, end)
            i = _closing_run(text, end, char) if end < n else n
        elif char == '"':
            i = _basic_string_end(text, i + 1) + 1
        else:
            end = text.find("'", i + 1)
            i = n if end < 0 else end + 1
    return i, line


# --- checked reads of one table ----------------------------------------------------------------


class Report:
    """The problems of one document so far, each given the line of the key it is about."""

    def __init__(self, text: str) -> None:
        self.problems: list[Problem] = []
        self._lines = KeyLines(text)

    def add(self, keys: Keys, place: str | None, message: str) -> None:
        self.problems.append(Problem(message, self._lines.line_of(keys), None, place or None))

    def in_file_order(self) -> list[Problem]:
        """Problems sorted by line; whole-document ones (no line) come first."""
        return sorted(self.problems, key=lambda problem: problem.line or 0)


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
        self, key: str, default: _T, *, required: str = "", empty_ok: bool = False
    ) -> str | _T:
        """A string; `required` is the hint shown when it is missing (empty: it is optional)."""
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
        return value

    def strings(
        self, key: str, default: _T, low: int = 0, high: int | None = None
    ) -> tuple[str, ...] | _T:
        """An array of non-empty strings with `low` to `high` items (no upper limit: None)."""
        if key not in self.table:
            return default
        value = self.table[key]
        if not isinstance(value, list):
            self.fail(key, f"expected an array of strings, found {describe(value)}")
            return default
        faults = [
            f"item {number}: expected a non-empty string, found {describe(item)}"
            for number, item in enumerate(value, start=1)
            if not isinstance(item, str) or not item.strip()
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
    """Dosing keys of an exercise or library entry over `start`; rest None means the routine's."""
    return Dosing(
        sets=fields.integer("sets", 1, 20, start.sets),
        reps=fields.integer("reps", 1, 200, start.reps),
        hold=fields.seconds("hold", 0, MAX_TIMING_SECONDS, start.hold),
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


# --- the routine -------------------------------------------------------------------------------

LibraryMap = Mapping[str, "LibraryExercise"]


def load_routine(path: Path, library: LibraryMap | None = None) -> Routine:
    """Load and check a routine file; raises RoutineError with every fault found.

    `library` defaults to the built-in exercise library, loaded only when an entry has `use`.
    """
    path = Path(path)
    text = read_text_file(path)
    routine = load_routine_text(text, source_name=str(path), base_dir=path.parent, library=library)
    return replace(routine, source=path.resolve())


def load_routine_text(
    text: str,
    *,
    source_name: str,
    base_dir: Path | None,
    library: LibraryMap | None = None,
) -> Routine:
    """Check routine text that has no file (or whose file was already read).

    `base_dir` is the folder pictures are relative to; with None, an `illustration` cannot be
    checked and is reported as a fault.
    """
    text = text.removeprefix("\ufeff")
    document = parse_toml(text, source_name)
    report = Report(text)
    routine = _check_routine(document, report, base_dir, _LibraryAccess(library, report))
    if report.problems or routine is None:
        raise RoutineError(source_name, report.in_file_order())
    return replace(routine, text=text)


class _LibraryAccess:
    """The library for `use` entries, loaded on first need; a broken library is one problem."""

    def __init__(self, library: LibraryMap | None, report: Report) -> None:
        self._library, self._report, self._failed = library, report, False

    def get(self, keys: Keys) -> LibraryMap | None:
        if self._library is None and not self._failed:
            from hiprehab.core.library import default_library  # library.py imports this module

            try:
                self._library = default_library()
            except RoutineError as exc:
                self._failed = True
                self._report.add(
                    keys,
                    None,
                    f'the exercise library cannot be loaded, so "use" is unchecked: {exc}',
                )
        return self._library


def _check_routine(
    document: Mapping[str, Any], report: Report, base_dir: Path | None, library: _LibraryAccess
) -> Routine | None:
    if not check_format(report, document, "routine"):
        return None
    top = Fields(report, document, (), "", TOP_KEYS, _TOP_ELSEWHERE)
    title = top.text("title", "", required=' (the routine\'s name, e.g. title = "Hip strength")')
    description = top.text("description", "", empty_ok=True)
    author = top.text("author", "", empty_ok=True)

    schedule = Fields(
        report, top.table_at("schedule") or {}, ("schedule",), "schedule", SCHEDULE_KEYS
    )
    sessions = schedule.integer("sessions_per_week", 1, 14, 3)

    timing_fields = Fields(report, top.table_at("timing") or {}, ("timing",), "timing", TIMING_KEYS)
    defaults = Timing()
    timing = Timing(
        **{
            key: timing_fields.seconds(key, 0, MAX_TIMING_SECONDS, getattr(defaults, key))
            for key in TIMING_KEYS
        }
    )

    exercises = [
        _check_exercise(report, entry, index, timing, base_dir, library)
        for index, entry in enumerate(_exercise_entries(report, document))
    ]
    if report.problems or any(exercise is None for exercise in exercises):
        return None
    return Routine(
        title=title,
        exercises=tuple(exercise for exercise in exercises if exercise is not None),
        timing=timing,
        sessions_per_week=sessions,
        description=description,
        author=author,
        format=FORMAT,
    )


def _exercise_entries(report: Report, document: Mapping[str, Any]) -> list[Any]:
    if "exercise" not in document:
        report.add((), None, "no exercises: add at least one [[exercise]] table")
        return []
    entries = document["exercise"]
    if not isinstance(entries, list):
        report.add(
            ("exercise",),
            "exercise",
            f"expected [[exercise]] tables (an array of tables), found {describe(entries)}",
        )
        return []
    if not 1 <= len(entries) <= MAX_EXERCISES:
        report.add(
            ("exercise",), None, f"expected 1 to {MAX_EXERCISES} exercises, found {len(entries)}"
        )
    return entries


def _exercise_label(index: int, entry: Mapping[str, Any]) -> str:
    for key in ("use", "name"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return f"exercise {index + 1} ({quote(value)})"
    return f"exercise {index + 1}"


def _check_exercise(
    report: Report,
    entry: object,
    index: int,
    timing: Timing,
    base_dir: Path | None,
    library: _LibraryAccess,
) -> Exercise | None:
    keys: Keys = ("exercise", index)
    if not isinstance(entry, dict):
        report.add(keys, f"exercise {index + 1}", f"expected a table, found {describe(entry)}")
        return None
    fields = Fields(report, entry, keys, _exercise_label(index, entry), EXERCISE_KEYS)
    use = fields.text("use", None)
    known: LibraryExercise | None = None
    if use is not None:
        exercises = library.get((*keys, "use"))
        if exercises is not None:
            known = exercises.get(use)
            if known is None:
                fields.fail(
                    "use",
                    f"unknown library exercise {quote(use)}{did_you_mean(use, list(exercises))}",
                )
    elif "use" not in entry and "name" not in entry:
        fields.missing("name", ' (an exercise needs either use = "<library id>" or its own name)')
    name = fields.text("name", None)
    instructions = fields.text("instructions", None, empty_ok=True)
    cues = fields.strings("cues", None)
    sides: Sides | None = as_sides(fields.choice("sides", SIDES, None))
    image = check_picture(fields, "illustration", base_dir)

    library_dosing = known is not None and "reps" not in entry and "hold" not in entry
    dosing = check_dosing(fields, known.dosing if known and library_dosing else Dosing())
    if "use" not in entry or known is not None:
        check_reps_or_hold(fields, dosing)
    if fields.bad or (use is not None and known is None):
        return None
    return Exercise(
        name=name or (known.name if known else ""),
        sides=sides or (known.sides if known else "both"),
        sets=dosing.sets,
        reps=dosing.reps,
        hold=dosing.hold,
        seconds_per_rep=dosing.seconds_per_rep,
        rest=timing.rest_between_sets if dosing.rest is None else dosing.rest,
        instructions=instructions
        if instructions is not None
        else (known.instructions if known else ""),
        cues=cues if cues is not None else (known.cues if known else ()),
        library_id=known.id if known else None,
        illustration=known.illustration if known else None,
        image=image,
    )


def as_sides(value: str | None) -> Sides | None:
    """The checked `sides` string with its literal type (None stays None)."""
    return _SIDES.get(value) if value is not None else None


_SIDES: dict[str, Sides] = {side: side for side in SIDES}


def check_picture(fields: Fields, key: str, base_dir: Path | None) -> Path | None:
    """A picture path relative to the routine's folder, resolved; it must stay inside it."""
    written = fields.text(key, None)
    if written is None:
        return None
    fault, image = _picture_fault(written, base_dir)
    if fault:
        fields.fail(key, fault)
    return image


def _picture_fault(written: str, base_dir: Path | None) -> tuple[str, Path | None]:
    shown = quote(written)
    if any(ord(char) < 32 for char in written):
        return f"{shown} contains a control character", None
    if "\\" in written:
        return f"{shown}: write folders with / (forward slashes) so the file works everywhere", None
    if PurePosixPath(written).is_absolute() or PureWindowsPath(written).anchor:
        return f"{shown} is an absolute path; give a path relative to the routine's folder", None
    suffix = PurePosixPath(written).suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        return (
            f"expected a .svg, .png or .jpg picture, found {quote(suffix or 'no extension')}",
            None,
        )
    if base_dir is None:
        return (
            "a picture needs the routine to be saved as a file first (its path is relative)",
            None,
        )
    folder = base_dir.resolve()
    if not os.path.normpath(folder / written).startswith(str(folder) + os.sep):
        return f"{shown} points outside the routine's folder", None
    try:
        image = (folder / written).resolve()
        if not image.is_relative_to(folder):
            return f"{shown} is a link that leads outside the routine's folder", None
        if not image.exists():
            return f"picture {shown} not found in {folder}", None
        if not image.is_file():
            return f"{shown} is not a file", None
    except (OSError, RuntimeError) as exc:  # link loops, names too long for the system
        return f"{shown} cannot be used: {_reason(exc)}", None
    return "", image
