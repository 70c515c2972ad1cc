"""With German chosen, no page or dialog shows an English word: the walk (walk.py) stops at every
page and dialog, and every visible text there (labels, buttons, tabs, menus, cells, headers,
tooltips, accessible names, titles) is held against the English catalogue, Qt's own English
words and the English texts of the library and the built-in routines (visible_text.py)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.ui.english_text import english_in
from tests.ui.visible_text import Seen, english_on_screen, visible_texts
from tests.ui.walk import POPUPS, QT_STOPS, STOPS, Walk, qt_speaks_german

QT_REASON = "Qt's translator is installed by the language-switch branch"
# Until the app installs Qt's catalogue with its own (hiprehab/ui/language.py), Qt's words stay
# English: the stops that show them are expected to fail, and must pass once it does.
NO_QT_TRANSLATOR = importlib.util.find_spec("hiprehab.ui.language") is None


def english_at(walk: Walk, stop: str) -> list[str]:
    """Every English text on screen at each screen of `stop`, as "stop, screen: where: text"."""
    found = []
    for screen in STOPS[stop](walk):
        seen: list[Seen] = english_on_screen(visible_texts())
        if stop not in QT_STOPS and not qt_speaks_german():
            seen = [s for s in seen if not s.qt]  # Qt's word, checked at the "qt:" stops
        name = f"{stop}, {screen}" if screen else stop
        found.extend(f"{name}: {s.where}: {s.text!r} ({english_in(s.text)})" for s in seen)
    return list(dict.fromkeys(found))  # a text and its accessible name: once


STOP_PARAMS = [
    pytest.param(stop, marks=pytest.mark.xfail(NO_QT_TRANSLATOR, reason=QT_REASON, strict=True))
    if stop in QT_STOPS
    else stop
    for stop in STOPS
]


@pytest.mark.usefixtures("in_german")
@pytest.mark.parametrize("stop", STOP_PARAMS)
@POPUPS
def test_no_english_on_screen_in_german(walk: Walk, stop: str) -> None:
    found = english_at(walk, stop)
    assert found == [], "English on a German screen:\n" + "\n".join(found)


@pytest.mark.parametrize("stop", ["library", "player: stop question", "qt: message box"])
def test_the_same_walk_finds_english_in_english(walk: Walk, stop: str) -> None:
    """The check is not blind: in English the very same screens are full of English."""
    found = english_at(walk, stop)
    assert len(found) >= 3, found
