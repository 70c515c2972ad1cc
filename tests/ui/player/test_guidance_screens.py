"""The pain guidance where a runner meets it: the start screen banner and the summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hiprehab.history.guidance import evaluate
from hiprehab.history.readiness import current_guidance
from hiprehab.history.records import routine_hash
from hiprehab.history.store import HistoryStore
from hiprehab.session.recorder import WorkReport
from hiprehab.ui.guidance_banner import GuidanceBanner
from hiprehab.ui.player.summary import SessionSummary, SummaryView
from tests.history.history_child import sample_routine

NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # the test store's clock (tests/ui/conftest.py)


def add(store: HistoryStore, days_ago: float, *, before: int | None = None,
        after: int | None = None, morning: int | None = None) -> None:  # fmt: skip
    started = NOW - timedelta(days=days_ago)
    routine = sample_routine()
    session_id = store.start_session(routine, started_at=started, pain_before=before)
    for number in range(1, 8):
        store.record_work_period(
            session_id,
            WorkReport(
                exercise_id="bridge",
                exercise_name="Bridge",
                set_number=number,
                side="none",
                planned_seconds=30,
                actual_seconds=30,
                status="completed",
            ),
            ended_at=started + timedelta(minutes=number),
        )
    store.finish_session(
        session_id, status="completed", active_seconds=600, paused_seconds=0,
        ended_at=started + timedelta(minutes=20),
    )  # fmt: skip
    store.set_pain_after(session_id, after)
    if morning is not None:
        store.set_pain_next_morning(session_id, morning)


def summary_of(store: HistoryStore, pain_after: int) -> SessionSummary:
    guidance = evaluate(store.sessions(), as_of=NOW)
    return SessionSummary(
        routine_title="Hip basics", completed=True, active_seconds=600, paused_seconds=0,
        sets_done=7, sets_planned=7, pain_before=2, pain_after=pain_after, guidance=guidance,
        saved=True, routine_advice=guidance.for_routine(routine_hash(sample_routine())),
    )  # fmt: skip


def test_the_banner_is_hidden_without_recent_scores(qtbot: QtBot, store: HistoryStore) -> None:
    banner = GuidanceBanner()
    qtbot.addWidget(banner)
    banner.show_guidance(current_guidance(None))
    assert banner.isHidden()
    add(store, 30, after=9)  # too long ago to count
    banner.show_guidance(current_guidance(store))
    assert banner.isHidden()


def test_the_banner_asks_to_see_a_clinician_first(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, 2, before=3, after=9)
    banner = GuidanceBanner()
    qtbot.addWidget(banner)
    banner.show_guidance(current_guidance(store))
    assert not banner.isHidden()
    assert banner.title.text() == "Please see a doctor or physiotherapist"
    assert "8 out of 10 or more" in banner.text.text()
    assert not banner.signs_button.isHidden()
    banner.show_warning_signs()
    box = banner.findChild(QMessageBox)
    assert box is not None and "stress fracture" in box.text()
    box.close()
    assert "safe" not in banner.text.text().lower()


def test_the_banner_shows_the_colour_and_the_next_step(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, 2, before=2, after=4)
    banner = GuidanceBanner()
    qtbot.addWidget(banner)
    banner.show_guidance(current_guidance(store))
    assert banner.title.text() == "Keep the load as it is"
    assert "Keep the same load" in banner.text.text()
    assert banner.signs_button.isHidden()


def test_the_window_shows_the_banner_on_the_start_screen(make_window, store) -> None:  # noqa: ANN001
    add(store, 1, before=2, after=7)
    window = make_window()
    assert window.guidance_banner.isVisible()
    assert window.guidance_banner.title.text() == "Ease off for now"


def test_a_painful_session_says_ease_off_and_regress(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, 0.1, before=2, after=7)
    view = SummaryView()
    qtbot.addWidget(view)
    view.show_summary(summary_of(store, 7))
    assert view.guidance_title.text() == "Ease off for now"
    text = view.guidance_text.text()
    assert "7/10" in text and "Make this routine a little easier" in text
    assert "safe" not in text.lower()
    assert view.red_flags.isHidden()


def test_two_settled_sessions_are_ready_to_progress(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, 4, before=2, after=2, morning=2)
    add(store, 2, before=2, after=3, morning=1)
    view = SummaryView()
    qtbot.addWidget(view)
    view.show_summary(summary_of(store, 2))
    assert view.guidance_title.text() == "Your hip is coping well"
    assert "Ready for a small step up" in view.guidance_text.text()


def test_a_summary_with_a_clinician_reason_lists_the_warning_signs(
    qtbot: QtBot, store: HistoryStore
) -> None:
    add(store, 0.1, before=2, after=10)
    view = SummaryView()
    qtbot.addWidget(view)
    view.show_summary(summary_of(store, 10))
    assert not view.red_flags.isHidden()
    assert "doctor or physiotherapist" in view.red_flags.text()
    assert "stress fracture" in view.red_flags.text()
