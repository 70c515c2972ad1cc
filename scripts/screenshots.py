"""Take the README's screenshots of the real app under Xvfb, in light and dark themes.

    .venv/bin/python scripts/screenshots.py            # docs/screenshots/*.png
    .venv/bin/python scripts/screenshots.py --out DIR --themes light --no-hidpi
    .venv/bin/python scripts/screenshots.py --all      # and every other screenshot script

The main set: the library (three weeks of sessions behind it, so the pain-guidance banner shows
amber, "Keep the load as it is"), the player at work, switching sides, resting and holding, and
the summary. A second pass at 200 % (QT_SCALE_FACTOR=2, in a child process on a 2560x1600 Xvfb)
writes `*-light-200.png`. The set-up (Xvfb, a throwaway profile, a FakeClock, silent cues) is
`scripts/shots.py`. `--all` then runs every `scripts/*_screenshots.py` with the same --out and
--themes, on the same display; `make screenshots` is that command.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shots

if TYPE_CHECKING:
    from hiprehab.session.timeline import Step

SCRIPTS = Path(__file__).resolve().parent
ROUTINE = "hip-stability"
OTHERS = (  # each writes its own files; see its docstring
    "history_screenshots.py",
    "adjustment_screenshots.py",
    "before_session_screenshots.py",
    "exercise_info_screenshots.py",
    "leave_out_screenshots.py",
    "german_screenshots.py",
)
# (days ago, pain before, after, next morning): settling at 2-3; the last morning a point up (amber)
HISTORY = (
    (20, 4, 4, 3), (18, 3, 4, 3), (15, 3, 3, 3), (13, 3, 4, 2), (11, 3, 3, 2), (8, 2, 3, 2),
    (6, 2, 3, 2), (4, 2, 2, 2), (1.4, 2, 3, 3),
)  # fmt: skip


def _moments() -> tuple[tuple[str, Callable[[Step], bool], float], ...]:
    from hiprehab.session.timeline import StepKind

    return (  # (name, the step, seconds into it): the clamshell's first set, then a hold
        ("player-work", lambda s: s.kind is StepKind.WORK and s.exercise_index == 1
         and s.set_number == 1 and s.side == "left", 22.7),
        ("player-switch", lambda s: s.kind is StepKind.SWITCH and s.exercise_index == 1, 1.2),
        ("player-rest", lambda s: s.kind is StepKind.REST and s.exercise_index == 1, 9.5),
        ("player-hold", lambda s: s.kind is StepKind.WORK and s.reps is None, 12.0),
    )  # fmt: skip


def take(shots_: shots.Shots, themes: list[str]) -> None:
    for theme in themes:
        shots_.theme(theme)
        store = shots_.store(fresh=True)
        shots.past_sessions(store, shots.routine(ROUTINE), HISTORY, notes=("Felt strong",))
        window = shots_.window(store)
        shots_.select(window, ROUTINE)
        shots_.save(window, f"library-{theme}")

        controller = shots_.start(window, ROUTINE, pain=2)
        for name, match, seconds in _moments():
            shots_.play_into(controller, match, seconds)
            shots_.save(window, f"{name}-{theme}")
        shots_.play_to(controller, controller.engine.total_us)
        shots_.answer_checkin(3)
        shots_.save(window, f"summary-{theme}")
        shots_.close(window)


def main(argv: list[str] | None = None) -> int:
    parser = shots.parser(__doc__)
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--no-hidpi", action="store_true", help="skip the 200 %% pass")
    parser.add_argument("--all", action="store_true", help="run every screenshot script too")
    options = parser.parse_args(argv)
    if options.scale != 1:  # the child of the 200 % pass
        return shots.run(take, options, suffix=f"-{options.scale}00")

    with shots.Xvfb(*shots.SCREEN) as display:  # one display for this pass and the others
        os.environ["DISPLAY"] = display
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
        shots.run(take, options)
        common = ["--out", str(options.out), "--themes", options.themes]
        for name in OTHERS if options.all else ():
            subprocess.run([sys.executable, str(SCRIPTS / name), *common], check=True)
    if not options.no_hidpi:
        width, height = shots.SIZE
        with shots.Xvfb(width * 2, height * 2, reuse=False) as display:
            env = dict(os.environ, DISPLAY=display, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="xcb")
            subprocess.run(
                [sys.executable, __file__, "--out", str(options.out), "--scale", "2",
                 "--themes", options.themes.split(",")[0]],
                env=env,
                check=True,
            )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
