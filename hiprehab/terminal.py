"""Text from files and databases made safe to print on a terminal: `shown(text)`.

A routine file, an imported history or a file name can carry characters a terminal obeys
instead of showing: escape sequences that retitle the window or clear the screen (ESC, and the
C1 control CSI), bidirectional overrides (U+202E) that make `evil.exe` read `exe.live`, and
invisible format characters. Everything the command line prints that came from outside goes
through `shown`, which writes each such character as a visible escape in JSON's notation
(`\\u001b`, `\\u202e`, `\\n`): unambiguous to a reader, and still the same string when the text
is a JSON document. Plain Python, so the cli and the wings can use it.
"""

from __future__ import annotations

import unicodedata

_SHORT = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Zero-width (non-)joiners: Persian, Indic scripts and emoji need them, and they hide nothing.
_KEPT_FORMAT = {"\u200c", "\u200d"}
# Controls (C0, DEL, C1), format characters (bidi controls, zero-width spaces, U+FEFF, tags),
# lone surrogates (undecodable bytes in a file name) and the line and paragraph separators.
_ESCAPED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _escaped(char: str) -> str:
    short = _SHORT.get(char)
    if short is not None:
        return short
    code = ord(char)
    if code > 0xFFFF:  # as JSON writes it: a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def is_unsafe(char: str) -> bool:
    """True for a character a terminal may act on or that disguises the text around it."""
    if char.isprintable():  # letters, marks, digits, punctuation, symbols, the space
        return False
    return char not in _KEPT_FORMAT and unicodedata.category(char) in _ESCAPED_CATEGORIES


def shown(text: str) -> str:
    """`text` with every control, format, bidi and separator character as a visible escape.

    Newlines too: one piece of outside text never becomes two lines. Idempotent, so a line
    built from already shown pieces can safely be shown again.
    """
    if text.isprintable():
        return text
    return "".join(_escaped(char) if is_unsafe(char) else char for char in text)
