"""The app's log: a rotating file in the state folder, Qt's messages in it, --verbose mirrors it."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType, qWarning

from hiprehab.paths import AppPaths
from hiprehab.ui import app_log
from hiprehab.ui.app_log import platform_plugin_fault, start_logging

log = logging.getLogger("hiprehab.test")


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = AppPaths.from_environment().log_file  # inside the test's own HIPREHAB_HOME
    yield path


def test_the_log_file_is_created_and_gets_python_and_qt_messages(log_file: Path) -> None:
    terminal = io.StringIO()
    started = start_logging(log_file, terminal=terminal)
    try:
        log.warning("a python warning")
        log.debug("a debug line")  # below the file's level unless --verbose
        qWarning("a qt warning")
    finally:
        started.close()
    text = log_file.read_text(encoding="utf-8")
    assert "WARNING hiprehab.test: a python warning" in text
    assert "qt.default: a qt warning" in text
    assert "a debug line" not in text
    assert terminal.getvalue() == ""  # nothing on the terminal without --verbose
    assert started.log_file == log_file and started.problem is None


def test_verbose_mirrors_the_log_on_the_terminal(log_file: Path) -> None:
    terminal = io.StringIO()
    started = start_logging(log_file, verbose=True, terminal=terminal)
    try:
        log.info("an info line")
        qWarning("a qt warning")
    finally:
        started.close()
    shown = terminal.getvalue()
    assert "hiprehab.test: an info line" in shown and "qt.default: a qt warning" in shown
    assert "an info line" in log_file.read_text(encoding="utf-8")


def test_closing_takes_the_handlers_down_again(log_file: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    start_logging(log_file).close()
    log.warning("after closing")
    assert root.handlers == before
    assert "after closing" not in log_file.read_text(encoding="utf-8")


def test_the_log_rotates_and_keeps_three_old_files(
    log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_log, "MAX_BYTES", 2_000)
    started = start_logging(log_file)
    try:
        for number in range(400):
            log.warning("line %d of a long run %s", number, "x" * 40)
    finally:
        started.close()
    names = sorted(p.name for p in log_file.parent.iterdir())
    assert names == ["hiprehab.log", "hiprehab.log.1", "hiprehab.log.2", "hiprehab.log.3"]
    assert all(p.stat().st_size <= 2_000 for p in log_file.parent.iterdir())
    assert "line 399 of" in log_file.read_text(encoding="utf-8")


def test_a_log_that_cannot_be_written_goes_to_the_terminal_instead(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("")
    terminal = io.StringIO()
    started = start_logging(tmp_path / "not-a-folder" / "hiprehab.log", terminal=terminal)
    try:
        log.warning("still seen")
        log.info("only details")
    finally:
        started.close()
    assert started.log_file is None and started.problem is not None
    shown = terminal.getvalue()
    assert "cannot write its log" in shown and "not-a-folder" in shown
    assert "still seen" in shown and "only details" not in shown


def _start_and_quit(*args: str) -> subprocess.CompletedProcess[str]:
    """The real `hiprehab` start (offscreen), quitting once the window is up."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['hiprehab'])\n"
        "QTimer.singleShot(300, app.quit)\n"
        "from hiprehab.launch import main\n"
        f"sys.exit(main({list(args)!r}))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env,
        check=False,
    )


def test_a_clean_start_prints_nothing_and_logs_to_the_file() -> None:
    result = _start_and_quit()
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    text = AppPaths.from_environment().log_file.read_text(encoding="utf-8")
    assert "hiprehab.ui.app: hiprehab" in text and "starting on the offscreen platform" in text


def test_verbose_start_shows_the_log_on_the_terminal() -> None:
    result = _start_and_quit("--verbose")
    assert result.returncode == 0, result.stderr
    assert "starting on the offscreen platform" in result.stderr


def test_a_fatal_qt_message_is_shown_on_the_terminal_with_the_warnings_before_it(
    log_file: Path,
) -> None:
    """Qt ends the process after a fatal message (no platform plug-in, say): the user must see
    it, and the warning before it, although a clean start prints nothing."""
    terminal = io.StringIO()
    told: list[str] = []
    started = start_logging(log_file, terminal=terminal, on_fatal=told.append)
    try:
        started.qt_message(QtMsgType.QtWarningMsg, QMessageLogContext(), "a library is missing")
        assert terminal.getvalue() == ""
        started.qt_message(QtMsgType.QtFatalMsg, QMessageLogContext(), "cannot go on")
    finally:
        started.close()
    shown = terminal.getvalue()
    assert shown.startswith("a library is missing\ncannot go on\n")
    assert str(log_file) in shown
    assert told == ["cannot go on"]
    assert "CRITICAL qt.default: cannot go on" in log_file.read_text(encoding="utf-8")


def test_a_platform_plugin_that_loads_has_no_fault() -> None:
    assert platform_plugin_fault("offscreen") is None
    assert platform_plugin_fault("no-such-platform") is None
