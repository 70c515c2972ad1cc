"""The history pane's plain-data layer: axis positions, week labels, summaries and texts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from hiprehab.history.pane_data import (
    MISSED_STUB,
    WeekBar,
    bar_heights,
    bar_level,
    build_snapshot,
    day_x,
    format_count,
    moment_x,
    period_summary,
    x_date,
)
from hiprehab.history.records import SessionRecord
from hiprehab.ui.history.week_axis import WeekAxis


def record(sid: int, started: datetime, **scores: int | None) -> SessionRecord:
    return SessionRecord(
        id=sid,
        routine_hash="h",
        routine_title="Hip strength",
        sessions_per_week=3,
        started_at=started,
        ended_at=started + timedelta(minutes=20),
        status="completed",
        active_seconds=1200,
        paused_seconds=0,
        pain_before=scores.get("before"),
        pain_after=scores.get("after"),
        pain_next_morning=scores.get("morning"),
        morning_asked=False,
        note="",
        planned_work_periods=10,
        completed_work_periods=10,
        recorded_work_periods=10,
    )


@settings(max_examples=60)
@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(min_value=-12, max_value=14),
)
def test_a_moment_lands_on_its_local_day(moment: datetime, hours: int) -> None:
    zone = timezone(timedelta(hours=hours))
    aware = moment.replace(tzinfo=UTC)
    x = moment_x(aware, zone)
    assert x_date(x) == aware.astimezone(zone).date()
    assert day_x(x_date(x)) <= x < day_x(x_date(x)) + 1


def test_the_plan_colours_and_missed_week_stubs() -> None:
    assert bar_level(1.2, 3.5) == "full"
    assert bar_level(0.67, 2) == "close"
    assert bar_level(0.33, 1) == "low"
    assert bar_level(0.0, 0) == "none"
    weeks = [WeekBar(date(2026, 11, d), 3, done, done / 3, None) for d, done in ((2, 3), (9, 0))]
    current = WeekBar(date(2026, 11, 16), 3, 0, 0, None)
    assert bar_heights([*weeks, current], current) == [100, MISSED_STUB, 0]


def test_counts_read_naturally() -> None:
    assert format_count(3.0) == "3"
    assert format_count(2.5) == "2.5"
    assert format_count(2.25) == "2.25"
    assert format_count(0.0) == "0"


def test_week_axis_labels_mondays_with_the_year_where_it_changes(qapp) -> None:
    axis = WeekAxis("bottom")
    monday = day_x(date(2025, 12, 22))
    (major_step, major), (_, minor) = axis.tickValues(monday - 1, monday + 27, 800)
    assert major_step == 7
    assert major == [monday + 7 * w for w in range(4)]
    assert minor == []
    labels = axis.tickStrings(major, 1.0, 7.0)
    assert labels == ["Dec 22, 2025", "Dec 29", "Jan 5, 2026", "Jan 12"]
    # a long range in a narrow axis labels fewer Mondays, by month and year
    step, values = axis.tickValues(monday - 2000, monday, 300)[0]
    assert step >= 7 * 26 and len(values) <= 300 / WeekAxis.LABEL_PX + 1
    assert all(x_date(v).weekday() == 0 for v in values)


def test_snapshot_and_period_summary() -> None:
    now = datetime(2026, 11, 25, 20, tzinfo=UTC)
    sessions = [
        record(1, now - timedelta(days=9), before=4, after=6),
        record(2, now - timedelta(days=7), before=3, after=4, morning=3),
        record(3, now - timedelta(days=2)),  # no scores: in the table, not in the pain plot
        record(4, now - timedelta(days=1), before=2, after=2),
    ]
    snap = build_snapshot(sessions, now.date(), UTC)
    assert [s.id for s in snap.sessions] == [4, 3, 2, 1]
    assert [r.session_id for r in snap.pain] == [1, 2, 4]
    assert [r.average for r in snap.pain] == [6, 5, 4]
    assert [w.done for w in snap.weeks] == [2, 2]
    assert snap.this_week is snap.weeks[-1]
    assert snap.default_range() == "All"
    x0, x1 = snap.range_bounds("4 weeks")
    assert x1 - x0 == 28 and x1 == day_x(date(2026, 11, 30))
    summary = period_summary(snap, x0, x1)
    assert summary == (
        "4 sessions, 4 of 6 planned done (67%), mean pain before 3.0, mean pain after 4.0, "
        "mean pain next morning 3.0."
    )
    row = snap.pain[1]
    assert row.hover_text() == (
        "Nov 18, 2026, 8:00\u202fPM\nHip strength\n"
        "Pain before 3, after 4, next morning 3\nAverage pain after, last 7 sessions: 5.0"
    )
