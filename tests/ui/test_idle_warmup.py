"""The idle warm-up: small steps one at a time in the event loop, none while a session plays or
while the person is using the mouse or keyboard; a failing step never breaks the app.

The real steps (numpy, pyqtgraph, the page) are run in a fresh process by
test_history_lazy_import.py; here the steps are stand-ins.
"""

from __future__ import annotations

import importlib.util
import logging

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from hiprehab.ui import idle_warmup as warmup
from hiprehab.ui.idle_warmup import PAGE, PAGE_MODULES, InputWatch, Step, WarmUp, history_steps


def recording(names: list[str], name: str, *, times: int = 1) -> Step:
    """A step that notes its name each time it runs, and wants `times` runs in all."""

    def run() -> bool:
        names.append(name)
        return names.count(name) < times

    return Step(name, run)


def test_the_steps_run_in_order_one_per_turn_of_the_event_loop(qtbot) -> None:
    ran: list[str] = []
    warm_up = WarmUp([recording(ran, "a"), recording(ran, "b", times=3)], quiet_ms=0)
    warm_up.start()
    assert ran == []  # nothing before the event loop turns
    with qtbot.waitSignal(warm_up.finished, timeout=5_000):
        pass
    assert ran == ["a", "b", "b", "b"]  # a step with more to do is called again
    assert warm_up.done
    assert [name for name, _seconds in warm_up.durations] == ran
    assert warm_up.longest_step[0] in ("a", "b")


def test_no_step_while_a_session_plays(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(warmup, "BUSY_MS", 1)
    ran: list[str] = []
    asked: list[bool] = []

    def busy() -> bool:
        asked.append(True)
        return len(asked) <= 3  # a session for the first three looks

    warm_up = WarmUp([recording(ran, "a")], busy=busy, quiet_ms=0)
    watch = warm_up.findChild(InputWatch)
    assert watch is not None
    watching = []
    warm_up.start()
    for _ in range(1000):  # the timer wakes the loop each millisecond
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        watching.append(watch.watching)
        if len(asked) >= 3:
            break
    assert ran == [] and watching[-1] is False  # no events watched during a session
    with qtbot.waitSignal(warm_up.finished, timeout=5_000):
        pass
    assert len(asked) == 4 and ran == ["a"]
    assert not watch.watching


def test_no_step_until_the_input_has_been_still(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[str] = []
    warm_up = WarmUp([recording(ran, "a")], quiet_ms=60_000)
    warm_up.start()
    for _ in range(3):
        QApplication.processEvents()
    assert ran == [] and not warm_up.done  # a minute of stillness is not over


def test_the_input_watch_sees_the_mouse(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    watch = InputWatch()
    watch.watch(True)
    try:
        watch.last = 0.0
        assert watch.still_for() > 1
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(5, 5),
            QPointF(5, 5),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, move)
        assert watch.still_for() < 1
        watch.last = 0.0
        QApplication.sendEvent(widget, QEvent(QEvent.Type.Paint))  # not input
        assert watch.last == 0.0
    finally:
        watch.watch(False)


def test_a_failing_step_is_logged_and_the_rest_go_on(qtbot, caplog) -> None:
    ran: list[str] = []

    def broken() -> bool:
        raise RuntimeError("a surprise")

    warm_up = WarmUp([Step("broken", broken), recording(ran, "after")], quiet_ms=0)
    warm_up.start()
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(warm_up.finished, timeout=5_000):
        pass
    assert ran == ["after"]
    assert "warm-up step broken failed" in caplog.text


def test_a_missing_optional_module_is_skipped(qtbot) -> None:
    step = warmup.import_step("hiprehab_no_such_module")
    assert step.run() is False  # no exception: pyqtgraph copes without an optional Qt module


def test_no_steps_finishes_at_once(qtbot) -> None:
    warm_up = WarmUp([], quiet_ms=0)
    with qtbot.waitSignal(warm_up.finished, timeout=1_000):
        warm_up.start()


@pytest.mark.parametrize("module", ["numpy", "pyqtgraph", PAGE])
def test_the_real_steps_import_the_plotting_modules_and_the_page_last(module: str) -> None:
    names = [step.name for step in history_steps()]
    assert module in names
    assert names[-1] == PAGE
    assert names.index("numpy") < names.index("pyqtgraph") < names.index(PAGE)


@pytest.mark.parametrize("module", PAGE_MODULES)
def test_every_page_module_named_is_there(module: str) -> None:
    """A module renamed or gone would only be logged by the warm-up (then imported late)."""
    assert importlib.util.find_spec(module) is not None
