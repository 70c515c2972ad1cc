"""One launch, in a fresh process, for `benchmarks/launch.py`: the app or a bare PySide6 window.

    python benchmarks/_launch_child.py app    # `hiprehab` as a user starts it (HIPREHAB_HOME set)
    python benchmarks/_launch_child.py bare   # a bare QMainWindow of the same size, shown
    python benchmarks/_launch_child.py floor  # the same, after importing what the app is built on

Both make the QApplication first (the app uses one that exists) and watch for the main window's
first paint event; once it has been handled (the frame is on screen) they print `painted CPU_MS`
(the processor time the process has used so far). The parent times the launch from before it
starts the process to that line. After a further
IDLE_MS (the work the app leaves until then is done) they print `peak VMHWM_KB`, the process's
peak resident memory so far (from /proc/self/status), and quit.
"""

from __future__ import annotations

import resource
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

SIZE = (1280, 800)  # the app's default window size
# What the app's first screen cannot do without, whatever its own code: Qt's namespace of enums
# (alignment, keys, roles), the local socket of the single-instance check, the history's
# SQLite, the routine parser and the standard library's modules every module of it uses.
FLOOR_MODULES = (
    "PySide6.QtNetwork", "sqlite3", "tomli", "dataclasses", "typing", "pathlib", "logging",
    "json", "gettext", "enum", "datetime", "platformdirs",
)  # fmt: skip
IDLE_MS = 300


def peak_rss_kb() -> int:
    """VmHWM: the peak resident set size of this process so far, in kB (0 if unknown)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class PaintWatch(QObject):
    """Prints `painted` once a main window's first frame is painted, and `peak VMHWM_KB` a
    little later; then quits."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        painted = event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow)
        if painted and not self._done:
            self._done = True  # the frame is drawn and flushed once this event has been handled
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        used = resource.getrusage(resource.RUSAGE_SELF)
        print(f"painted {(used.ru_utime + used.ru_stime) * 1000:.1f}", flush=True)
        QTimer.singleShot(IDLE_MS, self._idle)

    def _idle(self) -> None:
        print(f"peak {peak_rss_kb()}", flush=True)
        self._app.quit()


def main(mode: str) -> int:
    app = QApplication(sys.argv[:1])
    watch = PaintWatch(app)
    app.installEventFilter(watch)
    if mode == "floor":
        import importlib

        from PySide6.QtCore import Qt

        Qt.AlignmentFlag  # noqa: B018 (the namespace's enums are made on first use)
        for name in FLOOR_MODULES:
            importlib.import_module(name)
    if mode in ("bare", "floor"):
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(*SIZE)
        window.show()
        return int(app.exec())
    from hiprehab.launch import main as hiprehab_main

    return hiprehab_main([])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
