"""What the runner hears for each engine event: a short sound, a short phrase, or both.

The runner lies on a mat a few metres away and cannot read the screen, so every moment that asks
them to act (get ready, go, switch, stop, rest) gets a cue. Sounds carry the timing: the 3-2-1
ticks and the start and end of work, because speech arrives too late for that. Words carry the
content: which exercise, which side, how many reps, how long a rest. Kept free of Qt so the wording
can be tested without a display; `hiprehab.ui.player.cues` plays the result.

Pauses in the timeline point forward (see `timeline.py`): a prepare, switch or transition step
describes the work that follows it, which is exactly what should be announced during it.
"""

from __future__ import annotations

import math
from enum import StrEnum

from hiprehab.routine.model import Exercise
from hiprehab.session.events import Event, EventKind
from hiprehab.session.timeline import Step, StepKind


class Sound(StrEnum):
    """The cue sounds shipped in `assets/sounds/` (`<value>.wav`)."""

    COUNTDOWN = "countdown"
    WORK_START = "work-start"
    WORK_END = "work-end"
    SWITCH_SIDES = "switch-sides"
    SESSION_DONE = "session-done"
    REP = "rep"

    @property
    def filename(self) -> str:
        return f"{self.value}.wav"


def plural(count: int, word: str) -> str:
    """'1 rep', '15 reps'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def whole_seconds(seconds: float) -> int:
    """Seconds as said aloud: rounded half up, and never 'zero' for something that lasts."""
    spoken = math.floor(seconds + 0.5)
    return max(spoken, 1) if seconds > 0 else 0


def duration_words(seconds: float) -> str:
    """'1 second', '30 seconds', '90 seconds', '2 minutes' (whole minutes from 1 up)."""
    total = whole_seconds(seconds)
    if total >= 60 and total % 60 == 0:
        return plural(total // 60, "minute")
    return plural(total, "second")


def dose_words(exercise: Exercise) -> str:
    """'15 reps', '10 reps, 5 second hold', 'hold 30 seconds'."""
    if exercise.reps is not None:
        words = plural(exercise.reps, "rep")
        if exercise.hold > 0:
            words += f", {whole_seconds(exercise.hold)} second hold"
        return words
    return f"hold {duration_words(exercise.hold)}"


def side_words(step: Step) -> str | None:
    """Which side the coming work is on: 'left side' (of each), 'right side only', or None;
    an exercise whose halves have names of their own says those ('forward', 'back')."""
    if step.exercise.sides in ("left", "right"):
        return f"{step.exercise.sides} side only"
    return step.exercise.half_name(step.side) or None  # None: both sides at once


def step_announcement(step: Step) -> str | None:
    """The phrase said as a step begins."""
    if step.kind is StepKind.PREPARE:
        parts = [step.exercise.name, side_words(step), dose_words(step.exercise)]
        return "Get ready: " + ", ".join(p for p in parts if p)
    if step.kind is StepKind.WORK:
        return "Go"  # the start sound is the real cue; the word helps when sound is off
    if step.kind is StepKind.SWITCH:
        if step.exercise.directions and step.side in ("left", "right"):
            return f"Switch: {step.exercise.half_name(step.side)} next"  # "Switch: back next"
        if step.side in ("left", "right"):
            return f"Switch sides, {step.side} side next"
        return "Switch sides"
    if step.kind is StepKind.REST:
        return f"Rest, {duration_words(step.duration_seconds)}"
    if step.kind is StepKind.TRANSITION:
        # A transition already belongs to the exercise that comes next.
        return f"Rest, {duration_words(step.duration_seconds)}. Next: {step.exercise.name}"
    raise ValueError(f"unknown step kind {step.kind!r}")


def announcement_for(event: Event) -> str | None:
    """The words to say for `event`, or None when it should pass in silence."""
    kind = event.kind
    if kind is EventKind.STEP_STARTED:
        return step_announcement(event.step)
    if kind is EventKind.HALFWAY:
        return "Halfway"  # sent only for holds of 20 s or more: each one, in every rep
    if kind is EventKind.SESSION_DONE:
        return "Session complete. Well done."
    if kind is EventKind.SLEEP_DETECTED:
        return "Paused"  # the runner may not have seen the lid close or the machine doze off
    # COUNTDOWN, REP, SWITCH_SIDES, WORK_FINISHED: a sound says it faster. PAUSED, RESUMED,
    # STOPPED: the runner pressed the key; EXERCISE_DONE: the next step's phrase follows.
    return None


def sound_for(event: Event) -> Sound | None:
    """The sound to play for `event`, or None."""
    kind = event.kind
    if kind is EventKind.COUNTDOWN:
        return Sound.COUNTDOWN
    if kind is EventKind.STEP_STARTED:
        return Sound.WORK_START if event.step.kind is StepKind.WORK else None
    if kind is EventKind.SWITCH_SIDES:
        return Sound.SWITCH_SIDES  # together with the switch step's start, said once
    if kind is EventKind.REP:
        # Rep 1 starts with the step, whose start sound already marks it.
        return Sound.REP if event.value is not None and event.value > 1 else None
    if kind is EventKind.WORK_FINISHED:
        completed = event.work is not None and event.work.status == "completed"
        return Sound.WORK_END if completed else None  # not for a skip or a stop
    if kind is EventKind.SESSION_DONE:
        return Sound.SESSION_DONE
    return None
