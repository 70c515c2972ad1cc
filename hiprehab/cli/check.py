"""`hiprehab check FILE...`: validate routine files and estimate their length, without a display.

Everything goes to stdout, ok lines and errors alike, so a physio reads one stream in file order;
only usage errors (argparse) go to stderr. The words are in the language chosen at start (the
JSON's keys never change; its messages are in that language too). Every line passes through
`hiprehab.terminal.shown`, so a file name, title or quoted content cannot steer the terminal.
Exit status: 0 all valid, 1 any invalid, 2 usage. The exercise library is loaded only when a
file uses it, and Qt is never imported. What is said about each file is `routine/report.py`,
shared with the app; this is the command-line plumbing.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from hiprehab.cli.parsing import ArgumentParser
from hiprehab.i18n import _
from hiprehab.routine.report import check_file, json_report, text_report
from hiprehab.terminal import shown


def _parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="hiprehab check",  # i18n: ignore (the command)
        description=_(
            "Check routine files (NAME.hiprehab.toml, or any .toml) and estimate how long each "
            "takes. Prints one line per valid file and one line per error, all on standard "
            "output."
        ),
        epilog=_(
            "Exit status: 0 when every file is valid, 1 when any is not, 2 for a usage error."
        ),
    )
    parser.add_argument(
        "files",
        nargs="+",
        # Translators: stands for a file name in the usage line ("hiprehab check FILE").
        metavar=_("FILE"),
        help=_("routine files to check"),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("print one JSON object per file, one per line, instead of text"),
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
            # shown's escapes are JSON's own, so the line is still the same JSON object
            line = json.dumps(json_report(name, routine, problems), ensure_ascii=False)
            stream.write(shown(line) + "\n")
        else:
            stream.writelines(shown(line) + "\n" for line in text_report(name, routine, problems))
    stream.flush()
    return 0 if all_ok else 1
