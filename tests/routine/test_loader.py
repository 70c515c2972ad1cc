"""Routine format 1, top level and file handling: reading bytes, syntax errors, format, title,
schedule, timing, the exercise count, unknown keys, and collecting every fault in one pass.

Exercise entries (types, bounds, library, pictures, durations) are in test_loader_exercise.py
and test_loader_pictures.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import tomli

from hiprehab.routine import loader
from hiprehab.routine.errors import Problem, RoutineError
from hiprehab.routine.loader import load_routine, load_routine_text
from hiprehab.routine.model import Routine, Timing
from hiprehab.routine.syntax_words import syntax_words

WALL_SIT = '[[exercise]]\nname = "Wall sit"\nhold = 30\n'


def doc(head: str = 'format = 1\ntitle = "Test"\n', tail: str = WALL_SIT) -> str:
    return head + tail


def load(text: str) -> Routine:
    return load_routine_text(text, source_name="r.toml", base_dir=None, library={})


def problems(text: str) -> list[Problem]:
    with pytest.raises(RoutineError) as caught:
        load(text)
    assert caught.value.source == "r.toml"
    assert caught.value.problems, "a RoutineError must carry at least one problem"
    return caught.value.problems


def only_problem(text: str) -> Problem:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# --- a minimal valid routine and its defaults ----------------------------------------------------


def test_minimal_routine_gets_the_documented_defaults() -> None:
    routine = load(doc())
    assert routine.title == "Test"
    assert routine.format == 1
    assert routine.sessions_per_week == 3
    assert routine.timing == Timing(
        prepare=5, switch_sides=5, rest_between_sets=30, rest_between_exercises=30
    )
    assert routine.description == "" and routine.author == ""
    assert routine.source is None
    assert routine.text == doc()
    (exercise,) = routine.exercises
    assert (exercise.name, exercise.sides, exercise.sets, exercise.reps) == (
        "Wall sit",
        "both",
        1,
        None,
    )
    assert (exercise.hold, exercise.seconds_per_rep, exercise.rest) == (30, 3, 30)


def test_optional_texts_schedule_and_timing_are_read() -> None:
    routine = load(
        doc(
            'format = 1\ntitle = "Hips"\ndescription = "For runners"\nauthor = "A. Physio"\n'
            "[schedule]\nsessions_per_week = 14\n"
            "[timing]\nprepare = 0\nswitch_sides = 2.5\nrest_between_sets = 600\n"
            "rest_between_exercises = 45\n"
        )
    )
    assert (routine.description, routine.author, routine.sessions_per_week) == (
        "For runners",
        "A. Physio",
        14,
    )
    assert routine.timing == Timing(0, 2.5, 600, 45)
    assert routine.exercises[0].rest == 600  # rest defaults to timing.rest_between_sets


# --- format -------------------------------------------------------------------------------------


def test_missing_format_is_reported() -> None:
    problem = problems('title = "T"\n' + WALL_SIT)[0]
    assert 'missing key "format"' in problem.message


def test_format_2_says_a_newer_hiprehab_is_needed_and_nothing_else() -> None:
    # Keys that format 2 might add are not reported: this version cannot know them.
    problem = only_problem('format = 2\nfancy = "new"\n[[exercise]]\nturbo = true\n')
    assert "newer version of hiprehab" in problem.message
    assert "format 2" in problem.message
    assert (problem.path, problem.line) == ("format", 1)


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("0", "expected 1, found 0"),
        ("-1", "expected 1, found -1"),
        ('"1"', 'expected an integer, found a string ("1")'),
        ("1.0", "expected an integer, found a decimal number (1.0)"),
        ("true", "expected an integer, found a boolean (true)"),
    ],
)
def test_format_must_be_the_integer_1(value: str, found: str) -> None:
    problem = only_problem(doc(f'format = {value}\ntitle = "T"\n'))
    assert (problem.path, problem.message, problem.line) == ("format", found, 1)


# --- title, description, author ----------------------------------------------------------------


def test_missing_title() -> None:
    problem = only_problem(doc("format = 1\n"))
    assert problem.message.startswith('missing key "title"')


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ('""', "expected a non-empty string, found an empty string"),
        ('"   "', 'expected a non-empty string, found a string ("   ")'),
        ("5", "expected a string, found an integer (5)"),
        ("[]", "expected a string, found an array of 0 items"),
    ],
)
def test_title_must_be_a_non_empty_string(value: str, found: str) -> None:
    problem = only_problem(doc(f"format = 1\ntitle = {value}\n"))
    assert (problem.path, problem.message, problem.line) == ("title", found, 2)


@pytest.mark.parametrize("key", ["description", "author"])
def test_description_and_author_must_be_strings(key: str) -> None:
    problem = only_problem(doc(f'format = 1\ntitle = "T"\n{key} = false\n'))
    assert (problem.path, problem.message) == (key, "expected a string, found a boolean (false)")


# --- schedule and timing: types and bounds ----------------------------------------------------

TIMING_KEYS = ["prepare", "switch_sides", "rest_between_sets", "rest_between_exercises"]


@pytest.mark.parametrize("key", TIMING_KEYS)
@pytest.mark.parametrize("value", ["0", "600", "0.5", "599.999"])
def test_timing_accepts_0_to_600_seconds(key: str, value: str) -> None:
    routine = load(doc(f'format = 1\ntitle = "T"\n[timing]\n{key} = {value}\n'))
    assert getattr(routine.timing, key) == float(value)


@pytest.mark.parametrize("key", TIMING_KEYS)
@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("-1", "expected a number of seconds from 0 to 600, found -1"),
        ("-0.001", "expected a number of seconds from 0 to 600, found -0.001"),
        ("600.5", "expected a number of seconds from 0 to 600, found 600.5"),
        ("601", "expected a number of seconds from 0 to 600, found 601"),
        ("true", "expected a number of seconds, found a boolean (true)"),
        ('"5"', 'expected a number of seconds, found a string ("5")'),
        ("nan", "expected a number of seconds, found nan (not a number)"),
        ("inf", "expected a number of seconds, found inf (infinity, not a number)"),
        ("-inf", "expected a number of seconds, found -inf (infinity, not a number)"),
        ("[5]", "expected a number of seconds, found an array of 1 item"),
        ("{ s = 5 }", "expected a number of seconds, found a table"),
        ("1979-05-27", "expected a number of seconds, found a date or time (1979-05-27)"),
    ],
)
def test_timing_refuses_bad_values(key: str, value: str, found: str) -> None:
    problem = only_problem(doc(f'format = 1\ntitle = "T"\n[timing]\n{key} = {value}\n'))
    assert (problem.path, problem.message, problem.line) == (f"timing: {key}", found, 4)


@pytest.mark.parametrize("value", [1, 3, 14])
def test_sessions_per_week_accepts_1_to_14(value: int) -> None:
    routine = load(doc(f'format = 1\ntitle = "T"\n[schedule]\nsessions_per_week = {value}\n'))
    assert routine.sessions_per_week == value


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("0", "expected an integer from 1 to 14, found 0"),
        ("15", "expected an integer from 1 to 14, found 15"),
        ("3.5", "expected an integer, found a decimal number (3.5)"),
        ("3.0", "expected an integer, found a decimal number (3.0)"),
        ("false", "expected an integer, found a boolean (false)"),
        ('"3"', 'expected an integer, found a string ("3")'),
        ("nan", "expected an integer, found nan (not a number)"),
        ("inf", "expected an integer, found inf (infinity, not a number)"),
        ("[3]", "expected an integer, found an array of 1 item"),
        ("{ n = 3 }", "expected an integer, found a table"),
    ],
)
def test_sessions_per_week_refuses_bad_values(value: str, found: str) -> None:
    problem = only_problem(
        doc(f'format = 1\ntitle = "T"\n[schedule]\nsessions_per_week = {value}\n')
    )
    assert (problem.path, problem.message, problem.line) == (
        "schedule: sessions_per_week",
        found,
        4,
    )


@pytest.mark.parametrize("key", ["timing", "schedule"])
def test_timing_and_schedule_must_be_tables(key: str) -> None:
    problem = only_problem(doc(f'format = 1\ntitle = "T"\n{key} = 30\n'))
    assert problem.path == key
    assert problem.message == f"expected a table ([{key}]), found an integer (30)"


# --- the exercise array ------------------------------------------------------------------------


def test_no_exercise_at_all() -> None:
    problem = only_problem(doc(tail=""))
    assert problem.message.startswith("no exercises")


def test_zero_exercises() -> None:
    problem = only_problem(doc(tail="exercise = []\n"))
    assert problem.message == "expected 1 to 100 exercises, found 0"
    assert problem.line == 3


def test_100_exercises_are_fine_and_101_are_too_many() -> None:
    assert len(load(doc(tail=WALL_SIT * 100)).exercises) == 100
    problem = only_problem(doc(tail=WALL_SIT * 101))
    assert problem.message == "expected 1 to 100 exercises, found 101"


def test_exercise_must_be_an_array_of_tables() -> None:
    problem = only_problem(doc(tail="exercise = 3\n"))
    assert problem.path == "exercise"
    assert "found an integer (3)" in problem.message
    found = problems(doc(tail='exercise = [1, "two"]\n'))
    assert [(p.path, p.message) for p in found] == [
        ("exercise 1", "expected a table, found an integer (1)"),
        ("exercise 2", 'expected a table, found a string ("two")'),
    ]


def test_inline_exercise_tables_are_accepted() -> None:
    routine = load(doc(tail='exercise = [{ name = "A", reps = 5 }, { name = "B", hold = 10 }]\n'))
    assert [e.name for e in routine.exercises] == ["A", "B"]


# --- unknown keys ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        (
            doc('format = 1\ntitle = "T"\ntitel = "T"\n'),
            None,
            'unknown key "titel"; did you mean "title"?',
        ),
        (
            doc('format = 1\ntitle = "T"\n[timing]\nprepair = 5\n'),
            "timing",
            'unknown key "prepair"; did you mean "prepare"?',
        ),
        (
            doc('format = 1\ntitle = "T"\n[schedule]\nsession_per_week = 2\n'),
            "schedule",
            'unknown key "session_per_week"; did you mean "sessions_per_week"?',
        ),
        (
            doc(tail='[[exercise]]\nname = "Wall sit"\nhold = 30\nrepz = 3\n'),
            'exercise 1 ("Wall sit")',
            'unknown key "repz"; did you mean "reps"?',
        ),
        (
            doc('format = 1\ntitle = "T"\nTitle = "T"\n'),
            None,
            'unknown key "Title"; did you mean "title"?',
        ),
    ],
)
def test_unknown_keys_get_a_did_you_mean(text: str, path: str | None, message: str) -> None:
    problem = only_problem(text)
    assert (problem.path, problem.message) == (path, message)


def test_unknown_key_without_a_close_match_lists_the_known_keys() -> None:
    problem = only_problem(doc('format = 1\ntitle = "T"\nzebra = 1\n'))
    assert problem.message.startswith('unknown key "zebra" (known keys: format, title,')
    assert problem.line == 3


def test_a_key_in_the_wrong_table_says_where_it_belongs() -> None:
    found = problems(doc('format = 1\ntitle = "T"\nprepare = 5\nsets = 3\nsesions_per_week = 2\n'))
    assert [p.message for p in found] == [
        'unknown key "prepare" here; it belongs under [timing]',
        'unknown key "sets" here; it belongs inside an [[exercise]] table',
        'unknown key "sesions_per_week"; did you mean "sessions_per_week"? '
        "(it belongs under [schedule])",
    ]
    assert [p.line for p in found] == [3, 4, 5]


# --- all faults in one pass, in file order, with lines and columns -----------------------------


def test_every_fault_of_a_file_is_reported_in_one_pass() -> None:
    text = (
        "format = 1\n"  # 1
        "titel = 'Hips'\n"  # 2: unknown key, and title is then missing
        "[schedule]\n"  # 3
        "sessions_per_week = 0\n"  # 4
        "[timing]\n"  # 5
        "  prepare = -5\n"  # 6: columns count from 1 where the key starts
        "[[exercise]]\n"  # 7
        "name = 'Bridge'\n"  # 8
        "\tsets = 0\n"  # 9: a tab is one column, as in tomli's syntax errors
        "reps = 300\n"  # 10
        "[[exercise]]\n"  # 11
        "name = 'Wall sit'\n"  # 12
        "hold = true\n"  # 13
    )
    found = problems(text)
    assert [(p.line, p.column, p.path) for p in found] == [
        (None, None, None),
        (2, 1, None),
        (4, 1, "schedule: sessions_per_week"),
        (6, 3, "timing: prepare"),
        (9, 2, 'exercise 1 ("Bridge"): sets'),
        (10, 1, 'exercise 1 ("Bridge"): reps'),
        (13, 1, 'exercise 2 ("Wall sit"): hold'),
    ]
    assert found[0].message.startswith('missing key "title"')
    assert found[-1].message == "expected a number of seconds, found a boolean (true)"


def test_error_text_names_the_source_and_counts_the_rest() -> None:
    with pytest.raises(RoutineError) as caught:
        load(doc('format = 1\ntitle = ""\n[timing]\nprepare = -1\n'))
    assert str(caught.value) == (
        "r.toml: title: expected a non-empty string, found an empty string (and 1 more)"
    )


def test_line_numbers_are_not_fooled_by_multiline_strings_and_comments() -> None:
    text = (
        'format = 1\ntitle = "T"\n'
        "[[exercise]]\n"  # 3
        'name = "Bridge"\n'  # 4
        'instructions = """\n'  # 5
        "sets = 99\n"  # 6: text, not a key
        '[[exercise]] "\\"" \n'  # 7: text, not a header
        '"""\n'  # 8
        "cues = [  # a comment with sets = 1\n"  # 9
        "  'lift',\n"  # 10
        "  '''hold\n"  # 11
        "sets = 2''',\n"  # 12
        "]\n"  # 13
        "reps = 10\n"  # 14
        "    sets = 0\n"  # 15: the real fault
    )
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.path) == (15, 5, 'exercise 1 ("Bridge"): sets')


def test_a_fault_inside_an_inline_table_gets_the_place_of_its_key() -> None:
    problem = only_problem(doc('format = 1\ntitle = "T"\n\n timing = { prepare = -1 }\n'))
    assert (problem.line, problem.column, problem.path) == (4, 2, "timing: prepare")


def test_dotted_and_quoted_keys_are_found_where_their_first_part_starts() -> None:
    text = doc('format = 1\ntitle = "T"\n\n  "timing" . prepare = 700\n')
    problem = only_problem(text)
    assert (problem.line, problem.column) == (4, 3)


def test_a_fault_with_a_whole_table_points_at_its_header() -> None:
    text = 'format = 1\ntitle = "T"\n\n  [[exercise]]\n  name = "A"\n  sets = 2\n'
    problem = only_problem(text)
    assert problem.message.startswith("needs reps, or a hold above 0 seconds")
    assert (problem.line, problem.column) == (4, 3)  # the first [ of the header


def test_columns_after_multiline_values_and_wide_characters() -> None:
    text = (
        'format = 1\ntitle = "Hüfte ☃"\n[[exercise]]\n'  # 1-3
        'name = """Brücke\n\t  ☃ """\n'  # 4-5: the value ends on line 5
        "cues = [\n  'ü',\n  ]\n"  # 6-8
        "\t \treps = 0\n"  # 9
    )
    problem = only_problem(text)
    assert (problem.line, problem.column) == (9, 4)  # characters, not bytes


# --- syntax errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('format = 1\ntitle = "T\n', 2, 11),  # unclosed string: the line ends at column 11
        ("format = 1\ntitle = \n", 2, 9),
        ("format = 1\n[[exercise]\n", 2, 11),
        ('format = 1\ncues = ["a",', 2, 13),  # at the very end of the document
        ("format = 1\nformat = 1\n", 2, 11),  # a key given twice
    ],
)
def test_syntax_errors_name_line_and_column(text: str, line: int, column: int) -> None:
    problem = only_problem(text)
    assert problem.message.startswith("not valid TOML: ")
    assert (problem.line, problem.column) == (line, column)


def test_crlf_syntax_error_positions_count_lines() -> None:
    problem = only_problem('format = 1\r\ntitle = "T\r\n')
    assert problem.line == 2


def test_absurd_nesting_and_absurd_numbers_are_errors_not_crashes() -> None:
    assert "nested too deeply" in only_problem("a = " + "[" * 2000 + "]" * 2000).message
    assert "number is too long" in only_problem("a = " + "9" * 5000).message


# --- files -------------------------------------------------------------------------------------


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def file_problem(path: Path) -> Problem:
    with pytest.raises(RoutineError) as caught:
        load_routine(path, library={})
    assert caught.value.source == str(path)
    (problem,) = caught.value.problems
    return problem


def test_load_routine_sets_source_and_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "r.toml", doc().encode())
    monkeypatch.chdir(tmp_path)
    routine = load_routine(Path("r.toml"), library={})
    assert routine.source == (tmp_path / "r.toml").resolve()
    assert routine.source.is_absolute()
    assert routine.text == doc()


def test_bom_and_crlf_file_loads(tmp_path: Path) -> None:
    text = doc('format = 1\ntitle = "Hüfte"\n').replace("\n", "\r\n")
    routine = load_routine(write(tmp_path / "r.toml", b"\xef\xbb\xbf" + text.encode()), library={})
    assert routine.title == "Hüfte"
    assert routine.text == text  # the byte-order mark is gone, line endings are kept
    assert routine.exercises[0].hold == 30


def test_bom_and_crlf_file_errors_have_the_right_line_and_column(tmp_path: Path) -> None:
    text = doc('format = 1\ntitle = "T"\n[timing]\n  prepare = -1\n').replace("\n", "\r\n")
    problem = file_problem(write(tmp_path / "r.toml", b"\xef\xbb\xbf" + text.encode()))
    assert (problem.line, problem.column, problem.path) == (4, 3, "timing: prepare")


def test_only_one_byte_order_mark_is_stripped(tmp_path: Path) -> None:
    problem = file_problem(write(tmp_path / "r.toml", b"\xef\xbb\xbf" * 2 + doc().encode()))
    assert problem.message.startswith("not valid TOML")
    assert (problem.line, problem.column) == (1, 1)


@pytest.mark.parametrize(
    ("data", "line", "column", "byte"),
    [
        (b'format = 1\ntitle = "caf\xe9"\n', 2, 13, "0xE9"),
        (b'format = 1\ntitle = "\xc3\xa9\xff"\n', 2, 11, "0xFF"),  # columns count characters
        (b"\xef\xbb\xbf\xff", 1, 1, "0xFF"),  # the mark is not a column
        (b"format = 1\n# ends inside a character \xe2\x82", 2, 27, "0xE2"),
    ],
)
def test_bad_utf8_names_line_and_column(
    tmp_path: Path, data: bytes, line: int, column: int, byte: str
) -> None:
    problem = file_problem(write(tmp_path / "r.toml", data))
    assert problem.message.startswith(f"not valid UTF-8 text (byte {byte}")
    assert "save the file with UTF-8 encoding" in problem.message
    assert (problem.line, problem.column) == (line, column)


def test_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    problem = file_problem(write(tmp_path / "r.toml", doc().encode("utf-16")))
    assert "UTF-16" in problem.message
    assert (problem.line, problem.column) == (1, 1)


def test_a_file_of_exactly_1_mib_is_read(tmp_path: Path) -> None:
    text = doc().encode()
    padding = loader.MAX_FILE_BYTES - len(text) - 2
    data = text + b"#" + b"x" * padding + b"\n"
    assert len(data) == 1024 * 1024
    assert load_routine(write(tmp_path / "r.toml", data), library={}).title == "Test"


def test_a_file_over_1_mib_is_refused_before_decoding(tmp_path: Path) -> None:
    data = b"\xff" * (1024 * 1024 + 1)  # not UTF-8 either: the size must be the complaint
    problem = file_problem(write(tmp_path / "big.toml", data))
    assert problem.message == "is too large (1,048,577 bytes); a routine file may be at most 1 MiB"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert file_problem(tmp_path / "nope.toml").message == "no such file"
    assert file_problem(tmp_path / "nope" / "r.toml").message == "no such file"
    assert file_problem(write(tmp_path / "f", b"") / "r.toml").message == "no such file"
    assert file_problem(tmp_path).message == "is a folder, not a routine file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert file_problem(fifo).message == "is not a regular file, so not a routine file"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "r.toml", doc().encode())
    real_open = os.open

    def refuse(target: object, *args: int) -> int:
        if Path(str(target)) == path:
            raise PermissionError(13, "Permission denied", str(target))
        return real_open(target, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)  # the one os module, as tomlfile reads it
    assert file_problem(path).message == "cannot be read: permission denied"


def test_unreadable_file_by_permissions(tmp_path: Path) -> None:
    path = write(tmp_path / "r.toml", doc().encode())
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions do not stop reading (see the test above)")
        assert file_problem(path).message == "cannot be read: permission denied"
    finally:
        path.chmod(0o644)


class _OldTomliError(tomli.TOMLDecodeError):
    """What tomli before 2.1 raised: the place only inside the message."""

    def __init__(self, message: str) -> None:
        ValueError.__init__(self, message)


@pytest.mark.parametrize(
    ("message", "place"),
    [
        ("Invalid value (at line 3, column 7)", (3, 7)),
        ("Unclosed array (at end of document)", (2, 5)),  # the document is "a=1\nb=[1"
    ],
)
def test_older_tomli_places_are_read_from_the_message(
    monkeypatch: pytest.MonkeyPatch, message: str, place: tuple[int, int]
) -> None:
    def old_loads(text: str) -> None:
        raise _OldTomliError(message)

    monkeypatch.setattr(loader.tomli, "loads", old_loads)
    problem = only_problem("a=1\nb=[1")
    assert (problem.line, problem.column) == place
    assert problem.message == f"not valid TOML: {syntax_words(message.split(' (')[0])}"
