"""What `hiprehab check` says about a routine file: its load result, length and report lines.

Kept in the routine wing, free of Qt and of argument parsing, because the app says the same
things: the routine page shows a broken file's `text_report` lines, and `wording.length_text`
gives the same whole minutes (`minutes`) as the command line, so the two never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from hiprehab.i18n import N_, _, ngettext
from hiprehab.i18n.formats import format_unit
from hiprehab.routine.errors import Problem, RoutineError
from hiprehab.routine.loader import load_routine
from hiprehab.routine.model import Routine
from hiprehab.terminal import shown

US_PER_MINUTE = 60_000_000
# How text output shows the FILE of an empty argument, which would otherwise print as ":"
# (translated where shown).
EMPTY_NAME = N_("(empty file name)")


def check_file(name: str) -> tuple[Routine | None, list[Problem]]:
    """The loaded routine, or None with every problem found."""
    if not name:  # Path("") is the current folder, which is not what `check ''` asked for
        return None, [Problem(_("no such file"))]
    try:
        return load_routine(Path(name)), []
    except RoutineError as exc:
        return None, exc.problems


def minutes(routine: Routine) -> int:
    """The routine's length in whole minutes (half a minute rounds up), at least 1."""
    return max(1, (routine.duration_us() + US_PER_MINUTE // 2) // US_PER_MINUTE)


def text_report(name: str, routine: Routine | None, problems: Sequence[Problem]) -> list[str]:
    """`FILE: ok: "title", ...` or one `FILE:LINE:COLUMN: message` (`FILE: message`) per problem,
    in the language in use (FILE, LINE and COLUMN as they are)."""
    name = name or _(EMPTY_NAME)
    if routine is not None:
        count = len(routine.exercises)
        exercises = ngettext("{count} exercise", "{count} exercises", count).format(count=count)
        length = format_unit(minutes(routine), "duration-minute", "short")
        # Translators: a valid file; the title is written as in a JSON string, so keep its "".
        line = _('{file}: ok: "{title}", {exercises}, about {length}')
        return [
            line.format(
                file=name, title=shown_title(routine.title), exercises=exercises, length=length
            )
        ]
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
    control, format and bidi characters as JSON escapes: `hiprehab.terminal.shown`), so that it
    reads unambiguously between double quotes, on a terminal or the routine page."""
    return shown(json.dumps(" ".join(title.split()), ensure_ascii=False)[1:-1])


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
