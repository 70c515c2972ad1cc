"""Screenshots of "About this exercise" (key I), in the real app under Xvfb.

    .venv/bin/python scripts/exercise_info_screenshots.py [--out DIR] [--themes light,dark]

Writes exercise-info-{light,dark}.png (the player in the rest before the clamshell's second set,
with the panel open) and routine-page-info-{light,dark}.png (the routine page with the window
of the clamshell's texts open over it). The set-up (Xvfb unless a display is set, a throwaway
profile, a FakeClock, silent cues) is `scripts/shots.py`.
"""

from __future__ import annotations

import sys

import shots

ROUTINE = "hip-stability"
EXERCISE = "clamshell"  # it has a caution, so the amber box is in the picture
DIALOG, DIALOG_AT = (600, 706), (28, 62)  # over the routine list: the rows' buttons stay in view


def take(shots_: shots.Shots, themes: list[str]) -> None:
    from hiprehab.session.timeline import StepKind

    for theme in themes:
        shots_.theme(theme)
        window = shots_.window(shots_.store(fresh=True))
        entry = shots_.select(window, ROUTINE)
        index = next(n for n, ex in enumerate(entry.routine.exercises) if ex.library_id == EXERCISE)
        window.library.info.open_at(index)
        dialog = window.library.info.dialog
        assert dialog is not None
        dialog.resize(*DIALOG)
        shots_.save(shots_.over(window, dialog, DIALOG_AT), f"routine-page-info-{theme}")
        dialog.close()

        controller = shots_.start(window, ROUTINE, pain=2)
        shots_.play_into(
            controller, lambda s: s.kind is StepKind.REST and s.exercise.library_id == EXERCISE, 8
        )
        window.player.info.toggle()
        shots_.settle()
        assert window.player.info.is_open
        shots_.save(window, f"exercise-info-{theme}")
        window.player.info.close()
        shots_.close(window)


if __name__ == "__main__":
    sys.exit(shots.main(take, __doc__))
