"""What the session engine reports: its events, its state snapshot and the session's outcome.

Plain frozen data, kept apart from the engine that produces it so that its readers (the
announcements, the recorder, the player) depend on the vocabulary and not on the machinery.
Which events are due when is `schedule.py`; how a step's pose moves is `movement.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from hiprehab.session.timeline import Step

Status = Literal["ready", "running", "paused", "finished", "stopped"]
RepPhase = Literal["lift", "hold", "lower"]
WorkStatus = Literal["completed", "skipped", "stopped"]
SessionStatus = Literal["completed", "stopped", "in_progress"]


class EventKind(StrEnum):
    STEP_STARTED = "step_started"
    COUNTDOWN = "countdown"
    HALFWAY = "halfway"
    REP = "rep"
    SWITCH_SIDES = "switch_sides"
    WORK_FINISHED = "work_finished"
    EXERCISE_DONE = "exercise_done"
    SESSION_DONE = "session_done"
    PAUSED = "paused"
    RESUMED = "resumed"
    SLEEP_DETECTED = "sleep_detected"
    STOPPED = "stopped"
    EXERCISE_LEFT_OUT = "exercise_left_out"  # value: its work periods, then reported skipped


@dataclass(frozen=True)
class WorkOutcome:
    """How one work step went; `active_seconds` excludes pauses and ends at a skip or stop."""

    step: Step
    status: WorkStatus
    active_seconds: float
    planned_seconds: float


@dataclass(frozen=True)
class Event:
    """Something the UI may announce. `at_us`: planned position (from session start) it was due."""

    kind: EventKind
    step: Step
    value: int | None = None
    work: WorkOutcome | None = None
    at_us: int = 0


@dataclass(frozen=True)
class EngineState:
    """Everything a player view draws; `step` is None only once the session has finished."""

    status: Status
    step: Step | None
    step_index: int
    step_elapsed_s: float
    step_remaining_s: float
    rep: int | None
    rep_phase: RepPhase | None
    pose_position: float
    progress: float
    session_remaining_s: float
    session_elapsed_s: float  # planned time covered (skips included), not wall time
    paused_by_sleep: bool
    position_us: int  # the same position in whole microseconds


@dataclass(frozen=True)
class SessionOutcome:
    """What the history store saves; `work` holds the latest outcome per work step, in order."""

    status: SessionStatus
    work: tuple[WorkOutcome, ...]
    active_seconds: float
    paused_seconds: float
    planned_seconds: float
