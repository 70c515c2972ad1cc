"""The screenshot scripts' shared harness: a display, a throwaway profile, the real window.

Each `scripts/*_screenshots.py` keeps only what it stages; the set-up is here:

- `run(take, options)`: starts a private Xvfb (the xcb platform, as a user sees it) unless
  DISPLAY or QT_QPA_PLATFORM is already set, builds a `Shots` and calls `take(shots, themes)`;
  prints each file saved.
- `Shots`: a temporary HIPREHAB_HOME with the first run done, the QApplication, `theme()`,
  `window()` (`create_main_window` with a FakeClock and silent cues, sized and shown),
  `settle()`, `answer_checkin()`, `play_to()`, `save()` and `over()` (a dialog drawn over its
  window, as a window manager would show it; Xvfb has none).
- `past_sessions()`: finished sessions of a real routine, written through the real store, so
  the guidance banner, the offers and the History page have something true to say.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QWidget

    from hiprehab.history.store import HistoryStore
    from hiprehab.routine.model import Routine
    from hiprehab.session.clock import FakeClock
    from hiprehab.session.timeline import Step
    from hiprehab.ui.main_window import MainWindow
    from hiprehab.ui.player.controller import SessionController

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
SIZE = (1280, 800)
SCREEN = (1600, 1200)  # room for every window size the scripts use
THEMES = ("light", "dark")


def parser(doc: str | None) -> argparse.ArgumentParser:
    """The command line every screenshot script shares: --out DIR, --themes light,dark."""
    made = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    made.add_argument("--out", type=Path, default=OUT, help="folder (default: docs/screenshots)")
    made.add_argument("--themes", default=",".join(THEMES), help="comma-separated themes")
    made.add_argument("--lang", default="en", help="the app's language (default: en)")
    return made


def start_xvfb(width: int, height: int) -> tuple[subprocess.Popen[bytes], str]:
    """A private X server on the first free display from :99."""
    if shutil.which("Xvfb") is None:
        raise SystemExit("needs an X display or Xvfb (apt-get install xvfb)")
    for number in range(99, 160):
        if Path(f"/tmp/.X{number}-lock").exists():
            continue
        display = f":{number}"
        server = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                return server, display
            if server.poll() is not None:
                break
            time.sleep(0.05)
        server.terminate()
        server.wait(timeout=10)
    raise SystemExit("could not start Xvfb")


class Xvfb:
    """`with Xvfb(w, h) as display:` a private X server for the block (none if DISPLAY is set)."""

    def __init__(self, width: int, height: int, *, reuse: bool = True) -> None:
        self.size = (width, height)
        self.reuse = reuse
        self.server: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> str:
        if self.reuse and os.environ.get("DISPLAY"):
            return os.environ["DISPLAY"]
        self.server, display = start_xvfb(*self.size)
        return display

    def __exit__(self, *exc: object) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=10)


def run(
    take: Callable[[Shots, list[str]], None],
    options: argparse.Namespace,
    *,
    suffix: str = "",
) -> int:
    """Run `take(shots, themes)` in a display (Xvfb unless one is set) and print what it saved."""
    options.out.mkdir(parents=True, exist_ok=True)
    themes = [t for t in options.themes.split(",") if t]
    language = getattr(options, "lang", "en")
    if os.environ.get("QT_QPA_PLATFORM"):
        return _run(take, options.out, themes, suffix, language)
    with Xvfb(*SCREEN) as display:
        os.environ["DISPLAY"] = display
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        return _run(take, options.out, themes, suffix, language)


def main(take: Callable[[Shots, list[str]], None], doc: str | None) -> int:
    """A screenshot script's whole command line: `sys.exit(shots.main(take, __doc__))`."""
    return run(take, parser(doc).parse_args())


def _run(
    take: Callable[[Shots, list[str]], None],
    out: Path,
    themes: list[str],
    suffix: str,
    language: str = "en",
) -> int:
    shots = Shots(out, suffix, language)
    try:
        take(shots, themes)
    finally:
        shots.cleanup()
    for path in shots.saved:
        print(path)
    return 0


class Shots:
    """A throwaway profile and the app's window, and the few moves every script makes."""

    def __init__(self, out: Path, suffix: str = "", language: str = "en") -> None:
        self.out = out
        self.suffix = suffix
        self.home = Path(tempfile.mkdtemp(prefix="hiprehab-shots-"))
        os.environ["HIPREHAB_HOME"] = str(self.home)

        from PySide6.QtWidgets import QApplication

        from hiprehab.paths import AppPaths
        from hiprehab.ui.settings import AppSettings

        existing = QApplication.instance()
        self.app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
        from hiprehab.ui.language import apply_language

        apply_language((language, None))  # the app's words and Qt's own, as `--lang` gives
        self.paths = AppPaths.from_environment()
        self.paths.ensure()
        self.settings = AppSettings(self.paths.settings_file)
        self.settings.set_first_run_done()
        self.settings.sync()
        self.saved: list[Path] = []
        self.clock: FakeClock | None = None
        self._open: list[tuple[MainWindow, HistoryStore | None]] = []

    # -- the app ---------------------------------------------------------------------------------
    def settle(self, rounds: int = 8) -> None:
        for _ in range(rounds):
            self.app.processEvents()

    def theme(self, name: str) -> None:
        """Theme `name` (light or dark) now, and for the windows made after this."""
        from hiprehab.ui.theme import ThemeManager

        self.settings.set_theme(name)
        self.settings.sync()
        manager = self.app.property("hiprehab_theme_manager")  # as create_main_window keeps it
        if not isinstance(manager, ThemeManager):
            manager = ThemeManager(self.app)
            self.app.setProperty("hiprehab_theme_manager", manager)
        manager.apply(name)
        self.settle()

    def store(self, *, fresh: bool = False) -> HistoryStore:
        """The profile's history; `fresh` starts it empty."""
        from hiprehab.history.store import HistoryStore

        db = self.paths.history_db
        if fresh:
            for stale in db.parent.glob(db.name + "*"):
                stale.unlink()
        return HistoryStore.open(db)

    def window(
        self,
        store: HistoryStore | None = None,
        *,
        size: tuple[int, int] = SIZE,
        page: str | None = "library",
        **kwargs: Any,
    ) -> MainWindow:
        """The real main window (FakeClock at `self.clock`, silent cues), shown at `size`."""
        from hiprehab.session.clock import FakeClock
        from hiprehab.ui.app import create_main_window
        from hiprehab.ui.player.cues import CuePlayer

        self.clock = FakeClock()
        silent = CuePlayer(sound_factory=lambda path, notify: None, speech_factory=lambda n: None)
        window = create_main_window(self.paths, self.clock, store, silent, **kwargs)
        window.resize(*size)
        window.move(0, 0)
        window.show()
        if page is not None:
            window.show_page(page)
        self._open.append((window, store))
        self.settle()
        return window

    def close(self, window: MainWindow) -> None:
        """Close the window (abandoning a session) and its store."""
        for pair in [p for p in self._open if p[0] is window]:
            self._open.remove(pair)
            if window.flow.controller is not None:
                window.flow.abandon()
            window.close()
            window.deleteLater()
            if pair[1] is not None:
                pair[1].close()
        self.settle()

    def cleanup(self) -> None:
        for window, _store in list(self._open):
            self.close(window)
        shutil.rmtree(self.home, ignore_errors=True)

    # -- moves -----------------------------------------------------------------------------------
    def select(self, window: MainWindow, stem: str) -> Any:
        """Select the built-in routine `stem` in the library; returns its entry."""
        from hiprehab.routine.user_files import routine_name

        library = window.library
        library.select(next(e.path for e in library.entries() if routine_name(e.path) == stem))
        entry = library.current_entry()
        assert entry is not None and entry.routine is not None
        self.settle()
        return entry

    def answer_checkin(self, value: int | None) -> None:
        """Answer the pain check-in on screen (None: Skip)."""
        from hiprehab.ui.player.checkins import PainCheckinDialog

        self.settle()
        dialog = next(
            w for w in self.app.topLevelWidgets()
            if isinstance(w, PainCheckinDialog) and w.isVisible()
        )  # fmt: skip
        if value is None:
            dialog.skip()
        else:
            dialog.select(value)
            dialog.accept()
        self.settle()

    def start(self, window: MainWindow, stem: str, pain: int | None = 2) -> SessionController:
        """Start routine `stem` with `pain` before; returns the session's controller."""
        window.start_entry(self.select(window, stem))
        self.answer_checkin(pain)
        controller = window.flow.controller
        assert controller is not None
        return controller

    def play_to(self, controller: SessionController, position_us: int) -> None:
        """Play on to `position_us`, in steps well under the engine's 30 s sleep detection."""
        assert self.clock is not None
        while (left := position_us - controller.engine.state().position_us) > 0:
            self.clock.advance_us(min(left, 5_000_000))
            controller.tick()
        self.settle()

    def play_into(
        self, controller: SessionController, match: Callable[[Step], bool], seconds: float
    ) -> None:
        """Play on to `seconds` into the first step of the timeline that `match` accepts."""
        step = next(s for s in controller.engine.timeline if match(s))
        self.play_to(controller, step.start_us + round(seconds * 1_000_000))

    # -- pictures --------------------------------------------------------------------------------
    def save(self, picture: QWidget | QPixmap, name: str) -> Path:
        """Save `picture` (a widget is grabbed) as OUT/name(+suffix).png."""
        from PySide6.QtGui import QPixmap

        self.settle()
        pixmap = picture if isinstance(picture, QPixmap) else picture.grab()
        path = self.out / f"{name}{self.suffix}.png"
        if not pixmap.save(str(path)):
            raise OSError(f"could not write {path}")
        self.saved.append(path)
        return path

    def over(
        self, page: QWidget, dialog: QWidget, at: tuple[int, int] | None = None, dim: bool = False
    ) -> QPixmap:
        """`dialog` drawn over `page` (centred unless `at`), with a soft shadow and a frame."""
        from PySide6.QtCore import QRect
        from PySide6.QtGui import QColor, QPainter, QPen

        self.settle()
        picture = page.grab()
        inner = dialog.grab()
        painter = QPainter(picture)
        if dim:
            painter.fillRect(picture.rect(), QColor(0, 0, 0, 110))
        if at is None:
            at = ((picture.width() - inner.width()) // 2, (picture.height() - inner.height()) // 2)
        x, y = at
        for spread, alpha in ((6, 14), (3, 22)):
            painter.fillRect(
                QRect(x - spread + 3, y - spread + 4, inner.width() + 2 * spread,
                      inner.height() + 2 * spread), QColor(0, 0, 0, alpha),
            )  # fmt: skip
        painter.drawPixmap(x, y, inner)
        painter.setPen(QPen(QColor("#8a9199"), 1))
        painter.drawRect(x, y, inner.width() - 1, inner.height() - 1)
        painter.end()
        return picture


def routine(stem: str) -> Routine:
    """The built-in routine `stem` (routines/STEM.hiprehab.toml), as the library loads it."""
    from hiprehab.resources import ROUTINE_SUFFIX
    from hiprehab.routine.loader import load_routine

    return load_routine(REPO / "routines" / f"{stem}{ROUTINE_SUFFIX}")


def past_sessions(
    store: HistoryStore,
    routine: Routine,
    scores: Sequence[tuple[float, int, int, int | None]],
    now: datetime | None = None,
    notes: Iterable[str] = (),
) -> None:
    """Finished sessions of `routine`: (days ago, pain before, after, next morning) each."""
    from hiprehab.history.demo import DemoSession, fill_store

    now = now or datetime.now(UTC).replace(microsecond=0)
    texts = list(notes)
    sessions = [
        DemoSession(
            started_at=now - timedelta(days=days),
            pain_before=before,
            pain_after=after,
            pain_next_morning=morning,
            note=texts[n] if n < len(texts) else "",
            minutes=routine.duration_us() / 60e6,
        )
        for n, (days, before, after, morning) in enumerate(scores)
    ]
    for sid in fill_store(store, routine, sessions):
        store.mark_morning_asked(sid)
