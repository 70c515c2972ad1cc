"""The choice before a session, driven through the real window: when it is shown, what rest,
the easier version and start anyway do, the warning signs, and the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from hiprehab import safety
from hiprehab.history.guidance import CLINICIAN_REASONS
from hiprehab.history.readiness import clinician_reason_texts
from hiprehab.history.store import HistoryStore
from hiprehab.routine.model import Routine
from hiprehab.session.clock import FakeClock
from hiprehab.session.timeline import build_timeline
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player.before_session import BeforeSessionDialog
from hiprehab.ui.player.checkins import PainCheckinDialog

WindowFactory = Callable[..., MainWindow]


@dataclass(frozen=True)
class Facts:
    colour: str = "green"
    see_clinician: bool = False
    clinician_reasons: tuple[str, ...] = ()


def one_set_fewer(routine: Routine) -> Routine:
    return replace(
        routine,
        exercises=tuple(replace(e, sets=max(e.sets - 1, 1)) for e in routine.exercises),
    )


def answer_pain(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    routine_file: Path,
    pain: int | None,
    *,
    facts: Facts | None = None,
    make_easier: Callable[[Routine], Routine] | None = one_set_fewer,
) -> None:
    """Start the routine with a stand-in guidance and answer the pain question."""
    if facts is not None:
        window.flow.guidance = lambda: facts
    window.flow.make_easier = make_easier
    assert window.open_routine_file(routine_file)
    window.library.start_button.click()
    checkin = dialogs.wait(PainCheckinDialog)
    if pain is None:
        checkin.skip_button.click()
    else:
        checkin.select(pain)
        qtbot.keyClick(checkin, Qt.Key.Key_Return)


def the_choice(dialogs: Any, window: MainWindow) -> BeforeSessionDialog:
    dialog = dialogs.wait(BeforeSessionDialog)
    assert window.flow.dialog is dialog  # tests (and the app) can find and answer it
    assert window.flow.controller is None  # nothing started yet
    return dialog


def test_pain_six_offers_the_choice_before_anything_starts(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path, store: HistoryStore
) -> None:
    answer_pain(qtbot, dialogs, window, routine_file, 6)
    dialog = the_choice(dialogs, window)
    assert "6/10" in dialog.reasons.text()
    assert store.sessions() == []  # nothing recorded while the question is open
    assert dialog.clinician is None
    assert "safe" not in dialog_text(dialog).lower()


def test_pain_five_and_green_starts_at_once(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path, store: HistoryStore
) -> None:
    answer_pain(qtbot, dialogs, window, routine_file, 5, facts=Facts("green"))
    qtbot.waitUntil(lambda: window.flow.controller is not None, timeout=2000)
    assert dialogs.visible(BeforeSessionDialog) == []
    assert window.flow.dialog is None
    assert [s.pain_before for s in store.sessions()] == [5]


def test_a_skipped_score_without_history_starts_at_once(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path
) -> None:
    answer_pain(qtbot, dialogs, window, routine_file, None)  # the real guidance: no history
    qtbot.waitUntil(lambda: window.flow.controller is not None, timeout=2000)
    assert dialogs.visible(BeforeSessionDialog) == []


def test_red_guidance_with_low_pain_offers_the_choice(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path
) -> None:
    answer_pain(qtbot, dialogs, window, routine_file, 2, facts=Facts("red"))
    dialog = the_choice(dialogs, window)
    assert dialog.colour is not None and dialog.colour.text() == "Pain guidance: red"
    assert "red" in dialog.reasons.text()


def test_rest_today_starts_and_records_nothing(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path, store: HistoryStore
) -> None:
    answer_pain(qtbot, dialogs, window, routine_file, 7)
    dialog = the_choice(dialogs, window)
    assert window.current_page == "player"
    dialog.rest_button.click()
    assert window.flow.controller is None and not window.flow.busy
    assert window.flow.dialog is None
    assert window.current_page == "library"
    assert window.library.start_button.isEnabled()  # free to start another time
    assert store.sessions() == []  # no row: rest is not a skipped or missed session


def test_the_easier_version_is_what_plays(
    qtbot: QtBot,
    dialogs: Any,
    window: MainWindow,
    routine_file: Path,
    store: HistoryStore,
    clock: FakeClock,
) -> None:
    answer_pain(qtbot, dialogs, window, routine_file, 7)
    dialog = the_choice(dialogs, window)
    assert dialog.easier_button is not None and dialog.easier_button.isEnabled()
    dialog.easier_button.click()
    controller = window.flow.controller
    assert controller is not None
    entry = window.library.current_entry()
    assert entry is not None and entry.routine is not None
    easier = one_set_fewer(entry.routine)
    assert controller.engine.timeline == tuple(build_timeline(easier))
    assert controller.engine.timeline != tuple(build_timeline(entry.routine))
    assert window.flow.routine == easier
    (session,) = store.sessions()
    assert session.pain_before == 7 and session.status == "running"


def test_start_anyway_starts_as_planned_with_the_score(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path, store: HistoryStore
) -> None:
    answer_pain(qtbot, dialogs, window, routine_file, 8)
    dialog = the_choice(dialogs, window)
    dialog.start_button.click()
    controller = window.flow.controller
    assert controller is not None and controller.engine.status == "running"
    entry = window.library.current_entry()
    assert entry is not None and entry.routine is not None
    assert controller.engine.timeline == tuple(build_timeline(entry.routine))
    assert [s.pain_before for s in store.sessions()] == [8]
    assert window.flow.dialog is None


def test_see_clinician_shows_the_warning_signs_and_the_reasons_first(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path
) -> None:
    facts = Facts("red", True, CLINICIAN_REASONS)
    answer_pain(qtbot, dialogs, window, routine_file, 3, facts=facts)
    dialog = the_choice(dialogs, window)
    assert dialog.clinician is not None and dialog.clinician.isVisible()
    flags = dialog.flags.text()
    assert safety.SEE_CLINICIAN in flags
    for flag in safety.RED_FLAGS:
        assert flag.split(":")[0][:40] in flags
    for sentence in clinician_reason_texts(CLINICIAN_REASONS):
        assert sentence.split(",")[0] in dialog.clinician_reasons.text()
    assert "clinician" in dialog.heading.text()
    # the warning signs come before the reasons to rest and before the buttons
    assert dialog.clinician.y() < dialog.reasons.y()
    assert dialog.clinician.mapTo(dialog, dialog.clinician.rect().topLeft()).y() < (
        dialog.rest_button.mapTo(dialog, dialog.rest_button.rect().topLeft()).y()
    )


def test_esc_enter_and_closing_rest_and_never_start(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path, store: HistoryStore
) -> None:
    for press in (
        lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape),
        lambda d: qtbot.keyClick(d, Qt.Key.Key_Return),
        lambda d: d.close(),
    ):
        answer_pain(qtbot, dialogs, window, routine_file, 9)
        dialog = the_choice(dialogs, window)
        press(dialog)
        qtbot.waitUntil(lambda: dialogs.visible(BeforeSessionDialog) == [], timeout=2000)
        assert window.flow.controller is None and not window.flow.busy
        assert store.sessions() == []


def test_every_choice_is_reachable_from_the_keyboard(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path
) -> None:
    answer_pain(qtbot, dialogs, window, routine_file, 6)
    dialog = the_choice(dialogs, window)
    buttons = [dialog.rest_button, dialog.easier_button, dialog.start_button]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.rest_button, timeout=2000)
    reached = []
    for _ in buttons:
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert reached == buttons
    for button in buttons:
        assert button is not None
        assert button.accessibleName() and button.accessibleDescription() and button.toolTip()
        assert not QKeySequence.mnemonic(button.text()).isEmpty(), button.text()
        assert button.font().pixelSize() >= 18
    assert dialog.rest_button.isDefault()
    assert dialog.reasons.font().pixelSize() >= 16
    qtbot.keyClick(dialog.start_button, Qt.Key.Key_Space)  # a deliberate choice does start
    assert window.flow.controller is not None


def test_without_make_easier_there_is_no_easier_button(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path
) -> None:
    answer_pain(qtbot, dialogs, window, routine_file, 6, make_easier=None)
    dialog = the_choice(dialogs, window)
    assert dialog.easier_button is None
    assert [b.text() for b in dialog.findChildren(type(dialog.rest_button))] == [
        "&Rest today",
        "&Start anyway",
    ]


def test_a_routine_that_cannot_get_easier_says_so(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path
) -> None:
    answer_pain(qtbot, dialogs, window, routine_file, 6, make_easier=lambda r: r)
    dialog = the_choice(dialogs, window)
    assert dialog.easier_button is not None and not dialog.easier_button.isEnabled()
    assert "no easier version" in dialog.details[dialog.easier_button].text()


def test_the_window_asks_the_real_guidance_of_its_history(
    qtbot: QtBot, dialogs: Any, window: MainWindow, routine_file: Path, store: HistoryStore
) -> None:
    assert window.open_routine_file(routine_file)
    entry = window.library.current_entry()
    assert entry is not None and entry.routine is not None
    started = store.now() - timedelta(days=1)  # the store's clock decides "now"
    sid = store.start_session(entry.routine, started_at=started, pain_before=4)
    store.finish_session(
        sid, status="completed", active_seconds=60, paused_seconds=0,
        ended_at=started + timedelta(minutes=10),
    )
    store.set_pain_after(sid, 8)  # red, and 8 or more asks for a clinician
    answer_pain(qtbot, dialogs, window, routine_file, 2)
    dialog = the_choice(dialogs, window)
    assert dialog.colour is not None and "red" in dialog.colour.text()
    assert dialog.clinician is not None
    assert clinician_reason_texts(("severe-pain",))[0] in dialog.clinician_reasons.text()
    dialog.rest_button.click()
    assert len(store.sessions()) == 1  # only the earlier one


def dialog_text(dialog: BeforeSessionDialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))
