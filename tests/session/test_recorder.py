"""The recorder against a store of its own protocol: no history wing, no Qt."""

from __future__ import annotations

from typing import Any

import pytest

from hiprehab.routine.loader import load_routine_text
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import SessionEngine
from hiprehab.session.recorder import SessionRecorder

ROUTINE = (
    'format = 1\ntitle = "T"\n[timing]\nprepare = 0\n'
    '[[exercise]]\nname = "A"\nhold = 5\nsets = 2\nrest = 1\n'
)


class DiskFull(Exception):
    pass


class FakeStore:
    """Records every write; raises `error` from the write numbered `fail_at` on."""

    def __init__(self, fail_at: int | None = None, error: Exception | None = None) -> None:
        self.calls: list[str] = []
        self._fail_at = fail_at
        self._error = error or DiskFull("the disk is full")

    def _call(self, name: str) -> None:
        self.calls.append(name)
        if self._fail_at is not None and len(self.calls) >= self._fail_at:
            raise self._error

    def start_session(self, routine: Any, *, pain_before: int | None = None) -> int:
        self._call("start_session")
        return 7

    def record_work_period(self, session_id: int, **fields: Any) -> None:
        self._call(f"record_work_period {fields['set_number']} {fields['status']}")

    def leave_out_work_periods(self, session_id: int, count: int) -> None:
        self._call("leave_out_work_periods")

    def finish_session(self, session_id: int, **fields: Any) -> None:
        self._call(f"finish_session {fields['status']}")

    def set_pain_after(self, session_id: int, value: int | None) -> None:
        self._call("set_pain_after")

    def set_note(self, session_id: int, text: str) -> None:
        self._call("set_note")


def play(store: FakeStore, errors: list[str]) -> SessionRecorder:
    routine = load_routine_text(ROUTINE, source_name="t", base_dir=None)
    clock = FakeClock()
    engine = SessionEngine.for_routine(routine, clock)
    recorder = SessionRecorder(store, routine, engine.outcome, errors.append, failures=(DiskFull,))
    recorder.begin(pain_before=2)
    engine.subscribe(recorder.handle)
    engine.start()
    for _ in range(60):  # in short ticks: a long clock jump would mean the machine slept
        clock.advance(1)
        engine.update()
    recorder.set_pain_after(1, "fine")
    return recorder


def test_a_session_is_written_as_it_happens() -> None:
    store, errors = FakeStore(), []
    recorder = play(store, errors)
    assert store.calls == [
        "start_session",
        "record_work_period 1 completed",
        "record_work_period 2 completed",
        "finish_session completed",
        "set_pain_after",
        "set_note",
    ]
    assert (recorder.recording, recorder.finished, errors) == (True, True, [])


def test_a_failing_store_is_reported_once_and_then_left_alone() -> None:
    store, errors = FakeStore(fail_at=2), []
    recorder = play(store, errors)
    assert store.calls == ["start_session", "record_work_period 1 completed"]
    assert errors == ["the disk is full"]
    assert not recorder.recording


def test_a_store_that_cannot_start_records_nothing() -> None:
    store, errors = FakeStore(fail_at=1), []
    recorder = play(store, errors)
    assert (store.calls, errors, recorder.session_id) == (
        ["start_session"],
        ["the disk is full"],
        None,
    )


def test_other_exceptions_are_not_the_store_failing() -> None:
    with pytest.raises(ValueError):
        play(FakeStore(fail_at=2, error=ValueError("a bug")), [])
