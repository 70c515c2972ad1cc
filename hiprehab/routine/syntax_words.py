"""Why a file could not be read or parsed, in the user's words: tomli's syntax errors, the
system's reasons for a file that cannot be opened, and Python's for bytes that are not UTF-8.

Those libraries speak English; a physio who reads hiprehab in German should read its faults in
German too. Each known message is matched here (tomli's wording of the versions we support,
with the parts that vary caught by name) and said again through the catalogue; a message not
known here is passed on as it was, rather than lost.
"""

from __future__ import annotations

import errno
import re

from hiprehab.i18n import N_, _

# tomli's messages without the place ("(at line 2, column 16)"), which the caller gives apart.
# The first two are where a physio would not guess the cause from tomli's own words. The
# patterns are tomli's English, not words of ours (hence "i18n: ignore"). They are compiled
# when a message is first matched (re keeps them): a file without a syntax error needs none.
_SYNTAX: tuple[tuple[str, str], ...] = (
    (
        r"Illegal character '\\n'",  # i18n: ignore
        N_("the line ends inside a string (a closing quote is missing)"),
    ),
    (
        r"Cannot overwrite a value",  # i18n: ignore
        N_("a key is given twice (cannot overwrite a value)"),
    ),
    (
        r"Illegal character (?P<char>.+)",  # i18n: ignore
        N_("a character that is not allowed here: {char}"),
    ),
    (
        r"Invalid statement",  # i18n: ignore
        N_("this line is neither a key = value pair nor a [table] header"),
    ),
    (
        r"Expected newline or end of document after a statement",  # i18n: ignore
        N_("expected the end of the line after the value"),
    ),
    (
        r"Expected '=' after a key in a key/value pair",  # i18n: ignore
        N_("expected '=' after the key (key = value)"),
    ),
    (
        r"Invalid initial character for a key part",  # i18n: ignore
        N_("a key cannot start with this character"),
    ),
    (
        r"Unclosed array",  # i18n: ignore
        N_("an array is not closed (a ']' is missing)"),
    ),
    (
        r"Unclosed inline table",  # i18n: ignore
        N_("an inline table is not closed (a '}' is missing)"),
    ),
    (
        r"Unterminated string",  # i18n: ignore
        N_("a string is not closed (a closing quote is missing)"),
    ),
    (
        r"Unescaped '\\' in a string",  # i18n: ignore
        N_("a backslash in a string must be written as \\\\"),
    ),
    (
        r"Invalid hex value",  # i18n: ignore
        N_("an escape such as \\u00e9 has a digit that is not hexadecimal"),
    ),
    (
        r"Escaped character is not a Unicode scalar value",  # i18n: ignore
        N_("an escape such as \\u00e9 names no character"),
    ),
    (
        r"Invalid date or datetime",  # i18n: ignore
        N_("not a valid date or time"),
    ),
    (
        r"Invalid value",  # i18n: ignore
        N_("not a valid value (text needs quotes, true and false lower case)"),
    ),
    (
        r"Expected ']' at the end of a table declaration",  # i18n: ignore
        N_("expected ']' at the end of the [table] header"),
    ),
    (
        r"Expected ']]' at the end of an array declaration",  # i18n: ignore
        N_("expected ']]' at the end of the [[table]] header"),
    ),
    (
        r"Cannot declare (?P<key>.+) twice",  # i18n: ignore
        N_("the table {key} is declared twice"),
    ),
    (
        r"Cannot (?:mutate immutable|redefine) namespace (?P<key>.+)",  # i18n: ignore
        N_("{key} is already defined and cannot be extended here"),
    ),
    (
        r"Duplicate inline table key (?P<key>.+)",  # i18n: ignore
        N_("the key {key} is given twice in an inline table"),
    ),
    (
        r"Found invalid character (?P<char>.+)",  # i18n: ignore
        N_("a character that is not allowed here: {char}"),
    ),
    (
        r"Expected (?P<char>'.+')",  # i18n: ignore
        N_("expected {char} here"),
    ),
)

_REASONS = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.ENOENT: N_("no such file or folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.ELOOP: N_("too many levels of links"),
    errno.ENAMETOOLONG: N_("the file name is too long"),
    errno.EIO: N_("input/output error"),
}

_DECODING = {
    "invalid start byte": N_("invalid start byte"),  # i18n: ignore (the key: Python's words)
    "invalid continuation byte": N_("invalid continuation byte"),  # i18n: ignore (the key)
    "unexpected end of data": N_("unexpected end of data"),  # i18n: ignore (the key)
}


def syntax_words(message: str) -> str:
    """tomli's message (without its place) in the user's words, lower case first."""
    for pattern, words in _SYNTAX:
        found = re.fullmatch(pattern, message)
        if found:
            parts = found.groupdict()
            return _(words).format(**parts) if parts else _(words)
    return message[:1].lower() + message[1:]


def error_reason(exc: BaseException) -> str:
    """The system's reason a file could not be used, in lower case ("permission denied")."""
    code = getattr(exc, "errno", None)
    if code in _REASONS:
        return _(_REASONS[code])
    strerror = getattr(exc, "strerror", None)
    return (strerror or str(exc) or type(exc).__name__).lower()


def decoding_reason(reason: str) -> str:
    """Python's reason bytes are not UTF-8 ("invalid continuation byte")."""
    return _(_DECODING[reason]) if reason in _DECODING else reason
