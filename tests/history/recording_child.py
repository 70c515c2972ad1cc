"""A child process that records a session as the app does, until it is killed.

Run as a script (`python recording_child.py DB`), it opens the history, prints `ready` and waits
for a line on stdin; then it plays a 30-set routine (A then B, 15 sets each) on a FakeClock with
the app's recorder (engine, SessionRecorder, SessionWriter) and prints a line after each write
that landed (`saved start`, `saved period NAME N SECONDS`, `saved finish`), then `done`, and
waits on stdin again without closing the store. The parent kills it with SIGKILL somewhere
along the way.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from hiprehab.history.errors import StoreBusyError, StoreError
from hiprehab.history.session_writer import SessionWriter
from hiprehab.history.store import HistoryStore
from hiprehab.routine.loader import load_routine_text
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import SessionEngine
from hiprehab.session.recorder import SessionRecorder, WorkReport

SETS = 15  # of each of two exercises, A then B
ROUTINE = (
    'format = 1\ntitle = "Kill test"\n[timing]\nprepare = 0\n'
    f'[[exercise]]\nname = "A"\nhold = 1\nsets = {SETS}\nrest = 1\n'
    f'[[exercise]]\nname = "B"\nhold = 1\nsets = {SETS}\nrest = 1\n'
)


class ReportingWriter(SessionWriter):
    """Says on stdout what was written, once it is committed."""

    def start_session(self, *args: object, **kwargs: object) -> int:
        session_id = super().start_session(*args, **kwargs)  # type: ignore[arg-type]
        print("saved start", flush=True)
        return session_id

    def record_work_period(
        self, session_id: int, work: WorkReport, *, ended_at: datetime | None = None
    ) -> None:
        super().record_work_period(session_id, work, ended_at=ended_at)
        name, number = work.exercise_name, work.set_number
        print(f"saved period {name} {number} {work.actual_seconds}", flush=True)

    def finish_session(self, session_id: int, **kwargs: object) -> None:
        super().finish_session(session_id, **kwargs)  # type: ignore[arg-type]
        print("saved finish", flush=True)


def main(db: Path) -> None:
    store = HistoryStore.open(db)
    routine = load_routine_text(ROUTINE, source_name="kill-test", base_dir=None)
    clock = FakeClock()
    engine = SessionEngine.for_routine(routine, clock)

    recorder = SessionRecorder(
        ReportingWriter(store),
        routine,
        engine.outcome,
        lambda message: print(f"failed {message}", flush=True),
        failures=(StoreError,),
        busy=(StoreBusyError,),
        clock=clock,
        now=store.now,
    )
    print("ready", flush=True)
    sys.stdin.readline()
    recorder.begin(pain_before=3)
    engine.subscribe(recorder.handle)
    engine.start()
    while engine.status != "finished":
        clock.advance(0.5)
        engine.update()
        recorder.retry()
    print("done", flush=True)
    sys.stdin.readline()  # killed here at the latest; the store is never closed


if __name__ == "__main__":
    main(Path(sys.argv[1]))
