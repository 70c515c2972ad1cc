"""Which texts on a German screen are English.

A text is English when it shows

- a line of an English message (hiprehab.pot) that the German catalogue says differently: the
  whole text, with each {placeholder} matching anything; a line of two words or more is found
  inside a longer text too ("By {author}" in "By Sam  ·  3 exercises");
- a line of the library's or a built-in routine's English text that its German translation
  (`[translations.de]`) says differently, in the same way;
- one of Qt's own words (standard buttons, the file dialog) that Qt's catalogue translates;
- or it reads as English though it is in no catalogue (a string not marked for translation
  yet): two English words German does not use ("the", "your"...), or, for half its words or
  more and at least two, words only the English texts use (the catalogue's and the library's
  English words, less every word of their German).

A text that is exactly a line of German (of the catalogue or the library) is German, whatever
English it looks like. The German is read from the German catalogue (the .po) itself, whatever
language is in use: in English the same check finds the English words it must not find in
German; a message left untranslated (or fuzzy) shows its English, and counts as English.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocumentFragment

from hiprehab.i18n.catalogue import DOMAIN, LOCALE_DIR

ROOT = Path(__file__).resolve().parents[2]
POT = LOCALE_DIR / f"{DOMAIN}.pot"
LANGUAGE = "de"
CONTENT_KEYS = ("name", "trains", "instructions", "cues", "mistakes", "easier", "harder", "feel",
                "cautions", "directions", "title", "description")  # fmt: skip
# Qt's own words on its standard buttons and in its file dialog whose German (Qt's catalogue
# qtbase_de) differs; "OK" and "Name" are the same in German.
QT_ENGLISH = frozenset(
    {
        "Abort", "Apply", "Cancel", "Close", "Discard", "Help", "Ignore", "No", "No to All",
        "Open", "Reset", "Restore Defaults", "Retry", "Save", "Save All", "Yes", "Yes to All",
        "Back", "Create New Folder", "Date Modified", "Detail View", "Drive", "File name:",
        "Files", "Files of type:", "Forward", "List View", "Look in:", "Parent Directory",
        "Sidebar", "Size", "Type",
    }
)  # fmt: skip
# Words of English that German does not use: a text with two of them is an English sentence.
FUNCTION_WORDS = frozenset(
    {"the", "and", "your", "you", "of", "with", "for", "this", "that", "is", "are", "was", "not",
     "to", "be", "it", "its", "have", "has", "from"}
)  # fmt: skip
PATH_LIKE = re.compile(r"[\\/]\S*[\\/]|\.\w{2,4}\b")  # a file's path or name: not words
_FIELD = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[^\W\d_]{2,}")


def plain(text: str) -> str:
    """The text a widget shows: rich text as plain text, without its accelerators' &."""
    if GuiQt.mightBeRichText(text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_FIELD.sub(" ", text))]


def _pattern(line: str) -> re.Pattern[str]:
    """A line of English as a pattern: each {placeholder} matches anything (a character at
    least); a line of two words or more is found inside a longer text too, at word edges."""
    body = r".+?".join(re.escape(part) for part in _FIELD.split(line))
    if len(_words(line)) >= 2:
        start = r"(?<!\w)" if re.match(r"\w", line) else ""
        end = r"(?!\w)" if re.search(r"\w$", line) else ""
        return re.compile(start + body + end, re.DOTALL)
    # one word: the whole text, or a numbered or bulleted line, or with a note in brackets
    return re.compile(r"\s*(?:\d+\.\s*|•\s*)?" + body + r"\s*(?:\(.*\))?", re.DOTALL)


def _lines(value: object) -> list[str]:
    if isinstance(value, str):
        return [line.strip() for line in plain(value).splitlines() if line.strip()]
    if isinstance(value, list):
        return [line for item in value for line in _lines(item)]
    return []


@cache
def _catalogue() -> tuple[tuple[str, str | None], ...]:
    """(English, German) for every form of every message of the template; the German is None
    where the catalogue has none (untranslated or fuzzy: the app shows the English)."""
    with (LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as file:
        translated = {
            (m.id, m.context): m.string for m in read_po(file) if m.id and not m.fuzzy
        }
    with POT.open("rb") as file:
        template = read_po(file)
    pairs: list[tuple[str, str | None]] = []
    for message in template:
        if not message.id:
            continue
        forms = message.id if isinstance(message.id, tuple) else (message.id,)
        german = translated.get((message.id, message.context))
        germans = german if isinstance(german, tuple) else (german,)
        for number, form in enumerate(forms):
            said = germans[min(number, len(germans) - 1)]
            pairs.append((form, said or None))
    return tuple(pairs)


@cache
def _content() -> tuple[tuple[object, object], ...]:
    """(English, German) for every text of the library and the built-in routines (a string or
    a list of them; the German None where there is none)."""
    pairs: list[tuple[object, object]] = []
    for path in sorted((ROOT / "routines").rglob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        german = data.get("translations", {}).get(LANGUAGE, {})
        for key in CONTENT_KEYS:
            if key in data:
                pairs.append((data[key], german.get(key)))
    return tuple(pairs)


@cache
def english_lines() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """Each line of English (catalogue first, then library) that its German says differently:
    where it is from ("catalogue: '…'"), the line, its pattern."""
    found: dict[str, tuple[str, str, re.Pattern[str]]] = {}
    sources: tuple[tuple[str, tuple[tuple[object, object], ...]], ...] = (
        ("catalogue", _catalogue()),
        ("library or routine", _content()),
    )
    for source, pairs in sources:
        for english, german in pairs:
            if english == german:
                continue
            same = set(_lines(german))
            for line in _lines(english):
                key = f"{source}: {line!r}"
                if _words(line) and line not in same and key not in found:
                    found[key] = (key, line, _pattern(line))
    return tuple(found.values())


@cache
def german_lines() -> frozenset[str]:
    """Every line of German in the catalogue and the library: German on screen whatever English
    it looks like (the rest step's "Pause" is the English pause button's word too)."""
    return frozenset(
        line for pairs in (_catalogue(), _content()) for _, de in pairs for line in _lines(de)
    )


@cache
def english_only_words() -> frozenset[str]:
    """Words the English texts use and their German never does."""
    english: set[str] = set()
    german: set[str] = set()
    for pairs in (_catalogue(), _content()):
        for en, de in pairs:
            english.update(w for line in _lines(en) for w in _words(line))
            german.update(w for line in _lines(de) for w in _words(line))
    return frozenset(english - german)


@cache
def _lookup() -> tuple[re.Pattern[str], tuple[tuple[str, str, re.Pattern[str]], ...]]:
    """For speed: the one-word lines as one pattern (a whole text), and the longer ones each
    with its longest fixed part, to look for before its pattern is tried."""
    whole, inside = [], []
    for why, line, pattern in english_lines():
        if len(_words(line)) >= 2:
            inside.append((max(_FIELD.split(line), key=len), why, pattern))
        else:
            whole.append(pattern.pattern)
    return re.compile("|".join(f"(?:{p})" for p in whole), re.DOTALL), tuple(inside)


def reads_as_english(text: str) -> bool:
    """English by its words, though in no catalogue (see the module's description)."""
    if PATH_LIKE.search(text):
        return False
    words = set(_words(text))
    if len(words & FUNCTION_WORDS) >= 2:
        return True
    only = words & english_only_words()
    return len(only) >= 2 and 2 * len(only) >= len(words)


@cache
def english_in(text: str) -> str | None:
    """Why `text` is English (the message, library text or Qt word it shows), or None."""
    text = text.strip()
    if text in german_lines():
        return None
    if text in QT_ENGLISH:
        return "Qt's own word"
    whole, inside = _lookup()
    for fixed, why, pattern in inside:
        if fixed in text and pattern.search(text):
            return why
    if whole.fullmatch(text):
        return next((why for why, _, pattern in english_lines() if pattern.fullmatch(text)), "?")
    if reads_as_english(text):
        return "reads as English (in no catalogue)"
    return None
