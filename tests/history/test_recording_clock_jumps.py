"""The wall clock jumping while a session is recorded (a time-zone or daylight-saving slip, NTP
setting a wrong clock right, a user changing the time): every work period is kept, and the
times stored never run backwards: no period before its session's start, none before the one
before it, no end before the last period. (Durations come from the monotonic clock and are not
touched; a jump of that clock pauses the session, see the engine's tests.)
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from hiprehab.history.errors import StoreBusyError
from hiprehab.history.session_writer import SessionWriter
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.routine.loader import load_routine_text
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import SessionEngine
from hiprehab.session.recorder import SessionRecorder
from tests.history.store_helpers import Clock

ROUTINE = (
    'format = 1\ntitle = "T"\n[timing]\nprepare = 0\n'
    '[[exercise]]\nname = "A"\nhold = 5\nsets = 6\nrest = 1\n'
)
JUMPS = {  # after the work period numbered: the wall clock jumps by
    1: timedelta(hours=-2),
    2: timedelta(days=3),
    3: timedelta(days=-4),  # back to before the session started
    4: timedelta(minutes=-1),
}


@pytest.mark.parametrize("order", ["as listed", "forwards first"])
def test_wall_clock_jumps_keep_every_period_in_order(tmp_path: Path, order: str) -> None:
    wall = Clock()
    jumps = dict(JUMPS)
    if order == "forwards first":
        jumps = {n: -jump for n, jump in JUMPS.items()}
    routine = load_routine_text(ROUTINE, source_name="t", base_dir=None)
    monotonic = FakeClock()
    errors: list[str] = []
    with HistoryStore.open(tmp_path / "history.sqlite3", now=wall) as store:
        engine = SessionEngine.for_routine(routine, monotonic)
        recorder = SessionRecorder(  # wired as the app wires it: stamped as things happen
            SessionWriter(store),
            routine,
            engine.outcome,
            errors.append,
            failures=(StoreError,),
            busy=(StoreBusyError,),
            clock=monotonic,
            now=store.now,
        )
        recorder.begin(pain_before=2)
        done = 0

        def on_event(event: object) -> None:
            nonlocal done
            recorder.handle(event)  # type: ignore[arg-type]
            if getattr(event, "work", None) is not None:
                done += 1
                if done in jumps:
                    wall.moment += jumps[done]

        engine.subscribe(on_event)
        engine.start()
        for _ in range(80):  # short ticks: the monotonic clock itself never jumps here
            monotonic.advance(1)
            wall.advance(seconds=1)
            engine.update()
        recorder.set_pain_after(1, "fine")
        assert engine.status == "finished"

        (session,) = store.sessions()
        periods = store.work_periods(session.id)
    assert errors == []
    assert [p.set_number for p in periods] == [1, 2, 3, 4, 5, 6]
    assert all(p.actual_seconds == 5.0 for p in periods)
    assert session.status == "completed"
    stamps = [session.started_at, *(p.ended_at for p in periods)]
    assert stamps == sorted(stamps)
    assert session.ended_at is not None and session.ended_at >= stamps[-1]


def test_a_sleep_mid_session_pauses_it_and_keeps_every_period(tmp_path: Path) -> None:
    """Both clocks jump (the laptop slept): the engine pauses, nothing is lost or misdated."""
    wall = Clock()
    routine = load_routine_text(ROUTINE, source_name="t", base_dir=None)
    monotonic = FakeClock()
    with HistoryStore.open(tmp_path / "history.sqlite3", now=wall) as store:
        engine = SessionEngine.for_routine(routine, monotonic)
        recorder = SessionRecorder(
            SessionWriter(store), routine, engine.outcome, print,
            failures=(StoreError,), busy=(StoreBusyError,), clock=monotonic, now=store.now,
        )  # fmt: skip
        recorder.begin(pain_before=None)
        engine.subscribe(recorder.handle)
        engine.start()
        for tick in range(80):
            if tick == 14:  # in the middle of the third set: an hour asleep
                monotonic.advance(3600)
                wall.advance(hours=1)
                assert engine.update().paused_by_sleep
                engine.resume()
            monotonic.advance(1)
            wall.advance(seconds=1)
            engine.update()
        assert engine.status == "finished"
        (session,) = store.sessions()
        periods = store.work_periods(session.id)
    assert [p.set_number for p in periods] == [1, 2, 3, 4, 5, 6]
    assert all(p.actual_seconds == 5.0 for p in periods)  # the hour asleep is no work
    assert session.paused_seconds >= 3600
    stamps = [session.started_at, *(p.ended_at for p in periods)]
    assert stamps == sorted(stamps) and session.ended_at == stamps[-1]
