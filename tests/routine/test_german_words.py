"""The routine wing in German: dose words with their plurals, decimal commas, the minutes of a
routine, the `check` line of a good file, and the faults a physio reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from hiprehab.routine.errors import RoutineError
from hiprehab.routine.loader import load_routine_text
from hiprehab.routine.model import Exercise, Routine
from hiprehab.routine.report import check_file, text_report
from hiprehab.routine.wording import dosing_text, length_text, seconds_text

pytestmark = pytest.mark.usefixtures("german")


def exercise(**changes: object) -> Exercise:
    values: dict[str, object] = {
        "name": "Brücke", "sides": "both", "sets": 3, "reps": 12, "hold": 0.0,
        "seconds_per_rep": 3.0, "rest": 30.0,
    }  # fmt: skip
    values.update(changes)
    return Exercise(**values)  # type: ignore[arg-type]


def test_dose_words_take_the_german_plural() -> None:
    assert dosing_text(exercise(sides="each")) == (
        "3 Sätze × 12 Wiederholungen, jede Seite, 30 s Pause"
    )
    assert dosing_text(exercise(sets=1, reps=1)) == "1 Satz × 1 Wiederholung"
    assert dosing_text(exercise(reps=10, hold=3, sides="left")) == (
        "3 Sätze × 10 Wiederholungen mit 3 s Halten, nur linke Seite, 30 s Pause"
    )
    assert dosing_text(exercise(reps=None, hold=2.5, sets=2, rest=0)) == "2 Sätze × 2,5 s Halten"


def test_seconds_and_minutes_are_written_as_in_german() -> None:
    assert seconds_text(2.5) == "2,5 s"
    assert seconds_text(30) == "30 s"
    routine = Routine(title="T", exercises=(exercise(reps=None, hold=600, sets=1),))
    assert length_text(routine) == "10 Min."


def test_the_two_halves_of_a_set_are_named_in_german() -> None:
    assert exercise(sides="each").half_name("left") == "linke Seite"
    assert exercise(sides="each").half_name("right") == "rechte Seite"


def test_check_says_a_good_file_is_ok_in_german(tmp_path: Path) -> None:
    path = tmp_path / "gut.toml"
    path.write_text(
        'format = 1\ntitle = "Hüftkraft"\n[[exercise]]\nname = "A"\nreps = 100\n', encoding="utf-8"
    )
    routine, problems = check_file(str(path))
    assert text_report(str(path), routine, problems) == [
        f'{path}: OK: "Hüftkraft", 1 Übung, etwa 5 Min.'
    ]


def faults(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text, source_name="hip.toml", base_dir=None, library={})
    return [problem.describe() for problem in caught.value.problems]


def test_the_faults_are_german_sentences_with_keys_and_values_as_written() -> None:
    text = (
        'format = 1\ntitel = "Hüftkraft"\n[timing]\nprepare = "5"\n'
        '[[exercise]]\nname = "Brücke"\nsets = 0\nreps = 5\ncues = ["", "Knie raus"]\n'
        'sides = "eahc"\n'
        '[[exercise]]\nname = "Wandsitzen"\n'
    )
    assert faults(text) == [
        'Schlüssel "title" fehlt (der Name des Programms, z. B. title = "Hüftkraft")',
        'unbekannter Schlüssel "titel"; meintest du "title"?',
        "timing: prepare: erwartet wird eine Anzahl Sekunden, gefunden wurde ein Text (\"5\")",
        'Übung 1 ("Brücke"): sets: erwartet wird eine ganze Zahl von 1 bis 20, gefunden wurde 0',
        'Übung 1 ("Brücke"): cues: Eintrag 1: erwartet wird ein nicht leerer Text, gefunden '
        "wurde ein leerer Text",
        'Übung 1 ("Brücke"): sides: erwartet wird eines von "both", "each", "left", "right", '
        'gefunden wurde "eahc"; meintest du "each"?',
        'Übung 2 ("Wandsitzen"): braucht Wiederholungen (reps), ein Halten (hold) über 0 '
        "Sekunden oder beides; gefunden wurde keins von beiden",
    ]


def test_a_syntax_error_and_a_count_are_german_too() -> None:
    assert faults('format = 1\ntitle = "Kaputt\n') == [
        "kein gültiges TOML: die Zeile endet mitten in einem Text (ein schließendes "
        "Anführungszeichen fehlt)"
    ]
    many = "format = 1\n" + "".join(f"unbekannt{n} = 1\n" for n in range(60))
    assert faults(many)[-1] == "und 12 weitere Probleme; behebe zuerst diese"  # 62 in all
