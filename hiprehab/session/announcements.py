"""What the runner hears for each engine event: a short sound, a short phrase, or both.

The runner lies on a mat a few metres away and cannot read the screen, so every moment that asks
them to act (get ready, go, switch, stop, rest) gets a cue. Sounds carry the timing: the 3-2-1
ticks and the start and end of work, because speech arrives too late for that. Words carry the
content: which exercise, which side, how many reps, how long a rest. Kept free of Qt so the wording
can be tested without a display; `hiprehab.ui.player.cues` plays the result.

Every phrase is a whole sentence in the catalogue, looked up when it is said, so it comes in the
language in use; numbers stay digits, which the voice reads in its own language.

Pauses in the timeline point forward (see `timeline.py`): a prepare, switch or transition step
describes the work that follows it, which is exactly what should be announced during it.
"""

from __future__ import annotations

import math
from enum import StrEnum

from hiprehab.i18n import _, ngettext
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


def whole_seconds(seconds: float) -> int:
    """Seconds as said aloud: rounded half up, and never 'zero' for something that lasts."""
    spoken = math.floor(seconds + 0.5)
    return max(spoken, 1) if seconds > 0 else 0


def duration_words(seconds: float) -> str:
    """'1 second', '30 seconds', '90 seconds', '2 minutes' (whole minutes from 1 up); numbers
    stay digits, which every voice reads in its own language."""
    total = whole_seconds(seconds)
    if total >= 60 and total % 60 == 0:
        minutes = total // 60
        return ngettext("{minutes} minute", "{minutes} minutes", minutes).format(minutes=minutes)
    return ngettext("{seconds} second", "{seconds} seconds", total).format(seconds=total)


def dose_words(exercise: Exercise) -> str:
    """'15 reps', '10 reps, 5 second hold', 'hold 30 seconds'."""
    if exercise.reps is not None:
        reps = ngettext("{reps} rep", "{reps} reps", exercise.reps).format(reps=exercise.reps)
        if exercise.hold <= 0:
            return reps
        held = whole_seconds(exercise.hold)
        # Translators: the hold at the top of each rep, spoken: "5 second hold".
        hold = ngettext("{seconds} second hold", "{seconds} second hold", held).format(
            seconds=held
        )
        # Translators: spoken dose: "{reps}" is e.g. "10 reps", "{hold}" e.g. "5 second hold".
        return _("{reps}, {hold}").format(reps=reps, hold=hold)
    # Translators: spoken dose of a pure hold; "{duration}" is e.g. "30 seconds".
    return _("hold {duration}").format(duration=duration_words(exercise.hold))


def half_words(exercise: Exercise, side: str) -> str:
    """One half of the work, in words: 'left side', 'right side', or a walk's direction
    ('forward', 'back': the routine loader gives them in the language in use); '' when the work
    is not on one side."""
    if side not in ("left", "right"):
        return ""
    if len(exercise.directions) == 2 and exercise.sides == "each":
        return exercise.directions[0 if side == "left" else 1]
    return _("left side") if side == "left" else _("right side")


def side_words(step: Step) -> str | None:
    """Which side the coming work is on: 'left side' (of each), 'right side only', or None;
    an exercise whose halves have names of their own says those ('forward', 'back')."""
    if step.exercise.sides == "left":
        return _("left side only")
    if step.exercise.sides == "right":
        return _("right side only")
    return half_words(step.exercise, step.side) or None  # None: both sides at once


def step_announcement(step: Step) -> str | None:
    """The phrase said as a step begins."""
    if step.kind is StepKind.PREPARE:
        name, dose, side = step.exercise.name, dose_words(step.exercise), side_words(step)
        if side is None:
            # Translators: spoken as the get-ready step begins: "Get ready: Plank, hold 30 seconds".
            return _("Get ready: {exercise}, {dose}").format(exercise=name, dose=dose)
        # Translators: spoken as the get-ready step begins: "Get ready: Clamshell, left side,
        # 15 reps"; "{side}" is "left side", "right side only" or a walk's direction ("forward").
        return _("Get ready: {exercise}, {side}, {dose}").format(
            exercise=name, side=side, dose=dose
        )
    if step.kind is StepKind.WORK:
        return _("Go")  # the start sound is the real cue; the word helps when sound is off
    if step.kind is StepKind.SWITCH:
        if step.exercise.directions and step.side in ("left", "right"):
            # Translators: spoken between a walk's two halves: "Switch: back next".
            return _("Switch: {direction} next").format(
                direction=half_words(step.exercise, step.side)
            )
        if step.side == "left":
            return _("Switch sides, left side next")
        if step.side == "right":
            return _("Switch sides, right side next")
        return _("Switch sides")
    if step.kind is StepKind.REST:
        # Translators: spoken as a rest begins; "{duration}" is e.g. "30 seconds".
        return _("Rest, {duration}").format(duration=duration_words(step.duration_seconds))
    if step.kind is StepKind.TRANSITION:
        # A transition already belongs to the exercise that comes next.
        # Translators: spoken as the rest before a new exercise begins.
        return _("Rest, {duration}. Next: {exercise}").format(
            duration=duration_words(step.duration_seconds), exercise=step.exercise.name
        )
    raise ValueError(f"unknown step kind {step.kind!r}")


def announcement_for(event: Event) -> str | None:
    """The words to say for `event`, or None when it should pass in silence."""
    kind = event.kind
    if kind is EventKind.STEP_STARTED:
        return step_announcement(event.step)
    if kind is EventKind.HALFWAY:
        return _("Halfway")  # sent only for holds of 20 s or more: each one, in every rep
    if kind is EventKind.SESSION_DONE:
        return _("Session complete. Well done.")
    if kind is EventKind.SLEEP_DETECTED:
        return _("Paused")  # the runner may not have seen the lid close or the machine doze off
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
