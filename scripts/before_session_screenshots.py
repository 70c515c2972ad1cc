"""Screenshots of the before-session choice over the player, light and dark.

    .venv/bin/python scripts/before_session_screenshots.py [--out DIR] [--themes light,dark]

Writes `before-session-{light,dark}.png` (pain 7/10 before starting, an amber light) and
`before-session-clinician-{light,dark}.png` (a red light with guidance that asks for a
clinician), default folder docs/screenshots. The real window is driven in the throwaway profile
of `scripts/shots.py`: Start, the pain check-in answered, then the dialog drawn over the dimmed
window as it appears on screen. The guidance and the "easier version" are stand-ins passed in as
the app would.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import shots

ROUTINE = "hip-stability"
CASES = {  # pain before, guidance colour, clinician reasons
    "before-session": (7, "amber", ()),
    "before-session-clinician": (7, "red", ("red-twice", "rising")),
}


def fewer_sets(routine: Any) -> Any:
    return replace(
        routine, exercises=tuple(replace(e, sets=max(e.sets - 1, 1)) for e in routine.exercises)
    )


def take(shots_: shots.Shots, themes: list[str]) -> None:
    from hiprehab.history.guidance import PainGuidance
    from hiprehab.ui.player.before_session import BeforeSessionDialog

    for theme in themes:
        shots_.theme(theme)
        for name, (pain, colour, codes) in CASES.items():
            guidance = PainGuidance(
                as_of=datetime.now(UTC), colour=colour, reasons=(), see_clinician=bool(codes),
                clinician_reasons=codes, routines=(),
            )  # fmt: skip
            window = shots_.window(open_history=False)
            window.flow.guidance = lambda g=guidance: g  # type: ignore[misc]
            window.flow.make_easier = fewer_sets
            window.start_entry(shots_.select(window, ROUTINE))
            shots_.answer_checkin(pain)
            dialog = window.flow.dialog
            assert isinstance(dialog, BeforeSessionDialog)
            shots_.save(shots_.over(window, dialog, dim=True), f"{name}-{theme}")
            dialog.reject()
            shots_.close(window)


if __name__ == "__main__":
    sys.exit(shots.main(take, __doc__))
