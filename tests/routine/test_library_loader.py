"""The exercise-library loader: strict checks of `routines/library/<id>.toml` files, all faults
of all files at once, and the cached built-in library."""

from __future__ import annotations

from pathlib import Path

import pytest

from hiprehab.routine.errors import Problem, RoutineError
from hiprehab.routine.library import DoseRange, LibraryExercise, default_library, load_library
from hiprehab.routine.model import Dosing

GOOD = """\
format = 1
id = "{id}"
name = "Clamshell"
trains = "Outer hip"
sides = "each"
illustration = "clamshell"
instructions = \"\"\"Lie on your side. Lift the top knee. Lower it slowly.\"\"\"
cues = ["Hips stacked", "Heels together"]
mistakes = ["Rolling back"]
easier = "Smaller range."
harder = "Add a band."
feel = "A warm burn in the side of the hip."

[dosing]
sets = 3
reps = 15

[range]
sets = [1, 3]
reps = [10, 20]
"""

SPEC_IDS = {
    "lateral-band-walk", "monster-walk", "clamshell", "bridge", "hamstring-stretch",
    "butterfly-stretch", "plank", "side-plank", "leg-swing", "hip-flexor-stretch",
    "piriformis-stretch", "single-leg-squat", "dead-bug", "bird-dog", "calf-raise", "step-up",
    "lateral-lunge", "foam-roll",
}  # fmt: skip


def write(folder: Path, ident: str, text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ident}.toml"
    path.write_text(GOOD.format(id=ident) if text is None else text, encoding="utf-8")
    return path


def faults(tmp_path: Path, text: str, ident: str = "clamshell") -> list[Problem]:
    write(tmp_path, ident, text)
    with pytest.raises(RoutineError) as caught:
        load_library(tmp_path)
    assert caught.value.source == str(tmp_path / f"{ident}.toml")
    return caught.value.problems


def only_fault(tmp_path: Path, text: str, ident: str = "clamshell") -> Problem:
    found = faults(tmp_path, text, ident)
    assert len(found) == 1, found
    return found[0]


def good(**changes: str) -> str:
    """GOOD with some `key = value` lines replaced (value "" removes the line)."""
    lines = GOOD.format(id="clamshell").splitlines()
    for key, value in changes.items():
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{key} ="))
        lines[index] = f"{key} = {value}" if value else ""
    return "\n".join(lines) + "\n"


def test_a_valid_file_becomes_a_library_exercise(tmp_path: Path) -> None:
    write(tmp_path, "clamshell")
    assert load_library(tmp_path) == {
        "clamshell": LibraryExercise(
            id="clamshell",
            name="Clamshell",
            trains="Outer hip",
            sides="each",
            illustration="clamshell",
            instructions="Lie on your side. Lift the top knee. Lower it slowly.",
            cues=("Hips stacked", "Heels together"),
            mistakes=("Rolling back",),
            easier="Smaller range.",
            harder="Add a band.",
            dosing=Dosing(sets=3, reps=15, hold=0, seconds_per_rep=3, rest=None),
            dose_range=DoseRange(sets=(1, 3), reps=(10, 20)),
            feel="A warm burn in the side of the hip.",
        )
    }


def test_cautions_and_directions_are_read(tmp_path: Path) -> None:
    text = good(
        harder='"Add a band."\ncautions = ["Lie on the other side.", "Keep it small."]',
        sides='"each"\ndirections = ["forward", "back"]',
    )
    write(tmp_path, "clamshell", text)
    exercise = load_library(tmp_path)["clamshell"]
    assert exercise.cautions == ("Lie on the other side.", "Keep it small.")
    assert exercise.directions == ("forward", "back")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sides": '"both"\ndirections = ["forward", "back"]'}, 'directions needs sides = "each"'),
        ({"sides": '"each"\ndirections = ["forward"]'}, "expected exactly 2 items, found 1"),
        ({"sides": '"each"\ndirections = ["up", "Up"]'}, "expected two different names"),
        ({"sides": '"each"\ndirections = ["up", ""]'}, "item 2: expected a non-empty string"),
        ({"harder": '"Add a band."\ncautions = ["a", "b", "c", "d", "e"]'}, "expected 0 to 4"),
        ({"feel": '" "'}, "expected a non-empty string"),
    ],
)
def test_directions_cautions_and_feel_are_checked(
    tmp_path: Path, changes: dict[str, str], message: str
) -> None:
    problem = only_fault(tmp_path, good(**changes))
    assert problem.message.startswith(message), problem


def test_library_is_sorted_by_id_and_ignores_other_files(tmp_path: Path) -> None:
    for ident in ("step-up", "bridge", "clamshell"):
        write(tmp_path, ident)
    (tmp_path / "README.md").write_text("not an exercise")
    assert list(load_library(tmp_path)) == ["bridge", "clamshell", "step-up"]


def test_an_empty_folder_is_an_empty_library(tmp_path: Path) -> None:
    assert load_library(tmp_path) == {}


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RoutineError) as caught:
        load_library(tmp_path / "nope")
    assert caught.value.problems[0].message == "the exercise library folder is missing"


def test_full_dosing_is_read(tmp_path: Path) -> None:
    text = GOOD.format(id="clamshell").replace(
        "reps = 15\n", "reps = 15\nhold = 2\nseconds_per_rep = 4.5\nrest = 30\n"
    )
    write(tmp_path, "clamshell", text)
    assert load_library(tmp_path)["clamshell"].dosing == Dosing(3, 15, 2, 4.5, 30)


@pytest.mark.parametrize(
    "key",
    [
        "id", "name", "trains", "sides", "illustration", "instructions", "cues", "mistakes",
        "easier", "feel",
    ],  # fmt: skip
)
def test_every_key_is_required(tmp_path: Path, key: str) -> None:
    problem = only_fault(tmp_path, good(**{key: ""}))
    assert problem.message.startswith(f'missing key "{key}"')


def test_dosing_and_its_sets_are_required(tmp_path: Path) -> None:
    without_dosing = GOOD.format(id="clamshell").replace("[dosing]\nsets = 3\nreps = 15\n", "")
    assert only_fault(tmp_path, without_dosing).message.startswith('missing key "dosing"')
    problem = only_fault(tmp_path, without_dosing + "[dosing]\nreps = 5\n")
    assert (problem.path, problem.message) == ("dosing", 'missing key "sets"')


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    problem = only_fault(tmp_path, good(id='"clam"'))
    assert (problem.path, problem.line, problem.column) == ("id", 2, 1)
    assert problem.message == 'expected "clamshell" (the file name without .toml), found "clam"'


def test_file_name_must_be_a_plain_id(tmp_path: Path) -> None:
    problem = only_fault(tmp_path, GOOD.format(id="Clam_Shell"), ident="Clam_Shell")
    assert problem.message == 'the file name "Clam_Shell" may use only a-z, 0-9 and -'


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"cues": '["one"]'}, "cues", "expected 2 to 4 items, found 1"),
        ({"cues": '["a", "b", "c", "d", "e"]'}, "cues", "expected 2 to 4 items, found 5"),
        ({"mistakes": "[]"}, "mistakes", "expected 1 to 4 items, found 0"),
        ({"mistakes": '["a", "b", "c", "d", "e"]'}, "mistakes", "expected 1 to 4 items, found 5"),
        (
            {"sides": '"all"'},
            "sides",
            'expected one of "both", "each", "left", "right", found "all"',
        ),
        ({"name": '""'}, "name", "expected a non-empty string, found an empty string"),
        ({"trains": "3"}, "trains", "expected a string, found an integer (3)"),
        (
            {"illustration": '"Clam Shell"'},
            "illustration",
            'expected a name made of a-z, 0-9 and -, found "Clam Shell"',
        ),
        ({"sets": "0"}, "dosing: sets", "expected an integer from 1 to 20, found 0"),
        ({"reps": "true"}, "dosing: reps", "expected an integer, found a boolean (true)"),
        (
            {"reps": "", "sets": "3\nhold = 1e-7"},
            "dosing: hold",
            "expected at least 0.001 seconds (or 0 for no hold), found 1e-07",
        ),
        ({"format": "1.0"}, "format", "expected an integer, found a decimal number (1.0)"),
    ],
)
def test_values_are_checked(
    tmp_path: Path, changes: dict[str, str], path: str, message: str
) -> None:
    problem = only_fault(tmp_path, good(**changes))
    assert (problem.path, problem.message) == (path, message)
    assert problem.line is not None and problem.column is not None


def test_faults_name_the_column_of_their_key_after_a_byte_order_mark(tmp_path: Path) -> None:
    text = "\ufeff" + GOOD.format(id="clamshell").replace("sets = 3", "\t  sets = 0")
    problem = only_fault(tmp_path, text)
    assert problem.path == "dosing: sets"
    assert (problem.line, problem.column) == (15, 4)  # the mark is not a column


def test_library_dosing_needs_reps_or_hold(tmp_path: Path) -> None:
    problem = only_fault(tmp_path, good(reps=""))
    assert problem.path == "dosing"
    assert problem.message.startswith("needs reps, or a hold above 0 seconds")


def test_unknown_keys_get_a_did_you_mean(tmp_path: Path) -> None:
    found = faults(tmp_path, GOOD.format(id="clamshell").replace("easier", "easer") + "sest = 2\n")
    # the last table of GOOD is [range], so the stray key lands there
    assert [(p.path, p.message) for p in found] == [
        (None, 'missing key "easier" (every library file has it)'),
        (None, 'unknown key "easer"; did you mean "easier"?'),
        ("range", 'unknown key "sest"; did you mean "sets"?'),
    ]


def test_format_2_needs_a_newer_hiprehab(tmp_path: Path) -> None:
    problem = only_fault(tmp_path, good(format="2") + "new_key = 1\n")
    assert "newer version of hiprehab" in problem.message


def test_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    problem = only_fault(tmp_path, 'format = 1\nid = "clamshell\n')
    assert (problem.line, problem.column) == (2, 16)


def test_all_faults_of_all_files_are_reported_together(tmp_path: Path) -> None:
    write(tmp_path, "bridge", good(name='""').replace('"clamshell"', '"bridge"', 1))
    write(tmp_path, "clamshell")
    write(tmp_path, "plank", good(sides='"up"', sets="99").replace('"clamshell"', '"plank"', 1))
    with pytest.raises(RoutineError) as caught:
        load_library(tmp_path)
    assert caught.value.source == str(tmp_path)
    assert [p.path for p in caught.value.problems] == [
        "bridge.toml: name",
        "plank.toml: sides",
        "plank.toml: dosing: sets",
    ]


def test_the_built_in_library_loads_once_and_holds_every_documented_id() -> None:
    library = default_library()
    assert default_library() is library
    assert set(library) >= SPEC_IDS
    assert list(library) == sorted(library)
    with pytest.raises(TypeError):
        library["new"] = library["bridge"]  # type: ignore[index]
    for ident, exercise in library.items():
        assert exercise.id == ident
        assert exercise.dosing.reps is not None or exercise.dosing.hold > 0


def test_the_format_doc_lists_every_library_id_with_its_name() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "routine-format.md").read_text("utf-8")
    for ident, exercise in default_library().items():
        assert f"| `{ident}` | {exercise.name} | {exercise.sides} |" in doc, ident


def test_the_range_table_is_checked(tmp_path: Path) -> None:
    text = GOOD.format(id="clamshell").replace("reps = [10, 20]", "reps = [20, 10]")
    fault = only_fault(tmp_path, text)
    assert fault.path == "range: reps"
    assert "[low, high]" in fault.message
    missing = GOOD.format(id="clamshell").replace("[range]\nsets = [1, 3]\nreps = [10, 20]\n", "")
    assert only_fault(tmp_path, missing).message.startswith('missing key "range"')


def test_every_library_default_dose_lies_in_its_sourced_range() -> None:
    for exercise in default_library().values():
        dosing = exercise.dosing
        assert exercise.dose_range.allows(dosing.sets, dosing.reps, dosing.hold), exercise.id
