"""The history store: what is written is read back, bad arguments are refused, faults are named."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hiprehab.history.records import routine_hash
from hiprehab.history.store import HistoryStore, ReadOnlyStoreError, StoreError
from hiprehab.routine.model import Exercise, Routine
from tests.history.history_child import sample_routine
from tests.history.store_helpers import T0, Clock, record


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "history.sqlite3", now=clock)
    yield opened
    opened.close()


def test_a_session_is_read_back_as_written(store: HistoryStore, clock: Clock) -> None:
    routine = sample_routine()
    session_id = store.start_session(routine, pain_before=3)
    running = store.session(session_id)
    assert running.status == "running" and running.ended_at is None
    assert running.started_at == T0 and running.started_at.tzinfo == UTC
    assert running.planned_work_periods == 7  # bridge 3 sets + clamshell 2 sets x 2 sides
    clock.advance(minutes=2)
    record(store, session_id, 1)
    clock.advance(minutes=2)
    record(store, session_id, 2, status="skipped", actual_seconds=3.25)
    record(
        store,
        session_id,
        1,
        exercise_id=None,
        exercise_name="My own stretch",
        side="left",
        status="stopped",
        actual_seconds=10,
    )
    clock.advance(minutes=1)
    store.finish_session(session_id, status="stopped", active_seconds=300.5, paused_seconds=20)
    store.set_pain_after(session_id, 4)
    store.set_note(session_id, "Left hip, stiff at first")

    session = store.session(session_id)
    assert session.status == "stopped"
    assert session.ended_at == datetime(2026, 11, 23, 14, 10, tzinfo=UTC)
    assert (session.active_seconds, session.paused_seconds) == (300.5, 20.0)
    assert (session.pain_before, session.pain_after, session.pain_next_morning) == (3, 4, None)
    assert session.note == "Left hip, stiff at first"
    assert (session.completed_work_periods, session.recorded_work_periods) == (1, 3)
    assert session.routine_title == "Hip basics" and session.sessions_per_week == 3
    assert session.routine_hash == routine_hash(routine)
    periods = store.work_periods(session_id)
    assert [(p.exercise_id, p.exercise_name, p.side, p.status) for p in periods] == [
        ("bridge", "Bridge", "none", "completed"),
        ("bridge", "Bridge", "none", "skipped"),
        (None, "My own stretch", "left", "stopped"),
    ]
    assert [p.actual_seconds for p in periods] == [45.5, 3.25, 10.0]
    assert [p.ended_at.minute for p in periods] == [7, 9, 9]
    assert store.sessions() == [session]


def test_timestamps_are_stored_in_utc_and_naive_ones_refused(store: HistoryStore) -> None:
    plus_two = timezone(timedelta(hours=2))
    session_id = store.start_session(
        sample_routine(), started_at=datetime(2027, 1, 1, 1, 30, 15, 999, tzinfo=plus_two)
    )
    assert store.session(session_id).started_at == datetime(2026, 12, 31, 23, 30, 15, tzinfo=UTC)
    with pytest.raises(ValueError, match="time zone"):
        store.start_session(sample_routine(), started_at=datetime(2027, 1, 1))
    raw = store._conn.execute("SELECT started_at FROM sessions").fetchone()[0]
    assert raw == "2026-12-31T23:30:15Z"


def test_routines_are_kept_once_per_text_with_their_text(store: HistoryStore, clock: Clock) -> None:
    first = sample_routine()
    store.start_session(first)
    clock.advance(days=1)
    store.start_session(sample_routine())  # same text: same routine
    clock.advance(days=1)
    changed = sample_routine(sessions_per_week=4)
    store.start_session(changed)
    routines = store.routines()
    assert [(r.title, r.sessions_per_week) for r in routines] == [
        ("Hip basics", 3),
        ("Hip basics", 4),
    ]
    assert routines[0].text == first.text and "sessions_per_week = 3" in routines[0].text
    assert routines[0].source == "/routines/hip-basics.toml"
    assert routines[0].first_used_at == T0
    assert routines[1].content_hash == routine_hash(changed) != routine_hash(first)
    assert [s.sessions_per_week for s in store.sessions()] == [3, 3, 4]
    assert len(store.sessions(routine_hash=routine_hash(first))) == 2


def test_routines_built_in_code_without_text_are_not_merged() -> None:
    a = Routine(title="A", exercises=())
    b = Routine(title="B", exercises=())
    assert routine_hash(a) != routine_hash(b)
    assert routine_hash(a) == routine_hash(Routine(title="A", exercises=()))


def test_sessions_can_be_filtered_by_start(store: HistoryStore, clock: Clock) -> None:
    ids = []
    for _ in range(3):
        ids.append(store.start_session(sample_routine()))
        clock.advance(days=1)
    assert [s.id for s in store.sessions()] == ids
    assert [s.id for s in store.sessions(since=T0 + timedelta(days=1))] == ids[1:]
    assert store.sessions(routine_hash="0" * 64) == []


def test_explicit_planned_count_and_pain_setters(store: HistoryStore) -> None:
    session_id = store.start_session(sample_routine(), planned_work_periods=12)
    assert store.session(session_id).planned_work_periods == 12
    store.set_pain_before(session_id, 0)
    store.set_pain_after(session_id, 10)
    store.set_pain_next_morning(session_id, 5)
    s = store.session(session_id)
    assert (s.pain_before, s.pain_after, s.pain_next_morning) == (0, 10, 5)
    store.set_pain_after(session_id, None)
    assert store.session(session_id).pain_after is None


@pytest.mark.parametrize("bad", [-1, 11, 2.5, True, "3"])
def test_pain_outside_0_to_10_is_a_programming_error(store: HistoryStore, bad: object) -> None:
    session_id = store.start_session(sample_routine())
    with pytest.raises(ValueError, match="0-10"):
        store.set_pain_after(session_id, bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="0-10"):
        store.start_session(sample_routine(), pain_before=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("side", "both", "side must be one of"),
        ("status", "done", "status must be one of"),
        ("set_number", 0, "set_number"),
        ("actual_seconds", -1.0, "actual_seconds"),
        ("planned_seconds", float("nan"), "planned_seconds"),
        ("exercise_name", "", "exercise_name"),
    ],
)
def test_bad_work_periods_are_refused(
    store: HistoryStore, field: str, value: object, message: str
) -> None:
    session_id = store.start_session(sample_routine())
    with pytest.raises(ValueError, match=message):
        record(store, session_id, 1, **{field: value})
    assert store.work_periods(session_id) == []


def test_finishing_rules(store: HistoryStore) -> None:
    session_id = store.start_session(sample_routine())
    with pytest.raises(ValueError, match="status must be one of"):
        store.finish_session(session_id, status="running", active_seconds=1, paused_seconds=0)
    with pytest.raises(ValueError, match="paused_seconds"):
        store.finish_session(session_id, status="completed", active_seconds=1, paused_seconds=-2)
    store.finish_session(session_id, status="completed", active_seconds=1, paused_seconds=0)
    with pytest.raises(ValueError, match="already completed"):
        store.finish_session(session_id, status="stopped", active_seconds=1, paused_seconds=0)
    with pytest.raises(ValueError, match="already completed"):
        record(store, session_id, 1)
    with pytest.raises(ValueError, match="no session 99"):
        store.finish_session(99, status="stopped", active_seconds=1, paused_seconds=0)
    for call in (store.session, store.work_periods, store.mark_morning_asked):
        with pytest.raises(ValueError, match="no session 99"):
            call(99)
    with pytest.raises(ValueError, match="no session 99"):
        store.set_note(99, "x")


def _finished(store: HistoryStore, ended: datetime) -> int:
    session_id = store.start_session(sample_routine(), started_at=ended - timedelta(hours=1))
    store.finish_session(
        session_id, status="completed", active_seconds=1, paused_seconds=0, ended_at=ended
    )
    return session_id


def _awaiting(store: HistoryStore, today: date) -> int | None:
    found = store.session_awaiting_morning_pain(today, tz=UTC)
    return None if found is None else found.id


def test_morning_question_is_about_the_latest_session_of_yesterday_only(
    store: HistoryStore,
) -> None:
    today = date(2026, 11, 23)
    _finished(store, datetime(2026, 11, 21, 18, tzinfo=UTC))  # two days ago: never asked
    yesterday_morning = _finished(store, datetime(2026, 11, 22, 7, tzinfo=UTC))
    yesterday_evening = _finished(store, datetime(2026, 11, 22, 18, tzinfo=UTC))
    this_morning = _finished(store, datetime(2026, 11, 23, 7, tzinfo=UTC))  # too early to ask
    still_running = store.start_session(sample_routine(), started_at=T0 - timedelta(days=1))

    assert _awaiting(store, today) == yesterday_evening
    store.mark_morning_asked(yesterday_evening, tz=UTC)
    # the whole day counts as asked: a second start today does not ask about 07:00
    assert store.session(yesterday_morning).morning_asked is True
    assert _awaiting(store, today) is None
    assert store.session(still_running).morning_asked is False
    assert store.session(this_morning).morning_asked is False
    assert _awaiting(store, today + timedelta(days=1)) == this_morning  # tomorrow it is asked


def test_marking_a_day_leaves_other_days_alone(store: HistoryStore) -> None:
    two_days_ago = _finished(store, datetime(2026, 11, 21, 23, tzinfo=UTC))
    early = _finished(store, datetime(2026, 11, 22, 0, 30, tzinfo=UTC))
    late = _finished(store, datetime(2026, 11, 22, 23, 30, tzinfo=UTC))
    today_s = _finished(store, datetime(2026, 11, 23, 0, 10, tzinfo=UTC))
    store.mark_morning_asked(early, tz=UTC)
    asked = {sid: store.session(sid).morning_asked for sid in (two_days_ago, early, late, today_s)}
    assert asked == {two_days_ago: False, early: True, late: True, today_s: False}
    # the same moments fall on other days at UTC-2: 22:30 on the 22nd is the 22nd there too,
    # but 00:10 on the 23rd is still the 22nd
    store.mark_morning_asked(late, tz=timezone(timedelta(hours=-2)))
    assert store.session(today_s).morning_asked is True
    assert store.session(two_days_ago).morning_asked is False


def test_an_answer_for_yesterday_stops_the_question(store: HistoryStore) -> None:
    today = date(2026, 11, 23)
    earlier = _finished(store, datetime(2026, 11, 22, 7, tzinfo=UTC))
    latest = _finished(store, datetime(2026, 11, 22, 18, tzinfo=UTC))
    store.set_pain_next_morning(latest, 2)
    # the most recent session of the day has its score: the earlier one is not asked instead
    assert _awaiting(store, today) is None
    assert store.session(earlier).morning_asked is False


def test_no_morning_question_two_or_more_days_later(store: HistoryStore) -> None:
    """A score given days later is no next-morning score (it feeds the red guidance)."""
    _finished(store, datetime(2026, 11, 20, 18, tzinfo=UTC))
    for days_later in (2, 3, 4):
        assert _awaiting(store, date(2026, 11, 20) + timedelta(days=days_later)) is None
    assert _awaiting(store, date(2026, 11, 21)) is not None


def test_a_running_session_is_marked_on_its_own(store: HistoryStore) -> None:
    running = store.start_session(sample_routine(), started_at=T0)
    other = _finished(store, T0 + timedelta(hours=1))
    store.mark_morning_asked(running, tz=UTC)
    assert store.session(running).morning_asked is True
    assert store.session(other).morning_asked is False


def test_morning_question_uses_the_local_day(store: HistoryStore) -> None:
    """23:30 UTC on the 22nd is already the 23rd at UTC+2: not an earlier day there."""
    session_id = store.start_session(sample_routine(), started_at=T0 - timedelta(days=2))
    store.finish_session(
        session_id,
        status="stopped",
        active_seconds=1,
        paused_seconds=0,
        ended_at=datetime(2026, 11, 22, 23, 30, tzinfo=UTC),
    )
    today = date(2026, 11, 23)
    assert store.session_awaiting_morning_pain(today, tz=UTC) is not None
    assert store.session_awaiting_morning_pain(today, tz=timezone(timedelta(hours=2))) is None


def test_read_only_store_refuses_writes_and_changes_nothing(tmp_path: Path, clock: Clock) -> None:
    db = tmp_path / "history.sqlite3"
    with HistoryStore.open(db, now=clock) as store:
        running = store.start_session(sample_routine())
    before = db.read_bytes()
    with HistoryStore.open(db, read_only=True) as viewer:
        assert viewer.read_only
        assert viewer.session(running).status == "running"  # a viewer never "recovers"
        with pytest.raises(ReadOnlyStoreError, match=f"{db}.*read-only"):
            viewer.set_note(running, "x")
        with pytest.raises(StoreError, match="read-only"):
            viewer.start_session(sample_routine())
        with pytest.raises(StoreError, match="read-only"):
            viewer.set_meta("person", "x")
    assert db.read_bytes() == before


def test_read_only_open_of_a_missing_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nobody.sqlite3"
    with pytest.raises(StoreError, match=f"no history file at {missing}"):
        HistoryStore.open(missing, read_only=True)
    assert not missing.exists()


def test_meta_values(store: HistoryStore) -> None:
    assert store.meta("person") is None
    store.set_meta("person", "Anna")
    store.set_meta("person", "Anna Berg")
    assert store.meta("person") == "Anna Berg"
    store.set_meta("person", None)
    assert store.meta("person") is None


def test_closed_by_the_context_manager(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        pass
    with pytest.raises(sqlite3.ProgrammingError):
        store.sessions()


def test_file_settings(store: HistoryStore) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


# ------------------------------------------------------------------------------ faults


def test_exercise_with_each_side_counts_two_periods_per_set(store: HistoryStore) -> None:
    one = Exercise(name="Side plank", sides="each", sets=3, reps=None, hold=30, seconds_per_rep=0,
                   rest=30)  # fmt: skip
    routine = Routine(title="Planks", exercises=(one,), text="title = 'Planks'")
    assert store.session(store.start_session(routine)).planned_work_periods == 6
