"""Fixtures for driving the real main window: temporary profile, FakeClock, silent cue player."""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.session.clock import FakeClock
from hiprehab.ui.app import create_main_window
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player.cues import CuePlayer
from hiprehab.ui.player.voices import Voice
from hiprehab.ui.settings import AppSettings


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    """pytest-qt fails a test for Qt's warnings until the test returns; this goes on through its
    teardown, where its windows are closed and its fixtures taken down, with the same ignore
    list (pyproject.toml and the test's qt_log_ignore marks)."""
    said: list[str] = []

    def keep(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            said.append(message)

    previous = qInstallMessageHandler(keep)
    try:
        result = yield
    finally:
        qInstallMessageHandler(previous)
    ignored = list(item.config.getini("qt_log_ignore"))
    for mark in item.iter_markers("qt_log_ignore"):
        ignored.extend(mark.args)
    loud = [m for m in said if not any(re.search(pattern, m) for pattern in ignored)]
    if loud:
        pytest.fail("Qt warned while the test was taken down:\n" + "\n".join(loud))
    return result


def _visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


@pytest.fixture(autouse=True)
def no_window_left_open(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a window or dialog on screen once its fixtures are taken down
    (pytest-qt has closed the widgets given to `qtbot.addWidget` by then), and close them, so
    that the next test starts with none."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    left = _visible_windows()
    names = ", ".join(f"{type(w).__name__} {w.windowTitle()!r}" for w in left)
    for widget in left:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    if left:
        pytest.fail(f"the test left windows open: {names}")


SHORT_ROUTINE = """\
format = 1
title = "Short test routine"
author = "Test Physio"
description = "Two tiny exercises, for tests."

[timing]
prepare = 2
switch_sides = 2
rest_between_sets = 3
rest_between_exercises = 3

[[exercise]]
name = "Side leg lift"
sides = "each"
sets = 2
reps = 2
seconds_per_rep = 2
illustration = "pics/lift.png"
cues = ["Slow and steady"]

[[exercise]]
use = "plank"
sets = 1
hold = 4
"""

BROKEN_ROUTINE = """\
title = 3

[[exercise]]
name = "Mystery"
sets = -1
"""


class FakeSound:
    """A sound that records plays; `failed` simulates a missing audio device."""

    def __init__(self, name: str, log: list[str], failed: bool) -> None:
        self.name, self._log, self._failed, self.playing = name, log, failed, False

    @property
    def failed(self) -> bool:
        return self._failed

    def play(self) -> None:
        self._log.append(self.name)

    def stop(self) -> None:
        self.playing = False

    def set_volume(self, volume: float) -> None:
        self.volume = volume


class FakeSpeech:
    """A speech engine with an English and a German voice."""

    def __init__(self, log: list[str]) -> None:
        self._log = log
        self.failed = False
        self.voice: Voice | None = None

    def voices(self) -> list[Voice]:
        return [Voice("Alex", "en_GB", "United Kingdom"), Voice("Anna", "de_DE", "Deutschland")]

    def use_voice(self, voice: Voice) -> None:
        self.voice = voice

    def say(self, text: str) -> None:
        self._log.append(text)

    def stop(self) -> None:
        pass

    def set_volume(self, volume: float) -> None:
        self.volume = volume


def make_cues(*, audio: bool = True, speech: bool = True) -> tuple[CuePlayer, list[str], list[str]]:
    """A cue player on fakes; returns it with the list of sounds played and phrases said."""
    sounds: list[str] = []
    words: list[str] = []
    player = CuePlayer(
        sound_factory=lambda path, notify: FakeSound(path.stem, sounds, failed=not audio),
        speech_factory=lambda notify: FakeSpeech(words) if speech else None,
    )
    return player, sounds, words


@pytest.fixture
def paths() -> AppPaths:
    p = AppPaths.from_environment()
    p.ensure()
    return p


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(paths: AppPaths) -> Iterator[HistoryStore]:
    s = HistoryStore.open(paths.history_db, now=lambda: datetime(2026, 3, 2, 7, 0, tzinfo=UTC))
    yield s
    s.close()


@pytest.fixture
def routine_file(tmp_path: Path) -> Path:
    """A short valid routine with a picture of its own, outside the user's folder."""
    folder = tmp_path / "from-physio"
    (folder / "pics").mkdir(parents=True)
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(folder / "pics" / "lift.png"))
    path = folder / "short.toml"
    path.write_text(SHORT_ROUTINE, encoding="utf-8")
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN_ROUTINE, encoding="utf-8")
    return path


WindowFactory = Callable[..., MainWindow]
D = TypeVar("D", bound=QDialog)


@pytest.fixture
def make_window(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock, request: pytest.FixtureRequest
) -> WindowFactory:
    """Build the real window at 1280x800; first run is marked done unless asked otherwise."""

    def make(
        *, first_run_done: bool = True, size: tuple[int, int] | None = (1280, 800), **kwargs: object
    ) -> MainWindow:
        if first_run_done:
            settings = AppSettings(paths.settings_file)
            settings.set_first_run_done()
            settings.sync()
        if "store" not in kwargs:  # the shared test store, opened only when used
            kwargs["store"] = request.getfixturevalue("store")
        kwargs.setdefault("cues", make_cues()[0])
        window = create_main_window(paths, clock, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
        # what waits for the first paint (the pain guidance): done, as a user sees it
        qtbot.waitUntil(lambda: window.is_settled, timeout=2000)
        return window

    return make


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()


def open_dialogs(kind: type[QDialog]) -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


class Dialogs:
    """Finds the app's dialogs, which are all opened without blocking."""

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot

    def wait(self, kind: type[D]) -> D:
        """The one visible dialog of `kind`."""
        try:
            self._qtbot.waitUntil(lambda: len(open_dialogs(kind)) == 1, timeout=2000)
        except Exception as exc:
            visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
            raise AssertionError(f"expected one {kind.__name__}; visible: {visible}") from exc
        found = open_dialogs(kind)[0]
        assert isinstance(found, kind)
        return found

    def visible(self, kind: type[QDialog]) -> list[QDialog]:
        return open_dialogs(kind)


@pytest.fixture
def dialogs(qtbot: QtBot) -> Dialogs:
    return Dialogs(qtbot)


@pytest.fixture
def cue_factory() -> Callable[..., tuple[CuePlayer, list[str], list[str]]]:
    return make_cues


@pytest.fixture
def walk(
    qtbot: QtBot,
    dialogs: Dialogs,
    make_window: WindowFactory,
    clock: FakeClock,
    paths: AppPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[object]:
    """The walk through every page and dialog (tests/ui/walk.py), on a store whose clock is
    the walk's."""
    from tests.ui.walk import NOW, Walk

    store = HistoryStore.open(paths.history_db, now=lambda: NOW)
    yield Walk(qtbot, dialogs, make_window, clock, paths, tmp_path, monkeypatch, store)
    store.close()


@pytest.fixture
def in_german(german: None) -> Iterator[None]:
    """German chosen: the app's words, and Qt's own as the app installs them."""
    from tests.ui.walk import use_qt_language

    use_qt_language("de")
    yield
    use_qt_language("en")
