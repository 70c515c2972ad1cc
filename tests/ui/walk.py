"""A walk through every page and dialog of the real window, stop by stop.

Each stop is a generator: it brings the window (built afresh at its smallest size, 1024x640, with
a temporary profile, a FakeClock and silent cues) to a state, yields a name for each screen worth
looking at while it is on screen, and tidies up. The tests hold each screen to a check: no
English in German (test_german_everywhere.py), no words cut off (test_german_fits.py, at 100%
here and at 200% in a child process). The stops are listed in `STOPS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hiprehab.history.demo import demo_routine, eight_weeks, fill_store
from hiprehab.history.exchange.json_format import write_json
from hiprehab.history.exchange.profiles import import_history
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.resources import builtin_routines
from hiprehab.routine.loader import load_routine
from hiprehab.routine.model import Routine
from hiprehab.session.clock import FakeClock
from hiprehab.session.engine import EngineState
from hiprehab.session.timeline import StepKind
from hiprehab.ui.dialogs import ProblemsDialog
from hiprehab.ui.first_run import FirstRunDialog
from hiprehab.ui.main_window import MIN_SIZE, MainWindow
from hiprehab.ui.player.before_session import BeforeSessionDialog
from hiprehab.ui.player.checkins import PainCheckinDialog
from tests.ui.conftest import BROKEN_ROUTINE, Dialogs, make_cues

NOW = datetime(2026, 3, 4, 19, 0, tzinfo=UTC)  # a Wednesday evening: the stores' clock
# A physio's routine for a German runner: its own words German, the exercises from the library
# (so their names, cues and instructions are the library's), every kind of step within seconds.
WALK_ROUTINE = """\
format = 1
title = "Hüftkräftigung Woche 3"
author = "Frau Muster"
description = "Drei Übungen für die äußere Hüfte."

[timing]
prepare = 2
switch_sides = 2
rest_between_sets = 3
rest_between_exercises = 3

[[exercise]]
use = "bridge"
sets = 2
reps = 2
hold = 1
seconds_per_rep = 2

[[exercise]]
use = "clamshell"
sets = 1
reps = 2
seconds_per_rep = 2

[[exercise]]
use = "plank"
sets = 1
hold = 4
"""


@dataclass
class Walk:
    """What a stop needs: the fixtures of a window test, and helpers to move it along."""

    qtbot: QtBot
    dialogs: Dialogs
    make_window: Callable[..., MainWindow]
    clock: FakeClock
    paths: AppPaths
    tmp_path: Path
    monkeypatch: pytest.MonkeyPatch
    store: HistoryStore

    def window(self, **kwargs: Any) -> MainWindow:
        """The real window at its smallest size, on this walk's store and history clock."""
        from hiprehab.ui.history import view as history_view

        class HistoryNow(history_view.HistoryView):  # the page's "now" is the store's
            def __init__(self, store: HistoryStore, paths: AppPaths) -> None:
                super().__init__(store, paths, now=lambda: NOW, tz=UTC)

        self.monkeypatch.setattr(history_view, "HistoryView", HistoryNow)
        kwargs.setdefault("cues", make_cues()[0])
        window = self.make_window(store=self.store, size=(MIN_SIZE.width(), MIN_SIZE.height()),
                                  **kwargs)  # fmt: skip
        self.qtbot.waitUntil(lambda: window.size() == MIN_SIZE)
        return window

    def routine_file(self) -> Path:
        path = self.tmp_path / "huefte.toml"
        path.write_text(WALK_ROUTINE, encoding="utf-8")
        return path

    def routine(self) -> Routine:
        return load_routine(self.routine_file())

    def sessions(self, days_ago: float, *, before: int, after: int, morning: int | None) -> None:
        """A finished session of the walk's routine (all its work done) `days_ago` before NOW."""
        started = NOW - timedelta(days=days_ago)
        sid = self.store.start_session(self.routine(), started_at=started, pain_before=before,
                                       planned_work_periods=0)  # fmt: skip
        self.store.finish_session(sid, status="completed", active_seconds=600, paused_seconds=0,
                                  ended_at=started + timedelta(minutes=20))  # fmt: skip
        self.store.set_pain_after(sid, after)
        if morning is not None:
            self.store.set_pain_next_morning(sid, morning)

    def start(self, window: MainWindow, pain: int | None = 2) -> PainCheckinDialog:
        """Open the walk's routine and press Start: the pain question, answered unless None."""
        assert window.open_routine_file(self.routine_file())
        window.library.start_button.click()
        checkin = self.dialogs.wait(PainCheckinDialog)
        self.qtbot.waitExposed(checkin)
        if pain is not None:
            checkin.select(pain)
            self.qtbot.keyClick(checkin, Qt.Key.Key_Return)
        return checkin

    def until(self, window: MainWindow, wanted: Callable[[EngineState], bool]) -> EngineState:
        """Move the FakeClock on in half seconds until the session is where it is `wanted`."""
        controller = window.flow.controller
        assert controller is not None
        for _ in range(400):
            state = controller.state()
            if wanted(state):
                QApplication.processEvents()
                return state
            self.clock.advance(0.5)
            controller.tick()
        raise AssertionError(f"the session never got there; it is at {controller.state()}")

    def session_at(self, kind: StepKind, exercise: str | None = None) -> MainWindow:
        window = self.window()
        self.start(window)

        def there(state: EngineState) -> bool:
            step = state.step
            return step is not None and step.kind is kind and (
                exercise is None or step.exercise.library_id == exercise
            )

        self.until(window, there)
        return window


def _builtins() -> list[Path]:
    return builtin_routines()


def _popup(menu: QMenu, qtbot: QtBot) -> None:
    menu.popup(QPoint(40, 40))
    qtbot.waitUntil(menu.isVisible)


def use_qt_language(code: str) -> bool:
    """Qt's own words (standard buttons, file dialogs) in `code` the way the app does it, where
    the app can (hiprehab.ui.language); False where it cannot yet."""
    try:
        language = importlib.import_module("hiprehab.ui.language")
    except ModuleNotFoundError:
        return False
    return bool(language.use_qt_language(code))


def qt_speaks_german() -> bool:
    return QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"


# ----- start-up ---------------------------------------------------------------------------------
def welcome(walk: Walk) -> Iterator[str]:
    window = walk.window(first_run_done=False)
    window.run_startup()
    dialog = walk.dialogs.wait(FirstRunDialog)
    walk.qtbot.waitExposed(dialog)
    yield ""
    dialog.close_button.click()


def morning_question(walk: Walk) -> Iterator[str]:
    walk.sessions(0, before=2, after=3, morning=None)  # last evening's, not yet answered
    window = walk.window(today=lambda: date(2026, 3, 5))
    window.run_startup()
    dialog = walk.dialogs.wait(PainCheckinDialog)
    walk.qtbot.waitExposed(dialog)
    yield ""
    dialog.skip()


# ----- the library page -------------------------------------------------------------------------
def library(walk: Walk) -> Iterator[str]:
    window = walk.window()
    for path in _builtins():
        assert window.library.select(path)
        yield path.stem
    assert window.open_routine_file(walk.routine_file())
    yield "the user's own routine"


def about_this_exercise(walk: Walk) -> Iterator[str]:
    window = walk.window()
    seen: set[str] = set()
    for path in _builtins():
        assert window.library.select(path)
        entry = window.library.current_entry()
        assert entry is not None and entry.routine is not None
        window.library.info.open_at(0)
        dialog = window.library.info.dialog
        assert dialog is not None
        walk.qtbot.waitExposed(dialog)
        for index, exercise in enumerate(entry.routine.exercises):
            key = exercise.library_id or exercise.name
            if key in seen:  # each of the library's exercises once
                continue
            seen.add(key)
            dialog.show_at(index)
            yield f"{path.stem}, exercise {index + 1}"
        dialog.close()


def guidance_banner(walk: Walk) -> Iterator[str]:
    walk.sessions(2, before=3, after=9, morning=None)  # pain 9 after: see a clinician first
    window = walk.window()
    assert window.guidance_banner.isVisible()
    yield "see a clinician"
    window.guidance_banner.show_warning_signs()
    box = walk.dialogs.wait(QMessageBox)
    walk.qtbot.waitExposed(box)
    yield "its warning signs"
    box.close()


def adjusted_routine(walk: Walk) -> Iterator[str]:
    window = walk.window()
    assert window.open_routine_file(walk.routine_file())
    walk.sessions(3, before=1, after=2, morning=1)
    walk.sessions(1, before=1, after=1, morning=0)
    offers = window.adjustments.offers()
    assert offers, "two settled sessions offer a step up"
    window.adjustments.apply(offers[0])
    yield "its adjustment, with Undo"


def remove_routine(walk: Walk) -> Iterator[str]:
    window = walk.window()
    assert window.open_routine_file(walk.routine_file())
    window.library.remove_button.click()
    box = walk.dialogs.wait(QMessageBox)
    walk.qtbot.waitExposed(box)
    yield ""
    box.close()


def broken_routine(walk: Walk) -> Iterator[str]:
    window = walk.window()
    broken = walk.tmp_path / "kaputt.toml"
    broken.write_text(BROKEN_ROUTINE, encoding="utf-8")
    assert not window.open_routine_file(broken)
    dialog = walk.dialogs.wait(ProblemsDialog)
    walk.qtbot.waitExposed(dialog)
    yield ""
    dialog.close()


# ----- menus and what they open -----------------------------------------------------------------
def menus(walk: Walk) -> Iterator[str]:
    window = walk.window()
    assert window.open_routine_file(walk.routine_file())  # File > Recent has an entry
    for action in window.menuBar().actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        _popup(menu, walk.qtbot)
        yield action.text().replace("&", "")
        for inner in menu.actions():
            if isinstance(inner.menu(), QMenu) and inner.isEnabled():
                sub = inner.menu()
                assert isinstance(sub, QMenu)
                _popup(sub, walk.qtbot)
                yield f"{action.text()} > {inner.text()}".replace("&", "")
                sub.hide()
        menu.hide()


def dialog_of(opener: Callable[[MainWindow], QWidget | None]) -> Callable[[Walk], Iterator[str]]:
    def stop(walk: Walk) -> Iterator[str]:
        window = walk.window()
        dialog = opener(window)
        assert dialog is not None
        walk.qtbot.waitExposed(dialog)
        yield ""
        dialog.close()

    return stop


def history_not_saved(window: MainWindow) -> QWidget:
    window._store_failed("Der Datenträger ist voll.")
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))


# ----- the player -------------------------------------------------------------------------------
def check_in_before(walk: Walk) -> Iterator[str]:
    checkin = walk.start(walk.window(), pain=None)
    yield ""
    checkin.cancel_button.click()  # type: ignore[union-attr]


def before_session(walk: Walk) -> Iterator[str]:
    walk.sessions(2, before=3, after=9, morning=None)  # red, and a clinician to see
    walk.start(walk.window(), pain=6)
    dialog = walk.dialogs.wait(BeforeSessionDialog)
    walk.qtbot.waitExposed(dialog)
    yield ""
    dialog.rest_button.click()


def prepare(walk: Walk) -> Iterator[str]:
    window = walk.session_at(StepKind.PREPARE)
    yield "get ready"
    window.player.info.toggle()  # "About this exercise" over the picture
    assert window.player.info.is_open
    yield "about this exercise"


def work_reps(walk: Walk) -> Iterator[str]:
    window = walk.session_at(StepKind.WORK, "bridge")
    walk.until(window, lambda s: s.rep_phase == "hold")  # a rep held at the top
    yield ""


def player_stop(kind: StepKind, exercise: str | None = None) -> Callable[[Walk], Iterator[str]]:
    def stop(walk: Walk) -> Iterator[str]:
        walk.session_at(kind, exercise)
        yield ""

    return stop


def paused(walk: Walk) -> Iterator[str]:
    window = walk.session_at(StepKind.WORK, "clamshell")
    window.player.toggle_action.trigger()
    yield ""


def stop_question(walk: Walk) -> Iterator[str]:
    window = walk.session_at(StepKind.WORK, "bridge")
    window.flow.request_stop()  # the Stop button, or Esc
    box = walk.dialogs.wait(QMessageBox)
    walk.qtbot.waitExposed(box)
    yield ""
    box.close()


def after_and_summary(walk: Walk) -> Iterator[str]:
    walk.sessions(3, before=1, after=2, morning=1)  # settled: the summary offers a step up
    window = walk.window()
    walk.start(window)
    walk.until(window, lambda s: s.status == "finished")
    after = walk.dialogs.wait(PainCheckinDialog)
    walk.qtbot.waitExposed(after)
    yield "the check-in after"
    after.select(1)
    after.save_button.click()
    walk.qtbot.waitUntil(lambda: window.player.page == "summary")
    yield "the summary"


# ----- the history page -------------------------------------------------------------------------
def history(walk: Walk) -> Iterator[str]:
    fill_store(walk.store, demo_routine("Hüftkraft"), eight_weeks(NOW))
    other = HistoryStore.open(walk.tmp_path / "anna.sqlite3", now=lambda: NOW)
    fill_store(other, demo_routine("Annas Programm"), eight_weeks(NOW)[-6:])
    export = walk.tmp_path / "anna.json"
    write_json(other.snapshot(), export, person="Anna", exported_at=NOW)
    other.close()
    import_history(export, walk.paths, now=lambda: NOW)
    window = walk.window()
    window.show_page("history")
    view: Any = window._ensure_history()
    walk.qtbot.waitUntil(lambda: not view.loading)
    yield "eight weeks"
    view.select_session(view.store.sessions()[-2].id)
    yield "a session picked"
    menu = view.export_button.menu()
    _popup(menu, walk.qtbot)
    yield "the export menu"
    menu.hide()
    view.show_profile("Anna")
    yield "Anna's history, read-only"


def empty_history(walk: Walk) -> Iterator[str]:
    window = walk.window()
    window.show_page("history")
    yield ""


# ----- Qt's own dialogs -------------------------------------------------------------------------
def qt_message_box(walk: Walk) -> Iterator[str]:
    window = walk.window()
    kinds = QMessageBox.StandardButton
    buttons = kinds.Yes | kinds.No | kinds.Cancel | kinds.Close | kinds.Save | kinds.Discard
    box = QMessageBox(QMessageBox.Icon.Question, "hiprehab", "?", buttons, window)
    box.open()
    walk.qtbot.waitExposed(box)
    yield ""
    box.close()
    box.deleteLater()


def qt_file_dialog(walk: Walk) -> Iterator[str]:
    window = walk.window()
    window.choose_routine_file()
    dialog = walk.dialogs.wait(QFileDialog)
    assert dialog.findChildren(QWidget), "a native file dialog: nothing of it to read"
    walk.qtbot.waitExposed(dialog)
    yield ""
    dialog.close()


STOPS: dict[str, Callable[[Walk], Iterator[str]]] = {
    "welcome": welcome,
    "morning question": morning_question,
    "library": library,
    "about this exercise": about_this_exercise,
    "guidance banner": guidance_banner,
    "adjusted routine": adjusted_routine,
    "remove routine": remove_routine,
    "broken routine": broken_routine,
    "menus": menus,
    "help: routine format": dialog_of(lambda window: window.show_routine_format()),
    "help: about": dialog_of(lambda window: window.show_about()),
    "view: sound settings": dialog_of(lambda window: window.show_sound_settings()),
    "history not saved": dialog_of(history_not_saved),
    "player: check-in before": check_in_before,
    "player: before-session choice": before_session,
    "player: prepare": prepare,
    "player: work (reps)": work_reps,
    "player: work (hold)": player_stop(StepKind.WORK, "plank"),
    "player: switch sides": player_stop(StepKind.SWITCH),
    "player: rest": player_stop(StepKind.REST),
    "player: paused": paused,
    "player: stop question": stop_question,
    "player: check-in after, summary": after_and_summary,
    "history": history,
    "history: empty": empty_history,
    "qt: message box": qt_message_box,
    "qt: file dialog": qt_file_dialog,
}
QT_STOPS = ("qt: message box", "qt: file dialog")  # Qt's words: German with Qt's catalogue
# A menu that pops up grabs the keyboard, which the offscreen platform the tests run on cannot do.
POPUPS = pytest.mark.qt_log_ignore("^This plugin does not support grabbing the keyboard$")
