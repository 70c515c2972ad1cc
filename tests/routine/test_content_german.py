"""The German of the built-in library and routines: complete, and saying what the English says.

Every text key of a library exercise and every routine's title and description has its German in
the file's `[translations.de]` table; lists have as many items as the English (a caution is never
left out); every number of the English is in the German; no reassuring word for pain.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import tomli

from hiprehab import resources
from hiprehab.routine.library import load_library

TEXT_KEYS = (
    "name", "trains", "instructions", "cues", "mistakes", "easier", "harder", "feel",
    "cautions", "directions",
)  # fmt: skip
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# German words that would call a pain or an exercise harmless: never used
REASSURING = re.compile(r"\b(sicher|unbedenklich|harmlos|ungefährlich)\w*", re.IGNORECASE)
MAX_NAME = 28
MAX_CUE_WORDS = 5


def read(path: Path) -> dict[str, Any]:
    with path.open("rb") as file:
        return tomli.load(file)


LIBRARY = sorted(resources.library_dir().glob("*.toml"))
ROUTINES = resources.builtin_routines()


def numbers(value: object) -> list[str]:
    text = " ".join(value) if isinstance(value, list) else str(value)
    return sorted(n.replace(",", ".") for n in NUMBER.findall(text))


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_every_library_text_has_its_german(path: Path) -> None:
    data = read(path)
    german = data["translations"]["de"]
    english_keys = [key for key in TEXT_KEYS if key in data]
    assert sorted(german) == sorted(english_keys), path.stem
    for key in english_keys:
        if isinstance(data[key], list):
            assert len(german[key]) == len(data[key]), (path.stem, key)
        assert numbers(german[key]) == numbers(data[key]), (path.stem, key)
        assert not REASSURING.search(str(german[key])), (path.stem, key)
    assert len(german["name"]) <= MAX_NAME, german["name"]
    assert all(len(cue.split()) <= MAX_CUE_WORDS for cue in german["cues"]), german["cues"]


@pytest.mark.parametrize("path", ROUTINES, ids=lambda p: p.stem)
def test_every_routine_has_its_german_title_and_description(path: Path) -> None:
    data = read(path)
    german = data["translations"]["de"]
    assert sorted(german) == ["description", "title"]
    assert numbers(german["description"]) == numbers(data["description"]), path.stem
    assert "keine medizinische Beratung" in german["description"], path.stem
    assert not REASSURING.search(german["description"]), path.stem


def test_the_library_loads_in_german_with_different_names() -> None:
    library = load_library(resources.library_dir())
    names = {entry.in_language("de").name for entry in library.values()}
    assert len(names) == len(library)
    assert library["bridge"].in_language("de").name == "Brücke"
    assert library["monster-walk"].in_language("de").directions == ("vorwärts", "zurück")
