"""Adherence and pain statistics for the history pane and the command line, as plain data.

The pain *guidance* (what the scores mean and what to do) is `guidance.py`'s job.

Pure functions over `SessionRecord` lists: no database, no clock, no Qt. Dates are taken in the
time zone passed as `tz` (default UTC; the UI passes the computer's zone), so a session counts on
the day, and in the ISO week, its person saw on the calendar.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from fractions import Fraction

from hiprehab.history.records import SessionRecord

MOVING_AVERAGE_WINDOW = 7
_WEEK = timedelta(days=7)


# ------------------------------------------------------------------------------ adherence
@dataclass(frozen=True)
class RoutineWeek:
    """One routine in one ISO week: its own plan against its own sessions.

    `planned`: the routine's sessions per week. `done`: its completed sessions count 1 each, a
    stopped, interrupted or running one the share of its planned work periods completed (not
    capped: 4 done of 3 is 4). `counted`: what counts toward the week's plan, at most `planned`.
    """

    routine_hash: str
    title: str
    planned: int
    done: float
    sessions: int
    completed_sessions: int

    @property
    def counted(self) -> float:
        return min(self.done, self.planned)

    @property
    def met(self) -> bool:
        return self.done >= self.planned


@dataclass(frozen=True)
class WeekAdherence:
    """One ISO week: sessions planned against sessions done, routine by routine.

    `routines`: the routines of the week (see `weekly_adherence`), in the order of their first
    session that week, each measured against its own plan.
    `planned`: the sum of those routines' sessions per week; 0 before the first session ever.
    `done`: the sum of each routine's done sessions capped at its own plan, so that extra
    sessions of one routine (a warm-up done daily) never make up for another one's missed
    sessions (the strength work).
    `ratio`: done / planned, between 0 and 1; None when nothing was planned. It is the mean of
    the routines' own ratios (capped at 1) weighted by their plans.
    `work_share`: completed / planned work periods over the week's sessions (each session's
    completed count capped at its planned count), None when the week has no sessions.
    `sessions`, `completed_sessions`: the week's sessions, and those completed, of any routine.
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
    routines: tuple[RoutineWeek, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.iso_year}-W{self.iso_week:02d}"

    @property
    def met(self) -> bool:
        """The plan for the week is fulfilled: every routine of the week met its own plan."""
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
    ignored, and those before `start`'s week only set the routines carried into it.

    Each routine (sessions grouped by `routine_hash`) is held to its own `sessions_per_week`.
    A week's routines are those with a session that week; a week without any session carries
    the routines of the latest earlier week that had sessions, each with nothing done, so a
    missed week shows as missed. A routine not used at all in a week that has other sessions is
    not counted as missed: hiprehab cannot tell a routine left aside from one the physio
    replaced (an edited file is a new routine). The week's ratio is
    sum(min(done_r, planned_r)) / sum(planned_r) over its routines r (see WeekAdherence).
    """
    by_week: dict[date, list[SessionRecord]] = {}
    for session in sorted(sessions, key=lambda s: (s.started_at, s.id)):
        by_week.setdefault(monday_of(local_date(session.started_at, tz)), []).append(session)
    last = monday_of(end)
    if start is not None:
        first = monday_of(start)
    else:
        first = min((m for m in by_week if m <= last), default=last)
    if first > last:
        raise ValueError(f"start {start} is after end {end}")

    earlier = [m for m in by_week if m < first]
    carried = _nothing_done(_routine_weeks(by_week[max(earlier)])[0]) if earlier else ()
    weeks: list[WeekAdherence] = []
    monday = first
    while monday <= last:
        group = by_week.get(monday, [])
        routines, counted = _routine_weeks(group) if group else (carried, Fraction(0))
        carried = _nothing_done(routines)
        planned_work = completed_work = 0
        for s in group:
            planned_s = planned_periods(s)
            planned_work += planned_s
            completed_work += min(s.completed_work_periods, planned_s)
        plan = sum(r.planned for r in routines)
        iso = monday.isocalendar()
        weeks.append(
            WeekAdherence(
                iso_year=iso.year,
                iso_week=iso.week,
                monday=monday,
                planned=plan,
                done=float(counted),
                ratio=float(counted / plan) if plan else None,
                work_share=completed_work / planned_work if group and planned_work else None,
                sessions=len(group),
                completed_sessions=sum(1 for s in group if s.status == "completed"),
                routines=routines,
            )
        )
        monday += _WEEK
    return weeks


def _routine_weeks(group: Sequence[SessionRecord]) -> tuple[tuple[RoutineWeek, ...], Fraction]:
    """The routines of a week's sessions (in start order), each against its own plan, and the
    exact sum of what they count toward the week's plan."""
    by_routine: dict[str, list[SessionRecord]] = {}
    for s in group:
        by_routine.setdefault(s.routine_hash, []).append(s)
    routines: list[RoutineWeek] = []
    counted = Fraction(0)
    for digest, mine in by_routine.items():
        completed = sum(1 for s in mine if s.status == "completed")
        done = completed + sum(
            (session_share(s) for s in mine if s.status != "completed"), Fraction(0)
        )
        planned = mine[-1].sessions_per_week
        counted += min(done, Fraction(planned))
        routines.append(
            RoutineWeek(
                routine_hash=digest,
                title=mine[-1].routine_title,
                planned=planned,
                done=float(done),
                sessions=len(mine),
                completed_sessions=completed,
            )
        )
    return tuple(routines), counted


def _nothing_done(routines: Sequence[RoutineWeek]) -> tuple[RoutineWeek, ...]:
    """The same routines carried into a week without sessions."""
    return tuple(replace(r, done=0.0, sessions=0, completed_sessions=0) for r in routines)


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
