"""Helpers of the store tests: a wall clock that moves when told, and recording a work period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hiprehab.history.store import HistoryStore
from hiprehab.session.recorder import WorkReport

T0 = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)


class Clock:
    """Wall-clock time that moves only when the test says so."""

    def __init__(self, start: datetime = T0) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: float) -> None:
        self.moment += timedelta(**kwargs)


def record(store: HistoryStore, session_id: int, n: int, **overrides: object) -> None:
    values: dict[str, object] = {
        "exercise_id": "bridge",
        "exercise_name": "Bridge",
        "set_number": n,
        "side": "none",
        "planned_seconds": 50.0,
        "actual_seconds": 45.5,
        "status": "completed",
    }
    values.update(overrides)
    store.record_work_period(session_id, WorkReport(**values))  # type: ignore[arg-type]
