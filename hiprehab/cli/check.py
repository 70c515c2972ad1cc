"""`hiprehab check FILE...`: validate routine files and estimate their length, without a display.

Everything goes to stdout, ok lines and errors alike, so a physio reads one stream in file order;
only usage errors (argparse) go to stderr. Exit status: 0 all valid, 1 any invalid, 2 usage.
The exercise library is loaded only when a file uses it, and Qt is never imported.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from hiprehab.routine.errors import Problem, RoutineError
from hiprehab.routine.loader import load_routine
from hiprehab.routine.model import Routine

US_PER_MINUTE = 60_000_000
EMPTY_NAME = "(empty file name)"
"""How text output shows the FILE of an empty argument, which would otherwise print as ":"."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hiprehab check",
        description="Check routine files (.toml) and estimate how long each takes. "
        "Prints one line per valid file and one line per error, all on standard output.",
        epilog="Exit status: 0 when every file is valid, 1 when any is not, 2 for a usage error.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="routine files to check")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per file, one per line, instead of text",
    )
    return parser


def run(argv: Sequence[str], out: TextIO | None = None) -> int:
    """Check every file named in `argv`; returns the exit status."""
    options = _parser().parse_args(list(argv))
    if out is None and isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")  # a title no console can show
    try:
        return _check_all(options.files, options.json, sys.stdout if out is None else out)
    except BrokenPipeError:  # `hiprehab check ... | head`: the reader has seen enough
        if out is None:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _check_all(files: Sequence[str], as_json: bool, stream: TextIO) -> int:
    all_ok = True
    for name in files:
        routine, problems = check_file(name)
        all_ok = all_ok and routine is not None
        if as_json:
            stream.write(json.dumps(json_report(name, routine, problems), ensure_ascii=False))
            stream.write("\n")
        else:
            stream.writelines(line + "\n" for line in text_report(name, routine, problems))
    stream.flush()
    return 0 if all_ok else 1


def check_file(name: str) -> tuple[Routine | None, list[Problem]]:
    """The loaded routine, or None with every problem found."""
    if not name:  # Path("") is the current folder, which is not what `check ''` asked for
        return None, [Problem("no such file")]
    try:
        return load_routine(Path(name)), []
    except RoutineError as exc:
        return None, exc.problems


def minutes(routine: Routine) -> int:
    """The routine's length in whole minutes (half a minute rounds up), at least 1."""
    return max(1, (routine.duration_us() + US_PER_MINUTE // 2) // US_PER_MINUTE)


def text_report(name: str, routine: Routine | None, problems: Sequence[Problem]) -> list[str]:
    """`FILE: ok: "title", ...` or one `FILE:LINE:COLUMN: message` (`FILE: message`) per problem."""
    name = name or EMPTY_NAME
    if routine is not None:
        count = len(routine.exercises)
        exercises = f"{count} exercise{'' if count == 1 else 's'}"
        title = shown_title(routine.title)
        return [f'{name}: ok: "{title}", {exercises}, about {minutes(routine)} min']
    lines = []
    for problem in problems:
        place = name
        if problem.line is not None:
            place += f":{problem.line}"
            if problem.column is not None:
                place += f":{problem.column}"
        lines.append(f"{place}: {problem.describe()}")
    return lines


def shown_title(title: str) -> str:
    r"""The title on one line, escaped like the body of a JSON string (`"` as `\"`, `\` as `\\`,
    control characters as in JSON), so that it reads unambiguously between double quotes."""
    return json.dumps(" ".join(title.split()), ensure_ascii=False)[1:-1]


def json_report(
    name: str, routine: Routine | None, problems: Sequence[Problem]
) -> Mapping[str, object]:
    return {
        "file": name,
        "ok": routine is not None,
        "title": routine.title if routine else None,
        "exercises": len(routine.exercises) if routine else 0,
        "duration_s": routine.duration_us() / 1e6 if routine else None,
        "errors": [
            {"message": p.message, "line": p.line, "column": p.column, "path": p.path}
            for p in problems
        ],
    }
