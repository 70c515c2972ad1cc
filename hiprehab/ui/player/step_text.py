"""The words the player page shows about the step on show, worked out from the engine's state.

The step's name and colour (the badge), the side, the rep or hold, and what comes next: plain
functions of an `EngineState` or a `Step`, so the page only puts them on screen and the tests can
read them without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiprehab.i18n import _, pgettext
from hiprehab.routine.wording import clock_text, dosing_text
from hiprehab.session.announcements import half_words
from hiprehab.session.engine import EngineState
from hiprehab.session.timeline import Step, StepKind
from hiprehab.ui.theme import STEP_COLOURS


@dataclass(frozen=True)
class StepLook:
    words: str
    colour: str


def step_look(state: EngineState) -> StepLook:
    """The step's name in words and its colour, from the engine's state."""
    if state.status == "paused":
        words = _("Paused (computer was asleep)") if state.paused_by_sleep else _("Paused")
        return StepLook(words, STEP_COLOURS["paused"])
    step = state.step
    if step is None or state.status == "finished":
        return StepLook(_("Done"), STEP_COLOURS["finished"])
    if state.status == "stopped":
        return StepLook(_("Stopped"), STEP_COLOURS["rest"])
    if state.status == "ready":
        return StepLook(_("Ready to start"), STEP_COLOURS["prepare"])
    if step.kind is StepKind.PREPARE:
        return StepLook(_("Get ready"), STEP_COLOURS["prepare"])
    if step.kind is StepKind.WORK:
        if step.reps is None or state.rep_phase == "hold":
            return StepLook(pgettext("step", "Hold"), STEP_COLOURS["hold"])
        return StepLook(pgettext("step", "Work"), STEP_COLOURS["work"])
    if step.kind is StepKind.SWITCH:
        # e.g. forward/back: a walk turns round rather than changing sides
        words = pgettext("step", "Switch") if step.exercise.directions else _("Switch sides")
        return StepLook(words, STEP_COLOURS["switch"])
    if step.kind is StepKind.TRANSITION:
        return StepLook(pgettext("step", "Rest"), STEP_COLOURS["transition"])
    return StepLook(pgettext("step", "Rest"), STEP_COLOURS["rest"])


def _capitalised(words: str) -> str:
    return words[:1].upper() + words[1:]


def side_text(step: Step) -> str:
    """The side in big letters: 'Left side', a walk's 'Back'; in a switch the side coming next,
    'Right side next'."""
    half = half_words(step.exercise, step.side)  # "left side", or e.g. "back"
    if not half:
        return ""
    if step.kind is not StepKind.SWITCH:
        return _capitalised(half)
    if step.exercise.directions:
        # Translators: shown big during the turn between a walk's halves: "Back next".
        return _capitalised(_("{direction} next").format(direction=half))
    return _("Left side next") if step.side == "left" else _("Right side next")


# The part of a rep under way, shown after its number ("Rep 3 of 10 · up").
REP_PHASES = {
    "lift": lambda: pgettext("rep phase", "up"),
    "hold": lambda: pgettext("rep phase", "hold"),
    "lower": lambda: pgettext("rep phase", "down"),
}


def rep_text(state: EngineState) -> str:
    step = state.step
    if step is None or step.kind is not StepKind.WORK or state.status == "ready":
        return ""
    if step.reps is not None and state.rep is not None:
        rep = _("Rep {rep} of {reps}").format(rep=state.rep, reps=step.reps)
        phase = REP_PHASES.get(state.rep_phase or "")
        return f"{rep}  ·  {phase()}" if phase is not None else rep
    # Translators: a pure hold under way; "{time}" is its length, e.g. "0:30".
    return _("Hold for {time}").format(time=clock_text(step.duration_seconds))


def next_up_text(step: Step) -> str:
    """During a pause the step already describes the coming work (pauses point forward)."""
    if step.kind is StepKind.WORK:
        return ""
    half = half_words(step.exercise, step.side)
    fields = {
        "exercise": step.exercise.name,
        "set": step.set_number,
        "sets": step.set_count,
        "side": half,
        "dose": dosing_text(step.exercise),
    }
    if half:
        # Translators: the line under the picture during a pause: "Next up: Clamshell, set 2
        # of 3, left side  —  3 sets x 15 reps, each side, 30 s rest".
        return _("Next up: {exercise}, set {set} of {sets}, {side}  —  {dose}").format(**fields)
    return _("Next up: {exercise}, set {set} of {sets}  —  {dose}").format(**fields)
