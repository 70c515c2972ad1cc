"""Take the README's screenshots of the real app under Xvfb, in light and dark themes.

    .venv/bin/python scripts/screenshots.py            # docs/screenshots/*.png
    .venv/bin/python scripts/screenshots.py --out DIR

Starts its own Xvfb (1280x800x24; 2560x1600 for the 200 % pass) unless DISPLAY is already set,
uses a throwaway profile (HIPREHAB_HOME in a temporary folder), a FakeClock to put the player in
each state, and silent cue outputs. The 200 % pass runs in a child process with
QT_SCALE_FACTOR=2 and writes `*-200.png`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZE = (1280, 800)
SHOT_ROUTINE = "hip-stability"


def start_xvfb(width: int, height: int) -> tuple[subprocess.Popen[bytes], str]:
    """A private X server on the first free display from :99."""
    for number in range(99, 140):
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
    raise SystemExit("could not start Xvfb (is it installed? apt-get install xvfb)")


def take(out: Path, scale: int, themes: list[str]) -> list[Path]:
    """Run inside the display: build the app and save every screenshot."""
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    home = Path(tempfile.mkdtemp(prefix="hiprehab-shots-"))
    os.environ["HIPREHAB_HOME"] = str(home)

    from PySide6.QtWidgets import QApplication

    from hiprehab.history.store import HistoryStore
    from hiprehab.paths import AppPaths
    from hiprehab.session.clock import FakeClock
    from hiprehab.session.timeline import Step, StepKind
    from hiprehab.ui.app import create_main_window
    from hiprehab.ui.main_window import MainWindow
    from hiprehab.ui.player.checkins import PainCheckinDialog
    from hiprehab.ui.player.controller import SessionController
    from hiprehab.ui.player.cues import CuePlayer
    from hiprehab.ui.settings import AppSettings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    paths = AppPaths.from_environment()
    paths.ensure()
    settings = AppSettings(paths.settings_file)
    settings.set_first_run_done()
    settings.sync()
    suffix = "" if scale == 1 else f"-{scale}00"
    saved: list[Path] = []

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shot(widget: MainWindow, name: str) -> None:
        settle()
        path = out / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        saved.append(path)

    def answer_checkin(value: int | None) -> None:
        settle()
        dialog = next(
            w for w in app.topLevelWidgets() if isinstance(w, PainCheckinDialog) and w.isVisible()
        )
        if value is None:
            dialog.skip()
        else:
            dialog.select(value)
            dialog.accept()
        settle()

    for theme in themes:
        settings.set_theme(theme)
        settings.sync()
        clock = FakeClock()
        store = HistoryStore.open(paths.history_db)
        silent = CuePlayer(sound_factory=lambda path, notify: None, speech_factory=lambda n: None)
        window = create_main_window(paths, clock, store, silent)
        window.resize(*SIZE)
        window.show()
        window.show_page("library")
        window.library.select(next(
            e.path for e in window.library.entries() if e.path.stem == SHOT_ROUTINE
        ))
        shot(window, f"library-{theme}")

        entry = window.library.current_entry()
        assert entry is not None and entry.routine is not None
        window.start_entry(entry)
        answer_checkin(2)
        controller = window.flow.controller
        assert controller is not None
        timeline = controller.engine.timeline

        def advance(
            us: int, clock: FakeClock = clock, controller: SessionController = controller
        ) -> None:
            # in steps well under the engine's 30 s sleep detection, as a running app would
            while us > 0:
                chunk = min(us, 5_000_000)
                clock.advance_us(chunk)
                controller.tick()
                us -= chunk

        def go_to(
            match: Callable[[Step], bool],
            into: float,
            timeline: tuple[Step, ...] = timeline,
            controller: SessionController = controller,
            advance: Callable[[int], None] = advance,
        ) -> None:
            step = next(s for s in timeline if match(s))
            target = step.start_us + round(into * 1_000_000)
            advance(max(target - controller.engine.state().position_us, 0))

        go_to(lambda s: s.kind is StepKind.WORK and s.exercise_index == 1 and s.set_number == 1
              and s.side == "left", 22.7)
        shot(window, f"player-work-{theme}")
        go_to(lambda s: s.kind is StepKind.SWITCH and s.exercise_index == 1, 1.2)
        shot(window, f"player-switch-{theme}")
        go_to(lambda s: s.kind is StepKind.REST and s.exercise_index == 1, 9.5)
        shot(window, f"player-rest-{theme}")
        go_to(lambda s: s.kind is StepKind.WORK and s.reps is None, 12.0)
        shot(window, f"player-hold-{theme}")
        advance(controller.engine.total_us - controller.engine.state().position_us)
        answer_checkin(3)
        shot(window, f"summary-{theme}")
        window.close()
        window.deleteLater()
        store.close()
        settle()
    shutil.rmtree(home, ignore_errors=True)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--themes", default="light,dark", help="comma-separated themes")
    parser.add_argument("--no-hidpi", action="store_true", help="skip the 200 %% pass")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    themes = options.themes.split(",")

    if options.scale != 1 or os.environ.get("HIPREHAB_SHOTS_CHILD"):
        for path in take(options.out, options.scale, themes):
            print(path)
        return 0

    passes = [(1, SIZE)] if options.no_hidpi else [(1, SIZE), (2, (SIZE[0] * 2, SIZE[1] * 2))]
    for scale, (width, height) in passes:
        server, display = start_xvfb(width, height)
        try:
            env = dict(os.environ, DISPLAY=display, HIPREHAB_SHOTS_CHILD="1")
            if scale != 1:
                env["QT_SCALE_FACTOR"] = str(scale)
            child_themes = themes if scale == 1 else themes[:1]
            subprocess.run(
                [sys.executable, __file__, "--out", str(options.out), "--scale", str(scale),
                 "--themes", ",".join(child_themes)],
                env=env,
                check=True,
            )
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
