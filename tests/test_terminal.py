"""`shown`: the one escape for outside text printed on a terminal (hiprehab/terminal.py)."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiprehab.terminal import is_unsafe, shown

HOSTILE = [
    "\x1b]0;pwned\x07",  # retitles the terminal
    "\x1b[2J\x1b[H",  # clears the screen
    "\x9b2J",  # the same with the C1 control CSI
    "\x7f",  # DEL
    "evil\u202etxt.exe",  # right-to-left override
    "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c",  # the other bidi controls
    "zero\u200bwidth\ufeff\u2060",  # invisible format characters
    "a\u2028b\u2029c",  # line and paragraph separators
    "\U000e0041\U000e007f",  # tag characters
    "\udcff",  # a lone surrogate: an undecodable byte of a file name
    "line\nbreak\rreturn\ttab\x00nul\x08\x0c",
]


def _terminal_safe(text: str) -> bool:
    return not any(
        unicodedata.category(char) in {"Cc", "Cf", "Cs", "Zl", "Zp"} and char not in "\u200c\u200d"
        for char in text
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_with_visible_escapes(text: str) -> None:
    assert _terminal_safe(shown(text))
    assert "\\u" in shown(text) or "\\n" in shown(text)


def test_the_escapes_are_json_s() -> None:
    assert shown("a\x1bb") == "a\\u001bb"
    assert shown("x\u202ey") == "x\\u202ey"
    assert shown("1\n2\t3") == "1\\n2\\t3"
    assert shown("\U000e0041") == "\\udb40\\udc41"  # a surrogate pair, as JSON writes it


def test_plain_text_in_any_script_is_untouched() -> None:
    for text in (
        "Hip strength",
        "Hüftkräftigung",
        "臀部",
        "تمرين",
        "ورزش\u200cها",
        "👩\u200d👧",
        "a\u00a0b",
    ):
        assert shown(text) == text


@given(st.text())
def test_shown_is_safe_idempotent_and_reversible_as_json(text: str) -> None:
    once = shown(text)
    assert _terminal_safe(once)
    assert shown(once) == once
    assert all(is_unsafe(c) == (c != shown(c)) for c in text)
    # in a JSON string the escapes mean what they replaced
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    assert json.loads(f'"{shown(body)}"') == text
