"""Screenshots of the History page with eight weeks of realistic data, light and dark.

    .venv/bin/python scripts/history_screenshots.py [--out DIR] [--themes light,dark]

Writes `history-light.png` and `history-dark.png` (default: docs/screenshots). The data is the
scripted rehab block of `history_demo.eight_weeks`, recorded through the real store in the
throwaway profile of `scripts/shots.py`, with a fixed "now" so the pictures do not change from
run to run.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import shots

NOW = datetime(2026, 11, 25, 20, 30, tzinfo=UTC)  # a Wednesday evening
SIZE = (1280, 900)


def take(
    shots_: shots.Shots, themes: list[str], title: str = "Hip strength, 3 times a week"
) -> None:
    from hiprehab.history.demo import demo_routine, eight_weeks, fill_store
    from hiprehab.history.store import HistoryStore
    from hiprehab.ui.history.view import HistoryView

    with HistoryStore.open(shots_.paths.history_db, now=lambda: NOW) as store:
        fill_store(store, demo_routine(title), eight_weeks(NOW))
        for theme in themes:
            shots_.theme(theme)
            view = HistoryView(store, shots_.paths, now=lambda: NOW, tz=UTC)
            view.resize(*SIZE)
            view.show()
            shots_.save(view, f"history-{theme}")
            view.close()
            view.deleteLater()
            shots_.settle()


if __name__ == "__main__":
    sys.exit(shots.main(take, __doc__))
