"""Screenshots of the player offering to leave out an optional exercise, light and dark.

    .venv/bin/python scripts/leave_out_screenshots.py [--out DIR] [--themes light,dark]

Writes `player-optional-light.png` and `player-optional-dark.png` (default: docs/screenshots):
the built-in post-run cool-down, 6 s into the rest before its optional piriformis stretch. The
set-up (a display, a throwaway profile, a FakeClock, silent cues) is `scripts/shots.py`.
"""

from __future__ import annotations

import sys

import shots

ROUTINE = "post-run-cool-down"


def take(shots_: shots.Shots, themes: list[str]) -> None:
    from hiprehab.session.optional import can_leave_out

    for theme in themes:
        shots_.theme(theme)
        window = shots_.window(shots_.store(fresh=True))
        controller = shots_.start(window, ROUTINE, pain=2)
        shots_.play_into(controller, can_leave_out, 6)
        shots_.save(window, f"player-optional-{theme}")
        shots_.close(window)


if __name__ == "__main__":
    sys.exit(shots.main(take, __doc__))
