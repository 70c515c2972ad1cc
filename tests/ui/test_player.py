"""The player page driven through the real window with a FakeClock: a whole session, commands,
keys, the stop confirmation, the pain check-ins and what ends up in the history store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hiprehab.core.clock import FakeClock
from hiprehab.core.history import HistoryStore
from hiprehab.core.timeline import StepKind
from hiprehab.ui.checkins import PainCheckinDialog
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player_view import COUNTDOWN_SHARE

WindowFactory = Callable[..., MainWindow]


def start_short_session(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path, pain_before: int | None = 2
) -> None:
    assert window.open_routine_file(routine_file)
    window.library.start_button.click()
    dialog = dialogs.wait(PainCheckinDialog)
    if pain_before is None:
        dialog.skip_button.click()
    else:
        qtbot.keyClick(dialog, str(pain_before))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert window.flow.controller is not None


def run(window: MainWindow, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    """Move the clock in small steps, letting the controller catch up as its timer would."""
    controller = window.flow.controller
    assert controller is not None
    for _ in range(round(seconds / step)):
        clock.advance(step)
        controller.tick()


def state(window: MainWindow):  # noqa: ANN201 - EngineState
    controller = window.flow.controller
    assert controller is not None
    return controller.state()


def test_whole_session_is_played_recorded_and_summarised(
    qtbot: QtBot,
    dialogs: Any,
    cue_factory: Any,
    make_window: WindowFactory,
    clock: FakeClock,
    store: HistoryStore,
    routine_file: Path,
) -> None:
    cues, sounds, words = cue_factory()
    window = make_window(cues=cues)
    start_short_session(qtbot, dialogs, window, routine_file, pain_before=3)
    assert window.current_page == "player"
    player = window.player
    assert player.page == "session"
    # the session row exists as soon as the session starts
    (session,) = store.sessions()
    assert session.status == "running" and session.pain_before == 3

    s = state(window)
    assert s.status == "running" and s.step.kind is StepKind.PREPARE
    assert player.kind_label.text() == "Get ready"
    assert player.name_label.text() == "Side leg lift"
    assert player.side_label.text() == "Left side"
    assert player.set_label.text() == "Set 1 of 2"
    assert player.countdown.text() == "2"
    assert any(w.startswith("Get ready: Side leg lift") for w in words)

    run(window, clock, 2.5)  # into the first work period, rep 1 half done
    s = state(window)
    assert s.step.kind is StepKind.WORK and s.rep == 1
    assert player.kind_label.text() == "Work"
    assert player.rep_label.text().startswith("Rep 1 of 2")
    assert player.countdown.text() == "4"
    assert player.illustration.mode == "image"  # the routine's own picture
    assert not player.illustration.mirrored
    assert "work-start" in sounds

    run(window, clock, 4.0)  # left side done, now switching
    assert state(window).step.kind is StepKind.SWITCH
    assert player.kind_label.text() == "Switch sides"
    assert player.side_label.text() == "Right side next"
    run(window, clock, 2.0)
    assert state(window).step.side == "right"
    assert player.illustration.mirrored  # right side is drawn mirrored
    assert store.work_periods(session.id)[0].side == "left"

    run(window, clock, 4.0)  # right done: rest before set 2
    assert state(window).step.kind is StepKind.REST
    assert player.kind_label.text() == "Rest"
    assert player.next_label.text().startswith("Next up: Side leg lift, set 2 of 2, left side")
    assert player.illustration.position == 0.0  # start pose during rest

    # play the rest of the routine through to the end
    run(window, clock, 3 + 4 + 2 + 4 + 3 + 2 + 1)
    s = state(window)
    assert s.step.exercise.name == "Plank" and s.step.kind is StepKind.WORK
    assert player.kind_label.text() == "Hold"
    assert player.illustration.position == 1.0  # end pose held during a hold
    run(window, clock, 4.0)

    after = dialogs.wait(PainCheckinDialog)
    assert after.note is not None
    after.select(4)
    after.note.setPlainText("Left hip a little sore")
    after.save_button.click()

    assert player.page == "summary"
    summary = player.summary.summary
    assert summary is not None and summary.completed
    assert (summary.sets_done, summary.sets_planned) == (5, 5)
    assert (summary.pain_before, summary.pain_after) == (3, 4)
    assert summary.guidance is not None and summary.guidance.colour in ("green", "amber")
    assert player.summary.guidance_title.text() == summary.guidance.title
    assert player.summary.fields["sets"].text().startswith("5 of 5")

    record = store.session(session.id)
    assert record.status == "completed"
    assert (record.pain_before, record.pain_after) == (3, 4)
    assert record.note == "Left hip a little sore"
    assert record.active_seconds == 34.0  # the whole planned length
    periods = store.work_periods(session.id)
    assert [(p.exercise_name, p.set_number, p.side, p.status) for p in periods] == [
        ("Side leg lift", 1, "left", "completed"),
        ("Side leg lift", 1, "right", "completed"),
        ("Side leg lift", 2, "left", "completed"),
        ("Side leg lift", 2, "right", "completed"),
        ("Plank", 1, "none", "completed"),
    ]
    assert "session-done" in sounds
    assert window.library.start_button.isEnabled()  # a new session may start


def test_pause_skip_back_by_keyboard(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    clock: FakeClock,
    store: HistoryStore,
    routine_file: Path,
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file, pain_before=None)
    player = window.player
    assert store.sessions()[0].pain_before is None
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert state(window).status == "paused"
    assert player.kind_label.text() == "Paused"
    assert player.toggle_action.text() == "Resume"
    clock.advance(20)
    window.flow.controller.tick()
    assert state(window).step_elapsed_s == 0.0  # time does not pass while paused
    qtbot.keyClick(window, Qt.Key.Key_MediaTogglePlayPause)
    assert state(window).status == "running"
    assert player.toggle_action.text() == "Pause"
    qtbot.keyClick(window, Qt.Key.Key_MediaPause)
    assert state(window).status == "paused"
    qtbot.keyClick(window, Qt.Key.Key_MediaPlay)
    assert state(window).status == "running"

    qtbot.keyClick(window, Qt.Key.Key_Right)  # skip the prepare step
    assert state(window).step.kind is StepKind.WORK
    run(window, clock, 1.0)
    qtbot.keyClick(window, Qt.Key.Key_Right)  # skip the work: recorded as skipped
    assert state(window).step.kind is StepKind.SWITCH
    assert [p.status for p in store.work_periods(store.sessions()[0].id)] == ["skipped"]
    qtbot.keyClick(window, Qt.Key.Key_Left)  # back within 2 s: to the work step again
    assert state(window).step.kind is StepKind.WORK
    assert state(window).step.side == "left"
    assert player.countdown.text() == "4"


def test_stop_asks_first_and_keeps_what_was_done(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    clock: FakeClock,
    store: HistoryStore,
    routine_file: Path,
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file)
    run(window, clock, 7.0)  # prepare + left side done, switching
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    box = dialogs.wait(QMessageBox)
    assert state(window).status == "paused"  # paused while the question is open
    keep = next(b for b in box.buttons() if b.text() == "Keep going")
    keep.click()
    assert state(window).status == "running"

    window.player.stop_button.click()
    box = dialogs.wait(QMessageBox)
    next(b for b in box.buttons() if b.text() == "Stop the session").click()
    assert window.flow.controller.engine.status == "stopped"
    after = dialogs.wait(PainCheckinDialog)
    qtbot.keyClick(after, Qt.Key.Key_Escape)  # skip the after question
    assert window.player.page == "summary"
    summary = window.player.summary.summary
    assert summary is not None and not summary.completed and summary.sets_done == 1
    record = store.sessions()[0]
    assert record.status == "stopped" and record.pain_after is None
    assert [p.status for p in store.work_periods(record.id)] == ["completed"]


def test_closing_the_window_mid_session_keeps_the_session(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    clock: FakeClock,
    store: HistoryStore,
    routine_file: Path,
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file)
    run(window, clock, 5.0)
    window.close()
    record = store.sessions()[0]
    assert record.status == "stopped"
    assert record.active_seconds == 5.0


def test_countdown_is_readable_across_the_room_and_controls_have_keys(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.height() == 800)
    player = window.player
    assert player.countdown.font().pixelSize() >= window.height() / 5
    assert COUNTDOWN_SHARE >= 0.2
    assert player.countdown.height() >= player.countdown.font().pixelSize()
    assert len(player.controls) == 5
    for button in player.controls:
        action = button.defaultAction()
        assert action.shortcuts(), button.accessibleName()
        assert button.accessibleName()
        key = action.shortcuts()[0].toString(action.shortcuts()[0].SequenceFormat.NativeText)
        assert key.split("+")[-1] in action.toolTip() or "arrow" in action.toolTip()
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    toggle_keys = {s.toString() for s in player.toggle_action.shortcuts()}
    assert {"Space", "Media Play", "Toggle Media Play/Pause", "Media Pause"} <= toggle_keys
    assert player.stop_action.shortcuts()[0].toString() == "Esc"
    assert window.fullscreen_action.shortcut().toString() == "F11"


def test_full_screen_toggles_with_f11(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("player")
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.fullscreen_action.isChecked()
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.windowState() & Qt.WindowState.WindowFullScreen


def test_controls_do_nothing_without_a_session(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("player")
    assert window.player.page == "idle"
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.flow.controller is None
    assert not window.player.toggle_action.isEnabled()


def test_start_is_blocked_while_a_session_runs(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file)
    window.show_page("library")
    assert not window.library.start_button.isEnabled()
    assert "under way" in window.library.start_button.toolTip()
    assert not window.open_action.isEnabled()
