""""About this exercise": every library text on show, `I` in the player (before the session, in
rests and while paused, not in running work) and on the routine page, and Esc closing the panel
without stopping the session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from hiprehab.routine.exercise_info import exercise_info
from hiprehab.routine.library import default_library
from hiprehab.routine.loader import load_routine_text
from hiprehab.routine.model import Exercise
from hiprehab.session.clock import FakeClock
from hiprehab.session.timeline import StepKind
from hiprehab.ui.exercise_info import ExerciseInfoPanel, bullets
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player.checkins import PainCheckinDialog
from hiprehab.ui.player.illustration import FigureSource
from hiprehab.ui.routine_info import ExerciseInfoDialog
from tests.ui.player.test_player import check_reachable, run, start_short_session, state


def library_exercise(ident: str) -> Exercise:
    text = f'format = 1\ntitle = "t"\n[[exercise]]\nuse = "{ident}"\n'
    return load_routine_text(text, source_name="t.toml", base_dir=None).exercises[0]


def shown_texts(panel: ExerciseInfoPanel) -> list[str]:
    return [label.text() for label in panel.findChildren(QLabel) if label.isVisibleTo(panel)]


@pytest.mark.parametrize("ident", sorted(default_library()))
def test_the_panel_shows_every_text_of_a_library_exercise(qtbot: QtBot, ident: str) -> None:
    panel = ExerciseInfoPanel(FigureSource())
    qtbot.addWidget(panel)
    panel.show_exercise(library_exercise(ident))
    known = default_library()[ident]
    shown = shown_texts(panel)
    expected = [
        known.name,
        known.trains,
        " ".join(known.instructions.split()),
        bullets(known.cues),
        known.feel,
        bullets(known.mistakes),
        known.easier,
        known.harder,
    ]
    if known.cautions:
        expected.append(bullets(known.cautions))
    for text in expected:
        assert text in shown, (ident, text)
    assert panel.picture.pixmap() is not None and not panel.picture.pixmap().isNull()
    for heading in ("What it trains", "How to do it", "What you should feel", "Common mistakes"):
        assert heading in shown and heading in panel.texts
    assert (panel.caution_box is not None) == bool(known.cautions)
    # plain text: a routine file's words are never read as markup
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in panel.findChildren(QLabel)
               if label.text() in expected)  # fmt: skip


def test_cautions_stand_apart_in_both_themes(qtbot: QtBot, window: MainWindow) -> None:
    panel = ExerciseInfoPanel(FigureSource())
    qtbot.addWidget(panel)
    panel.show_exercise(library_exercise("hamstring-stretch"))
    assert panel.caution_box is not None
    assert "sit bone" in panel.texts["Take care"]
    sheets = {}
    try:
        for theme in ("light", "dark"):
            window.set_theme(theme)
            sheets[theme] = panel.styleSheet()
            assert "QFrame#cautions" in sheets[theme] and "border-left: 8px" in sheets[theme]
    finally:
        window.set_theme("system")
    assert sheets["light"] != sheets["dark"]  # the amber is lightened on a dark page


def test_an_inline_exercise_shows_its_own_instructions_and_cues(qtbot: QtBot) -> None:
    own = Exercise("Side leg lift", "each", 2, 5, 0, 2, 30, "Lift the top leg.\nLower it.",
                   ("Slow and steady",))  # fmt: skip
    assert not exercise_info(own).from_library
    panel = ExerciseInfoPanel(FigureSource())
    qtbot.addWidget(panel)
    panel.show_exercise(own)
    assert panel.texts == {
        "How to do it": "Lift the top leg. Lower it.",
        "Cues": "•  Slow and steady",
    }
    assert panel.caution_box is None


def test_a_routines_own_instructions_win_over_the_librarys() -> None:
    text = 'format = 1\ntitle = "t"\n[[exercise]]\nuse = "bridge"\ninstructions = "Mine."\n'
    exercise = load_routine_text(text, source_name="t.toml", base_dir=None).exercises[0]
    info = exercise_info(exercise)
    assert info.instructions == "Mine." and info.feel == default_library()["bridge"].feel


def test_i_opens_the_panel_in_the_player_but_not_during_running_work(
    qtbot: QtBot, dialogs: Any, window: MainWindow, clock: FakeClock, routine_file: Path
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file)
    player, info = window.player, window.player.info
    assert state(window).step.kind is StepKind.PREPARE
    qtbot.keyClick(window, Qt.Key.Key_I)
    assert info.is_open and info.panel.exercise is state(window).step.exercise
    assert info.panel.title.text() == "Side leg lift"
    assert info.panel.texts["Cues"] == "•  Slow and steady"  # an inline exercise's own
    assert player.countdown.isVisible()  # the countdown stays in view beside the panel
    assert not info.panel.geometry().intersects(player.countdown.geometry())
    qtbot.keyClick(window, Qt.Key.Key_I)  # I again closes it
    assert not info.is_open

    qtbot.keyClick(window, Qt.Key.Key_I)
    run(window, clock, 2.5)  # the session keeps running; work begins and the panel gives way
    assert state(window).status == "running" and state(window).step.kind is StepKind.WORK
    assert not info.is_open and not info.action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_I)
    assert not info.is_open

    qtbot.keyClick(window, Qt.Key.Key_Space)  # paused in work: reading is fine again
    assert state(window).status == "paused"
    qtbot.keyClick(window, Qt.Key.Key_I)
    assert info.is_open
    qtbot.keyClick(window, Qt.Key.Key_Space)  # Space still drives the player
    assert state(window).status == "running" and not info.is_open


def test_esc_closes_the_panel_in_a_rest_without_stopping_the_session(
    qtbot: QtBot, dialogs: Any, window: MainWindow, clock: FakeClock, routine_file: Path
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file)
    run(window, clock, 12.0)  # prepare 2, left 4, switch 2, right 4: the rest before set 2
    assert state(window).step.kind is StepKind.REST
    info = window.player.info
    qtbot.keyClick(window, Qt.Key.Key_I)
    assert info.is_open
    run(window, clock, 1.0)
    assert state(window).status == "running"  # the rest runs on while the panel is open
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not info.is_open
    assert dialogs.visible(QMessageBox) == []  # no "stop the session?" question
    assert state(window).status == "running"
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # with the panel closed, Esc asks to stop again
    box = dialogs.wait(QMessageBox)
    next(b for b in box.buttons() if b.text() == "Keep going").click()
    assert state(window).status == "running"


def test_the_panel_follows_a_transition_to_the_next_library_exercise(
    qtbot: QtBot, dialogs: Any, window: MainWindow, clock: FakeClock, routine_file: Path
) -> None:
    start_short_session(qtbot, dialogs, window, routine_file)
    run(window, clock, 25.0)  # both sets of the side leg lift: into the rest before the plank
    assert state(window).step.kind is StepKind.TRANSITION
    info = window.player.info
    qtbot.keyClick(window, Qt.Key.Key_I)
    assert info.panel.title.text() == "Plank"
    assert info.panel.texts["What you should feel"] == default_library()["plank"].feel
    qtbot.keyClick(window, Qt.Key.Key_Right)  # skip to the plank's get-ready: still open
    assert state(window).step.kind is StepKind.PREPARE and info.is_open
    player = window.player
    window.flow.controller.tick()
    assert not player.instructions_label.isVisible()  # the panel shows them; the rest stays
    assert player.next_label.isVisible() and player.countdown.isVisible()
    bottom = player.next_label.mapTo(player.session, player.next_label.rect().topLeft()).y()
    assert info.panel.geometry().bottom() < bottom
    bar = info.panel.scroller.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # more text than room: it scrolls
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # Page Down, Up and Down scroll the panel
    assert bar.value() > 0
    qtbot.keyClick(window, Qt.Key.Key_I)
    window.flow.controller.tick()
    assert player.instructions_label.isVisible()  # back once the panel is closed
    run(window, clock, 30.0)
    dialogs.wait(PainCheckinDialog).skip_button.click()
    assert window.player.page == "summary" and not info.is_open


def test_about_this_exercise_on_the_routine_page(
    qtbot: QtBot, window: MainWindow, routine_file: Path
) -> None:
    assert window.open_routine_file(routine_file)
    library = window.library
    rows = library.exercise_rows()
    qtbot.waitUntil(lambda: all(row.isVisible() for row in rows))
    buttons = [row.findChild(QPushButton) for row in rows]
    assert [b.accessibleName() for b in buttons] == ["About Side leg lift", "About Plank"]
    assert all(b.toolTip().endswith("(I)") for b in buttons)
    assert check_reachable(library) == []

    buttons[1].setFocus()
    qtbot.keyClick(buttons[1], Qt.Key.Key_I)  # the row with the focus
    dialog = library.info.dialog
    assert isinstance(dialog, ExerciseInfoDialog) and dialog.isVisible()
    assert dialog.panel.title.text() == "Plank" and dialog.position.text() == "Exercise 2 of 2"
    assert dialog.panel.caution_box is None and "Take care" not in dialog.panel.texts
    assert not dialog.next_button.isEnabled()
    dialog.previous_button.click()
    assert dialog.panel.title.text() == "Side leg lift"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    buttons[0].click()
    assert dialog.isVisible() and dialog.panel.title.text() == "Side leg lift"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # its own keys now
    qtbot.keyClick(dialog, Qt.Key.Key_I)  # I closes it again
    assert not dialog.isVisible()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    library.tree.setFocus()
    qtbot.keyClick(library.tree, Qt.Key.Key_I)  # no row has the focus: the first exercise
    assert dialog.isVisible() and dialog.index == 0
    dialog.close()
    assert QApplication.activeModalWidget() is None  # it never blocks the window
