"""Routine and library files as TOML documents: reading them safely and placing their faults.

Both kinds of hiprehab file (routines and exercise-library entries) arrive the same way: bytes
on disk that a physio edited by hand. This module owns that step so the two loaders share one
careful implementation: it refuses what cannot be a file of ours before reading it (size over
1 MiB, folders, devices, pipes, which are opened non-blocking so a check never hangs), decodes
UTF-8 naming the line and column of a bad byte, parses with tomli turning its errors into a
`Problem` with line and column, and scans the text for the line and column of each key so that
faults found later, in the meaning of the values, can point at a place too. It knows nothing
of what the keys mean; that is `fields.py` and the loaders. Its faults are in the user's
language; tomli's, Python's and the system's own English words go through `syntax_words.py`.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import tomli

from hiprehab.i18n import _
from hiprehab.i18n.formats import format_number
from hiprehab.routine.errors import Problem, RoutineError
from hiprehab.routine.syntax_words import decoding_reason, error_reason, syntax_words

MAX_FILE_BYTES = 1024 * 1024

# A place in a document: ("exercise", 1, "sets"), with 0-based array-of-tables indexes.
Keys = tuple[str | int, ...]


# --- reading bytes into text -------------------------------------------------------------------


Kind = Literal["routine", "library"]


def read_text_file(path: Path, what: Kind = "routine") -> str:
    """The decoded text of a routine or library file; refuses anything that cannot be one.

    Missing, folder, device or pipe, unreadable, over 1 MiB (checked before reading it whole)
    and invalid UTF-8 all raise RoutineError naming the file. A pipe is opened non-blocking so
    that checking one never hangs.
    """
    source = str(path)
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise RoutineError(source, [Problem(_("no such file"))]) from None
    except (OSError, ValueError) as exc:
        raise RoutineError(source, [_unreadable(exc)]) from None
    if stat.S_ISDIR(info.st_mode):
        raise RoutineError(source, [_folder(what)])
    if not stat.S_ISREG(info.st_mode):
        raise RoutineError(source, [_not_regular(what)])
    if info.st_size > MAX_FILE_BYTES:
        raise RoutineError(source, [_too_big(info.st_size, what)])
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise RoutineError(source, [_not_regular(what)])
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise RoutineError(source, [_unreadable(exc)]) from None
    if len(data) > MAX_FILE_BYTES:
        raise RoutineError(source, [_too_big(len(data), what)])
    return decode_text(data, source)


def _unreadable(exc: BaseException) -> Problem:
    return Problem(_("cannot be read: {reason}").format(reason=error_reason(exc)))


def _folder(what: Kind) -> Problem:
    if what == "routine":
        return Problem(_("is a folder, not a routine file"))
    return Problem(_("is a folder, not a library file"))


def _not_regular(what: Kind) -> Problem:
    if what == "routine":
        return Problem(_("is not a regular file, so not a routine file"))
    return Problem(_("is not a regular file, so not a library file"))


def _too_big(size: int, what: Kind) -> Problem:
    if what == "routine":
        message = _("is too large ({size} bytes); a routine file may be at most 1 MiB")
    else:
        message = _("is too large ({size} bytes); a library file may be at most 1 MiB")
    return Problem(message.format(size=format_number(size)))


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 bytes as text; bad bytes name line and column.

    A leading byte-order mark is kept (as U+FEFF) for the TOML step to strip: exactly one.
    """
    for boms, encoding in (
        ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "UTF-32"),  # UTF-32 LE starts as UTF-16 LE
        ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "UTF-16"),
    ):
        if data.startswith(boms):
            message = _("the file is saved as {encoding}; save it as UTF-8 instead").format(
                encoding=encoding
            )
            raise RoutineError(source, [Problem(message, 1, 1)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line_start = before.rfind(b"\n") + 1
        line = before.count(b"\n") + 1
        line_text = before[line_start:].decode("utf-8")
        column = len(line_text.removeprefix("\ufeff") if line == 1 else line_text) + 1
        message = _(
            "not valid UTF-8 text (byte {byte}: {reason}); save the file with UTF-8 encoding"
        ).format(byte=f"0x{data[exc.start]:02X}", reason=decoding_reason(exc.reason))
        raise RoutineError(source, [Problem(message, line, column)]) from None


# --- TOML parsing --------------------------------------------------------------------------------

_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")  # i18n: ignore
_AT_PLACE = re.compile(r"\s*\(at (line \d+, column \d+|end of document)\)")  # i18n: ignore


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """The TOML document as a dict; a syntax error becomes a Problem with line and column."""
    if text.startswith("\ufeff"):  # the caller removed one
        message = _("not valid TOML: the file starts with a second byte-order mark (U+FEFF)")
        raise RoutineError(source, [Problem(message, 1, 1)])
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line, column = _syntax_position(exc, text)
        message = _("not valid TOML: {reason}").format(reason=_syntax_message(exc))
        message += _character_hint(text, line, column)
        raise RoutineError(source, [Problem(message, line, column)]) from None
    except ValueError as exc:  # tomli lets int() refuse numbers of over 4300 digits
        digits = re.search(r"value has (\d+) digits", str(exc))  # i18n: ignore
        if digits:
            message = _("not valid TOML: a number is too long ({count} digits; at most 4300)")
            message = message.format(count=digits.group(1))
        else:
            message = _("not valid TOML: a number is too long (at most 4300 digits)")
        raise RoutineError(source, [Problem(message)]) from None
    except RecursionError:
        problem = Problem(_("not valid TOML: arrays or tables are nested too deeply"))
        raise RoutineError(source, [problem]) from None


def _character_hint(text: str, line: int | None, column: int | None) -> str:
    """What is odd about the character a syntax error points at, when it is invisible."""
    if line is None or column is None:
        return ""
    lines = text.split("\n")
    if not 0 < line <= len(lines) or not 0 < column <= len(lines[line - 1]) + 1:
        return ""
    here = lines[line - 1][column - 1 : column + 1]
    if here.startswith("\x00"):
        # Translators: added to the end of a syntax error, after a space.
        return " " + _("(the file holds a NUL byte there: is it a text file?)")
    if here.startswith("\r") and here != "\r":
        # Translators: added to the end of a syntax error, after a space.
        return " " + _(
            "(a carriage return without a line feed ends the line there; save the file "
            "with LF or CRLF line endings)"
        )
    return ""


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


def _syntax_message(exc: tomli.TOMLDecodeError) -> str:
    message = str(getattr(exc, "msg", "") or _AT_PLACE.sub("", str(exc))).strip()
    return syntax_words(message)


# --- where keys are: lines and columns for semantic problems-------------------------------------

_VALUE_STOP = re.compile(r"[\"'\[\]{}#\n]")
_BASIC_STOP = re.compile(r"[\\\"\n]")
_ML_BASIC_STOP = re.compile(r'\\.|"""', re.DOTALL)
_BARE_KEY = re.compile(r"[^ \t\r\n.=\[\]#\"']+")


# A 1-based (line, column) in a document; columns count characters, as tomli's do.
Position = tuple[int, int]


class KeyLines:
    """Lines and columns of keys and table headers, found by a light scan of already-parsed TOML.

    Only problems need them, so the scan runs on the first lookup: valid files never pay for it.
    Keys are paths like ("exercise", 1, "sets") with 0-based array-of-tables indexes. A key's
    column is where its name starts (for a dotted key, its first part); a table's is where the
    `[` or `[[` of its header starts. A key written inside an inline table is not found and
    falls back to its nearest known parent.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._places: dict[Keys, Position] | None = None

    def position_of(self, keys: Keys) -> Position | None:
        """(line, column) of `keys`, else of its nearest known parent; None if none is known."""
        if self._places is None:
            self._places = _scan_key_positions(self._text)
        for end in range(len(keys), 0, -1):
            place = self._places.get(keys[:end])
            if place is not None:
                return place
        return None


def _scan_key_positions(text: str) -> dict[Keys, Position]:
    places: dict[Keys, Position] = {}
    array_tables: dict[Keys, int] = {}  # how many [[x]] headers each path has had so far
    table: Keys = ()
    line, i, n = 1, 0, len(text)
    while i < n:
        i = _skip_blanks(text, i)
        if i >= n:
            break
        char = text[i]
        here = (line, i - text.rfind("\n", 0, i))  # where text[i] is (column: 1-based)
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
                    places.setdefault(path, here)  # the array as a whole: its first header
                    path = (*path, count)
                table = path
                places.setdefault(table, here)
            i = _line_end(text, i)
        else:
            parts, i = _read_key(text, i)
            if parts and i < n and text[i] == "=":
                places.setdefault(table + tuple(parts), here)
                i, line = _skip_value(text, i + 1, line)
            else:  # not a key line after all: move on rather than guess
                i = _line_end(text, i)
    return places


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
