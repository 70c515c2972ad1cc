"""Screenshots of the progression/regression offer and the routine page's own adjustments.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/adjustment_screenshots.py
    .venv/bin/python scripts/adjustment_screenshots.py --out DIR --themes light

Writes docs/screenshots/progression-offer-{light,dark}.png (the summary after a session whose
pain rose, with its "Time to ease off" step), progression-offer-history-{light,dark}.png (the
history pane after good sessions, with a "Ready to progress" step) and
routine-adjustments-{light,dark}.png (the routine page listing the steps taken, with Undo).
Uses a throwaway profile (HIPREHAB_HOME in a temporary folder), a FakeClock and silent cues.
Needs a display: run under xvfb-run (QT_QPA_PLATFORM=xcb is the default here) or set
QT_QPA_PLATFORM=offscreen yourself.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZE = (1280, 800)
ROUTINE = "hip-stability"


def take(out: Path, themes: list[str]) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    home = Path(tempfile.mkdtemp(prefix="hiprehab-adjust-shots-"))
    os.environ["HIPREHAB_HOME"] = str(home)

    from PySide6.QtWidgets import QApplication

    from hiprehab.history.store import HistoryStore
    from hiprehab.paths import AppPaths
    from hiprehab.routine.model import Routine
    from hiprehab.session.clock import FakeClock
    from hiprehab.ui.app import create_main_window
    from hiprehab.ui.main_window import MainWindow
    from hiprehab.ui.player.checkins import PainCheckinDialog
    from hiprehab.ui.player.cues import CuePlayer
    from hiprehab.ui.settings import AppSettings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    paths = AppPaths.from_environment()
    paths.ensure()
    settings = AppSettings(paths.settings_file)
    settings.set_first_run_done()
    settings.sync()
    now = datetime.now(UTC).replace(microsecond=0)
    saved: list[Path] = []

    def settle() -> None:
        for _ in range(8):
            app.processEvents()

    def shot(window: MainWindow, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        window.grab().save(str(path))
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

    def past_session(
        store: HistoryStore, routine: Routine, days: float, after: int, morning: int
    ) -> None:
        started = now - timedelta(days=days)
        sid = store.start_session(routine, started_at=started, pain_before=2)
        for number, exercise in enumerate(routine.exercises):
            for set_number in range(1, exercise.sets + 1):
                for side in ("left", "right") if exercise.sides == "each" else ("none",):
                    store.record_work_period(
                        sid, exercise_id=exercise.library_id, exercise_name=exercise.name,
                        set_number=set_number, side=side, planned_seconds=30,
                        actual_seconds=30, status="completed",
                        ended_at=started + timedelta(minutes=number + 1),
                    )  # fmt: skip
        store.finish_session(sid, status="completed", active_seconds=900, paused_seconds=0,
                             ended_at=started + timedelta(minutes=16))  # fmt: skip
        store.set_pain_after(sid, after)
        store.set_pain_next_morning(sid, morning)
        store.mark_morning_asked(sid)

    for theme in themes:
        settings.set_theme(theme)
        settings.sync()
        db = paths.history_db
        for stale in db.parent.glob(db.name + "*"):
            stale.unlink()
        store = HistoryStore.open(db)
        silent = CuePlayer(sound_factory=lambda path, notify: None, speech_factory=lambda n: None)
        clock = FakeClock()
        window = create_main_window(paths, clock, store, silent)
        window.resize(*SIZE)
        window.show()
        window.show_page("library")
        window.library.select(
            next(e.path for e in window.library.entries() if e.path.stem == ROUTINE)
        )
        entry = window.library.current_entry()
        assert entry is not None and entry.routine is not None
        routine = entry.routine

        # 1. the history pane after three good sessions: one step up is offered
        for days in (6, 4, 2):
            past_session(store, routine, days, after=2, morning=1)
        window.adjustments.now = lambda: now - timedelta(hours=1)
        window.show_page("history")
        settle()
        shot(window, f"progression-offer-history-{theme}")
        for offer in window.adjustments.offers():
            window.adjustments.apply(offer)
        window.adjustments.now = lambda: datetime.now(UTC)

        # 2. the summary after a session whose pain rose: one step down is offered
        window.start_entry(entry)
        answer_checkin(3)
        controller = window.flow.controller
        assert controller is not None
        for _ in range(80):  # about seven minutes in, then stopped because it hurt
            clock.advance(5)
            controller.tick()
        controller.stop()
        answer_checkin(6)
        shot(window, f"progression-offer-{theme}")
        window.player.summary.offer_box.apply_button.click()

        # 3. the routine page with the steps taken, each with Undo
        window.show_page("library")
        window.routine_adjustments.refresh()
        shot(window, f"routine-adjustments-{theme}")
        window.close()
        window.deleteLater()
        store.close()
        settle()
    shutil.rmtree(home, ignore_errors=True)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--themes", default="light,dark", help="comma-separated themes")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    for path in take(options.out, options.themes.split(",")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
