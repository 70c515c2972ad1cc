"""The History page's imports, made in small steps while the app is idle, so its first opening
is quick.

The page needs numpy and pyqtgraph (about 0.3 s to import on a slow machine), which start-up
leaves out. Once the window is shown, the composition root (`ui/app.py`) starts a `WarmUp`. It
takes one step at a time on the GUI thread, and only when the person has not used the mouse or
keyboard for `QUIET_MS` (`InputWatch`): a step then keeps nobody waiting, and one begun just
before a click delays it by that step at most. Between two steps Qt handles whatever input and
painting is waiting. The steps:

- numpy (one import: it cannot be split);
- the classes of PySide6's QtCore, QtGui and QtWidgets, read a few milliseconds' worth at a
  time: PySide6 creates each class on first use, and pyqtgraph's import reads every one of them
  (its own copies of those modules), which would otherwise be one long stall;
- the Qt modules pyqtgraph imports besides those, then pyqtgraph itself;
- the page's own modules, one at a time, the page's view last.

Each step is timed (`longest_step`). While a session is being played (`busy`) no step is taken:
a step must never delay a cue. The imports stay on the GUI thread: PySide6 hooks every import
(its `__feature__` support), and imports on a worker thread with PySide6 loaded have crashed
other applications, so the gain is not worth that risk.
"""

from __future__ import annotations

import importlib
import logging
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

log = logging.getLogger(__name__)

QUIET_MS = 500  # a step only when the mouse and keyboard have been still this long
GAP_MS = 10  # between two steps: the event loop handles what is waiting
BUSY_MS = 2000  # while a session plays, look again after this long
SLICE_SECONDS = 0.006  # how long a step reading PySide6's classes may take

PAGE = "hiprehab.ui.history.view"
# what pyqtgraph imports besides numpy and QtCore/QtGui/QtWidgets; a missing one is skipped
PYQTGRAPH_QT = ("PySide6.QtSvg", "PySide6.QtOpenGLWidgets", "PySide6.QtTest")
# the page's own modules, those the others import first; the view last
PAGE_MODULES = (
    "hiprehab.history.pane_data",
    "hiprehab.history.export_files",
    "hiprehab.ui.history.theme",
    "hiprehab.ui.history.legends",
    "hiprehab.ui.history.guidance",
    "hiprehab.ui.history.week_axis",
    "hiprehab.ui.history.week_bars",
    "hiprehab.ui.history.zones",
    "hiprehab.ui.history.picking",
    "hiprehab.ui.history.plots",
    "hiprehab.ui.history.table",
    "hiprehab.ui.history.profiles",
    "hiprehab.ui.history.loader",
    "hiprehab.ui.history.export_menu",
    PAGE,
)


@dataclass(frozen=True)
class Step:
    """One piece of the warm-up: `run()` does a little and returns True when it has more."""

    name: str
    run: Callable[[], bool]


def import_step(name: str) -> Step:
    def run() -> bool:
        try:
            importlib.import_module(name)
        except ImportError:  # an optional Qt module this build lacks: pyqtgraph copes too
            log.info("warm-up: %s is not available", name)
        return False

    return Step(name, run)


def class_step(module_name: str) -> Step:
    """Read the classes of a PySide6 module, `SLICE_SECONDS` at a time."""
    names: Iterator[str] | None = None

    def run() -> bool:
        nonlocal names
        module = importlib.import_module(module_name)
        if names is None:
            names = iter(dir(module))
        if "pyqtgraph" in sys.modules:
            return False  # imported already (the page was opened): nothing left to spread
        began = time.perf_counter()
        for name in names:
            getattr(module, name)
            if time.perf_counter() - began >= SLICE_SECONDS:
                return True
        return False

    return Step(f"{module_name} classes", run)


def history_steps() -> list[Step]:
    """What the History page needs, in order, each step small."""
    return [
        import_step("numpy"),
        *(class_step(f"PySide6.{name}") for name in ("QtCore", "QtGui", "QtWidgets")),
        *(import_step(name) for name in PYQTGRAPH_QT),
        import_step("pyqtgraph"),
        *(import_step(name) for name in PAGE_MODULES),
    ]


INPUT = frozenset(
    {
        QEvent.Type.MouseMove,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletMove,
    }
)


class InputWatch(QObject):
    """When the mouse or keyboard was last used in the app, while it is `watch`ing."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last = time.monotonic()
        self.watching = False

    def watch(self, on: bool) -> None:
        """Watch the application's events (from now: `last` is now), or stop (every event
        passes through the watch, so it watches only while it is needed)."""
        app = QCoreApplication.instance()
        if app is None or on == self.watching:
            return
        self.watching = on
        if on:
            self.last = time.monotonic()
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def still_for(self) -> float:
        """Seconds since the last input."""
        return time.monotonic() - self.last

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in INPUT:
            self.last = time.monotonic()
        return False


class WarmUp(QObject):
    """Takes `steps` one by one on the GUI thread, at least `GAP_MS` apart, each once the input
    has been still for `quiet_ms`; none while `busy()`.

    `finished` is emitted once, after the last step (also when a step failed: the page then
    imports what is missing itself, and the log says why).
    """

    finished = Signal()

    def __init__(
        self,
        steps: Sequence[Step] | None = None,
        *,
        busy: Callable[[], bool] = lambda: False,
        quiet_ms: int = QUIET_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._steps = list(history_steps() if steps is None else steps)
        self._busy = busy
        self._quiet = quiet_ms / 1000
        self._input = InputWatch(self)
        self._next = 0
        self.durations: list[tuple[str, float]] = []  # (step, seconds), one per call
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)

    @property
    def done(self) -> bool:
        return self._next >= len(self._steps)

    @property
    def longest_step(self) -> tuple[str, float]:
        """The step that kept the GUI thread longest and for how many seconds ("", 0 if none)."""
        return max(self.durations, key=lambda item: item[1], default=("", 0.0))

    def start(self) -> None:
        """Begin: the first step once the input has been still for `quiet_ms` from now (the
        timer runs only in the event loop, so never before the window is shown and idle)."""
        if self.done:
            self.finished.emit()
            return
        self._input.watch(True)
        self._timer.start(self._wait_ms())

    def _wait_ms(self) -> int:
        """How long until the input has been still long enough (at least GAP_MS)."""
        return max(GAP_MS, round(1000 * (self._quiet - self._input.still_for())))

    def _step(self) -> None:
        if self._busy():
            self._input.watch(False)  # not during a session; the stillness counts from its end
            self._timer.start(BUSY_MS)
            return
        if not self._input.watching:
            self._input.watch(True)
        if self._input.still_for() < self._quiet:
            self._timer.start(self._wait_ms())
            return
        step = self._steps[self._next]
        began = time.perf_counter()
        try:
            more = step.run()
        except Exception:  # never let a warm-up break the app: the page imports it itself
            log.exception("warm-up step %s failed", step.name)
            more = False
        self.durations.append((step.name, time.perf_counter() - began))
        if not more:
            self._next += 1
        if self.done:
            self._input.watch(False)
            log.info(
                "warm-up done: %d steps, longest %s (%.0f ms)",
                len(self.durations),
                self.longest_step[0],
                1000 * self.longest_step[1],
            )
            self.finished.emit()
        else:
            self._timer.start(self._wait_ms())
