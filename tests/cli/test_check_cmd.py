"""`hiprehab check`: the lines a physio reads, JSON for tools, exit codes, and files that are not
routine files at all (missing, folders, pipes, unreadable)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hiprehab.cli import check as check_cmd
from hiprehab.launch import main
from hiprehab.routine import library as library_module
from hiprehab.routine import report
from tests.routine.picture_bytes import picture_for

GOOD = (
    'format = 1\ntitle = "Hip strength"\n'
    '[[exercise]]\nname = "Squat"\nsets = 3\nreps = 10\n'
    '[[exercise]]\nname = "Side hold"\nsides = "each"\nsets = 2\nhold = 30\nrest = 15\n'
)  # 335 s by hand (see test_loader_exercise.py): 5.58 min -> "about 6 min"
BAD = 'format = 1\ntitle = "Bad"\n[timing]\n  prepare = -1\n[[exercise]]\nname = "A"\n'
BROKEN = 'format = 1\ntitle = "Broken\n'
USES_LIBRARY = 'format = 1\ntitle = "Lib"\n[[exercise]]\nuse = "clamshell"\n'


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def check(*argv: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = check_cmd.run(list(argv), out=out)
    return status, out.getvalue().splitlines()


def check_process(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hiprehab", "check", *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- text output --------------------------------------------------------------------------------


def test_ok_line(tmp_path: Path) -> None:
    good = write(tmp_path, "good.toml", GOOD)
    assert check(good) == (0, [f'{good}: ok: "Hip strength", 2 exercises, about 6 min'])


def test_ok_line_for_one_short_exercise_says_at_least_a_minute(tmp_path: Path) -> None:
    short = write(
        tmp_path, "s.toml", 'format = 1\ntitle = "S"\n[[exercise]]\nname = "A"\nreps = 2\n'
    )
    assert check(short) == (0, [f'{short}: ok: "S", 1 exercise, about 1 min'])


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("""'Say "hi" \\ bye'""", 'Say \\"hi\\" \\\\ bye'),  # literal: Say "hi" \ bye
        ('"\\"\\""', '\\"\\"'),  # a title of two double quotes
        ('"End \\\\"', "End \\\\"),  # a title ending in a backslash cannot close the quotes
        ('"A\\u001bB\\u0000"', "A\\u001bB\\u0000"),  # control characters (escape, NUL) as JSON
        ('"""Two\n  lines\t"""', "Two lines"),  # whitespace runs become one space
    ],
)
def test_ok_line_escapes_the_title_like_a_json_string(
    tmp_path: Path, written: str, shown: str
) -> None:
    path = write(tmp_path, "q.toml", GOOD.replace('"Hip strength"', written))
    assert check(path) == (0, [f'{path}: ok: "{shown}", 2 exercises, about 6 min'])


def test_minutes_round_half_up() -> None:
    from hiprehab.routine.loader import load_routine_text

    def routine_of(seconds: int) -> str:
        head = 'format = 1\ntitle = "T"\n[timing]\nprepare = 0\n'
        return head + f'[[exercise]]\nname = "A"\nhold = {seconds}\n'

    def minutes_for(seconds: int) -> int:
        text = routine_of(seconds)
        return report.minutes(load_routine_text(text, source_name="t", base_dir=None))

    assert [minutes_for(s) for s in (1, 89, 90, 149, 150, 600)] == [1, 1, 2, 2, 3, 10]


def test_error_lines_name_file_line_column_and_place(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.toml", BAD)
    broken = write(tmp_path, "broken.toml", BROKEN)
    status, lines = check(bad, broken)
    assert status == 1
    assert lines == [
        f"{bad}:4:3: timing: prepare: expected a number of seconds from 0 to 600, found -1",
        f'{bad}:5:1: exercise 1 ("A"): needs reps, or a hold above 0 seconds, or both; '
        "found neither",  # the column of the key, or of the [[exercise]] header
        f"{broken}:2:16: not valid TOML: the line ends inside a string "
        "(a closing quote is missing)",
    ]


def test_problems_without_a_line_print_as_file_colon_message(tmp_path: Path) -> None:
    path = write(tmp_path, "t.toml", 'format = 1\n[[exercise]]\nname = "A"\nreps = 1\n')
    status, lines = check(path)
    assert status == 1
    assert lines == [
        f'{path}: missing key "title" (the routine\'s name, e.g. title = "Hip strength")'
    ]


def test_files_are_reported_in_the_order_given(tmp_path: Path) -> None:
    good = write(tmp_path, "good.toml", GOOD)
    missing = str(tmp_path / "missing.toml")
    status, lines = check(missing, good, str(tmp_path))
    assert status == 1
    assert lines == [
        f"{missing}: no such file",
        f'{good}: ok: "Hip strength", 2 exercises, about 6 min',
        f"{tmp_path}: is a folder, not a routine file",
    ]


def test_an_empty_file_name_is_no_such_file_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # Path("") would mean this folder
    good = write(tmp_path, "good.toml", GOOD)
    ok = f'{good}: ok: "Hip strength", 2 exercises, about 6 min'
    assert check("", good) == (1, ["(empty file name): no such file", ok])
    (line,) = check("--json", "")[1]
    assert json.loads(line)["file"] == ""
    assert json.loads(line)["errors"] == [
        {"message": "no such file", "line": None, "column": None, "path": None}
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_pipe_is_an_invalid_file_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert check(str(fifo)) == (1, [f"{fifo}: is not a regular file, so not a routine file"])


def test_an_unreadable_file(tmp_path: Path) -> None:
    path = Path(write(tmp_path, "secret.toml", GOOD))
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip(
                "running as root, where chmod 000 does not stop reading; the unreadable case is "
                "covered in test_loader.py by refusing the open() call, and folders and pipes here"
            )
        assert check(str(path)) == (1, [f"{path}: cannot be read: permission denied"])
    finally:
        path.chmod(0o644)


# --- JSON ---------------------------------------------------------------------------------------


def test_json_has_one_object_per_file_in_the_documented_shape(tmp_path: Path) -> None:
    good = write(tmp_path, "good.toml", GOOD)
    bad = write(tmp_path, "bad.toml", BAD)
    broken = write(tmp_path, "broken.toml", BROKEN)
    missing = str(tmp_path / "nope.toml")
    status, lines = check("--json", good, bad, broken, missing)
    assert status == 1
    rows = [json.loads(line) for line in lines]
    assert rows[0] == {
        "file": good,
        "ok": True,
        "title": "Hip strength",
        "exercises": 2,
        "duration_s": 335.0,
        "errors": [],
    }
    assert rows[1] == {
        "file": bad,
        "ok": False,
        "title": None,
        "exercises": 0,
        "duration_s": None,
        "errors": [
            {
                "message": "expected a number of seconds from 0 to 600, found -1",
                "line": 4,
                "column": 3,
                "path": "timing: prepare",
            },
            {
                "message": "needs reps, or a hold above 0 seconds, or both; found neither",
                "line": 5,
                "column": 1,
                "path": 'exercise 1 ("A")',
            },
        ],
    }
    assert rows[2]["errors"] == [
        {
            "message": "not valid TOML: the line ends inside a string (a closing quote is missing)",
            "line": 2,
            "column": 16,
            "path": None,
        }
    ]
    assert rows[3]["errors"] == [
        {"message": "no such file", "line": None, "column": None, "path": None}
    ]


def test_json_duration_is_exact_for_fractional_seconds(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.toml",
        'format = 1\ntitle = "F"\n[timing]\nprepare = 0.25\n'
        '[[exercise]]\nname = "A"\nreps = 3\nseconds_per_rep = 0.7\n',
    )
    (line,) = check("--json", path)[1]
    assert json.loads(line)["duration_s"] == 2.35  # 0.25 + 3 x 0.7


# --- exit codes, usage, and the real command ---------------------------------------------------


def test_exit_codes_of_the_real_command(tmp_path: Path) -> None:
    good = write(tmp_path, "good.toml", GOOD)
    bad = write(tmp_path, "bad.toml", BAD)
    ok = check_process(good)
    assert (ok.returncode, ok.stderr) == (0, "")
    assert ok.stdout == f'{good}: ok: "Hip strength", 2 exercises, about 6 min\n'
    mixed = check_process(good, bad)
    assert mixed.returncode == 1
    assert "Traceback" not in mixed.stdout + mixed.stderr
    assert mixed.stderr == ""  # errors go to stdout, in file order
    usage = check_process()
    assert usage.returncode == 2
    assert "usage: hiprehab check" in usage.stderr
    unknown = check_process("--frobnicate", good)
    assert unknown.returncode == 2


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    unknown_keys = "".join(f"x{i} = 1\n" for i in range(2000))
    bad = write(tmp_path, "bad.toml", unknown_keys + BAD)  # 2000 lines of problems
    with subprocess.Popen(  # leaving the block closes both pipes and reaps the process
        [sys.executable, "-m", "hiprehab", "check", *[bad] * 50],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None and process.stderr is not None
            assert process.stdout.readline().startswith(bad)
            process.stdout.close()  # like `| head -1`
            errors = process.stderr.read()
            assert process.wait(timeout=60) == 1
        finally:
            process.kill()  # only if a failed check left it running; a no-op once it has ended
    assert "Traceback" not in errors


def test_a_title_the_console_cannot_show_is_no_crash(tmp_path: Path) -> None:
    path = write(tmp_path, "h.toml", GOOD.replace("Hip strength", "Hüfte 💪"))
    result = subprocess.run(
        [sys.executable, "-m", "hiprehab", "check", path],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.decode("ascii").endswith(
        'ok: "H\\xfcfte \\U0001f4aa", 2 exercises, about 6 min\n'
    )


@pytest.mark.parametrize("argv", [[], ["--nope", "x.toml"], ["--json"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        check_cmd.run(argv)
    assert caught.value.code == 2
    assert "usage: hiprehab check" in capsys.readouterr().err


def test_cli_dispatches_to_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.toml", GOOD)
    assert main(["check", good]) == 0
    assert capsys.readouterr().out.startswith(f"{good}: ok:")


def test_checking_a_file_loads_no_qt_nor_babel(tmp_path: Path) -> None:
    """Its counts and minutes come from the i18n table (hiprehab/i18n/cldr_table.py)."""
    path = write(tmp_path, "lib.toml", USES_LIBRARY)
    code = (
        "import sys\nfrom hiprehab.cli.check import run\n"
        f"status = run([{path!r}])\n"
        "heavy = ('PySide6', 'shiboken6', 'pyqtgraph', 'babel')\n"
        "print(status, [m for m in sys.modules if m.startswith(heavy)])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []"


# --- many files: the library is loaded once, and only when a file uses it ----------------------


@pytest.fixture
def library_loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Records every load of the built-in library (with an empty cache before and after)."""
    calls: list[Path] = []
    real = library_module.load_library

    def counting(folder: Path) -> dict[str, library_module.LibraryExercise]:
        calls.append(folder)
        return real(folder)

    library_module.default_library.cache_clear()
    monkeypatch.setattr(library_module, "load_library", counting)
    yield calls
    library_module.default_library.cache_clear()


def test_hundreds_of_files_load_the_library_once(tmp_path: Path, library_loads: list[Path]) -> None:
    paths = [write(tmp_path, f"r{i}.toml", USES_LIBRARY) for i in range(300)]
    status, lines = check(*paths)
    assert status == 0
    assert len(lines) == 300 and all(": ok: " in line for line in lines)
    assert len(library_loads) == 1


def test_files_without_use_never_load_the_library(
    tmp_path: Path, library_loads: list[Path]
) -> None:
    paths = [write(tmp_path, f"r{i}.toml", GOOD) for i in range(20)]
    paths.append(write(tmp_path, "bad.toml", BAD))
    assert check(*paths)[0] == 1
    assert library_loads == []


# --- the examples in docs/routine-format.md are true -------------------------------------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "routine-format.md"


def doc_blocks(language: str) -> list[str]:
    """The fenced code blocks of the doc written in `language` ("" for plain ones)."""
    blocks: list[str] = []
    current: list[str] | None = None
    keep = False
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            if current is None:
                current, keep = [], line[3:].strip() == language
            else:
                if keep:
                    blocks.append("\n".join(current) + "\n")
                current = None
        elif current is not None:
            current.append(line)
    return blocks


MISTAKES = "# hip.hiprehab.toml: a routine with mistakes"
TRANSLATION_MISTAKES = "# hip-de.hiprehab.toml: translation tables with mistakes"


def test_every_toml_example_in_the_format_doc_passes_check(tmp_path: Path) -> None:
    blocks = [
        block
        for block in doc_blocks("toml")
        if not block.startswith((MISTAKES, TRANSLATION_MISTAKES))
    ]
    assert len(blocks) >= 6
    for number, block in enumerate(blocks):
        folder = tmp_path / f"example{number}"
        folder.mkdir()
        for picture in re.findall(r'^illustration = "(.+)"$', block, flags=re.MULTILINE):
            (folder / picture).parent.mkdir(parents=True, exist_ok=True)
            (folder / picture).write_bytes(picture_for(picture))
        path = write(folder, "routine.toml", block)
        status, lines = check(path)
        assert status == 0, (block, lines)


def test_the_doc_shows_the_real_output_for_its_worked_example(tmp_path: Path) -> None:
    (worked,) = [block for block in doc_blocks("toml") if 'title = "Worked example"' in block]
    path = write(tmp_path, "worked-example.hiprehab.toml", worked)
    _, lines = check(path)
    name = "worked-example.hiprehab.toml"
    (shown,) = [block for block in doc_blocks("") if block.startswith(name)]
    assert lines == [shown.strip().replace("worked-example.hiprehab.toml", path)]
    (json_line,) = check("--json", path)[1]
    (shown_json,) = [line for line in doc_blocks("json")[0].splitlines() if "Worked" in line]
    assert json.loads(json_line) == {**json.loads(shown_json), "file": path}
    assert json.loads(json_line)["duration_s"] == 380.0  # worked out by hand in the doc


def test_the_doc_shows_the_real_output_for_its_file_with_mistakes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (bad,) = [block for block in doc_blocks("toml") if block.startswith(MISTAKES)]
    (shown,) = [block for block in doc_blocks("") if block.startswith("hip.hiprehab.toml: ")]
    write(tmp_path, "hip.hiprehab.toml", bad)
    monkeypatch.chdir(tmp_path)
    status, lines = check("hip.hiprehab.toml")
    assert status == 1
    assert lines == shown.splitlines()


def test_the_doc_shows_the_real_output_for_its_translation_mistakes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (bad,) = [block for block in doc_blocks("toml") if block.startswith(TRANSLATION_MISTAKES)]
    (shown,) = [block for block in doc_blocks("") if block.startswith("hip-de.hiprehab.toml:")]
    write(tmp_path, "hip-de.hiprehab.toml", bad)
    monkeypatch.chdir(tmp_path)
    assert check("hip-de.hiprehab.toml") == (1, shown.splitlines())


@pytest.mark.usefixtures("german")
def test_the_doc_shows_the_real_german_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (bad,) = [block for block in doc_blocks("toml") if block.startswith(MISTAKES)]
    (shown,) = [block for block in doc_blocks("") if "unbekannter Schlüssel" in block]
    write(tmp_path, "hip.hiprehab.toml", bad)
    monkeypatch.chdir(tmp_path)
    status, lines = check("hip.hiprehab.toml")
    assert status == 1
    assert set(shown.splitlines()) <= set(lines)
