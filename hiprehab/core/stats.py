"""Adherence and pain statistics for the history pane and the command line, as plain data.

The pain *guidance* (what the scores mean and what to do) is `guidance.py`'s job.

Pure functions over `SessionRecord` lists: no database, no clock, no Qt. Dates are taken in the
time zone passed as `tz` (default UTC; the UI passes the computer's zone), so a session counts on
the day, and in the ISO week, its person saw on the calendar.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from fractions import Fraction

from hiprehab.core.history import SessionRecord

MOVING_AVERAGE_WINDOW = 7
_WEEK = timedelta(days=7)


# ------------------------------------------------------------------------------ adherence
@dataclass(frozen=True)
class WeekAdherence:
    """One ISO week: sessions planned against sessions done.

    `planned`: sessions per week of the routine used that week (the largest, if several were
    used); a week without sessions keeps the plan of the latest earlier week with sessions, and
    weeks before the first session ever have `planned == 0`.
    `done`: completed sessions count 1 each; a stopped, interrupted or still running session
    counts the share of its planned work periods that were completed.
    `ratio`: done / planned (may exceed 1), None when nothing was planned.
    `work_share`: completed / planned work periods over the week's sessions (each session's
    completed count capped at its planned count), None when the week has no sessions.
    """

    iso_year: int
    iso_week: int
    monday: date
    planned: int
    done: float
    ratio: float | None
    work_share: float | None
    sessions: int
    completed_sessions: int

    @property
    def label(self) -> str:
        return f"{self.iso_year}-W{self.iso_week:02d}"

    @property
    def met(self) -> bool:
        """The plan for the week is fulfilled (ratio >= 1)."""
        return self.ratio is not None and self.ratio >= 1


def local_date(moment: datetime, tz: tzinfo = UTC) -> date:
    return moment.astimezone(tz).date()


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def planned_periods(session: SessionRecord) -> int:
    """Planned work periods; sessions from before that was stored fall back to those recorded."""
    if session.planned_work_periods is not None:
        return session.planned_work_periods
    return session.recorded_work_periods


def session_share(session: SessionRecord) -> Fraction:
    """How much of a session counts as done: 1 if completed, else completed/planned periods."""
    if session.status == "completed":
        return Fraction(1)
    planned = planned_periods(session)
    if planned <= 0:
        return Fraction(0)
    return Fraction(min(session.completed_work_periods, planned), planned)


def weekly_adherence(
    sessions: Iterable[SessionRecord],
    *,
    start: date | None,
    end: date,
    tz: tzinfo = UTC,
) -> list[WeekAdherence]:
    """One entry per ISO week from the week of `start` to the week of `end`, empty weeks too.

    `start=None` begins with the week of the earliest session (or the week of `end` if there is
    none). Sessions are bucketed by their start date in `tz`; sessions after `end`'s week are
    ignored, and those before `start`'s week only set the plan carried into it.
    """
    by_week: dict[date, list[SessionRecord]] = {}
    for session in sessions:
        by_week.setdefault(monday_of(local_date(session.started_at, tz)), []).append(session)
    last = monday_of(end)
    if start is not None:
        first = monday_of(start)
    else:
        first = min((m for m in by_week if m <= last), default=last)
    if first > last:
        raise ValueError(f"start {start} is after end {end}")

    earlier = [m for m in by_week if m < first]
    plan = max(s.sessions_per_week for s in by_week[max(earlier)]) if earlier else 0
    weeks: list[WeekAdherence] = []
    monday = first
    while monday <= last:
        group = by_week.get(monday, [])
        if group:
            plan = max(s.sessions_per_week for s in group)
        # exact sums; completed sessions count 1 each without any Fraction arithmetic
        completed = 0
        partial = Fraction(0)
        planned_work = completed_work = 0
        for s in group:
            if s.status == "completed":
                completed += 1
            else:
                partial += session_share(s)
            planned_s = planned_periods(s)
            planned_work += planned_s
            completed_work += min(s.completed_work_periods, planned_s)
        done = partial + completed
        iso = monday.isocalendar()
        weeks.append(
            WeekAdherence(
                iso_year=iso.year,
                iso_week=iso.week,
                monday=monday,
                planned=plan,
                done=float(done),
                ratio=float(done / plan) if plan else None,
                work_share=completed_work / planned_work if group and planned_work else None,
                sessions=len(group),
                completed_sessions=completed,
            )
        )
        monday += _WEEK
    return weeks


def streak(weeks: Sequence[WeekAdherence]) -> int:
    """Consecutive weeks that met the plan, counting back from the last complete week.

    The last entry is taken as the current week: it counts if already met, and if not it does
    not break the streak (the week is not over). A gap between entries ends the streak.
    """
    counted = list(weeks)
    if counted and not counted[-1].met:
        counted.pop()
    total = 0
    following: date | None = None
    for week in reversed(counted):
        if not week.met or (following is not None and week.monday != following - _WEEK):
            break
        total += 1
        following = week.monday
    return total


# ------------------------------------------------------------------------------ pain
@dataclass(frozen=True)
class PainPoint:
    """One session's pain scores, with the moving average of pain after exercise.

    `moving_average` is the mean of the `after` scores of the last 7 sessions, up to and
    including this one, that have an `after` score (fewer while fewer exist); None before the
    first such score. Sessions without an `after` score repeat the average so far.
    """

    session_id: int
    started_at: datetime
    day: date
    before: int | None
    after: int | None
    next_morning: int | None
    moving_average: float | None


def _in_order(sessions: Iterable[SessionRecord]) -> list[SessionRecord]:
    return sorted(sessions, key=lambda s: (s.started_at, s.id))


def pain_series(sessions: Iterable[SessionRecord], *, tz: tzinfo = UTC) -> list[PainPoint]:
    """Every session in start order with its scores and the moving average (see PainPoint)."""
    recent: deque[int] = deque(maxlen=MOVING_AVERAGE_WINDOW)
    points = []
    for s in _in_order(sessions):
        if s.pain_after is not None:
            recent.append(s.pain_after)
        points.append(
            PainPoint(
                session_id=s.id,
                started_at=s.started_at,
                day=local_date(s.started_at, tz),
                before=s.pain_before,
                after=s.pain_after,
                next_morning=s.pain_next_morning,
                moving_average=sum(recent) / len(recent) if recent else None,
            )
        )
    return points
