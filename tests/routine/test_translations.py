"""`[translations.<code>]` tables in routine and library files: each text in the language in
use where the table has it, else the English; a `use` exercise takes the library's texts in that
language unless the routine gives its own; and a bad table is a fault with its file, line and key.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hiprehab.routine.errors import Problem, RoutineError
from hiprehab.routine.exercise_info import exercise_info
from hiprehab.routine.library import LibraryExercise, load_library
from hiprehab.routine.loader import load_routine
from hiprehab.routine.report import text_report
from hiprehab.routine.wording import dosing_text

ROUTINE = """\
format = 1
title = "Hip strength"
description = "Three exercises for the outer hip."

[translations.de]
title = "Hüftkraft"
description = "Drei Übungen für die äußere Hüfte."

[[exercise]]
name = "Wall sit"
instructions = "Slide down the wall."
cues = ["Knees over toes", "Breathe"]
hold = 30

[exercise.translations.de]
name = "Wandsitzen"
cues = ["Knie über den Zehen", "Atmen"]

[[exercise]]
use = "walk"

[[exercise]]
use = "walk"
name = "Band walk, slow"

[[exercise]]
use = "walk"
cues = ["Own cue"]

[exercise.translations.de]
cues = ["Eigene Ansage"]
"""

LIBRARY_WALK = """\
format = 1
id = "walk"
name = "Monster walk"
trains = "Outer hip"
sides = "each"
illustration = "monster-walk"
instructions = "Walk out and back with the band on."
cues = ["Slow, wide steps", "Knees push out"]
mistakes = ["Rushing the steps"]
easier = "A lighter band."
harder = "A stronger band."
feel = "A burn in the side of the hip."
cautions = ["Stop if the knee hurts."]
directions = ["forward", "back"]

[dosing]
sets = 2
reps = 12

[range]
sets = [1, 3]
reps = [10, 15]

[translations.de]
name = "Monster Walk"
trains = "Äußere Hüfte"
cues = ["Langsame, weite Schritte", "Knie nach außen drücken"]
mistakes = ["Zu schnelle Schritte"]
feel = "Ein Brennen an der Seite der Hüfte."
cautions = ["Hör auf, wenn das Knie schmerzt."]
directions = ["vorwärts", "zurück"]
"""


@pytest.fixture
def library(tmp_path: Path) -> dict[str, LibraryExercise]:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "walk.toml").write_text(LIBRARY_WALK, encoding="utf-8")
    return load_library(folder)


def write(folder: Path, text: str, name: str = "routine.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_routine_is_in_english_unless_german_is_asked_for(
    tmp_path: Path, library: dict[str, LibraryExercise]
) -> None:
    routine = load_routine(write(tmp_path, ROUTINE), library)
    assert routine.title == "Hip strength"
    assert routine.description == "Three exercises for the outer hip."
    wall, walk, named, own = routine.exercises
    assert (wall.name, wall.cues) == ("Wall sit", ("Knees over toes", "Breathe"))
    assert (walk.name, walk.cues) == ("Monster walk", ("Slow, wide steps", "Knees push out"))
    assert walk.half_name("left") == "forward"
    assert named.name == "Band walk, slow"
    assert own.cues == ("Own cue",)


@pytest.mark.usefixtures("german")
def test_with_german_chosen_each_text_comes_from_the_german_table(
    tmp_path: Path, library: dict[str, LibraryExercise]
) -> None:
    routine = load_routine(write(tmp_path, ROUTINE), library)  # the language in use: German
    assert routine.title == "Hüftkraft"
    assert routine.description == "Drei Übungen für die äußere Hüfte."
    wall, walk, named, own = routine.exercises
    assert wall.name == "Wandsitzen"
    assert wall.cues == ("Knie über den Zehen", "Atmen")
    assert wall.instructions == "Slide down the wall."  # not translated: the English
    # a `use` exercise takes the library's German ...
    assert walk.name == "Monster Walk"
    assert walk.cues == ("Langsame, weite Schritte", "Knie nach außen drücken")
    assert walk.instructions == "Walk out and back with the band on."  # the library's English
    assert (walk.half_name("left"), walk.half_name("right")) == ("vorwärts", "zurück")
    assert dosing_text(walk).startswith("2 Sätze × 12 Wiederholungen, vorwärts und zurück")
    # ... unless the routine gives its own: then its own German, else its own English
    assert named.name == "Band walk, slow"
    assert named.cues == walk.cues
    assert own.cues == ("Eigene Ansage",)
    assert own.name == "Monster Walk"


def test_the_language_is_a_parameter(tmp_path: Path, library: dict[str, LibraryExercise]) -> None:
    path = write(tmp_path, ROUTINE)
    assert load_routine(path, library, language="de").title == "Hüftkraft"
    assert load_routine(path, library, language="en").title == "Hip strength"
    assert load_routine(path, library, language="fr").title == "Hip strength"  # none: English
    assert library["walk"].in_language("fr") is library["walk"]


@pytest.mark.usefixtures("german")
def test_about_this_exercise_shows_the_librarys_german(
    tmp_path: Path, library: dict[str, LibraryExercise]
) -> None:
    walk = load_routine(write(tmp_path, ROUTINE), library).exercises[1]
    info = exercise_info(walk, library)
    assert info.trains == "Äußere Hüfte"
    assert info.mistakes == ("Zu schnelle Schritte",)
    assert info.cautions == ("Hör auf, wenn das Knie schmerzt.",)
    assert info.easier == "A lighter band."  # not translated: the English
    assert exercise_info(walk, library, language="en").trains == "Outer hip"


# --- faults ------------------------------------------------------------------------------------


def problems(tmp_path: Path, text: str) -> list[Problem]:
    with pytest.raises(RoutineError) as caught:
        load_routine(write(tmp_path, text), {})
    return caught.value.problems


BASE = 'format = 1\ntitle = "T"\n[[exercise]]\nname = "A"\nreps = 5\n'


@pytest.mark.parametrize(
    ("table", "line", "column", "path", "message"),
    [
        (
            '[translations.DE]\ntitle = "X"\n',
            6, 1, "translations.DE",
            'expected a language code of 2 or 3 lowercase letters (such as "de"), found "DE"; '
            'did you mean "de"?',
        ),
        (
            '[translations.de]\ntitel = "X"\n',
            7, 1, "translations.de",
            'unknown key "titel"; did you mean "title"?',
        ),
        (
            '[translations.de]\nname = "X"\n',
            7, 1, "translations.de",
            'unknown key "name" here; it belongs in the exercise\'s own '
            "[exercise.translations.de] table",
        ),
        (
            '[translations.de]\ntitle = ""\n',
            7, 1, "translations.de: title",
            "expected a non-empty string, found an empty string",
        ),
        (
            "[translations.de]\ndescription = 3\n",
            7, 1, "translations.de: description",
            "expected a string, found an integer (3)",
        ),
        (
            'translations = { de = "Hüftkraft" }\n',
            3, 1, "translations.de",
            "expected a table ([translations.de]), found a string (\"Hüftkraft\")",
        ),
        (
            'translations = "de"\n',
            3, 1, "translations",
            'expected a table ([translations.<code>]), found a string ("de")',
        ),
    ],
)  # fmt: skip
def test_a_bad_routine_table_is_a_fault_at_its_place(
    tmp_path: Path, table: str, line: int, column: int, path: str, message: str
) -> None:
    # a [table] goes after the exercise; an inline one at the top, before the [[exercise]]
    text = BASE + table if table.startswith("[") else BASE.replace("[[", table + "[[", 1)
    found = problems(tmp_path, text)
    assert [(p.line, p.column, p.path, p.message) for p in found] == [
        (line, column, path, message)
    ]


def test_a_bad_exercise_table_names_the_exercise(tmp_path: Path) -> None:
    text = BASE + '[exercise.translations.de]\nname = "B"\ncues = ["ok", ""]\ntitle = "T"\n'
    found = problems(tmp_path, text)
    assert [(p.line, p.path, p.message) for p in found] == [
        (8, 'exercise 1 ("A"): translations.de: cues', "item 2: expected a non-empty string, "
         "found an empty string"),
        (9, 'exercise 1 ("A"): translations.de', 'unknown key "title" here; it belongs in the '
         "routine's [translations.de] table at the top"),
    ]  # fmt: skip


def test_check_reports_every_translation_fault_with_file_and_line(tmp_path: Path) -> None:
    text = BASE + '[exercise.translations.Deutsch]\nname = "B"\n'
    path = write(tmp_path, text)
    with pytest.raises(RoutineError) as caught:
        load_routine(path, {})
    assert text_report(str(path), None, caught.value.problems) == [
        f'{path}:6:1: exercise 1 ("A"): translations.Deutsch: expected a language code of 2 or 3 '
        'lowercase letters (such as "de"), found "Deutsch"'
    ]


@pytest.mark.usefixtures("german")
def test_translation_faults_are_in_german_when_german_is_chosen(tmp_path: Path) -> None:
    found = problems(tmp_path, BASE + '[translations.de]\ntitel = "X"\ntitle = ""\n')
    assert [p.describe() for p in found] == [
        'translations.de: unbekannter Schlüssel "titel"; meintest du "title"?',
        "translations.de: title: erwartet wird ein nicht leerer Text, gefunden wurde ein leerer "
        "Text",
    ]


def library_faults(tmp_path: Path, translations: str) -> list[Problem]:
    folder = tmp_path / "library"
    folder.mkdir()
    text = LIBRARY_WALK.split("[translations.de]")[0] + "[translations.de]\n" + translations
    (folder / "walk.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RoutineError) as caught:
        load_library(folder)
    return caught.value.problems


@pytest.mark.parametrize(
    ("translations", "path", "message"),
    [
        (
            'mistakes = ["a", "b", "c", "d", "e"]\n',
            "translations.de: mistakes",
            "expected 1 to 4 items, found 5",
        ),
        ("cues = []\n", "translations.de: cues", "expected 2 to 4 items, found 0"),
        (  # a translation must not leave a caution out, nor add one the English lacks
            "cautions = []\n",
            "translations.de: cautions",
            "expected 1 caution, as many as the English cautions",
        ),
        (
            'cautions = ["Hör auf.", "Pass auf."]\n',
            "translations.de: cautions",
            "expected 1 caution, as many as the English cautions",
        ),
        (
            'directions = ["hin", "HIN"]\n',
            "translations.de: directions",
            'expected two different names, found "hin" twice',
        ),
        (
            'directions = ["hin"]\n',
            "translations.de: directions",
            "expected exactly 2 items, found 1",
        ),
        (
            'feel = " "\n',
            "translations.de: feel",
            'expected a non-empty string, found a string (" ")',
        ),
        (
            'harde = "Mit stärkerem Band."\n',
            "translations.de",
            'unknown key "harde"; did you mean "harder"?',
        ),
        ("dosing = 3\n", "translations.de", 'unknown key "dosing" (known keys: name, trains, '
         "instructions, easier, harder, feel, cues, mistakes, cautions, directions)"),
    ],
)  # fmt: skip
def test_a_bad_library_table_is_a_fault(
    tmp_path: Path, translations: str, path: str, message: str
) -> None:
    found = library_faults(tmp_path, translations)
    assert [(p.path, p.message) for p in found] == [(path, message)]
    assert found[0].line == LIBRARY_WALK.split("[translations.de]")[0].count("\n") + 2


def test_translated_directions_need_a_walk(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    text = LIBRARY_WALK.replace('sides = "each"', 'sides = "both"').replace(
        'directions = ["forward", "back"]\n', ""
    )
    (folder / "walk.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RoutineError) as caught:
        load_library(folder)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("translations.de: directions", 'directions needs sides = "each" (two halves to name)')
    ]
