"""The player in German: its words, and that the longer German words fit the window at its
smallest (1024x640) during a work step, a rest, the before-session choice and the summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hiprehab.routine.model import Routine, Timing
from hiprehab.session.clock import FakeClock
from hiprehab.session.timeline import StepKind, build_timeline
from hiprehab.ui.main_window import MIN_SIZE, MainWindow
from hiprehab.ui.player.before_session import BeforeSessionDialog
from hiprehab.ui.player.checkins import PainCheckinDialog
from hiprehab.ui.player.leave_out_bar import offer_text
from hiprehab.ui.player.step_text import next_up_text, side_text
from hiprehab.ui.player.summary import SessionSummary, SummaryView
from tests.routine.strategies import make_exercise

pytestmark = pytest.mark.usefixtures("german")

WindowFactory = Callable[..., MainWindow]

# Long German names, as a physio writes them (the app's own words are the catalogue's).
GERMAN_ROUTINE = """\
format = 1
title = "Hüftkräftigung Woche 3"

[timing]
prepare = 2
switch_sides = 2
rest_between_sets = 3
rest_between_exercises = 3

[[exercise]]
name = "Seitliches Beinheben im Liegen"
sides = "each"
sets = 2
reps = 12
hold = 2
seconds_per_rep = 2
cues = ["Becken bleibt ruhig", "Langsam senken"]

[[exercise]]
name = "Einbeinige Brücke"
sides = "right"
sets = 1
hold = 40
"""


@pytest.fixture
def german_routine(tmp_path: Path) -> Path:
    path = tmp_path / "huefte.toml"
    path.write_text(GERMAN_ROUTINE, encoding="utf-8")
    return path


def clipped(root: QWidget) -> list[str]:
    """Every visible one-line label whose text is wider than its room, and every visible
    button narrower than it asks to be, under `root`."""
    faults = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or label.wordWrap() or not label.text():
            continue
        if label.textFormat() == Qt.TextFormat.RichText:
            continue
        metrics = label.fontMetrics()
        wide = max(metrics.horizontalAdvance(line) for line in label.text().split("\n"))
        room = label.contentsRect().width()
        if wide > room:
            faults.append(f"label {label.text()!r}: {wide} px in {room} px")
    for button in root.findChildren(QAbstractButton):
        wanted = button.sizeHint().width()
        if button.isVisible() and button.width() < wanted:
            faults.append(f"button {button.text()!r}: {button.width()} px, needs {wanted} px")
    return faults


def smallest_window(make_window: WindowFactory, qtbot: QtBot) -> MainWindow:
    window = make_window(size=(MIN_SIZE.width(), MIN_SIZE.height()))
    qtbot.waitUntil(lambda: window.size() == MIN_SIZE)
    return window


def start(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine: Path, pain: int | None = 2
) -> PainCheckinDialog:
    assert window.open_routine_file(routine)
    window.library.start_button.click()
    checkin = dialogs.wait(PainCheckinDialog)
    assert checkin.windowTitle() == "Schmerzabfrage"
    if pain is not None:
        checkin.select(pain)
        qtbot.keyClick(checkin, Qt.Key.Key_Return)
    return checkin


def run(window: MainWindow, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    controller = window.flow.controller
    assert controller is not None
    for _ in range(round(seconds / step)):
        clock.advance(step)
        controller.tick()
    QApplication.processEvents()


def kind(window: MainWindow) -> StepKind:
    controller = window.flow.controller
    assert controller is not None and controller.state().step is not None
    return controller.state().step.kind


def test_a_session_in_german_fits_the_smallest_window(
    qtbot: QtBot,
    dialogs: Any,
    make_window: WindowFactory,
    clock: FakeClock,
    german_routine: Path,
    cue_factory: Any,
) -> None:
    cues, _, words = cue_factory()
    window = make_window(cues=cues, size=(MIN_SIZE.width(), MIN_SIZE.height()))
    qtbot.waitUntil(lambda: window.size() == MIN_SIZE)
    start(qtbot, dialogs, window, german_routine)
    player = window.player
    QApplication.processEvents()

    assert player.kind_label.text() == "Mach dich bereit"
    assert player.side_label.text() == "Linke Seite"
    assert player.set_label.text() == "Satz 1 von 2"
    assert player.next_label.text().startswith(
        "Als Nächstes: Seitliches Beinheben im Liegen, Satz 1 von 2, linke Seite  —  "
    )
    assert player.toggle_action.text() == "Anhalten"
    assert words[-1] == (
        "Mach dich bereit: Seitliches Beinheben im Liegen, linke Seite, "
        "12 Wiederholungen mit 2 Sekunden Halten"
    )
    assert clipped(player) == []

    run(window, clock, 3.0)  # the first work step, rep 1, held at the top
    assert kind(window) is StepKind.WORK
    assert player.kind_label.text() == "Halten"
    assert player.rep_label.text() == "Wiederholung 1 von 12  ·  halten"
    assert player.progress.format().startswith("Noch ")
    assert player.progress.format().endswith(" in dieser Einheit")
    assert clipped(player) == []
    run(window, clock, 46.5)  # the last rep (4 s: up, held 2 s, down), on its way down
    assert player.rep_label.text() == "Wiederholung 12 von 12  ·  senken"
    assert clipped(player) == []

    run(window, clock, 1.0)  # left side done: the turn to the right
    assert kind(window) is StepKind.SWITCH
    assert (player.kind_label.text(), player.side_label.text()) == (
        "Seite wechseln",
        "Gleich: rechte Seite",
    )
    assert words[-1] == "Seite wechseln, als Nächstes rechts"
    assert clipped(player) == []

    run(window, clock, 1.5 + 48.0 + 1.0)  # the right side, then the rest before set 2
    assert kind(window) is StepKind.REST
    assert player.kind_label.text() == "Pause"
    assert words[-1] == "Pause, 3 Sekunden"
    assert clipped(player) == []

    player.toggle_action.trigger()
    QApplication.processEvents()
    assert (player.kind_label.text(), player.toggle_action.text()) == ("Pausiert", "Weiter")
    assert clipped(player) == []


@dataclass(frozen=True)
class Facts:
    colour: str = "red"
    see_clinician: bool = False
    clinician_reasons: tuple[str, ...] = ()


def test_the_before_session_choice_in_german_fits(
    qtbot: QtBot, dialogs: Any, make_window: WindowFactory, german_routine: Path
) -> None:
    window = smallest_window(make_window, qtbot)
    window.flow.guidance = lambda: Facts()
    window.flow.make_easier = lambda routine: routine  # nothing easier to offer
    start(qtbot, dialogs, window, german_routine, pain=6)
    dialog = dialogs.wait(BeforeSessionDialog)
    QApplication.processEvents()
    assert dialog.windowTitle() == "Bevor du startest"
    assert dialog.rest_button.text() == "Heute &ausruhen"
    assert dialog.start_button.text() == "&Trotzdem starten"
    assert dialog.easier_button is not None and not dialog.easier_button.isEnabled()
    assert dialog.details[dialog.easier_button].text() == (
        "Für dieses Programm gibt es noch keine leichtere Version."
    )
    assert dialog.colour is not None and dialog.colour.text() == "Schmerzeinschätzung: rot"
    assert clipped(dialog) == []
    dialog.rest_button.click()


def test_the_summary_in_german(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = smallest_window(make_window, qtbot)
    summary = SessionSummary(
        routine_title="Hüftkräftigung Woche 3",
        completed=False,
        active_seconds=754.4,
        paused_seconds=65,
        sets_done=5,
        sets_planned=6,
        pain_before=3,
        pain_after=None,
        guidance=None,
        saved=False,
        saving_later=True,
    )
    view: SummaryView = window.player.summary
    view.show_summary(summary)
    window.player.show_summary()
    window.show_page("player")
    QApplication.processEvents()
    assert view.title.text() == "Einheit vorzeitig abgebrochen: Hüftkräftigung Woche 3"
    assert view.fields["time"].text() == "12:34  (pausiert: 1:05)"
    assert view.fields["sets"].text() == "5 von 6 (jede Seite zählt als ein Satz)"
    assert view.fields["pain_before"].text() == "3 von 10"
    assert view.fields["pain_after"].text() == "nicht angegeben"
    assert view.saved_label.text().startswith("Für deinen Verlauf aufbewahrt: Die Verlaufsdatei")
    assert (view.history_button.text(), view.library_button.text()) == (
        "Deinen &Verlauf ansehen",
        "Zurück zur &Bibliothek",
    )
    assert clipped(view) == []
    view.show_summary(
        SessionSummary(
            "Hüftkräftigung Woche 3", True, 60, 0, 6, 6, 2, 2, guidance=None, saved=True
        )
    )
    assert view.title.text() == "Gut gemacht: Hüftkräftigung Woche 3"
    assert view.fields["time"].text() == "1:00"
    assert view.saved_label.text() == "In deinem Verlauf gespeichert."
    assert clipped(view) == []


def test_the_stop_question_and_the_after_check_in_in_german(
    qtbot: QtBot, dialogs: Any, window: MainWindow, clock: FakeClock, german_routine: Path
) -> None:
    start(qtbot, dialogs, window, german_routine)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    box = dialogs.wait(QMessageBox)
    assert box.text() == (
        "Diese Einheit jetzt abbrechen? Was du bisher gemacht hast, bleibt in deinem Verlauf."
    )
    assert {b.text() for b in box.buttons()} == {"Einheit abbrechen", "Weitermachen"}
    next(b for b in box.buttons() if b.text() == "Einheit abbrechen").click()
    after = dialogs.wait(PainCheckinDialog)
    texts = [label.text() for label in after.findChildren(QLabel)]
    assert "Wie geht es deiner Hüfte gerade?" in texts and "Einheit abgebrochen." in texts
    assert "Möchtest du dir etwas zu dieser Einheit merken? (freiwillig)" in texts
    assert after.buttons[10].toolTip() == "Schmerz 10 von 10 (Taste 1, 0)"
    assert after.skip_button.toolTip() == "Diese Frage überspringen (Esc)"
    assert after.save_button.text() == "&Speichern"
    after.skip()
    assert window.player.summary.title.text().startswith("Einheit vorzeitig abgebrochen: ")


def test_the_check_in_before_a_session_in_german(
    qtbot: QtBot, dialogs: Any, window: MainWindow, german_routine: Path
) -> None:
    checkin = start(qtbot, dialogs, window, german_routine, pain=None)
    texts = [label.text() for label in checkin.findChildren(QLabel)]
    assert (
        "Vor „Hüftkräftigung Woche 3“. Mit „Überspringen“ startest du ohne Schmerzwert, "
        "mit „Abbrechen“ jetzt gar nicht."
    ) in texts
    assert checkin.cancel_button is not None and checkin.cancel_button.text() == "&Abbrechen"
    assert checkin.skip_button.accessibleName() == "Ohne Schmerzwert starten"
    checkin.cancel_button.click()


def test_a_walk_shows_its_directions_and_what_comes_next_in_german() -> None:
    walk = make_exercise(
        "Monster-Walk", sides="each", sets=2, reps=12, hold=0, directions=("vorwärts", "zurück")
    )
    clam = make_exercise("Muschel", sides="each", sets=3, reps=15, hold=0, rest=30)
    steps = build_timeline(Routine("r", (walk, clam), Timing(prepare=5, switch_sides=5)))
    mine = [s for s in steps if s.exercise_index == 0 and s.set_number == 1]
    assert [side_text(s) for s in mine] == ["Vorwärts", "Vorwärts", "Gleich: zurück", "Zurück"]
    switch = next(s for s in steps if s.exercise_index == 1 and s.kind is StepKind.SWITCH)
    assert side_text(switch) == "Gleich: rechte Seite"
    rest = next(s for s in steps if s.exercise_index == 1 and s.kind is StepKind.REST)
    assert next_up_text(rest).startswith("Als Nächstes: Muschel, Satz 2 von 3, linke Seite  —  ")


def test_the_leave_out_offer_in_german() -> None:
    assert offer_text("Brücke") == "Freiwillig: Drück O, um Brücke auszulassen."
