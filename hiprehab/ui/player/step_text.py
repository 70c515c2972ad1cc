"""The words the player page shows about the step on show, worked out from the engine's state.

The step's name and colour (the badge), the side, the rep or hold, and what comes next: plain
functions of an `EngineState` or a `Step`, so the page only puts them on screen and the tests can
read them without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiprehab.routine.wording import clock_text, dosing_text
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
        words = "Paused (computer was asleep)" if state.paused_by_sleep else "Paused"
        return StepLook(words, STEP_COLOURS["paused"])
    step = state.step
    if step is None or state.status == "finished":
        return StepLook("Done", STEP_COLOURS["finished"])
    if state.status == "stopped":
        return StepLook("Stopped", STEP_COLOURS["rest"])
    if state.status == "ready":
        return StepLook("Ready to start", STEP_COLOURS["prepare"])
    if step.kind is StepKind.PREPARE:
        return StepLook("Get ready", STEP_COLOURS["prepare"])
    if step.kind is StepKind.WORK:
        if step.reps is None or state.rep_phase == "hold":
            return StepLook("Hold", STEP_COLOURS["hold"])
        return StepLook("Work", STEP_COLOURS["work"])
    if step.kind is StepKind.SWITCH:
        words = "Switch" if step.exercise.directions else "Switch sides"  # e.g. forward/back
        return StepLook(words, STEP_COLOURS["switch"])
    if step.kind is StepKind.TRANSITION:
        return StepLook("Rest", STEP_COLOURS["transition"])
    return StepLook("Rest", STEP_COLOURS["rest"])


def side_text(step: Step) -> str:
    name = step.exercise.half_name(step.side)  # "left side", or e.g. "back"
    words = name[:1].upper() + name[1:]
    if words and step.kind is StepKind.SWITCH:
        return f"{words} next"
    return words


def rep_text(state: EngineState) -> str:
    step = state.step
    if step is None or step.kind is not StepKind.WORK or state.status == "ready":
        return ""
    if step.reps is not None and state.rep is not None:
        phase = {"lift": "up", "hold": "hold", "lower": "down"}.get(state.rep_phase or "", "")
        return f"Rep {state.rep} of {step.reps}" + (f"  ·  {phase}" if phase else "")
    return f"Hold for {clock_text(step.duration_seconds)}"


def next_up_text(step: Step) -> str:
    """During a pause the step already describes the coming work (pauses point forward)."""
    if step.kind is StepKind.WORK:
        return ""
    parts = [step.exercise.name, f"set {step.set_number} of {step.set_count}"]
    if step.exercise.half_name(step.side):
        parts.append(step.exercise.half_name(step.side))
    return "Next up: " + ", ".join(parts) + f"  —  {dosing_text(step.exercise)}"
