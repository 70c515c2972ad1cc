"""Leaving out an optional exercise: the store's planned count, the recorder, and the player
driven through the real window with a FakeClock (key O and the button).

The routine (seconds from the start); the figure-four stretch is optional:
  0 prepare 0-2 | 1 work 2-6 (bridge) | 2 transition 6-9 | 3 prepare 9-11 | 4 work left 11-16
  5 switch 16-18 | 6 work right 18-23 | 7 transition 23-26 | 8 prepare 26-28 | 9 work 28-32 (plank)
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hiprehab.history import stats
from hiprehab.history.store import HistoryStore, ReadOnlyStoreError, StoreError
from hiprehab.routine.loader import load_routine
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import SessionEngine
from hiprehab.session.recorder import SessionRecorder
from hiprehab.session.timeline import StepKind
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player.checkins import PainCheckinDialog
from hiprehab.ui.player.leave_out_bar import offer_text
from tests.ui.player.test_player import run, state

WindowFactory = Callable[..., MainWindow]

OPTIONAL_ROUTINE = """\
format = 1
title = "Routine with an optional stretch"

[schedule]
sessions_per_week = 2

[timing]
prepare = 2
switch_sides = 2
rest_between_sets = 3
rest_between_exercises = 3

[[exercise]]
name = "Bridge"
reps = 2
seconds_per_rep = 2

[[exercise]]
name = "Figure-four stretch"
sides = "each"
hold = 5
optional = true

[[exercise]]
name = "Plank"
hold = 4
"""


@pytest.fixture
def optional_file(tmp_path: Path) -> Path:
    path = tmp_path / "optional.toml"
    path.write_text(OPTIONAL_ROUTINE, encoding="utf-8")
    return path


# --- the store ---------------------------------------------------------------------------------


def test_the_store_lowers_the_planned_count_of_a_running_session(
    store: HistoryStore, optional_file: Path
) -> None:
    routine = load_routine(optional_file)
    sid = store.start_session(routine)
    assert store.session(sid).planned_work_periods == 4
    store.leave_out_work_periods(sid, 2)
    assert store.session(sid).planned_work_periods == 2
    store.leave_out_work_periods(sid, 0)
    assert store.session(sid).planned_work_periods == 2
    store.leave_out_work_periods(sid, 5)
    assert store.session(sid).planned_work_periods == 0  # never below nothing
    for bad in (-1, True, 1.5, "2"):
        with pytest.raises(ValueError, match="count must be an integer"):
            store.leave_out_work_periods(sid, bad)  # type: ignore[arg-type]
    store.finish_session(sid, status="completed", active_seconds=1.0, paused_seconds=0.0)
    with pytest.raises(ValueError, match="already completed"):
        store.leave_out_work_periods(sid, 1)
    with pytest.raises(ValueError, match="no session 99"):
        store.leave_out_work_periods(99, 1)


def test_a_read_only_store_refuses_it(store: HistoryStore, optional_file: Path) -> None:
    sid = store.start_session(load_routine(optional_file))
    viewer = HistoryStore.open(store.path, read_only=True)
    with pytest.raises(ReadOnlyStoreError):
        viewer.leave_out_work_periods(sid, 1)
    viewer.close()


# --- the recorder ------------------------------------------------------------------------------


def test_the_recorder_keeps_a_session_whole_when_an_optional_exercise_is_left_out(
    store: HistoryStore, optional_file: Path
) -> None:
    routine = load_routine(optional_file)
    clock = FakeClock()
    engine = SessionEngine.for_routine(routine, clock)
    errors: list[str] = []
    recorder = SessionRecorder(
        store, routine, engine.outcome, errors.append, failures=(StoreError,)
    )
    recorder.begin(pain_before=1)
    engine.subscribe(recorder.handle)
    engine.start()
    clock.advance(7)
    engine.update()
    assert engine.leave_out().step_index == 7
    clock.advance(9)
    engine.update()
    assert engine.status == "finished"
    (record,) = store.sessions()
    assert (record.status, record.planned_work_periods) == ("completed", 2)
    assert (record.completed_work_periods, record.recorded_work_periods) == (2, 4)
    assert [(p.exercise_name, p.side, p.status) for p in store.work_periods(record.id)] == [
        ("Bridge", "none", "completed"),
        ("Figure-four stretch", "left", "skipped"),
        ("Figure-four stretch", "right", "skipped"),
        ("Plank", "none", "completed"),
    ]
    assert errors == []
    # the week is counted in full: one session done of the plan's one, every planned set done
    (week,) = stats.weekly_adherence([record], start=None, end=record.started_at.date())
    assert (week.done, week.work_share) == (1.0, 1.0)


def test_a_stopped_session_counts_its_share_without_the_left_out_sets(
    store: HistoryStore, optional_file: Path
) -> None:
    routine = load_routine(optional_file)
    clock = FakeClock()
    engine = SessionEngine.for_routine(routine, clock)
    recorder = SessionRecorder(
        store, routine, engine.outcome, lambda _m: None, failures=(StoreError,)
    )
    recorder.begin(pain_before=None)
    engine.subscribe(recorder.handle)
    engine.start()
    clock.advance(10)
    engine.update()
    engine.leave_out()
    engine.stop()
    (record,) = store.sessions()
    assert (record.status, record.planned_work_periods, record.completed_work_periods) == (
        "stopped", 2, 1,
    )  # fmt: skip
    assert stats.session_share(record) == Fraction(1, 2)  # the bridge of bridge + plank


# --- the player --------------------------------------------------------------------------------


def start(qtbot: QtBot, dialogs: Any, window: MainWindow, path: Path) -> None:
    assert window.open_routine_file(path)
    window.library.start_button.click()
    dialog = dialogs.wait(PainCheckinDialog)
    qtbot.keyClick(dialog, "2")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert window.flow.controller is not None


def test_key_o_leaves_out_the_optional_exercise_and_the_session_counts_in_full(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    clock: FakeClock,
    store: HistoryStore,
    optional_file: Path,
) -> None:
    start(qtbot, dialogs, window, optional_file)
    bar = window.player.leave_out_bar
    assert bar.isHidden()  # the bridge is not optional
    qtbot.keyClick(window, Qt.Key.Key_O)
    assert state(window).step_index == 0  # nothing happens

    run(window, clock, 7.0)  # the rest before the stretch
    assert state(window).step.kind is StepKind.TRANSITION
    assert bar.isVisible() and bar.action.isEnabled()
    assert bar.label.text() == offer_text("Figure-four stretch")
    assert bar.label.text() == "Optional: press O to leave out Figure-four stretch."
    assert "(O)" in bar.action.toolTip()
    assert bar.label.font().pixelSize() >= 20  # readable from the mat

    qtbot.keyClick(window, Qt.Key.Key_O)
    s = state(window)
    assert (s.step_index, s.step.kind, s.step.exercise.name) == (7, StepKind.TRANSITION, "Plank")
    assert bar.isHidden() and not bar.action.isEnabled()
    (session,) = store.sessions()
    assert session.planned_work_periods == 2
    qtbot.keyClick(window, Qt.Key.Key_O)  # the rest before the plank offers nothing
    assert state(window).step_index == 7

    run(window, clock, 9.0)
    after = dialogs.wait(PainCheckinDialog)
    after.select(1)
    after.save_button.click()
    record = store.session(session.id)
    assert record.status == "completed"
    assert record.completed_work_periods == record.planned_work_periods == 2
    summary = window.player.summary.summary
    assert summary is not None and (summary.sets_done, summary.sets_planned) == (2, 2)
    (week,) = stats.weekly_adherence(
        [record], start=None, end=record.started_at.date(), tz=record.started_at.tzinfo
    )
    assert (week.done, week.work_share, week.planned) == (1.0, 1.0, 2)


def test_the_button_works_during_the_get_ready_and_a_pause_keeps_it_paused(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    clock: FakeClock,
    store: HistoryStore,
    optional_file: Path,
) -> None:
    start(qtbot, dialogs, window, optional_file)
    run(window, clock, 10.0)  # the stretch's get-ready
    assert state(window).step.kind is StepKind.PREPARE
    qtbot.keyClick(window, Qt.Key.Key_Space)  # pause: the offer stays
    bar = window.player.leave_out_bar
    assert state(window).status == "paused" and bar.isVisible()
    bar.button.click()
    assert (state(window).status, state(window).step_index) == ("paused", 7)
    assert bar.isHidden()
    assert store.sessions()[0].planned_work_periods == 2


def test_no_offer_without_an_optional_exercise(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    clock: FakeClock,
    routine_file: Path,
) -> None:
    start(qtbot, dialogs, window, routine_file)
    for _ in range(20):
        run(window, clock, 1.0)
        assert window.player.leave_out_bar.isHidden()
        if window.flow.controller is None or not window.flow.controller.active:
            break



def test_the_routine_page_marks_an_optional_exercise(window: MainWindow) -> None:
    library = window.library
    entry = next(e for e in library.entries() if e.path.name == "post-run-cool-down.hiprehab.toml")
    assert library.select(entry.path)
    names = [row.name.text() for row in library.exercise_rows()]
    assert names[-1] == "4. Piriformis stretch (optional)"
    assert not any("optional" in name for name in names[:-1])
