"""Screenshots of the before-session choice over the player, light and dark.

    .venv/bin/python scripts/before_session_screenshots.py [--out DIR]

Writes `before-session-{light,dark}.png` (pain 7/10 before starting, an amber light) and
`before-session-clinician-{light,dark}.png` (a red light with guidance that asks for a
clinician), default folder docs/screenshots. The real window is driven in a throwaway profile:
Start, the pain check-in answered, then the dialog drawn over the dimmed window as it appears
on screen. Runs on Qt's offscreen platform with a 1280x800 screen unless QT_QPA_PLATFORM is
set. The guidance and the "easier version" are stand-ins passed in as the app would.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZE = (1280, 800)
SHOT_ROUTINE = "hip-stability"
SCREEN = {"name": "shots", "x": 0, "y": 0, "width": SIZE[0], "height": SIZE[1], "logicalDpi": 96,
          "logicalBaseDpi": 96, "dpr": 1}


CASES = {  # pain before, guidance colour, clinician reasons
    "before-session": (7, "amber", ()),
    "before-session-clinician": (7, "red", ("red-twice", "rising")),
}


def take(out: Path, themes: tuple[str, ...]) -> list[Path]:
    home = Path(tempfile.mkdtemp(prefix="hiprehab-before-shots-"))
    os.environ["HIPREHAB_HOME"] = str(home)

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QApplication

    from hiprehab.history.guidance import PainGuidance
    from hiprehab.paths import AppPaths
    from hiprehab.routine.model import Routine
    from hiprehab.session.clock import FakeClock
    from hiprehab.ui.app import create_main_window
    from hiprehab.ui.player.before_session import BeforeSessionDialog
    from hiprehab.ui.player.checkins import PainCheckinDialog
    from hiprehab.ui.player.cues import CuePlayer
    from hiprehab.ui.settings import AppSettings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    paths = AppPaths.from_environment()
    paths.ensure()
    settings = AppSettings(paths.settings_file)
    settings.set_first_run_done()
    saved: list[Path] = []

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def fewer_sets(routine: Routine) -> Routine:
        return replace(
            routine,
            exercises=tuple(replace(e, sets=max(e.sets - 1, 1)) for e in routine.exercises),
        )

    for theme in themes:
        settings.set_theme(theme)
        settings.sync()
        for name, (pain, colour, codes) in CASES.items():
            guidance = PainGuidance(
                as_of=datetime.now(UTC), colour=colour, reasons=(), see_clinician=bool(codes),
                clinician_reasons=codes, routines=(),
            )
            silent = CuePlayer(
                sound_factory=lambda path, notify: None, speech_factory=lambda n: None
            )
            window = create_main_window(paths, FakeClock(), None, silent)
            window.flow.guidance = lambda g=guidance: g  # type: ignore[misc]
            window.flow.make_easier = fewer_sets
            window.resize(*SIZE)
            window.show()
            entry = next(e for e in window.library.entries() if e.path.stem == SHOT_ROUTINE)
            window.start_entry(entry)
            settle()
            checkin = window.flow.dialog
            assert isinstance(checkin, PainCheckinDialog)
            checkin.select(pain)
            checkin.accept()
            settle()
            dialog = window.flow.dialog
            assert isinstance(dialog, BeforeSessionDialog)
            settle()
            picture = window.grab()
            painter = QPainter(picture)
            painter.fillRect(picture.rect(), QColor(0, 0, 0, 110))
            inner = dialog.grab()
            corner = QPoint(
                (picture.width() - inner.width()) // 2, (picture.height() - inner.height()) // 2
            )
            painter.drawPixmap(corner, inner)
            painter.setPen(QColor("#6b7280"))
            painter.drawRect(corner.x() - 1, corner.y() - 1, inner.width() + 1, inner.height() + 1)
            painter.end()
            path = out / f"{name}-{theme}.png"
            if not picture.save(str(path)):
                raise SystemExit(f"could not write {path}")
            saved.append(path)
            dialog.reject()
            settle()
            window.close()
            window.deleteLater()
            settle()
    shutil.rmtree(home, ignore_errors=True)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    screen = Path(tempfile.mkdtemp(prefix="hiprehab-screen-")) / "screen.json"
    screen.write_text(json.dumps({"screens": [SCREEN]}), encoding="utf-8")
    # the offscreen screen is 800x800 unless told: give it the window's size
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={screen}")
    for path in take(options.out, ("light", "dark")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
