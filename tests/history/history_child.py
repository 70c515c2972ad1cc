"""Helpers for the history tests, and a child process that records a session until killed.

Run as a script (`python history_child.py DB`), it starts a session and records work periods
one by one, printing `recorded N` after each commit, so the parent knows exactly what was saved
when it kills the process. After 500 periods it waits on stdin and never finishes the session.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hiprehab.history.store import HistoryStore
from hiprehab.routine.model import Exercise, Routine
from hiprehab.session.recorder import WorkReport

ROUTINE_TEXT = """\
format = 1
title = "Hip basics"
sessions_per_week = 3

[[exercise]]
use = "bridge"
sets = 3
reps = 10

[[exercise]]
use = "clamshell"
sides = "each"
sets = 2
reps = 12
"""


def sample_routine(
    *, title: str = "Hip basics", sessions_per_week: int = 3, text: str | None = None
) -> Routine:
    """A routine with 3 + 2 * 2 = 7 work periods (bridge 3 sets, clamshell 2 sets each side)."""
    bridge = Exercise(
        name="Bridge", sides="both", sets=3, reps=10, hold=3, seconds_per_rep=2, rest=30,
        library_id="bridge",
    )  # fmt: skip
    clamshell = Exercise(
        name="Clamshell", sides="each", sets=2, reps=12, hold=0, seconds_per_rep=3, rest=30,
        library_id="clamshell",
    )  # fmt: skip
    if text is None:
        text = ROUTINE_TEXT.replace("Hip basics", title).replace(
            "sessions_per_week = 3", f"sessions_per_week = {sessions_per_week}"
        )
    return Routine(
        title=title,
        exercises=(bridge, clamshell),
        sessions_per_week=sessions_per_week,
        source=Path("/routines/hip-basics.toml"),
        text=text,
    )


def main(db: Path) -> None:
    with HistoryStore.open(db) as store:
        session_id = store.start_session(sample_routine(), pain_before=2)
        print(f"session {session_id}", flush=True)
        for number in range(1, 501):
            store.record_work_period(
                session_id,
                WorkReport(
                    exercise_id="bridge",
                    exercise_name="Bridge",
                    set_number=number,
                    side="none",
                    planned_seconds=50.0,
                    actual_seconds=40.0 + number / 4,
                    status="completed",
                ),
            )
            print(f"recorded {number}", flush=True)
        sys.stdin.readline()  # the parent kills us before or while we wait here


if __name__ == "__main__":
    main(Path(sys.argv[1]))
