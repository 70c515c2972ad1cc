"""Adherence per routine in the history pane: the week's hover text and headline list each
routine against its own plan when a week has more than one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hiprehab.history.pane_data import build_snapshot, routine_lines
from hiprehab.history.records import SessionRecord
from hiprehab.ui.history.guidance import week_text

MONDAY = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)


def record(sid: int, day: int, routine: str, per_week: int, **changes: object) -> SessionRecord:
    started = MONDAY + timedelta(days=day)
    base = SessionRecord(
        id=sid,
        routine_hash=routine.lower(),
        routine_title=routine,
        sessions_per_week=per_week,
        started_at=started,
        ended_at=started + timedelta(minutes=20),
        status="completed",
        active_seconds=1200,
        paused_seconds=0,
        pain_before=None,
        pain_after=None,
        pain_next_morning=None,
        morning_asked=False,
        note="",
        planned_work_periods=4,
        completed_work_periods=4,
        recorded_work_periods=4,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


SESSIONS = [
    record(1, 0, "Warm-up", 3),
    record(2, 0, "Hip strength", 2),
    record(3, 1, "Warm-up", 3),
    record(4, 2, "Warm-up", 3),
    record(5, 3, "Warm-up", 3),
    record(6, 4, "Hip strength", 2, status="stopped", completed_work_periods=2),
]


def test_the_hover_lists_each_routine_against_its_own_plan() -> None:
    snapshot = build_snapshot(SESSIONS, date(2026, 11, 8), UTC)
    (week,) = snapshot.weeks
    # warm-up 4 of 3 counts 3; strength 1 + 2/4 = 1.5 of 2: (3 + 1.5) / 5 = 90 %;
    # sets over all six sessions: (5 * 4 + 2) / (6 * 4) = 22/24, 92 %
    assert (week.planned, week.done, week.ratio) == (5, 4.5, 0.9)
    assert week.hover_text() == (
        "Week of Nov 2, 2026 to Nov 8, 2026\n"
        "4.5 of 5 planned sessions (90%)\n"
        "92% of planned sets done\n"
        "Warm-up: 4 of 3\n"
        "Hip strength: 1.5 of 2"
    )


def test_the_headline_adds_the_routines_on_a_second_line() -> None:
    snapshot = build_snapshot(SESSIONS, date(2026, 11, 8), UTC)
    assert week_text(snapshot) == (
        "This week: 4.5 of 5 planned sessions (90%), 92% of the planned sets.\n"
        "Warm-up: 4 of 3; Hip strength: 1.5 of 2."
    )


def test_one_routine_needs_no_breakdown() -> None:
    warm_ups = [s for s in SESSIONS if s.routine_title == "Warm-up"]
    snapshot = build_snapshot(warm_ups, date(2026, 11, 8), UTC)
    (week,) = snapshot.weeks
    assert routine_lines(week.routines) == []
    assert week.hover_text().count("\n") == 2
    assert week_text(snapshot) == "This week: 3 of 3 planned sessions (100%), 100% of the " \
        "planned sets."


def test_a_week_without_sessions_shows_the_routines_carried_into_it() -> None:
    snapshot = build_snapshot(SESSIONS, date(2026, 11, 10), UTC)
    assert [w.monday for w in snapshot.weeks] == [date(2026, 11, 2), date(2026, 11, 9)]
    assert week_text(snapshot) == (
        "This week: 0 of 5 planned sessions (0%).\n"
        "Warm-up: 0 of 3; Hip strength: 0 of 2."
    )
