"""Start, pause, resume, skip, back, stop, sleep and the session outcome, on a hand-made routine.

The routine (seconds from the start); bridge: 2 sets of 3 reps of 2 s + 1 s hold, then
side plank: a 30 s hold on each side.
  0 prepare 0-5 | 1 work 5-14 | 2 rest 14-19 | 3 work 19-28
  4 transition 28-38 | 5 prepare 38-43 | 6 work left 43-73 | 7 switch 73-77 | 8 work right 77-107
"""

from __future__ import annotations

import pytest

from hiprehab.routine.model import Routine, Timing
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import Event, EventKind, SessionEngine
from hiprehab.session.timeline import build_timeline
from tests.routine.strategies import make_exercise

S = 1_000_000
K = EventKind
BRIDGE = make_exercise("bridge", sets=2, reps=3, seconds_per_rep=2, hold=1, rest=5)
PLANK = make_exercise("side plank", sides="each", hold=30)
ROUTINE = Routine(
    "test", (BRIDGE, PLANK), Timing(prepare=5, switch_sides=4, rest_between_exercises=10)
)
TOTAL = 107 * S


def setup(routine: Routine = ROUTINE) -> tuple[FakeClock, SessionEngine, list[Event]]:
    clock = FakeClock()
    engine = SessionEngine.for_routine(routine, clock)
    events: list[Event] = []
    engine.subscribe(events.append)
    return clock, engine, events


def run_until(clock: FakeClock, engine: SessionEngine, position_us: int, tick_us: int = 50_000
              ) -> None:
    """Advance in UI-sized ticks until the engine's position reaches `position_us`."""
    while engine.state().position_us < position_us:
        clock.advance_us(min(tick_us, position_us - engine.state().position_us))
        engine.update()


def test_the_timeline_is_the_one_described_above() -> None:
    steps = build_timeline(ROUTINE)
    assert [(s.kind.value, s.start_us // S, s.end_us // S) for s in steps] == [
        ("prepare", 0, 5), ("work", 5, 14), ("rest", 14, 19), ("work", 19, 28),
        ("transition", 28, 38), ("prepare", 38, 43), ("work", 43, 73), ("switch", 73, 77),
        ("work", 77, 107),
    ]
    assert ROUTINE.duration_us() == TOTAL


def test_ready_engine_waits_for_start_whatever_the_clock_does() -> None:
    clock, engine, events = setup()
    clock.advance(500)
    state = engine.update()
    assert (state.status, state.step_index, state.position_us, state.progress) == (
        "ready", 0, 0, 0.0
    )
    assert state.step is engine.timeline[0]
    assert events == []
    engine.start()
    assert [(e.kind, e.step.index, e.at_us) for e in events] == [(K.STEP_STARTED, 0, 0)]
    clock.advance(1)
    assert engine.update().position_us == 1 * S


def test_state_reads_no_clock_but_update_does() -> None:
    clock, engine, _ = setup()
    engine.start()
    clock.advance(3)
    assert engine.state().position_us == 0
    assert engine.update().position_us == 3 * S
    assert engine.state().position_us == 3 * S


def test_pause_time_is_excluded_from_active_time() -> None:
    clock, engine, events = setup()
    engine.start()
    run_until(clock, engine, 7 * S)
    engine.pause()
    for _ in range(20):  # 100 s of pause in UI-sized gaps, including gaps over 30 s
        clock.advance(5)
        state = engine.update()
        assert state.status == "paused" and state.position_us == 7 * S
        assert not state.paused_by_sleep
    clock.advance(40)
    engine.update()
    engine.resume()
    assert engine.state().position_us == 7 * S
    run_until(clock, engine, TOTAL)
    outcome = engine.outcome()
    assert outcome.status == "completed"
    assert outcome.active_seconds == 107.0
    assert outcome.paused_seconds == 140.0
    assert outcome.planned_seconds == 107.0
    assert [w.active_seconds for w in outcome.work] == [9.0, 9.0, 30.0, 30.0]
    assert [e.kind for e in events].count(K.PAUSED) == 1
    assert [e.kind for e in events].count(K.RESUMED) == 1
    assert [e.step.index for e in events if e.kind is K.STEP_STARTED] == list(range(9))


def test_toggle_pause_starts_pauses_and_resumes() -> None:
    clock, engine, events = setup()
    assert engine.toggle_pause().status == "running"
    clock.advance(1)
    assert engine.toggle_pause().status == "paused"
    clock.advance(2)
    state = engine.toggle_pause()
    assert state.status == "running" and state.position_us == 1 * S
    assert [e.kind for e in events] == [K.STEP_STARTED, K.PAUSED, K.RESUMED]
    assert events[1].at_us == events[2].at_us == 1 * S


def test_skip_during_work_reports_the_active_time_and_moves_on() -> None:
    clock, engine, events = setup()
    engine.start()
    run_until(clock, engine, 7 * S)  # 2 s into the first set
    events.clear()
    state = engine.skip()
    assert state.status == "running"
    assert (state.step_index, state.position_us) == (2, 14 * S)
    finished, started = events
    assert finished.kind is K.WORK_FINISHED and finished.at_us == 7 * S
    assert finished.work is not None
    assert (finished.work.status, finished.work.active_seconds, finished.work.planned_seconds) == (
        "skipped", 2.0, 9.0
    )
    assert (started.kind, started.step.index) == (K.STEP_STARTED, 2)
    clock.advance(1)
    assert engine.update().position_us == 15 * S


def test_skip_of_a_pause_reports_no_work_and_skip_while_paused_stays_paused() -> None:
    clock, engine, events = setup()
    engine.start()
    clock.advance(1)
    engine.pause()
    events.clear()
    state = engine.skip()
    assert (state.status, state.step_index, state.position_us) == ("paused", 1, 5 * S)
    assert [e.kind for e in events] == [K.STEP_STARTED, K.REP]  # the work step begins
    clock.advance(10)
    assert engine.update().position_us == 5 * S


def test_skipping_the_last_exercise_work_reports_exercise_done() -> None:
    clock, engine, events = setup()
    engine.start()
    run_until(clock, engine, 20 * S)
    events.clear()
    engine.skip()
    assert [e.kind for e in events] == [K.WORK_FINISHED, K.EXERCISE_DONE, K.STEP_STARTED]


def test_skipping_the_last_step_finishes_the_session() -> None:
    clock, engine, events = setup()
    engine.start()
    for _ in range(8):
        engine.skip()
    clock.advance(3)
    engine.update()
    events.clear()
    state = engine.skip()
    assert state.status == "finished" and state.progress == 1.0 and state.step is None
    assert [e.kind for e in events] == [K.WORK_FINISHED, K.EXERCISE_DONE, K.SESSION_DONE]
    outcome = engine.outcome()
    assert outcome.status == "completed"
    assert [w.status for w in outcome.work] == ["skipped", "skipped", "skipped", "skipped"]
    assert [w.active_seconds for w in outcome.work] == [0.0, 0.0, 0.0, 3.0]
    assert outcome.active_seconds == 3.0


def test_back_later_than_two_seconds_restarts_the_current_step() -> None:
    clock, engine, events = setup()
    engine.start()
    run_until(clock, engine, 5 * S + 2 * S + 1)  # just over 2 s into step 1
    events.clear()
    state = engine.back()
    assert (state.status, state.step_index, state.position_us) == ("running", 1, 5 * S)
    assert (state.rep, state.rep_phase, state.pose_position) == (1, "lift", 0.0)
    assert [(e.kind, e.value) for e in events] == [(K.STEP_STARTED, None), (K.REP, 1)]
    run_until(clock, engine, 14 * S)
    reps = [e.value for e in events if e.kind is K.REP]
    assert reps == [1, 2, 3]
    work = engine.outcome().work
    assert len(work) == 1 and work[0].active_seconds == 9.0  # the restarted attempt


@pytest.mark.parametrize("into_step_us", [0, 1, 2 * S])
def test_back_within_two_seconds_goes_to_the_previous_step(into_step_us: int) -> None:
    clock, engine, events = setup()
    engine.start()
    run_until(clock, engine, 19 * S + into_step_us)  # step 3 began at 19 s
    events.clear()
    state = engine.back()
    assert (state.step_index, state.position_us) == (2, 14 * S)
    assert [(e.kind, e.step.index) for e in events] == [(K.STEP_STARTED, 2)]
    assert state.step_remaining_s == 5.0


def test_back_at_the_first_step_restarts_it_and_redone_work_is_reported_again() -> None:
    clock, engine, events = setup()
    engine.start()
    clock.advance(1)
    assert engine.back().position_us == 0
    run_until(clock, engine, 15 * S)  # set 1 done, 1 s into the rest
    engine.back()  # within 2 s: back into set 1
    run_until(clock, engine, 14 * S + 1)
    finished = [e.work for e in events if e.kind is K.WORK_FINISHED]
    assert [(w.step.index, w.status) for w in finished if w] == [(1, "completed"), (1, "completed")]
    assert len(engine.outcome().work) == 1  # the latest report per step
    assert engine.outcome().active_seconds == 25_000_001 / S  # 1 + 15 + 9 s + 1 us


def test_stop_during_work_reports_it_stopped() -> None:
    clock, engine, events = setup()
    engine.start()
    run_until(clock, engine, 50 * S)  # 7 s into the plank's left side
    engine.pause()
    clock.advance(12)
    events.clear()
    state = engine.stop()
    assert state.status == "stopped" and state.position_us == 50 * S
    assert [e.kind for e in events] == [K.WORK_FINISHED, K.STOPPED]
    work = events[0].work
    assert work is not None and (work.status, work.active_seconds) == ("stopped", 7.0)
    outcome = engine.outcome()
    assert outcome.status == "stopped"
    assert [w.status for w in outcome.work] == ["completed", "completed", "stopped"]
    assert (outcome.active_seconds, outcome.paused_seconds) == (50.0, 12.0)
    events.clear()
    clock.advance(100)
    for command in (engine.update, engine.start, engine.resume, engine.skip, engine.back,
                    engine.pause, engine.stop, engine.toggle_pause):
        assert command().status == "stopped"
    assert events == []
    assert engine.outcome().paused_seconds == 12.0


def test_stop_during_a_pause_step_reports_no_work_and_stop_before_start_is_allowed() -> None:
    clock, engine, events = setup()
    engine.start()
    clock.advance(1.5)
    engine.stop()
    assert [e.kind for e in events] == [K.STEP_STARTED, K.STOPPED]
    assert engine.outcome().work == ()

    _, fresh, fresh_events = setup()
    assert fresh.stop().status == "stopped"
    assert [e.kind for e in fresh_events] == [K.STOPPED]
    assert fresh.outcome().status == "stopped" and fresh.outcome().active_seconds == 0


def test_outcome_while_in_progress() -> None:
    clock, engine, _ = setup()
    assert engine.outcome().status == "in_progress"
    engine.start()
    run_until(clock, engine, 30 * S)
    engine.pause()
    clock.advance(4)
    engine.update()
    outcome = engine.outcome()
    assert outcome.status == "in_progress"
    assert (outcome.active_seconds, outcome.paused_seconds) == (30.0, 4.0)
    assert [w.step.index for w in outcome.work] == [1, 3]


def test_a_long_clock_jump_pauses_where_it_began_and_loses_no_step() -> None:
    clock, engine, events = setup()
    engine.start()
    run_until(clock, engine, 20 * S)
    events.clear()
    clock.advance(60)  # the laptop slept
    state = engine.update()
    assert (state.status, state.paused_by_sleep) == ("paused", True)
    assert (state.step_index, state.position_us) == (3, 20 * S)
    assert [(e.kind, e.value, e.at_us) for e in events] == [
        (K.SLEEP_DETECTED, 60, 20 * S), (K.PAUSED, None, 20 * S)
    ]
    clock.advance(5)
    assert engine.update().position_us == 20 * S
    state = engine.resume()
    assert (state.status, state.paused_by_sleep, state.position_us) == ("running", False, 20 * S)
    clock.advance(1)
    assert engine.update().position_us == 21 * S
    run_until(clock, engine, TOTAL)
    assert [e.step.index for e in events if e.kind is K.STEP_STARTED] == [4, 5, 6, 7, 8]
    assert [e.value for e in events if e.kind is K.REP] == [2, 3]
    outcome = engine.outcome()
    assert outcome.status == "completed"
    assert (outcome.active_seconds, outcome.paused_seconds) == (107.0, 65.0)


def test_thirty_seconds_between_updates_is_not_sleep_but_a_microsecond_more_is() -> None:
    clock, engine, events = setup()
    engine.start()
    clock.advance(30)
    state = engine.update()
    assert (state.status, state.position_us, state.step_index) == ("running", 30 * S, 4)
    assert [e.step.index for e in events if e.kind is K.STEP_STARTED] == [0, 1, 2, 3, 4]
    clock.advance_us(30 * S + 1)
    state = engine.update()
    assert (state.status, state.paused_by_sleep, state.position_us) == ("paused", True, 30 * S)


def test_a_command_after_waking_also_notices_the_sleep() -> None:
    clock, engine, events = setup()
    engine.start()
    clock.advance(6)
    engine.update()
    clock.advance(3600)
    events.clear()
    state = engine.skip()  # pressed right after waking, before any update
    assert [e.kind for e in events] == [K.SLEEP_DETECTED, K.PAUSED, K.WORK_FINISHED,
                                        K.STEP_STARTED]
    assert events[2].work is not None and events[2].work.active_seconds == 1.0
    assert (state.status, state.step_index, state.paused_by_sleep) == ("paused", 2, True)
    assert engine.outcome().paused_seconds == 3600.0


def test_a_per_side_exercise_gives_both_sides_exactly_the_same_work_time() -> None:
    clamshell = make_exercise("clamshell", sides="each", sets=2, reps=7, seconds_per_rep=2.3,
                              hold=0.7, rest=3.3)
    routine = Routine("sides", (clamshell,), Timing(prepare=1.7, switch_sides=2.9))
    clock, engine, _ = setup(routine)
    engine.start()
    ticks = [0.049, 0.051, 0.113, 0.5, 1.7, 0.033]
    i = 0
    while engine.state().status == "running":
        clock.advance(ticks[i % len(ticks)])
        i += 1
        engine.update()
    work = engine.outcome().work
    assert [w.step.side for w in work] == ["left", "right", "left", "right"]
    assert {w.active_seconds for w in work} == {21.0}
    assert {w.planned_seconds for w in work} == {21.0}


def test_subscribers_can_unsubscribe_and_may_call_commands_from_a_callback() -> None:
    clock, engine, events = setup()
    other: list[Event] = []
    unsubscribe = engine.subscribe(other.append)

    def pause_when_work_finishes(event: Event) -> None:
        if event.kind is K.WORK_FINISHED:
            engine.pause()

    engine.subscribe(pause_when_work_finishes)
    engine.start()
    unsubscribe()
    unsubscribe()  # twice is harmless
    clock.advance(20)
    state = engine.update()
    assert state.status == "paused" and state.position_us == 20 * S
    assert other == events[:1]
    # the pause requested during delivery is delivered after everything already due
    kinds = [e.kind for e in events]
    assert kinds.index(K.PAUSED) > kinds.index(K.STEP_STARTED, kinds.index(K.WORK_FINISHED))
    assert kinds[-3:] == [K.STEP_STARTED, K.REP, K.PAUSED]
    assert events[-1].at_us == 20 * S


def test_a_float_clock_works_through_the_clock_protocol() -> None:
    class FloatClock:
        def __init__(self) -> None:
            self.t = 12345.678

        def now(self) -> float:
            return self.t

    clock = FloatClock()
    engine = SessionEngine.for_routine(ROUTINE, clock)
    engine.start()
    clock.t += 4.5
    assert engine.update().position_us == 4_500_000
    clock.t += 200  # a sleep, seen through the float clock too
    assert engine.update().paused_by_sleep


def test_a_timeline_must_be_non_empty_and_contiguous() -> None:
    steps = build_timeline(ROUTINE)
    with pytest.raises(ValueError, match="at least one step"):
        SessionEngine([], FakeClock())
    with pytest.raises(ValueError, match="step 1"):
        SessionEngine([steps[0], steps[2]], FakeClock())


def test_stopping_the_last_work_of_an_exercise_does_not_call_the_exercise_done() -> None:
    clock, engine, events = setup()
    engine.start()
    run_until(clock, engine, 20 * S)  # in set 2 of the bridge, its last work step
    events.clear()
    engine.stop()
    assert [e.kind for e in events] == [K.WORK_FINISHED, K.STOPPED]


def test_skipping_to_the_end_while_paused_closes_the_pause() -> None:
    clock, engine, _ = setup()
    engine.start()
    clock.advance(1)
    engine.pause()
    clock.advance(10)
    while engine.state().status == "paused":
        engine.skip()
    assert engine.state().status == "finished"
    clock.advance(500)
    engine.update()
    outcome = engine.outcome()
    assert (outcome.status, outcome.active_seconds, outcome.paused_seconds) == (
        "completed", 1.0, 10.0
    )
