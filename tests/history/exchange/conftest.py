"""Fixtures of the exchange tests: the user's folders and a filled history of eight sessions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.session.recorder import WorkReport
from tests.history.exchange.sample_history import NOTE, T0, Clock
from tests.history.history_child import sample_routine


@pytest.fixture
def paths() -> AppPaths:
    return AppPaths.from_environment()  # inside the per-test HIPREHAB_HOME


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[HistoryStore]:
    """Eight sessions over three ISO weeks across new year, two routines, all statuses."""
    clock = Clock()
    store = HistoryStore.open(tmp_path / "own.sqlite3", now=clock)
    plan = [
        # (day offset, routine per week, status, periods completed of 7, before, after, morning)
        (0, 3, "completed", 7, 2, 3, 2),
        (2, 3, "stopped", 3, 3, 5, None),
        (4, 3, "interrupted", 2, None, None, None),
        (7, 3, "completed", 7, 2, 2, 1),
        (9, 4, "completed", 7, 1, 4, 4),
        (11, 4, "completed", 6, 2, 6, None),
        (14, 4, "completed", 7, 2, 3, 2),
        (16, 4, "running", 1, 3, None, None),
    ]
    for day, per_week, status, done, before, after, morning in plan:
        clock.moment = T0 + timedelta(days=day, hours=day % 5)
        session_id = store.start_session(
            sample_routine(sessions_per_week=per_week), pain_before=before
        )
        for n in range(1, 8 if status == "completed" else done + 1):
            clock.moment += timedelta(minutes=3)
            store.record_work_period(
                session_id,
                WorkReport(
                    exercise_id=None if n == 7 else "bridge",
                    exercise_name="=Own stretch" if n == 7 else "Bridge",
                    set_number=n,
                    side="left" if n % 2 else "right",
                    planned_seconds=45.0,
                    actual_seconds=45.0 if n <= done else 2.5,
                    status="completed" if n <= done else "skipped",
                ),
            )
        if status != "running":
            clock.moment += timedelta(minutes=1)
            store.finish_session(
                session_id, status=status, active_seconds=300.25, paused_seconds=12
            )
        store.set_pain_after(session_id, after)
        store.set_pain_next_morning(session_id, morning)
        if day == 2:
            store.set_note(session_id, NOTE)
        if day == 7:
            store.set_note(session_id, "=SUM(A1:A9)")
    store.mark_morning_asked(1)
    yield store
    store.close()
