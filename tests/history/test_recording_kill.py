"""kill -9 while a session is being recorded, again and again at different moments: the file
always opens, nothing reported as saved before the kill is lost, and the session is then
`interrupted` (or `completed`, when the kill came after its end was saved).

Twenty children record the same session as the app does (`recording_child.py`); each is killed
after a different number of saved writes, from before the first to after the last, so kills
land before, inside and between SQLite's transactions.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hiprehab.history.store import HistoryStore
from tests.history.recording_child import SETS

CHILD = Path(__file__).with_name("recording_child.py")
PERIODS = [(name, n) for name in ("A", "B") for n in range(1, SETS + 1)]  # in order
# how many saved writes each child reports before it is killed (start = 1, then one per set,
# then the finish): 0 kills it right after it was told to go
KILL_AFTER = [0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 15, 16, 19, 22, 25, 28, 30, 31, 32]


def _spawn(db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_after(child: subprocess.Popen[str], writes: int) -> list[str]:
    """Let `child` record until it reported `writes` saved writes, kill it; its reports."""
    assert child.stdin is not None and child.stdout is not None
    ready = child.stdout.readline()
    assert ready == "ready\n", ready + (child.stderr.read() if child.stderr else "")
    child.stdin.write("go\n")
    child.stdin.flush()
    reported = [child.stdout.readline().strip() for _ in range(writes)]
    os.kill(child.pid, signal.SIGKILL)  # the child is writing the next one right now
    assert child.wait(timeout=60) == -signal.SIGKILL
    assert all(line.startswith("saved ") for line in reported), reported
    return reported


def _check(db: Path, reported: list[str]) -> None:
    with HistoryStore.open(db) as store:  # opens: nothing damaged, nothing moved aside
        assert store.moved_aside is None
        sessions = store.sessions()
        if not sessions:
            assert reported == []  # killed before the session row was committed
            return
        (session,) = sessions
        periods = store.work_periods(session.id)
    assert session.pain_before == 3
    saved = [line.split()[2:] for line in reported if line.startswith("saved period")]
    assert len(periods) >= len(saved)  # the child may have committed one more before it died
    assert [(p.exercise_name, p.set_number) for p in periods] == PERIODS[: len(periods)]
    assert [
        [p.exercise_name, str(p.set_number), str(p.actual_seconds)] for p in periods[: len(saved)]
    ] == saved
    assert all(p.status == "completed" and p.actual_seconds == 1.0 for p in periods)
    stamps = [session.started_at, *(p.ended_at for p in periods)]
    assert stamps == sorted(stamps)
    if "saved finish" in reported or session.status == "completed":
        assert session.status == "completed" and len(periods) == len(PERIODS)
        return
    assert session.status == "interrupted"
    assert session.recorded_work_periods == session.completed_work_periods == len(periods)
    assert session.active_seconds == pytest.approx(sum(p.actual_seconds for p in periods))
    assert session.ended_at == (periods[-1].ended_at if periods else session.started_at)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_repeated_kills_during_recording_lose_nothing_saved(tmp_path: Path) -> None:
    dbs = [tmp_path / f"history-{n}.sqlite3" for n in range(len(KILL_AFTER))]
    children = [_spawn(db) for db in dbs]  # they start up side by side, then record in turn
    try:
        for child, db, writes in zip(children, dbs, KILL_AFTER, strict=True):
            _check(db, _kill_after(child, writes))
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
            child.wait(timeout=60)
            for stream in (child.stdin, child.stdout, child.stderr):
                if stream is not None:
                    stream.close()
