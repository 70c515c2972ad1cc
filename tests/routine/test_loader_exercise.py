"""Routine format 1, exercise entries: types and bounds of every key, `use` of the library and its
dosing rules, the "needs reps or hold" rule, and durations checked against numbers worked out by
hand (written out below, not recomputed with the code under test).
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from hiprehab.routine import library as library_module
from hiprehab.routine.errors import Problem, RoutineError
from hiprehab.routine.library import DoseRange, LibraryExercise
from hiprehab.routine.loader import load_routine_text
from hiprehab.routine.model import Dosing, Exercise, Routine
from hiprehab.routine.report import minutes


def library_exercise(ident: str, sides: str, dosing: Dosing) -> LibraryExercise:
    return LibraryExercise(
        id=ident,
        name=ident.replace("-", " ").capitalize(),
        trains="Outer hip",
        sides=sides,  # type: ignore[arg-type]
        illustration=f"{ident}-drawing",
        instructions=f"How to do {ident}.",
        cues=(f"{ident} cue one", f"{ident} cue two"),
        mistakes=("Rushing",),
        easier="Smaller range.",
        harder="Add a band.",
        dosing=dosing,
        dose_range=DoseRange(sets=(1, 20)),
    )


LIBRARY: Mapping[str, LibraryExercise] = {
    "clam": library_exercise("clam", "each", Dosing(3, 12, 0, 2, 40)),
    "long-stretch": library_exercise("long-stretch", "both", Dosing(2, None, 45, 3, None)),
    "bridge": library_exercise("bridge", "both", Dosing(3, 10, 3, 2, None)),
}

HEAD = 'format = 1\ntitle = "Test"\n'


def load(text: str, library: Mapping[str, LibraryExercise] = LIBRARY) -> Routine:
    return load_routine_text(text, source_name="r.toml", base_dir=None, library=library)


def one(entry: str, timing: str = "") -> Exercise:
    (exercise,) = load(HEAD + timing + "[[exercise]]\n" + entry).exercises
    return exercise


def problems(text: str) -> list[Problem]:
    with pytest.raises(RoutineError) as caught:
        load(text)
    return caught.value.problems


def only_problem(entry: str) -> Problem:
    found = problems(HEAD + "[[exercise]]\n" + entry)
    assert len(found) == 1, found
    return found[0]


# --- dosing keys: bounds at both ends and every bad type ----------------------------------------

INTEGER_KEYS = {"sets": (1, 20), "reps": (1, 200)}
SECONDS_KEYS = {"hold": ("0", "600"), "seconds_per_rep": ("0.5", "30"), "rest": ("0", "600")}


def base_for(key: str) -> str:
    """A valid inline entry that does not set `key` (and stays valid whatever `key` becomes)."""
    return 'name = "Lift"\n' + ("hold = 30\n" if key == "reps" else "reps = 5\n")


@pytest.mark.parametrize(("key", "bounds"), INTEGER_KEYS.items())
def test_integer_dosing_keys_accept_both_ends(key: str, bounds: tuple[int, int]) -> None:
    for value in bounds:
        assert getattr(one(base_for(key) + f"{key} = {value}\n"), key) == value


@pytest.mark.parametrize(("key", "bounds"), SECONDS_KEYS.items())
def test_seconds_dosing_keys_accept_both_ends(key: str, bounds: tuple[str, str]) -> None:
    for value in bounds:
        assert getattr(one(base_for(key) + f"{key} = {value}\n"), key) == float(value)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("sets", "0", "expected an integer from 1 to 20, found 0"),
        ("sets", "21", "expected an integer from 1 to 20, found 21"),
        ("reps", "0", "expected an integer from 1 to 200, found 0"),
        ("reps", "201", "expected an integer from 1 to 200, found 201"),
        ("reps", "-3", "expected an integer from 1 to 200, found -3"),
        ("hold", "-1", "expected a number of seconds from 0 to 600, found -1"),
        ("hold", "600.1", "expected a number of seconds from 0 to 600, found 600.1"),
        ("hold", "1e-7", "expected at least 0.001 seconds (or 0 for no hold), found 1e-07"),
        ("hold", "0.000999", "expected at least 0.001 seconds (or 0 for no hold), found 0.000999"),
        ("hold", "5e-324", "expected at least 0.001 seconds (or 0 for no hold), found 5e-324"),
        ("seconds_per_rep", "0.4", "expected a number of seconds from 0.5 to 30, found 0.4"),
        ("seconds_per_rep", "0", "expected a number of seconds from 0.5 to 30, found 0"),
        ("seconds_per_rep", "30.5", "expected a number of seconds from 0.5 to 30, found 30.5"),
        ("rest", "-0.5", "expected a number of seconds from 0 to 600, found -0.5"),
        ("rest", "601", "expected a number of seconds from 0 to 600, found 601"),
    ],
)
def test_dosing_bounds(key: str, value: str, message: str) -> None:
    problem = only_problem(base_for(key) + f"{key} = {value}\n")
    assert (problem.path, problem.message, problem.line) == (
        f'exercise 1 ("Lift"): {key}',
        message,
        6,
    )


BAD_VALUES = [
    ("true", "a boolean (true)"),
    ("false", "a boolean (false)"),
    ('"10"', 'a string ("10")'),
    ("nan", "nan (not a number)"),
    ("+inf", "inf (infinity, not a number)"),
    ("-inf", "-inf (infinity, not a number)"),
    ("[10]", "an array of 1 item"),
    ("{ n = 10 }", "a table"),
    ("07:32:00", "a date or time (07:32:00)"),
]


@pytest.mark.parametrize("key", INTEGER_KEYS)
@pytest.mark.parametrize(("value", "found"), [*BAD_VALUES, ("2.5", "a decimal number (2.5)")])
def test_integer_dosing_keys_refuse_other_types(key: str, value: str, found: str) -> None:
    problem = only_problem(base_for(key) + f"{key} = {value}\n")
    assert problem.message == f"expected an integer, found {found}"
    assert problem.path == f'exercise 1 ("Lift"): {key}'


@pytest.mark.parametrize("key", SECONDS_KEYS)
@pytest.mark.parametrize(("value", "found"), BAD_VALUES)
def test_seconds_dosing_keys_refuse_other_types(key: str, value: str, found: str) -> None:
    problem = only_problem(base_for(key) + f"{key} = {value}\n")
    assert problem.message == f"expected a number of seconds, found {found}"


def test_seconds_may_be_integers_or_floats_but_not_float_for_int() -> None:
    exercise = one('name = "Lift"\nreps = 4\nseconds_per_rep = 2.5\nhold = 1\nrest = 12.25\n')
    assert (exercise.seconds_per_rep, exercise.hold, exercise.rest) == (2.5, 1, 12.25)
    assert only_problem('name = "Lift"\nreps = 4.0\n').message == (
        "expected an integer, found a decimal number (4.0)"
    )


# --- the other keys of an entry ------------------------------------------------------------------


def test_inline_exercise_needs_a_name() -> None:
    problem = only_problem("reps = 5\n")
    assert problem.path == "exercise 1"
    assert problem.message.startswith('missing key "name"')
    assert problem.line == 3  # the [[exercise]] header


@pytest.mark.parametrize(
    ("entry", "path", "message"),
    [
        ("name = 5\nreps = 5\n", "exercise 1: name", "expected a string, found an integer (5)"),
        (
            'name = ""\nreps = 5\n',
            "exercise 1: name",
            "expected a non-empty string, found an empty string",
        ),
        (
            'name = "A"\nreps = 5\ninstructions = 3\n',
            'exercise 1 ("A"): instructions',
            "expected a string, found an integer (3)",
        ),
        (
            'name = "A"\nreps = 5\ncues = "Slowly"\n',
            'exercise 1 ("A"): cues',
            'expected an array of strings, found a string ("Slowly")',
        ),
        (
            'name = "A"\nreps = 5\ncues = ["ok", 2]\n',
            'exercise 1 ("A"): cues',
            "item 2: expected a non-empty string, found an integer (2)",
        ),
        (
            'name = "A"\nreps = 5\nsides = "eahc"\n',
            'exercise 1 ("A"): sides',
            'expected one of "both", "each", "left", "right", found "eahc"; did you mean "each"?',
        ),
        (
            'name = "A"\nreps = 5\nsides = 2\n',
            'exercise 1 ("A"): sides',
            'expected one of "both", "each", "left", "right", found an integer (2)',
        ),
        ("use = 3\n", "exercise 1: use", "expected a string, found an integer (3)"),
    ],
)
def test_entry_key_types(entry: str, path: str, message: str) -> None:
    problem = only_problem(entry)
    assert (problem.path, problem.message) == (path, message)


@pytest.mark.parametrize("sides", ["both", "each", "left", "right"])
def test_every_side_value_is_accepted(sides: str) -> None:
    assert one(f'name = "A"\nreps = 5\nsides = "{sides}"\n').sides == sides


def test_inline_exercise_defaults() -> None:
    exercise = one('name = "Wall sit"\nhold = 40\ninstructions = ""\n')
    assert (exercise.sides, exercise.sets, exercise.reps, exercise.seconds_per_rep) == (
        "both",
        1,
        None,
        3,
    )
    assert (exercise.library_id, exercise.illustration, exercise.image) == (None, None, None)
    assert (exercise.instructions, exercise.cues) == ("", ())


# --- needs reps, or a hold above 0, or both -----------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "found"),
    [
        ('name = "A"\n', "neither"),
        ('name = "A"\nsets = 3\n', "neither"),
        ('name = "A"\nhold = 0\n', "a hold of 0 seconds"),
        ('use = "long-stretch"\nhold = 0\n', "a hold of 0 seconds"),  # names hold: no library dose
    ],
)
def test_an_exercise_needs_reps_or_a_hold(entry: str, found: str) -> None:
    problem = only_problem(entry)
    assert problem.message == f"needs reps, or a hold above 0 seconds, or both; found {found}"
    assert problem.line == 3


@pytest.mark.parametrize(
    ("entry", "reps", "hold"),
    [
        ('name = "A"\nreps = 1\n', 1, 0),
        ('name = "A"\nhold = 0.5\n', None, 0.5),
        ('name = "A"\nreps = 3\nhold = 2\n', 3, 2),
        ('name = "A"\nreps = 3\nhold = 0\n', 3, 0),
    ],
)
def test_reps_or_hold_or_both_is_enough(entry: str, reps: int | None, hold: float) -> None:
    exercise = one(entry)
    assert (exercise.reps, exercise.hold) == (reps, hold)


def test_a_bad_reps_value_is_not_also_reported_as_missing() -> None:
    assert only_problem('name = "A"\nreps = 0\n').path == 'exercise 1 ("A"): reps'


def test_a_hold_too_short_to_time_is_refused_not_taken_as_a_hold_of_0() -> None:
    problem = only_problem('name = "A"\nhold = 1e-7\n')  # once rounded to 0 us: a 0 s step
    assert problem.path == 'exercise 1 ("A"): hold'
    assert problem.message.startswith("expected at least 0.001 seconds")
    problem = only_problem('use = "clam"\nhold = 0.0001\n')  # replaces the library dose
    assert problem.path == 'exercise 1 ("clam"): hold'


def test_the_shortest_hold_is_a_thousandth_of_a_second() -> None:
    exercise = one('name = "A"\nhold = 0.001\n')
    assert exercise.hold == 0.001 and exercise.work_us == 1000


# --- use of the library ------------------------------------------------------------------------


def test_use_takes_everything_from_the_library() -> None:
    exercise = one('use = "clam"\n')
    assert (exercise.name, exercise.sides, exercise.library_id, exercise.illustration) == (
        "Clam",
        "each",
        "clam",
        "clam-drawing",
    )
    assert (exercise.instructions, exercise.cues) == (
        "How to do clam.",
        ("clam cue one", "clam cue two"),
    )
    assert (
        exercise.sets,
        exercise.reps,
        exercise.hold,
        exercise.seconds_per_rep,
        exercise.rest,
    ) == (
        3,
        12,
        0,
        2,
        40,
    )
    assert exercise.image is None


def test_use_entry_overrides_name_text_cues_and_sides() -> None:
    exercise = one(
        'use = "clam"\nname = "Band clam"\ninstructions = "Mine."\n'
        'cues = ["Mine"]\nsides = "left"\n'
    )
    assert (exercise.name, exercise.instructions, exercise.cues, exercise.sides) == (
        "Band clam",
        "Mine.",
        ("Mine",),
        "left",
    )
    assert exercise.library_id == "clam"


@pytest.mark.parametrize(
    ("extra", "dosing"),
    [
        ("sets = 1\n", (1, 12, 0, 2, 40)),  # library dosing, sets overridden
        ("rest = 10\n", (3, 12, 0, 2, 10)),  # rest overridden
        ("seconds_per_rep = 5\nsets = 2\n", (2, 12, 0, 5, 40)),
    ],
)
def test_library_dosing_applies_with_overrides(extra: str, dosing: tuple[object, ...]) -> None:
    exercise = one('use = "clam"\n' + extra)
    got = (exercise.sets, exercise.reps, exercise.hold, exercise.seconds_per_rep, exercise.rest)
    assert got == dosing


@pytest.mark.parametrize(
    ("extra", "dosing"),
    [
        # Naming reps or hold drops the library dosing: format defaults fill the rest.
        ("reps = 5\n", (1, 5, 0, 3, 30)),
        ("hold = 20\n", (1, None, 20, 3, 30)),
        ("reps = 8\nsets = 2\n", (2, 8, 0, 3, 30)),
        ("hold = 5\nreps = 6\nrest = 0\n", (1, 6, 5, 3, 0)),
    ],
)
def test_naming_reps_or_hold_drops_library_dosing(extra: str, dosing: tuple[object, ...]) -> None:
    exercise = one('use = "clam"\n' + extra)
    got = (exercise.sets, exercise.reps, exercise.hold, exercise.seconds_per_rep, exercise.rest)
    assert got == dosing


def test_library_without_rest_uses_the_routines_rest_between_sets() -> None:
    exercise = one('use = "long-stretch"\n', timing="[timing]\nrest_between_sets = 17\n")
    assert (exercise.sets, exercise.reps, exercise.hold, exercise.rest) == (2, None, 45, 17)


def test_unknown_library_id_suggests_a_close_one() -> None:
    problem = only_problem('use = "clamm"\n')
    assert problem.path == 'exercise 1 ("clamm"): use'
    assert problem.message == 'unknown library exercise "clamm"; did you mean "clam"?'
    assert problem.line == 4


def test_unknown_library_id_without_a_close_one() -> None:
    assert only_problem('use = "zzz"\n').message == 'unknown library exercise "zzz"'


def test_unknown_library_id_is_not_also_missing_reps() -> None:
    found = problems(HEAD + '[[exercise]]\nuse = "nope"\n[[exercise]]\nuse = "nope2"\nsets = 0\n')
    assert [p.path for p in found] == [
        'exercise 1 ("nope"): use',
        'exercise 2 ("nope2"): use',
        'exercise 2 ("nope2"): sets',
    ]


def test_the_built_in_library_is_used_when_none_is_given() -> None:
    routine = load_routine_text(
        HEAD + '[[exercise]]\nuse = "clamshell"\n', source_name="r.toml", base_dir=None
    )
    (exercise,) = routine.exercises
    assert exercise.library_id == "clamshell"
    assert exercise.name and exercise.instructions and exercise.cues


def test_a_routine_without_use_never_loads_the_library(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> None:
        raise AssertionError("the library was loaded")

    monkeypatch.setattr(library_module, "default_library", fail)
    text = HEAD + '[[exercise]]\nname = "A"\nreps = 3\n'
    assert load_routine_text(text, source_name="r.toml", base_dir=None).title == "Test"


def test_a_broken_library_is_one_clear_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RoutineError("lib/clam.toml", [Problem("not valid TOML: invalid value", 3, 4)])

    monkeypatch.setattr(library_module, "default_library", broken)
    text = HEAD + '[[exercise]]\nuse = "a"\n[[exercise]]\nuse = "b"\n'
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text, source_name="r.toml", base_dir=None)
    (problem,) = caught.value.problems
    assert "exercise library cannot be loaded" in problem.message
    assert "lib/clam.toml" in problem.message
    assert problem.line == 4


# --- durations, worked out by hand -------------------------------------------------------------


def test_duration_with_default_timing() -> None:
    routine = load(
        HEAD
        + '[[exercise]]\nname = "Squat"\nsets = 3\nreps = 10\n'
        + '[[exercise]]\nname = "Side hold"\nsides = "each"\nsets = 2\nhold = 30\nrest = 15\n'
    )
    # Squat: prepare 5 + 3 sets x (10 reps x 3 s) + 2 rests x 30 = 5 + 90 + 60 = 155 s
    # Side hold: 5 + 2 x (30 + switch 5 + 30) + 1 x 15 = 5 + 130 + 15 = 150 s
    # Between the exercises: 30 s.  Total 155 + 150 + 30 = 335 s.
    assert routine.duration_us() == 335_000_000
    assert minutes(routine) == 6  # 5.58 min


def test_duration_with_own_timing_library_dosing_and_floats() -> None:
    routine = load(
        HEAD
        + "[timing]\nprepare = 10\nswitch_sides = 3.5\nrest_between_sets = 20\n"
        + "rest_between_exercises = 45\n"
        + '[[exercise]]\nname = "Lunge"\nsides = "each"\nsets = 2\nreps = 8\nhold = 2.5\n'
        + "seconds_per_rep = 1.5\n"
        + '[[exercise]]\nuse = "clam"\n'
        + '[[exercise]]\nname = "Stretch"\nsides = "left"\nhold = 60\n'
    )
    # Lunge: work 8 x (1.5 + 2.5) = 32; a set 32 + 3.5 + 32 = 67.5; 10 + 2 x 67.5 + 20 = 165 s
    # Clam (library: 3 sets x 12 reps x 2 s, each side, rest 40): work 24; a set 51.5;
    #   10 + 3 x 51.5 + 2 x 40 = 244.5 s
    # Stretch: one side only, one set: 10 + 60 = 70 s
    # Gaps: 2 x 45 = 90.  Total 165 + 244.5 + 70 + 90 = 569.5 s
    assert routine.duration_us() == 569_500_000
    assert minutes(routine) == 9  # 9.49 min


def test_duration_in_whole_microseconds_without_float_drift() -> None:
    routine = load(
        HEAD
        + "[timing]\nprepare = 0.1\nrest_between_exercises = 0.3\n"
        + '[[exercise]]\nname = "A"\nreps = 3\nseconds_per_rep = 0.7\nhold = 0.2\n'
        + '[[exercise]]\nname = "B"\nreps = 1\nseconds_per_rep = 0.5\n'
    )
    # A: 0.1 + 3 x (0.7 + 0.2) = 2.8;  B: 0.1 + 0.5 = 0.6;  gap 0.3.  Total 3.7 s exactly.
    assert routine.duration_us() == 3_700_000
    assert minutes(routine) == 1  # never less than a minute


def test_duration_when_a_use_entry_names_hold() -> None:
    routine = load(HEAD + '[[exercise]]\nuse = "bridge"\nhold = 20\nsets = 2\n')
    # Library dosing dropped: 2 sets of a 20 s hold, rest 30 (timing default), no reps.
    # 5 + 2 x 20 + 1 x 30 = 75 s
    assert routine.duration_us() == 75_000_000
