"""A process killed mid-session loses nothing it reported as saved (SIGKILL, a real child)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hiprehab.history.store import HistoryStore

CHILD = Path(__file__).with_name("history_child.py")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_killed_session_becomes_interrupted_with_every_reported_work_period(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.sqlite3"
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first.startswith("session "), first + (child.stderr.read() if child.stderr else "")
        session_id = int(first.split()[1])
        reported = [child.stdout.readline().strip() for _ in range(3)]
        assert reported == ["recorded 1", "recorded 2", "recorded 3"]
        os.kill(child.pid, signal.SIGKILL)  # the child is still writing periods right now
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        for stream in (child.stdin, child.stdout, child.stderr):
            if stream is not None:
                stream.close()

    with HistoryStore.open(db) as store:
        session = store.session(session_id)
        periods = store.work_periods(session_id)
    assert session.status == "interrupted"
    # Every reported period is there; the child may have committed a few more before it died.
    assert len(periods) >= 3
    assert [p.set_number for p in periods] == list(range(1, len(periods) + 1))
    assert [p.actual_seconds for p in periods[:3]] == [40.25, 40.5, 40.75]
    assert session.recorded_work_periods == session.completed_work_periods == len(periods)
    assert session.active_seconds == pytest.approx(sum(p.actual_seconds for p in periods))
    assert session.ended_at == periods[-1].ended_at
    assert session.pain_before == 2
