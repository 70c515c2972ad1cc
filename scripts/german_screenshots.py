"""The player and the History page in German, light and dark (issue: Languages).

    .venv/bin/python scripts/german_screenshots.py [--out DIR] [--themes light,dark]

Writes `*-light-de.png` and `*-dark-de.png`: the library, the player at work, switching sides,
resting and holding, the summary (as `screenshots.py` stages them) and the History page (as
`history_screenshots.py` does), with the app and Qt in German. Run by `make screenshots`.
"""

from __future__ import annotations

import sys

import history_screenshots
import screenshots
import shots


def history(shots_: shots.Shots, themes: list[str]) -> None:
    history_screenshots.take(shots_, themes, title="Hüftkraft, dreimal pro Woche")


if __name__ == "__main__":
    options = shots.parser(__doc__).parse_args()
    options.lang = "de"
    shots.run(screenshots.take, options, suffix="-de")
    sys.exit(shots.run(history, options, suffix="-de"))  # a profile of its own
