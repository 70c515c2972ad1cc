"""Screenshots of "About this exercise" (key I), in the real app under Xvfb.

    .venv/bin/python scripts/exercise_info_screenshots.py            # docs/screenshots/
    .venv/bin/python scripts/exercise_info_screenshots.py --out DIR

Writes exercise-info-light.png and exercise-info-dark.png (the player in the rest before the
clamshell's second set, with the panel open) and routine-page-info-light.png (the routine page
with the window of the clamshell's texts open over it). Runs itself again under `xvfb-run`
(1280x800x24) unless DISPLAY is set; uses a throwaway profile, a FakeClock and silent cues.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap

REPO = Path(__file__).resolve().parent.parent
SIZE = (1280, 800)
ROUTINE = "hip-stability"
EXERCISE = "clamshell"  # it has a caution, so the amber box is in the picture
DIALOG, DIALOG_AT = (600, 690), (30, 70)  # over the routine list: the rows' buttons stay in view


def composite(page: QPixmap, dialog: QPixmap, at: tuple[int, int]) -> QPixmap:
    """The dialog drawn over the page as a window manager would show it (Xvfb has none)."""
    picture = QPixmap(page)
    painter = QPainter(picture)
    x, y = at
    for spread, alpha in ((6, 14), (3, 22)):  # a soft shadow
        painter.fillRect(
            QRect(x - spread + 3, y - spread + 4, dialog.width() + 2 * spread,
                  dialog.height() + 2 * spread), QColor(0, 0, 0, alpha)
        )
    painter.drawPixmap(x, y, dialog)
    painter.setPen(QPen(QColor("#8a9199"), 1))
    painter.drawRect(x, y, dialog.width() - 1, dialog.height() - 1)
    painter.end()
    return picture


def take(out: Path) -> list[Path]:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    home = Path(tempfile.mkdtemp(prefix="hiprehab-info-shots-"))
    os.environ["HIPREHAB_HOME"] = str(home)

    from PySide6.QtWidgets import QApplication

    from hiprehab.history.store import HistoryStore
    from hiprehab.paths import AppPaths
    from hiprehab.session.clock import FakeClock
    from hiprehab.session.timeline import StepKind
    from hiprehab.ui.app import create_main_window
    from hiprehab.ui.player.checkins import PainCheckinDialog
    from hiprehab.ui.player.cues import CuePlayer
    from hiprehab.ui.settings import AppSettings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    paths = AppPaths.from_environment()
    paths.ensure()
    settings = AppSettings(paths.settings_file)
    settings.set_first_run_done()
    settings.sync()
    saved: list[Path] = []

    def settle() -> None:
        for _ in range(8):
            app.processEvents()

    for theme in ("light", "dark"):
        settings.set_theme(theme)
        settings.sync()
        clock = FakeClock()
        store = HistoryStore.open(paths.history_db)
        silent = CuePlayer(sound_factory=lambda path, notify: None, speech_factory=lambda n: None)
        window = create_main_window(paths, clock, store, silent)
        window.resize(*SIZE)
        window.move(0, 0)
        window.show()
        window.show_page("library")
        library = window.library
        library.select(next(e.path for e in library.entries() if e.path.stem == ROUTINE))
        entry = library.current_entry()
        assert entry is not None and entry.routine is not None
        index = next(
            n for n, ex in enumerate(entry.routine.exercises) if ex.library_id == EXERCISE
        )
        settle()
        if theme == "light":
            library.info.open_at(index)
            dialog = library.info.dialog
            assert dialog is not None
            dialog.resize(*DIALOG)
            settle()
            path = out / "routine-page-info-light.png"
            composite(window.grab(), dialog.grab(), DIALOG_AT).save(str(path))
            saved.append(path)
            dialog.close()

        window.start_entry(entry)
        settle()
        checkin = next(
            w for w in app.topLevelWidgets() if isinstance(w, PainCheckinDialog) and w.isVisible()
        )
        checkin.select(2)
        checkin.accept()
        settle()
        controller = window.flow.controller
        assert controller is not None
        rest = next(
            s for s in controller.engine.timeline
            if s.kind is StepKind.REST and s.exercise.library_id == EXERCISE
        )
        target = rest.start_us + 8_000_000
        while controller.engine.state().position_us < target:  # as a running app would
            clock.advance_us(min(target - controller.engine.state().position_us, 5_000_000))
            controller.tick()
        window.player.info.toggle()
        settle()
        assert window.player.info.is_open
        path = out / f"exercise-info-{theme}.png"
        window.grab().save(str(path))
        saved.append(path)
        window.player.info.close()
        window.close()
        window.deleteLater()
        store.close()
        settle()
    shutil.rmtree(home, ignore_errors=True)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DISPLAY"):
        if shutil.which("xvfb-run") is None:
            raise SystemExit("needs an X display or xvfb-run (apt-get install xvfb)")
        screen = f"-screen 0 {SIZE[0]}x{SIZE[1]}x24"
        command = ["xvfb-run", "-a", "-s", screen, sys.executable, __file__]
        command += ["--out", str(options.out)]
        return subprocess.run(command, check=False).returncode
    for path in take(options.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
