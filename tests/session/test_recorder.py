"""The recorder against a store of its own protocol: no history wing, no Qt."""

from __future__ import annotations

from typing import Any

import pytest

from hiprehab.routine.loader import load_routine_text
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import SessionEngine
from hiprehab.session.recorder import SessionRecorder, WorkReport

ROUTINE = (
    'format = 1\ntitle = "T"\n[timing]\nprepare = 0\n'
    '[[exercise]]\nname = "A"\nhold = 5\nsets = 2\nrest = 1\n'
)


class DiskFull(Exception):
    pass


class Busy(DiskFull):
    """Another program holds the file: nothing written (a kind of failure, checked first)."""


class FakeStore:
    """Records every write; raises `error` from the write numbered `fail_at` on."""

    def __init__(self, fail_at: int | None = None, error: Exception | None = None) -> None:
        self.calls: list[str] = []
        self.tries: list[str] = []  # every attempt, busy ones too
        self.busy = False
        self._fail_at = fail_at
        self._error = error or DiskFull("the disk is full")

    def _call(self, name: str) -> None:
        self.tries.append(name)
        if self.busy:
            raise Busy("the file is in use")
        self.calls.append(name)
        if self._fail_at is not None and len(self.calls) >= self._fail_at:
            raise self._error

    def start_session(self, routine: Any, **fields: Any) -> int:
        self._call("start_session")
        return 7

    def record_work_period(self, session_id: int, work: WorkReport, **fields: Any) -> None:
        self._call(f"record_work_period {work.set_number} {work.status}")

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


class Busily:
    """A recorder on a FakeStore that can be made busy, retried as the app's timer would."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.routine = load_routine_text(ROUTINE, source_name="t", base_dir=None)
        self.clock = FakeClock()
        self.engine = SessionEngine.for_routine(self.routine, self.clock)
        self.errors: list[str] = []
        self.waiting: list[bool] = []
        self.recorder = SessionRecorder(
            store, self.routine, self.engine.outcome, self.errors.append,
            failures=(DiskFull,), busy=(Busy,), clock=self.clock,
            on_waiting=self.waiting.append,
        )  # fmt: skip
        self.engine.subscribe(self.recorder.handle)

    def tick(self, seconds: float = 1.0) -> None:
        self.clock.advance(seconds)
        self.engine.update()
        self.recorder.retry()


def test_writes_a_busy_store_refused_wait_in_order_and_retry_with_growing_delays() -> None:
    session = Busily(FakeStore())
    session.store.busy = True
    session.recorder.begin(pain_before=2)  # even the session row waits
    session.engine.start()
    tried_at: list[float] = []
    for _ in range(60):
        before = len(session.store.tries)
        session.tick(0.25)
        if len(session.store.tries) > before:
            tried_at.append(session.clock.now())
    session.recorder.set_pain_after(1, "fine")
    assert session.engine.status == "finished"
    assert session.store.calls == [] and session.errors == [] and session.waiting == [True]
    assert session.recorder.recording and session.recorder.pending == 6
    gaps = [round(b - a, 2) for a, b in zip([1000.0, *tried_at], tried_at, strict=False)]
    assert gaps == [0.25, 0.5, 1.0, 2.0, 4.0, 5.0]  # doubling up to 5 s: one try each
    session.recorder.retry(at_once=True)  # (the app's last try when it closes)

    session.store.busy = False
    session.tick(5.0)
    assert session.store.calls == [
        "start_session",
        "record_work_period 1 completed",
        "record_work_period 2 completed",
        "finish_session completed",
        "set_pain_after",
        "set_note",
    ]
    assert (session.recorder.pending, session.waiting, session.errors) == (0, [True, False], [])


def test_a_busy_store_that_then_fails_is_reported_once_and_what_waited_is_dropped() -> None:
    store = FakeStore(fail_at=1)
    session = Busily(store)
    store.busy = True
    session.recorder.begin(pain_before=None)
    session.engine.start()
    session.tick(3)
    store.busy = False
    for _ in range(20):
        session.tick()
    assert session.errors == ["the disk is full"] and session.waiting == [True, False]
    assert store.calls == ["start_session"]
    assert (session.recorder.recording, session.recorder.pending) == (False, 0)


def test_a_busy_store_needs_a_clock_to_retry_on() -> None:
    routine = load_routine_text(ROUTINE, source_name="t", base_dir=None)
    with pytest.raises(ValueError, match="clock"):
        SessionRecorder(
            FakeStore(), routine, lambda: None, print, failures=(), busy=(Busy,)  # type: ignore[arg-type,return-value]
        )
