"""The app's log: one rotating file in the state folder, with Qt's own messages in it.

A clean start must print nothing on the terminal, yet every complaint of a backend (the
multimedia plug-ins, a speech engine that is missing) has to be findable afterwards. So Python's
logging and Qt's message handler both write to `AppPaths.log_file` (1 MB, three older files
kept beside it), and `--verbose` mirrors the same lines on the terminal (stderr).
"""

from __future__ import annotations

import logging
import os
import sys
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from PySide6.QtCore import QLibraryInfo, QMessageLogContext, QtMsgType, qInstallMessageHandler

QtMessageHandler = Callable[[QtMsgType, QMessageLogContext, str], Any]

MAX_BYTES = 1_000_000
BACKUPS = 3
LINE_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
RECENT_WARNINGS = 5  # shown with a fatal message: they tend to say what was missing
TERMINAL_FORMAT = "%(levelname)-7s %(name)s: %(message)s"

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _logger_for(context: QMessageLogContext) -> logging.Logger:
    category = context.category or "default"
    return logging.getLogger(category if category.startswith("qt") else f"qt.{category}")


def platform_plugin_fault(platform: str | None = None) -> str | None:
    """Why Qt's platform plug-in (xcb by default on Linux) cannot load: the system library the
    dynamic loader misses, which Qt itself does not name. None when it loads or is not there."""
    name = platform or os.environ.get("QT_QPA_PLATFORM") or "xcb"
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    plugin = folder / f"libq{name.split(':')[0]}.so"
    if not plugin.is_file():
        return None
    import ctypes  # only now: Qt could not start

    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        return f"Qt's {name} platform plug-in cannot load: {exc}"
    return None


class RotatingLog(logging.FileHandler):
    """A log file moved aside to `NAME.1` (`.1` to `.2` and so on, `backups` kept) before a
    line would take it to `max_bytes`: what logging.handlers.RotatingFileHandler does, without
    importing that module at every start (it brings socket, pickle and queue with it)."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes, self.backups = max_bytes, backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full(f"{self.format(record)}{self.terminator}"):
                self._rotate()
        except Exception:  # noqa: BLE001 - logging's own rule: a log fault never raises
            self.handleError(record)
            return
        super().emit(record)

    def _full(self, line: str) -> bool:
        if self.stream is None:
            self.stream = self._open()
        self.stream.seek(0, os.SEEK_END)
        return bool(self.stream.tell()) and self.stream.tell() + len(line) >= self.max_bytes

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
        base = self.baseFilename
        for number in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{number}"):
                os.replace(f"{base}.{number}", f"{base}.{number + 1}")
        os.replace(base, f"{base}.1")
        self.stream = self._open()


class AppLog:
    """What `start_logging` set up. `close()` takes it all down again (end of the app, tests).

    It is also Qt's message handler: each message goes to the logger named after its category.
    A fatal one (Qt cannot start its platform plug-in, say) ends the process, so it is shown on
    the terminal too, with the warnings just before it, which usually name the missing library.
    """

    def __init__(
        self,
        root_level: int,
        handlers: list[logging.Handler],
        log_file: Path | None,
        problem: str | None,
        terminal: TextIO | None = None,
        on_fatal: Callable[[str], None] | None = None,
    ) -> None:
        self._previous_qt_handler: QtMessageHandler | None = None
        self._root_level = root_level
        self._handlers = handlers
        self.log_file = log_file  # None when the file could not be opened
        self.problem = problem  # why not, in plain words
        self._terminal = terminal
        self._on_fatal = on_fatal
        self._recent: deque[str] = deque(maxlen=RECENT_WARNINGS)
        self._closed = False

    def qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        level = _QT_LEVELS.get(kind, logging.WARNING)
        _logger_for(context).log(level, "%s", message)
        if kind != QtMsgType.QtFatalMsg:
            if level >= logging.WARNING:
                self._recent.append(message)
            return
        terminal = sys.stderr if self._terminal is None else self._terminal
        lines = [*self._recent, message]
        fault = platform_plugin_fault() if "platform plugin" in message else None
        if fault is not None:
            lines.append(fault)
        if self.log_file is not None:
            lines.append(f"(the log, {self.log_file}, has the details)")
        print("\n".join(lines), file=terminal, flush=True)
        if self._on_fatal is not None:
            self._on_fatal(fault or message)

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
    log_file: Path,
    *,
    verbose: bool = False,
    terminal: TextIO | None = None,
    on_fatal: Callable[[str], None] | None = None,
) -> AppLog:
    """Send Python's and Qt's messages to `log_file` (rotating), and to `terminal` (stderr by
    default) too when `verbose`. Call once, before the QApplication is made, so that the
    messages of Qt's plug-ins as they load are caught as well.

    A log file that cannot be written is not fatal: the one line saying so, and the warnings
    that follow, then go to the terminal instead. `on_fatal` is called with a fatal Qt message
    (or, for a platform plug-in that cannot load, the library it misses) just before Qt ends
    the process.
    """
    root = logging.getLogger()
    handlers: list[logging.Handler] = []
    problem = None
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = RotatingLog(log_file, MAX_BYTES, BACKUPS)
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
    app_log = AppLog(root.level, handlers, opened, problem, terminal, on_fatal)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.captureWarnings(True)
    app_log._previous_qt_handler = qInstallMessageHandler(app_log.qt_message)
    if problem is not None:
        logging.getLogger("hiprehab").warning("%s", problem)
    return app_log
