"""The player page driven through the real window with a FakeClock: a whole session, commands,
keys, the stop confirmation, the pain check-ins and what ends up in the history store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hiprehab.cli import history as history_cmd
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.routine.user_files import list_user_routines
from hiprehab.session.clock import FakeClock
from hiprehab.session.timeline import StepKind
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player.checkins import PainCheckinDialog
from hiprehab.ui.player.step_text import step_look
from hiprehab.ui.player.view import COUNTDOWN_SHARE
from tests.ui.dnd import drag_enter, drop

WindowFactory = Callable[..., MainWindow]


def media_key(widget: QWidget, key: Qt.Key) -> None:
    """Press and release a media key as a keyboard does: with no text. (`qtbot.keyClick` would
    look for the key's character and warn that a media key has none.)"""
    QTest.sendKeyEvent(QTest.KeyAction.Click, widget, key, "", Qt.KeyboardModifier.NoModifier)


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
    assert summary.guidance is not None and summary.guidance.colour == "amber"  # 4 after
    assert summary.routine_advice is not None and summary.routine_advice.advice == "hold"
    assert player.summary.guidance_title.text() == summary.guidance.title
    assert "4/10" in player.summary.guidance_text.text()
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
    media_key(window, Qt.Key.Key_MediaTogglePlayPause)
    assert state(window).status == "running"
    assert player.toggle_action.text() == "Pause"
    media_key(window, Qt.Key.Key_MediaPause)
    assert state(window).status == "paused"
    media_key(window, Qt.Key.Key_MediaPlay)
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


def test_closing_the_window_mid_session_asks_first_then_keeps_the_session(
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
    box = dialogs.wait(QMessageBox)  # the same question as Esc, without a nested event loop
    assert box is window.flow.dialog
    assert "Stop" in box.windowTitle() and "kept in your history" in box.text()
    assert window.isVisible()
    assert state(window).status == "paused"  # paused while the question is open
    next(b for b in box.buttons() if b.text() == "Keep going").click()
    assert window.isVisible()
    assert state(window).status == "running"
    assert store.sessions()[0].status == "running"

    quit_action = next(
        a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&Quit"
    )
    quit_action.trigger()  # Quit asks the same
    box = dialogs.wait(QMessageBox)
    next(b for b in box.buttons() if b.text() == "Stop and quit").click()
    assert not window.isVisible()
    record = store.sessions()[0]
    assert record.status == "stopped"
    assert record.active_seconds == 5.0
    assert dialogs.visible(PainCheckinDialog) == []  # no after question on the way out


def test_closing_the_window_without_a_running_session_does_not_ask(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path
) -> None:
    window.close()
    assert not window.isVisible()
    assert dialogs.visible(QMessageBox) == []


def test_cancel_before_the_session_does_not_start_it(
    qtbot: QtBot, dialogs: Any, window: MainWindow, store: HistoryStore, routine_file: Path
) -> None:
    assert window.open_routine_file(routine_file)
    for how in ("escape", "button"):
        window.library.start_button.click()
        dialog = dialogs.wait(PainCheckinDialog)
        assert dialog.cancel_button is not None and dialog.cancel_button.isVisible()
        assert dialog.cancel_button.text().replace("&", "") == "Cancel"
        assert dialog.skip_button.text().replace("&", "") == "Skip"
        qtbot.keyClick(dialog, "4")  # a score chosen and then thought better of
        if how == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            dialog.cancel_button.click()
        assert not dialog.isVisible()
        assert window.flow.controller is None and not window.flow.busy
        assert store.sessions() == []  # no session row for a start that was called off
        assert window.current_page == "library"
        assert window.library.start_button.isEnabled()
    # Skip still starts, without a pain score
    window.library.start_button.click()
    dialogs.wait(PainCheckinDialog).skip_button.click()
    assert window.flow.controller is not None and window.flow.active
    (record,) = store.sessions()
    assert record.status == "running" and record.pain_before is None


def test_after_stop_the_player_shows_the_session_ended(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    clock: FakeClock,
    routine_file: Path,
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file)
    run(window, clock, 12.0)  # in the rest before set 2
    player = window.player
    assert player.kind_label.text() == "Rest"
    window.player.stop_button.click()
    box = dialogs.wait(QMessageBox)
    next(b for b in box.buttons() if b.text() == "Stop the session").click()
    dialogs.wait(PainCheckinDialog)  # the after question is open over the player
    assert player.kind_label.text() == "Stopped"
    assert player.toggle_action.text() != "Start"
    assert not player.toggle_action.isEnabled()
    assert not player.skip_action.isEnabled() and not player.back_action.isEnabled()
    assert "stopped" in player.progress.format().lower()


def test_after_the_last_step_the_player_shows_done(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    clock: FakeClock,
    routine_file: Path,
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file)
    run(window, clock, 40.0)
    dialogs.wait(PainCheckinDialog)
    player = window.player
    assert player.kind_label.text() == "Done"
    assert player.toggle_action.text() != "Start"
    assert not player.toggle_action.isEnabled()


def test_summary_time_is_rounded_like_history_list(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    clock: FakeClock,
    store: HistoryStore,
    routine_file: Path,
    capsys: Any,
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file)
    run(window, clock, 5.0)
    clock.advance(0.4)  # 5.4 s active: "0:05" both in the summary and in `history list`
    window.flow.controller.tick()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    clock.advance(2.6)  # paused 2.6 s
    window.flow.controller.tick()
    window.flow.controller.stop()
    dialogs.wait(PainCheckinDialog).skip_button.click()
    record = store.sessions()[0]
    assert record.active_seconds == 5.4
    capsys.readouterr()
    assert history_cmd.run(["list"]) == 0
    listing = capsys.readouterr().out
    summary_time = window.player.summary.fields["time"].text()
    assert summary_time.split()[0] == "0:05"
    assert " 0:05 " in listing.splitlines()[1]
    assert "paused 0:03" in summary_time


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
    assert len(player.controls) == 6  # back, start, skip, about (I), stop, full screen
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


def _drop(window: MainWindow, path: Path) -> None:
    assert drag_enter(window, path)
    assert drop(window, path)


def test_opening_a_routine_during_a_session_adds_it_and_stays_on_the_player(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    clock: FakeClock,
    paths: AppPaths,
    routine_file: Path,
    tmp_path: Path,
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file)
    run(window, clock, 1.0)
    others = []
    for name in ("second", "third", "fourth", "fifth"):
        other = tmp_path / f"{name}.toml"
        other.write_text(
            routine_file.read_text().replace("Short test routine", f"The {name} one")
            .replace('illustration = "pics/lift.png"\n', ""),
            encoding="utf-8",
        )
        others.append(other)
    assert window.open_action.isEnabled()  # menu, recent and drop all behave the same

    def opened_by_menu() -> None:  # what File > Open (and the command line) end in
        assert window.open_routine_file(others[0])

    def opened_by_recent() -> None:
        window.settings.add_recent_routine(str(others[1]))
        window.routine_actions.rebuild_recent()
        window.recent_menu.actions()[0].trigger()

    def opened_by_drop() -> None:
        _drop(window, others[2])

    def opened_by_another_launch() -> None:  # a double-clicked file while hiprehab is open
        window.open_from_another_launch([others[3]])

    for how, other in zip(
        (opened_by_menu, opened_by_recent, opened_by_drop, opened_by_another_launch),
        others,
        strict=True,
    ):
        how()
        assert window.current_page == "player", how.__name__
        assert window.player.page == "session"
        title = other.read_text().split('title = "')[1].split('"')[0]
        message = window.statusBar().currentMessage()
        assert title in message and "added" in message, message
        assert any(
            e.routine is not None and e.routine.title == title for e in window.library.entries()
        )
        # the session is untouched and still answers its keys
        assert state(window).status == "running"
        qtbot.keyClick(window, Qt.Key.Key_Space)
        assert state(window).status == "paused"
        qtbot.keyClick(window, Qt.Key.Key_Space)
        assert state(window).status == "running"
    assert len(list_user_routines(paths.routines_dir)) == 5
    assert not window.library.start_button.isEnabled()


def _text_colour(label: QLabel) -> str:
    label.ensurePolished()
    return label.palette().color(label.foregroundRole()).name()


def test_the_side_is_recoloured_as_soon_as_the_theme_changes(
    qtbot: QtBot, dialogs: Any, window: MainWindow, clock: FakeClock, routine_file: Path
) -> None:
    try:
        window.set_theme("light")
        start_short_session(qtbot, dialogs, window, routine_file)
        run(window, clock, 0.5)
        side = window.player.side_label
        assert side.isVisible() and side.text() == "Left side"
        colour = QColor(step_look(state(window)).colour)
        step = state(window).step_index
        assert _text_colour(side) == colour.name()
        window.theme_actions["dark"].trigger()  # no tick in between: the same step
        assert state(window).step_index == step
        assert _text_colour(side) == colour.lighter(170).name()  # readable on the dark page
        window.theme_actions["light"].trigger()
        assert _text_colour(side) == colour.name()
    finally:
        window.set_theme("system")


INTERACTIVE = (QAbstractButton, QAbstractItemView, QPlainTextEdit, QLineEdit, QComboBox, QSpinBox)


def interactive(widget: QWidget) -> list[QWidget]:
    """What a user can click or type into on `widget`, as shown now."""
    found = [
        w
        for w in widget.findChildren(QWidget)
        if isinstance(w, INTERACTIVE)
        and not isinstance(w, QHeaderView)  # part of its list
        and w.isVisibleTo(widget)
    ]
    assert found, widget
    return found


def check_reachable(widget: QWidget, *, needs_shortcut: bool = False) -> list[str]:
    """Every control: an accessible name, reachable with Tab, and a key where it is a button:
    a shortcut (needed on the player), or a mnemonic (Alt+letter), or Enter/Esc in a dialog."""
    missing = []
    for w in interactive(widget):
        label = f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        if not w.accessibleName():
            missing.append(f"{label}: no accessible name")
        if not w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            missing.append(f"{label}: not reachable with Tab")
        if not isinstance(w, QAbstractButton):
            continue
        action = w.defaultAction() if isinstance(w, QToolButton) else None
        shortcuts = action.shortcuts() if action is not None else [w.shortcut()]
        shortcuts = [s for s in shortcuts if not s.isEmpty()]
        if needs_shortcut:
            if not shortcuts:
                missing.append(f"{label}: no shortcut")
            continue
        if not shortcuts and QKeySequence.mnemonic(w.text()).isEmpty():
            missing.append(f"{label}: neither a shortcut nor a mnemonic")
    return missing


def test_every_control_has_an_accessible_name_and_a_key(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    clock: FakeClock,
    routine_file: Path,
) -> None:
    assert window.open_routine_file(routine_file)  # a routine of one's own: Remove is shown
    library = window.library
    assert library.remove_button.isVisible()
    names = {w.accessibleName() for w in interactive(library)}
    assert {"Routines", "Start this routine", "Open a routine file"} <= names
    assert check_reachable(library) == []
    assert library.start_button.shortcut().toString() == "Ctrl+Return"

    window.show_page("player")
    assert window.player.page == "idle"
    assert check_reachable(window.player.idle) == []

    window.library.start_button.click()
    before = dialogs.wait(PainCheckinDialog)
    number_buttons = set(before.buttons)
    others = [w for w in interactive(before) if w not in number_buttons]
    assert {before.skip_button, before.save_button, before.cancel_button} <= set(others)
    missing = check_reachable(before)
    # the 0-10 buttons are picked with their digit keys ("1" then "0" is 10), not mnemonics
    assert [m for m in missing if not m.startswith("QPushButton '")
            or m.split("'")[1] not in {str(n) for n in range(11)}] == []
    for value in (3, 10, 0):
        for digit in "10" if value == 10 else str(value):
            qtbot.keyClick(before, digit)
        assert before.value() == value
    before.skip_button.click()

    player = window.player
    assert player.page == "session"
    assert len(player.controls) == 6  # back, start, skip, about (I), stop, full screen
    assert check_reachable(player.session, needs_shortcut=True) == []
    for button in player.controls:
        action = button.defaultAction()
        key = action.shortcuts()[0].toString(action.shortcuts()[0].SequenceFormat.NativeText)
        assert key.split("+")[-1] in action.toolTip() or "arrow" in action.toolTip()

    run(window, clock, 40.0)
    after = dialogs.wait(PainCheckinDialog)
    assert after.note is not None and after.note in interactive(after)
    assert after.cancel_button is None  # the session is over: nothing to call off
    missing = check_reachable(after)
    assert [m for m in missing if not m.startswith("QPushButton '")
            or m.split("'")[1] not in {str(n) for n in range(11)}] == []
    qtbot.keyClick(after, Qt.Key.Key_Escape)

    assert player.page == "summary"
    summary = player.summary
    assert {summary.history_button, summary.library_button} <= set(interactive(summary))
    assert check_reachable(summary) == []
