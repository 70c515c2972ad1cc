"""Screenshots of the progression/regression offer and the routine page's own adjustments.

    .venv/bin/python scripts/adjustment_screenshots.py [--out DIR] [--themes light]

Writes docs/screenshots/progression-offer-{light,dark}.png (the summary after a session whose
pain rose, with its "Time to ease off" step), progression-offer-history-{light,dark}.png (the
history pane after good sessions, with a "Ready to progress" step) and
routine-adjustments-{light,dark}.png (the routine page listing the steps taken, with Undo).
The set-up (Xvfb unless a display is set, a throwaway profile, a FakeClock, silent cues) is
`scripts/shots.py`.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

import shots

ROUTINE = "hip-stability"
TALL = (1280, 960)  # the history pane: room for its plots below the offer
GOOD = ((6, 2, 2, 1), (4, 2, 2, 1), (2, 2, 2, 1))  # days ago, pain before, after, next morning


def take(shots_: shots.Shots, themes: list[str]) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    for theme in themes:
        shots_.theme(theme)
        store = shots_.store(fresh=True)
        # 1. the history pane after three good sessions: one step up is offered
        shots.past_sessions(store, shots.routine(ROUTINE), GOOD, now=now)
        window = shots_.window(store, size=TALL)
        shots_.select(window, ROUTINE)
        window.adjustments.now = lambda: now - timedelta(hours=1)
        window.show_page("history")
        shots_.save(window, f"progression-offer-history-{theme}")
        for offer in window.adjustments.offers():
            window.adjustments.apply(offer)
        window.adjustments.now = lambda: datetime.now(UTC)
        window.resize(*shots.SIZE)

        # 2. the summary after a session whose pain rose: one step down is offered
        controller = shots_.start(window, ROUTINE, pain=3)
        shots_.play_to(controller, 400_000_000)  # about seven minutes in, then stopped: it hurt
        controller.stop()
        shots_.answer_checkin(6)
        shots_.save(window, f"progression-offer-{theme}")
        window.player.summary.offer_box.apply_button.click()

        # 3. the routine page with the steps taken, each with Undo
        window.show_page("library")
        window.routine_adjustments.refresh()
        shots_.save(window, f"routine-adjustments-{theme}")
        shots_.close(window)


if __name__ == "__main__":
    sys.exit(shots.main(take, __doc__))
