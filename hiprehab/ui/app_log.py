"""The app's log: one rotating file in the state folder, with Qt's own messages in it.

A clean start must print nothing on the terminal, yet every complaint of a backend (the
multimedia plug-ins, a speech engine that is missing) has to be findable afterwards. So Python's
logging and Qt's message handler both write to `AppPaths.log_file` (1 MB, three older files
kept beside it), and `--verbose` mirrors the same lines on the terminal (stderr).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any, TextIO

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

QtMessageHandler = Callable[[QtMsgType, QMessageLogContext, str], Any]

MAX_BYTES = 1_000_000
BACKUPS = 3
LINE_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
TERMINAL_FORMAT = "%(levelname)-7s %(name)s: %(message)s"

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's message handler: each message goes to the logger named after its category."""
    category = context.category or "default"
    name = category if category.startswith("qt") else f"qt.{category}"
    logging.getLogger(name).log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


class AppLog:
    """What `start_logging` set up. `close()` takes it all down again (end of the app, tests)."""

    def __init__(
        self,
        root_level: int,
        handlers: list[logging.Handler],
        log_file: Path | None,
        problem: str | None,
    ) -> None:
        self._previous_qt_handler: QtMessageHandler | None = None
        self._root_level = root_level
        self._handlers = handlers
        self.log_file = log_file  # None when the file could not be opened
        self.problem = problem  # why not, in plain words
        self._closed = False

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        qInstallMessageHandler(self._previous_qt_handler)  # None: Qt's default handler
        root = logging.getLogger()
        for handler in self._handlers:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(self._root_level)
        logging.captureWarnings(False)


def start_logging(
    log_file: Path, *, verbose: bool = False, terminal: TextIO | None = None
) -> AppLog:
    """Send Python's and Qt's messages to `log_file` (rotating), and to `terminal` (stderr by
    default) too when `verbose`. Call once, before the QApplication is made, so that the
    messages of Qt's plug-ins as they load are caught as well.

    A log file that cannot be written is not fatal: the one line saying so, and the warnings
    that follow, then go to the terminal instead.
    """
    root = logging.getLogger()
    handlers: list[logging.Handler] = []
    problem = None
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        opened: Path | None = None
        problem = f"hiprehab cannot write its log {log_file}: {exc.strerror or exc}"
    else:
        opened = log_file
        file_handler.setFormatter(logging.Formatter(LINE_FORMAT))
        handlers.append(file_handler)
    if verbose or opened is None:
        stream = logging.StreamHandler(sys.stderr if terminal is None else terminal)
        stream.setFormatter(logging.Formatter(TERMINAL_FORMAT))
        stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
        handlers.append(stream)
    app_log = AppLog(root.level, handlers, opened, problem)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.captureWarnings(True)
    app_log._previous_qt_handler = qInstallMessageHandler(qt_message_to_log)
    if problem is not None:
        logging.getLogger("hiprehab").warning("%s", problem)
    return app_log
