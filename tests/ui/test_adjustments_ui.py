"""The user's own adjustments in the window: offered on the summary and in the history pane,
stored on Apply, listed with Undo on the routine page, and played by the player."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hiprehab.history.exchange.json_format import write_json
from hiprehab.history.exchange.profiles import import_history
from hiprehab.history.records import routine_hash
from hiprehab.history.store import HistoryStore
from hiprehab.routine.loader import load_routine
from hiprehab.routine.model import Routine
from hiprehab.routine.wording import length_text
from hiprehab.session.timeline import StepKind
from hiprehab.ui.adjustment_offer import OfferBox
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player.before_session import BeforeSessionDialog
from hiprehab.ui.player.checkins import PainCheckinDialog

WindowFactory = Callable[..., MainWindow]
NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # the test store's clock

ROUTINE = """\
format = 1
title = "Outer hip"

[timing]
prepare = 1
switch_sides = 1
rest_between_sets = 1
rest_between_exercises = 1

[[exercise]]
name = "March on the spot"
sides = "both"
sets = 1
reps = 2
seconds_per_rep = 1

[[exercise]]
use = "clamshell"
sets = 2
reps = 10
seconds_per_rep = 1
rest = 1
"""


@pytest.fixture
def routine_path(tmp_path: Path) -> Path:
    path = tmp_path / "outer-hip.toml"
    path.write_text(ROUTINE, encoding="utf-8")
    return path


def add_session(
    store: HistoryStore, routine: Routine, days_ago: float, *, after: int, morning: int | None
) -> None:
    """A finished session of `routine` (all its planned work done) with its pain scores."""
    started = NOW - timedelta(days=days_ago)
    session_id = store.start_session(routine, started_at=started, planned_work_periods=0)
    store.finish_session(
        session_id, status="completed", active_seconds=60, paused_seconds=0,
        ended_at=started + timedelta(minutes=5),
    )  # fmt: skip
    store.set_pain_after(session_id, after)
    store.set_pain_next_morning(session_id, morning)


def window_with(make_window: WindowFactory, routine_path: Path) -> MainWindow:
    window = make_window()
    assert window.adjustments.now() == NOW  # the store's clock
    assert window.open_routine_file(routine_path)
    return window


def routine_of(window: MainWindow) -> Routine:
    entry = window.library.current_entry()
    assert entry is not None and entry.routine is not None
    return entry.routine


def clamshell_sets_in_timeline(window: MainWindow) -> set[int]:
    controller = window.flow.controller
    assert controller is not None
    return {
        s.set_count
        for s in controller.engine.timeline
        if s.kind is StepKind.WORK and s.exercise.library_id == "clamshell"
    }


def test_the_summary_offers_a_step_down_and_apply_stores_it_for_the_player(
    qtbot: QtBot, dialogs: Any, make_window: WindowFactory, store: HistoryStore,
    routine_path: Path,
) -> None:  # fmt: skip
    window = window_with(make_window, routine_path)
    routine = routine_of(window)
    add_session(store, routine, 2, after=2, morning=1)
    window.library.start_button.click()
    qtbot.keyClick(dialogs.wait(PainCheckinDialog), "3")
    qtbot.keyClick(dialogs.wait(PainCheckinDialog), Qt.Key.Key_Return)
    assert clamshell_sets_in_timeline(window) == {2}  # as the file says
    controller = window.flow.controller
    assert controller is not None
    controller.stop()
    after = dialogs.wait(PainCheckinDialog)
    after.select(7)
    after.save_button.click()

    box: OfferBox = window.player.summary.offer_box
    assert window.player.page == "summary" and box.isVisible()
    assert box.heading.text() == "Time to ease off: Outer hip"
    assert box.change.text() == "Clamshell: 1 set instead of 2"
    assert "safe" not in box.text.text().lower()
    assert store.adjustments() == []
    box.apply_button.click()
    (stored,) = store.adjustments(routine_hash(routine))
    assert (stored.field, stored.old, stored.new, stored.direction) == ("sets", 2, 1, "regress")
    assert stored.created_at == NOW
    assert box.result.isVisible() and not box.apply_button.isVisible()

    # the routine page lists it and shows the adjusted dose; the file is unchanged
    window.show_page("library")
    panel = window.routine_adjustments.panel
    assert panel is not None
    assert panel.lines[0].text() == "Your change: Clamshell, 1 set instead of 2 (from Mar 2)"
    row = window.library.exercise_rows()[1]
    assert (
        row.dosing.text().startswith("1 set x 10 reps") and "your adjustment" in row.dosing.text()
    )
    assert window.library.exercise_rows()[0].dosing.text() == "1 set x 2 reps"
    # the list's length is the routine as it will be played, like the page's
    assert window.library.as_played == window.adjustments.adjusted
    assert routine.source is not None  # the user's copy of the physio's file: unchanged
    assert routine.source.read_text(encoding="utf-8") == ROUTINE
    assert load_routine(routine.source) == routine

    # the next session plays the adjusted routine, filed under the same routine
    window.library.start_button.click()
    dialogs.wait(PainCheckinDialog).skip_button.click()
    dialogs.wait(BeforeSessionDialog).start_button.click()  # the last session was red
    assert clamshell_sets_in_timeline(window) == {1}
    assert store.sessions()[-1].routine_hash == routine_hash(routine)
    assert store.sessions()[-1].planned_work_periods == 1 + 1 * 2
    controller = window.flow.controller
    assert controller is not None
    while controller.state().step.exercise.library_id != "clamshell":
        controller.skip()
    assert window.player.name_label.text() == "Clamshell (adjusted)"
    assert window.player.instructions_label.text().startswith(
        "Your adjustment: 1 set instead of 2\n"
    )


def test_undo_on_the_routine_page_restores_the_file_dose(
    make_window: WindowFactory, store: HistoryStore, routine_path: Path
) -> None:
    window = window_with(make_window, routine_path)
    routine = routine_of(window)
    add_session(store, routine, 3, after=2, morning=1)
    add_session(store, routine, 1, after=1, morning=0)
    (offer,) = window.adjustments.offers()
    assert offer.change == "Clamshell: 12 reps instead of 10"
    window.adjustments.apply(offer)
    row = window.library.exercise_rows()[1]
    assert row.dosing.text().startswith("2 sets x 12 reps")
    panel = window.routine_adjustments.panel
    assert panel is not None and len(panel.undo_buttons) == 1
    assert panel.undo_buttons[0].accessibleName().startswith("Undo: Your change: Clamshell")
    panel.undo_buttons[0].click()
    (record,) = store.adjustments()
    assert record.undone_at == NOW and not record.active  # kept, so the physio sees the story
    assert window.routine_adjustments.panel is None
    row = window.library.exercise_rows()[1]
    assert row.dosing.text() == "2 sets x 10 reps, each side, 1 s rest"
    assert window.adjustments.adjusted(routine) == routine
    assert window.adjustments.offers() == []  # no new offer before another session


def test_the_history_pane_offers_a_step_up_with_apply_and_not_now(
    qtbot: QtBot, make_window: WindowFactory, store: HistoryStore, routine_path: Path
) -> None:
    window = window_with(make_window, routine_path)
    routine = routine_of(window)
    add_session(store, routine, 3, after=2, morning=1)
    add_session(store, routine, 1, after=1, morning=0)
    window.show_page("history")
    view = window._ensure_history()
    offers = view.offers  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: offers.isVisible())
    (box,) = offers.boxes
    assert box.heading.text() == "Ready to progress: Outer hip"
    assert box.change.text() == "Clamshell: 12 reps instead of 10"
    box.later_button.click()
    assert not box.isVisible() and store.adjustments() == []
    view.refresh()  # type: ignore[attr-defined]
    assert offers.boxes == []  # Not now: not offered again while the app runs

    window.adjustments._dismissed.clear()
    view.refresh()  # type: ignore[attr-defined]
    (box,) = offers.boxes
    box.apply_button.click()
    (stored,) = store.adjustments()
    assert (stored.field, stored.new, stored.direction) == ("reps", 12, "progress")
    assert box.result.isVisible()
    assert window.adjustments.adjusted(routine).exercises[1].reps == 12


def test_no_offer_for_a_routine_on_hold(
    make_window: WindowFactory, store: HistoryStore, routine_path: Path
) -> None:
    window = window_with(make_window, routine_path)
    routine = routine_of(window)
    add_session(store, routine, 1, after=4, morning=3)  # amber: hold
    assert window.adjustments.offers() == []
    window.player.summary.set_offer(None)
    assert not window.player.summary.offer_box.isVisible()


def test_an_imported_history_lists_that_persons_steps_and_offers_none(
    qtbot: QtBot, make_window: WindowFactory, store: HistoryStore, routine_path: Path,
    tmp_path: Path,
) -> None:  # fmt: skip
    window = window_with(make_window, routine_path)
    routine = routine_of(window)
    add_session(store, routine, 3, after=2, morning=1)
    add_session(store, routine, 1, after=1, morning=0)
    (offer,) = window.adjustments.offers()
    kept = window.adjustments.apply(offer)
    assert kept is not None
    export = tmp_path / "sam.json"
    write_json(store.snapshot(), export, person="Sam", exported_at=NOW)
    import_history(export, window.paths, now=lambda: NOW)

    window.show_page("history")
    view = window._ensure_history()
    view.show_profile("Sam")  # type: ignore[attr-defined]
    offers = view.offers  # type: ignore[attr-defined]
    assert offers.boxes == []  # nobody applies steps to someone else's history
    qtbot.waitUntil(lambda: offers.story.isVisible())
    assert offers.story.text().splitlines() == [
        "Their own adjustments to the plan:",
        "Outer hip: Clamshell, 12 reps instead of 10 (Mar 2)",
    ]
    view.show_profile(None)  # type: ignore[attr-defined]
    assert not offers.story.isVisibleTo(view)


def test_the_easier_version_before_a_session_is_one_regression_step(
    qtbot: QtBot, dialogs: Any, make_window: WindowFactory, routine_path: Path
) -> None:
    window = window_with(make_window, routine_path)
    window.library.start_button.click()
    checkin = dialogs.wait(PainCheckinDialog)
    checkin.select(7)
    qtbot.keyClick(checkin, Qt.Key.Key_Return)
    choice = dialogs.wait(BeforeSessionDialog)
    assert choice.easier_button is not None and choice.easier_button.isEnabled()
    choice.easier_button.click()
    assert clamshell_sets_in_timeline(window) == {1}  # 2 sets in the file, one fewer today
    assert window.adjustments.adjustments(routine_of(window)) == []  # nothing is stored


def test_the_list_shows_each_routine_as_it_will_be_played(
    make_window: WindowFactory, routine_path: Path
) -> None:
    window = window_with(make_window, routine_path)
    routine = routine_of(window)
    item = window.library.tree.currentItem()
    assert item is not None and item.text(3) == length_text(routine)
    longer = replace(routine, exercises=routine.exercises * 20)
    assert length_text(longer) != length_text(routine)
    window.library.as_played = lambda _routine: longer
    window.library.refresh_lengths()
    assert item.text(3) == length_text(longer)
