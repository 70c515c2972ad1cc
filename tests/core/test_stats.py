"""Statistics against values worked out by hand (the arithmetic is in the comments)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiprehab.core.history import SessionRecord
from hiprehab.core.stats import (
    WeekAdherence,
    pain_series,
    streak,
    weekly_adherence,
)

_ids = iter(range(1, 1_000_000))


def sess(
    start: str,
    *,
    status: str = "completed",
    spw: int = 3,
    planned: int | None = 7,
    completed: int = 7,
    recorded: int | None = None,
    before: int | None = None,
    after: int | None = None,
    morning: int | None = None,
) -> SessionRecord:
    started = datetime.fromisoformat(start).replace(tzinfo=UTC)
    return SessionRecord(
        id=next(_ids),
        routine_hash=f"routine-{spw}",
        routine_title=f"{spw} a week",
        sessions_per_week=spw,
        started_at=started,
        ended_at=started + timedelta(minutes=20),
        status=status,
        active_seconds=1000.0,
        paused_seconds=0.0,
        pain_before=before,
        pain_after=after,
        pain_next_morning=morning,
        morning_asked=False,
        note="",
        planned_work_periods=planned,
        completed_work_periods=completed,
        recorded_work_periods=completed if recorded is None else recorded,
    )


def week(*values: Any) -> WeekAdherence:
    """A WeekAdherence from (iso year, week), monday, planned, done, ratio, work share,
    sessions, completed sessions; numbers may be `pytest.approx` values."""
    (iso_year, iso_week), *rest = values
    return WeekAdherence(iso_year, iso_week, *rest)


# ------------------------------------------------------------------------------ adherence
NOVEMBER = [
    # 2026-W45 (Mon 2 Nov), routine 3 a week, 7 work periods each
    sess("2026-11-02T07:00", completed=6, recorded=7),  # completed with a skipped set: counts 1
    sess("2026-11-04T18:00", status="stopped", completed=3),  # 3/7
    sess("2026-11-06T18:00", status="interrupted", completed=5, recorded=6),  # 5/7
    # 2026-W46: nothing at all
    # 2026-W47 (Mon 16 Nov): the old routine once, then a new one of 4 a week (5 periods)
    sess("2026-11-16T07:00"),
    sess("2026-11-17T07:00", spw=4, planned=5, completed=5),
    sess("2026-11-19T07:00", spw=4, planned=5, completed=5),
    sess("2026-11-21T07:00", spw=4, planned=5, completed=5),
    # 2026-W48 (Mon 23 Nov): one completed, one from schema 1 (no planned count) stopped 2 of 4
    sess("2026-11-23T07:00", spw=4, planned=5, completed=5),
    sess("2026-11-24T07:00", spw=4, status="stopped", planned=None, completed=2, recorded=4),
]


def test_weekly_adherence_by_hand() -> None:
    weeks = weekly_adherence(NOVEMBER, start=None, end=date(2026, 11, 25))
    assert weeks == [
        # done = 1 + 3/7 + 5/7 = 15/7; ratio = 15/7 / 3 = 5/7; sets = (6+3+5)/21 = 2/3
        week((2026, 45), date(2026, 11, 2), 3, pytest.approx(2.142857142857143),
             pytest.approx(0.7142857142857143), pytest.approx(0.6666666666666666), 3, 1),
        # no sessions: the plan of 3 carries on, nothing done, no work share
        week((2026, 46), date(2026, 11, 9), 3, 0.0, 0.0, None, 0, 0),
        # two routines this week: the larger plan (4) applies; 4 done of 4
        week((2026, 47), date(2026, 11, 16), 4, 4.0, 1.0, 1.0, 4, 4),
        # done = 1 + 2/4 = 1.5; ratio 1.5/4 = 0.375; sets (5+2)/(5+4) = 7/9
        week((2026, 48), date(2026, 11, 23), 4, 1.5, 0.375,
             pytest.approx(0.7777777777777778), 2, 1),
    ]  # fmt: skip
    assert [w.label for w in weeks] == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    assert [w.met for w in weeks] == [False, False, True, False]
    assert streak(weeks) == 1  # W48 is still running (not met, not counted); W47 met; W46 not


def test_weeks_before_the_first_session_and_after_the_last() -> None:
    weeks = weekly_adherence(NOVEMBER[:1], start=date(2026, 10, 28), end=date(2026, 11, 12))
    assert weeks == [
        week((2026, 44), date(2026, 10, 26), 0, 0.0, None, None, 0, 0),  # no plan yet
        week((2026, 45), date(2026, 11, 2), 3, 1.0, pytest.approx(1 / 3), pytest.approx(6 / 7),
             1, 1),
        week((2026, 46), date(2026, 11, 9), 3, 0.0, 0.0, None, 0, 0),
    ]  # fmt: skip


def test_a_plan_from_before_the_start_carries_into_the_range() -> None:
    weeks = weekly_adherence(NOVEMBER, start=date(2026, 11, 10), end=date(2026, 11, 10))
    assert weeks == [week((2026, 46), date(2026, 11, 9), 3, 0.0, 0.0, None, 0, 0)]


def test_repeated_sets_never_count_more_than_the_whole_session() -> None:
    # stopped after 6 completed periods of 4 planned (sets repeated with "back"): counts 1, not
    # 1.5; a session planning no periods at all counts 0 unless completed
    sessions = [
        sess("2026-11-02T07:00", status="stopped", planned=4, completed=6),
        sess("2026-11-03T07:00", status="stopped", planned=0, completed=0),
    ]
    (only,) = weekly_adherence(sessions, start=None, end=date(2026, 11, 8))
    assert (only.done, only.work_share) == (1.0, 1.0)
    assert only.ratio == pytest.approx(1 / 3)


def test_no_sessions_gives_the_end_week_without_a_plan() -> None:
    assert weekly_adherence([], start=None, end=date(2027, 1, 1)) == [
        week((2026, 53), date(2026, 12, 28), 0, 0.0, None, None, 0, 0)
    ]
    with pytest.raises(ValueError, match="after end"):
        weekly_adherence([], start=date(2027, 1, 12), end=date(2027, 1, 1))


NEW_YEAR = [
    sess("2026-12-28T08:00", spw=2),  # Monday of 2026-W53 (2026 began on a Thursday)
    sess("2026-12-31T08:00", spw=2),  # Thursday, 2026-W53
    sess("2027-01-01T08:00", spw=2),  # Friday 1 January 2027: still 2026-W53
    sess("2027-01-03T23:30", spw=2),  # Sunday 23:30 UTC, but Monday 01:30 at UTC+2
]


def test_iso_weeks_across_the_year_boundary_in_utc() -> None:
    weeks = weekly_adherence(NEW_YEAR, start=date(2026, 12, 21), end=date(2027, 1, 10))
    assert weeks == [
        week((2026, 52), date(2026, 12, 21), 0, 0.0, None, None, 0, 0),
        week((2026, 53), date(2026, 12, 28), 2, 4.0, 2.0, 1.0, 4, 4),  # 4 done of 2
        week((2027, 1), date(2027, 1, 4), 2, 0.0, 0.0, None, 0, 0),
    ]
    assert weeks[1].label == "2026-W53" and weeks[2].label == "2027-W01"


def test_iso_weeks_follow_the_given_time_zone() -> None:
    plus_two = timezone(timedelta(hours=2))
    weeks = weekly_adherence(NEW_YEAR, start=None, end=date(2027, 1, 4), tz=plus_two)
    assert weeks == [
        week((2026, 53), date(2026, 12, 28), 2, 3.0, 1.5, 1.0, 3, 3),
        week((2027, 1), date(2027, 1, 4), 2, 1.0, 0.5, 1.0, 1, 1),
    ]


def plain_week(monday: date, ratio: float | None) -> WeekAdherence:
    iso = monday.isocalendar()
    return week((iso.year, iso.week), monday, 2, 0.0, ratio, None, 0, 0)


def weeks_from(*ratios: float | None, first: date = date(2026, 11, 2)) -> list[WeekAdherence]:
    return [plain_week(first + timedelta(weeks=i), r) for i, r in enumerate(ratios)]


@pytest.mark.parametrize(
    ("ratios", "expected"),
    [
        ((), 0),
        ((1.0, 1.5, 0.5, 1.0, 1.0, 0.0), 2),  # current week not met yet: counts from the one before
        ((1.0, 1.0, 1.0), 3),  # current week already met: it counts
        ((1.0, 0.9, 0.5), 0),  # the last complete week missed the plan
        ((1.0, None, 1.0, 0.2), 1),  # a week without a plan breaks the streak
        ((0.99, 1.0, 1.0), 2),
    ],
)
def test_streak(ratios: tuple[float | None, ...], expected: int) -> None:
    assert streak(weeks_from(*ratios)) == expected


def test_a_gap_between_weeks_breaks_the_streak() -> None:
    weeks = weeks_from(1.0, 1.0) + weeks_from(1.0, 1.0, first=date(2026, 11, 30))
    assert streak(weeks) == 2


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(
            st.datetimes(datetime(2026, 1, 1), datetime(2027, 12, 31)),
            st.sampled_from(["completed", "stopped", "interrupted", "running"]),
            st.integers(1, 7),
            st.integers(0, 9),
        ),
        max_size=25,
    )
)
def test_adherence_accounts_for_every_session_once(
    rows: list[tuple[datetime, str, int, int]],
) -> None:
    sessions = [
        sess(moment.isoformat(), status=status, spw=spw, planned=9, completed=done)
        for moment, status, spw, done in rows
    ]
    end = date(2027, 12, 31)
    weeks = weekly_adherence(sessions, start=None, end=end)
    assert sum(w.sessions for w in weeks) == len(sessions)
    assert all(w.monday.weekday() == 0 for w in weeks)
    assert all(
        b.monday - a.monday == timedelta(weeks=1) for a, b in zip(weeks, weeks[1:], strict=False)
    )
    assert weeks[-1].monday <= end < weeks[-1].monday + timedelta(weeks=1)
    for w in weeks:
        assert w.completed_sessions <= w.done <= w.sessions
        if w.sessions:
            assert w.planned >= 1 and w.ratio == pytest.approx(w.done / w.planned)


# ------------------------------------------------------------------------------ pain series
def test_pain_series_moving_average_by_hand() -> None:
    afters = [None, 2, None, 4, 3, 5, 1, None, 6, 2, 4, 3]
    sessions = [
        sess(f"2026-11-{day:02d}T07:00", after=a, before=1, morning=day % 3 or None)
        for day, a in zip(range(1, 13), afters, strict=True)
    ]
    points = pain_series(list(reversed(sessions)))  # any input order: output is in time order
    assert [p.session_id for p in points] == [s.id for s in sessions]
    assert [p.after for p in points] == afters
    assert [p.moving_average for p in points] == pytest.approx(
        [
            None,  # no after-score yet
            2.0,  # [2]
            2.0,  # no score: the average so far
            3.0,  # [2, 4]
            3.0,  # [2, 4, 3]
            3.5,  # [2, 4, 3, 5] = 14 / 4
            3.0,  # [2, 4, 3, 5, 1] = 15 / 5
            3.0,
            3.5,  # [2, 4, 3, 5, 1, 6] = 21 / 6
            3.2857142857142856,  # [2, 4, 3, 5, 1, 6, 2] = 23 / 7
            3.5714285714285716,  # the first 2 drops out: [4, 3, 5, 1, 6, 2, 4] = 25 / 7
            3.4285714285714284,  # [3, 5, 1, 6, 2, 4, 3] = 24 / 7
        ]
    )
    assert points[0].day == date(2026, 11, 1) and points[0].before == 1
    assert [p.next_morning for p in points[:4]] == [1, 2, None, 1]


def test_pain_series_days_follow_the_time_zone() -> None:
    late = sess("2026-11-01T23:30", after=1)
    (point,) = pain_series([late], tz=timezone(timedelta(hours=1)))
    assert point.day == date(2026, 11, 2)
    assert point.started_at == datetime(2026, 11, 1, 23, 30, tzinfo=UTC)
