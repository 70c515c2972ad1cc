"""Imported profiles: a selector shows whose history is on screen; imported ones are read-only."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from hiprehab.history.demo import DemoSession, demo_routine, fill_store
from hiprehab.history.exchange.json_format import read_export, write_json
from hiprehab.history.exchange.profiles import import_history
from hiprehab.history.pane_data import day_x
from hiprehab.history.store import HistoryStore, ReadOnlyStoreError
from hiprehab.paths import AppPaths
from hiprehab.ui.history.profiles import MY_HISTORY
from hiprehab.ui.history.view import HistoryView

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


@pytest.fixture
def paths() -> AppPaths:
    paths = AppPaths.from_environment()
    paths.ensure()
    return paths


@pytest.fixture
def store(paths: AppPaths) -> HistoryStore:
    opened = HistoryStore.open(paths.history_db, now=lambda: NOW)
    fill_store(
        opened,
        demo_routine("My routine"),
        [DemoSession(NOW - timedelta(days=d), pain_after=2) for d in (1, 3, 5)],
    )
    yield opened
    opened.close()


def import_profile(paths: AppPaths, tmp_path, person: str, sessions: int) -> None:
    """Someone else's history, exported to JSON and imported as the command line does."""
    other = HistoryStore.open(tmp_path / f"{person}.sqlite3", now=lambda: NOW)
    fill_store(
        other,
        demo_routine(f"{person}'s routine"),
        [DemoSession(NOW - timedelta(days=2 * d), pain_after=4) for d in range(sessions)],
    )
    export = tmp_path / f"{person}.json"
    write_json(other.snapshot(), export, person=person, exported_at=NOW)
    other.close()
    import_history(export, paths, now=lambda: NOW)


def make_view(qtbot, store, paths) -> HistoryView:
    view = HistoryView(store, paths, now=lambda: NOW, tz=UTC)
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_no_selector_until_a_history_is_imported(qtbot, store, paths, tmp_path) -> None:
    view = make_view(qtbot, store, paths)
    assert not view.profiles.isVisible()
    import_profile(paths, tmp_path, "Anna", 5)
    view.refresh()
    assert view.profiles.isVisible()
    assert view.profiles.names() == [MY_HISTORY, "Anna"]
    assert view.profiles.current_name() == MY_HISTORY


def test_choosing_a_profile_shows_that_history_read_only(qtbot, store, paths, tmp_path) -> None:
    import_profile(paths, tmp_path, "Anna", 5)
    import_profile(paths, tmp_path, "Ben", 2)
    view = make_view(qtbot, store, paths)
    assert view.profiles.names() == [MY_HISTORY, "Anna", "Ben"]
    assert view.table.model().rowCount() == 3

    view.show_profile("Anna")
    assert view.store is not store
    assert view.store.read_only
    assert view.table.model().rowCount() == 5
    assert view.table.model().index(0, 1).data() == "Anna's routine"
    assert "Anna" in view.read_only_note.text() and "read-only" in view.read_only_note.text()
    with pytest.raises(ReadOnlyStoreError):
        view.store.set_note(view.snapshot.sessions[0].id, "changed")

    view.show_profile("Ben")
    assert view.table.model().rowCount() == 2
    view.show_profile(None)
    assert view.store is store
    assert view.table.model().rowCount() == 3
    assert view.read_only_note.text() == ""


def test_the_imported_history_on_screen_is_closed_with_the_page(
    qtbot, store, paths, tmp_path
) -> None:
    import_profile(paths, tmp_path, "Anna", 2)
    view = HistoryView(store, paths, now=lambda: NOW, tz=UTC)
    view.show_profile("Anna")
    anna = view.store
    assert anna is not store and anna.sessions()
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        anna.sessions()
    assert store.sessions()  # the user's own history is the caller's to close


def test_report_names_whose_history_it_is(qtbot, store, paths, tmp_path, monkeypatch) -> None:
    import_profile(paths, tmp_path, "Anna", 4)
    view = make_view(qtbot, store, paths)
    view.show_profile("Anna")
    seen = {}
    from hiprehab.ui.history import export as history_export

    def fake_report(path, snapshot, x_range, *, whose, now):
        seen.update(path=path, whose=whose, sessions=len(snapshot.sessions))

    monkeypatch.setattr(history_export, "write_pdf_report", fake_report)
    view.export_pdf(tmp_path / "anna.pdf")
    assert seen == {"path": tmp_path / "anna.pdf", "whose": "Anna", "sessions": 4}


def test_a_damaged_profile_is_reported_and_my_history_stays(qtbot, store, paths, tmp_path) -> None:
    paths.profiles_dir.mkdir(parents=True, exist_ok=True)
    broken = paths.profiles_dir / "carl.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    view = make_view(qtbot, store, paths)
    assert view.profiles.names() == [MY_HISTORY, "carl"]
    view.show_profile("carl")
    assert view.notice.isVisible()
    assert str(broken) in view.notice.text()
    assert view.notice.text().startswith("Could not show the history of carl")
    assert view.store is store
    assert view.profiles.current_name() == MY_HISTORY
    assert view.table.model().rowCount() == 3


def test_unknown_profile_name_is_a_programming_error(qtbot, store, paths) -> None:
    view = make_view(qtbot, store, paths)
    with pytest.raises(ValueError, match="no imported profile named 'Zoe'"):
        view.show_profile("Zoe")


def test_an_imported_profile_is_shown_as_of_its_export(qtbot, store, paths, tmp_path) -> None:
    """Exported ten weeks ago: no missed weeks since, the export's week is the current one."""
    monday = datetime(2026, 9, 7, 9, 0, tzinfo=UTC)  # ISO week 2026-W37, 11 weeks before NOW
    sessions = [
        DemoSession(monday + timedelta(weeks=w, days=d), pain_before=2, pain_after=2)
        for w in range(3)
        for d in (0, 2, 4)
    ]
    exported = monday + timedelta(weeks=2, days=5)  # Saturday 26 Sep 2026
    other = HistoryStore.open(tmp_path / "sam.sqlite3", now=lambda: exported)
    fill_store(other, demo_routine("Sam's routine", sessions_per_week=3), sessions)
    export = tmp_path / "sam.json"
    write_json(other.snapshot(), export, person="Sam", exported_at=exported)
    other.close()
    import_history(export, paths, now=lambda: NOW)

    view = make_view(qtbot, store, paths)
    assert view.as_of is None and not view.guidance.as_of.isVisible()
    view.show_profile("Sam")
    snap = view.snapshot
    assert view.as_of == exported and snap.as_of == exported
    assert snap.today == exported.date()
    # three weeks, all on plan, the last being the export's: nothing missed after it
    mondays = [(monday + timedelta(weeks=w)).date() for w in range(3)]
    assert [w.monday for w in snap.weeks] == mondays
    assert all(w.ratio == 1 for w in snap.weeks)
    assert snap.streak == 3
    panel = view.guidance
    assert panel.week.text().startswith("Week of Sep 21, 2026: 3 of 3 planned sessions")
    assert panel.streak.text() == "Streak: 3 weeks in a row on plan."
    assert panel.as_of.isVisible()
    assert panel.as_of.text().startswith("As of Sep 26, 2026, when this history was exported")
    # the whole history is on screen, up to the end of the export's week
    assert view.current_range == "All"
    x0, x1 = view.plots.x_range()
    assert x0 <= day_x(monday.date()) and x1 == pytest.approx(day_x(date(2026, 9, 28)))

    again = tmp_path / "again.json"
    view.export_json(again)  # passed on, the profile keeps the moment its data is from
    assert read_export(again).exported_at == exported

    view.show_profile(None)  # one's own history is live again
    assert view.as_of is None and view.snapshot.today == NOW.date()
    assert not panel.as_of.isVisible()
    assert panel.week.text().startswith("This week:")
