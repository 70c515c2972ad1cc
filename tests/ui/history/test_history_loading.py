"""A large history loads off the GUI thread: the page stays responsive, the latest choice wins."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from hiprehab.history.demo import (
    DemoSession,
    bulk_fill,
    demo_routine,
    fill_store,
    generate_sessions,
)
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.ui.history.loader import HistoryLoader
from hiprehab.ui.history.view import HistoryView

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
BIG = 6_000  # sessions: above the page's BACKGROUND_FROM, so read on a worker


@pytest.fixture(scope="session")
def big_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A history file of BIG sessions (daily, pain easing), written once for the whole run."""
    path = tmp_path_factory.mktemp("big") / "big.sqlite3"
    store = HistoryStore.open(path, now=lambda: NOW)
    try:
        first = NOW - timedelta(days=BIG)
        sessions = generate_sessions(
            random.Random(13), first_day=first, days=BIG, daily=True, skip_chance=0.0
        )
        bulk_fill(store, demo_routine("Big routine"), sessions)
    finally:
        store.close()
    return path


@pytest.fixture
def paths() -> AppPaths:
    paths = AppPaths.from_environment()
    paths.ensure()
    return paths


@pytest.fixture
def big_store(paths: AppPaths, big_history: Path) -> Iterator[HistoryStore]:
    shutil.copyfile(big_history, paths.history_db)
    store = HistoryStore.open(paths.history_db, now=lambda: NOW)
    yield store
    store.close()


def os_threads() -> int:
    """Threads of this process, Qt's own included (Linux; elsewhere 0: not checked)."""
    tasks = "/proc/self/task"
    return len(os.listdir(tasks)) if os.path.isdir(tasks) else 0


def settle(view: HistoryView) -> None:
    """Let a load under way finish and deliver (or drop) its result."""
    loader = view.findChild(HistoryLoader)
    assert loader is not None
    loader.wait()
    QApplication.processEvents()


def make_view(qtbot, store: HistoryStore, paths: AppPaths) -> HistoryView:
    view = HistoryView(store, paths, now=lambda: NOW, tz=UTC)
    qtbot.addWidget(view)
    return view


def test_the_event_loop_keeps_turning_while_a_large_history_loads(qtbot, big_store, paths):
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    threads = os_threads()
    try:
        view = make_view(qtbot, big_store, paths)
        assert view.loading  # the page says it is loading; nothing read on the GUI thread
        assert view.loading_label.isVisibleTo(view)
        with qtbot.waitSignal(view.loaded, timeout=20_000):
            pass
    finally:
        timer.stop()
    assert len(ticks) >= 2  # the timer fired while the history was read elsewhere
    assert not view.loading
    snapshot = view.snapshot
    assert snapshot is not None and len(snapshot.sessions) == BIG
    assert view.stack.currentWidget() is not view.loading_label
    view.close()
    # the worker was joined (the OS may list its thread for a moment after it has exited)
    qtbot.waitUntil(lambda: os_threads() <= threads, timeout=5_000)


def test_after_two_quick_switches_the_last_chosen_profile_is_shown(qtbot, big_store, paths):
    paths.profiles_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(big_store.path, paths.profiles_dir / "big.sqlite3")
    small = HistoryStore.open(paths.profiles_dir / "small.sqlite3", now=lambda: NOW)
    fill_store(
        small,
        demo_routine("Small routine"),
        [DemoSession(NOW - timedelta(days=d), pain_after=1) for d in (1, 2)],
    )
    small.close()
    threads = os_threads()
    view = make_view(qtbot, big_store, paths)
    qtbot.waitUntil(lambda: not view.loading, timeout=20_000)
    assert sorted(view.profiles.names()) == ["My history", "big", "small"]

    view.show_profile("small")
    view.show_profile("big")
    assert view.loading
    view.show_profile("small")  # the big profile's load is still under way: it must not win
    assert not view.loading
    settle(view)  # the big profile's result arrives now, and is dropped
    snapshot = view.snapshot
    assert snapshot is not None
    assert {s.routine_title for s in snapshot.sessions} == {"Small routine"}
    assert view.profiles.current_name() == "small"

    view.show_profile("big")  # and the other way round: the large one chosen last is shown
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.show_profile("small")
        view.show_profile("big")
    settle(view)
    snapshot = view.snapshot
    assert snapshot is not None and len(snapshot.sessions) == BIG
    assert {s.routine_title for s in snapshot.sessions} == {"Big routine"}
    assert view.read_only_note.text().startswith("big's history")
    view.close()
    qtbot.waitUntil(lambda: os_threads() <= threads, timeout=5_000)


def test_a_damaged_large_history_is_reported_by_name(qtbot, big_store, paths):
    with closing(sqlite3.connect(paths.history_db)) as conn, conn:  # behind the store's back
        conn.execute("UPDATE sessions SET started_at = 'yesterday' WHERE id = 7")
    view = make_view(qtbot, big_store, paths)
    assert view.loading
    qtbot.waitUntil(lambda: not view.loading, timeout=20_000)
    assert view.notice.isVisibleTo(view)
    assert str(paths.history_db) in view.notice.text()
    assert "damaged session (id 7)" in view.notice.text()
    assert view.stack.currentWidget() is view.empty_label  # nothing shown, nothing made up
    view.close()


def small_store(paths: AppPaths, days: tuple[int, ...]) -> HistoryStore:
    store = HistoryStore.open(paths.history_db, now=lambda: NOW)
    sessions = [DemoSession(NOW - timedelta(days=d), pain_after=1) for d in days]
    fill_store(store, demo_routine("Small routine"), sessions)
    return store


def test_an_update_is_read_on_the_worker_with_the_old_data_on_screen(qtbot, paths):
    """After a session the page reads its history again off the GUI thread (from
    `update_background_from` sessions; here always), and shows what it showed meanwhile."""
    store = small_store(paths, (3, 2))
    view = HistoryView(store, paths, now=lambda: NOW, tz=UTC, update_background_from=0)
    qtbot.addWidget(view)
    snapshot = view.snapshot
    assert snapshot is not None and len(snapshot.sessions) == 2  # the first read is in place
    assert not view.loading and not view.updating
    fill_store(store, demo_routine("Small routine"), [DemoSession(NOW - timedelta(days=1))])
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.refresh()
        assert view.updating and not view.loading
        assert view.stack.currentWidget() is not view.loading_label  # no "Loading…" flash
        assert view.snapshot is snapshot and view.range_buttons["All"].isEnabled()
    assert not view.updating
    assert view.snapshot is not None and len(view.snapshot.sessions) == 3
    view.close()
    store.close()


def test_another_routine_or_profile_is_no_update_of_what_is_shown(qtbot, paths):
    """The old data stays on screen only for the same history and filter: another routine is
    read as a first read (in place, for a small history)."""
    store = small_store(paths, (3, 2))
    fill_store(store, demo_routine("Other routine"), [DemoSession(NOW - timedelta(days=1))])
    view = HistoryView(store, paths, now=lambda: NOW, tz=UTC, update_background_from=0)
    qtbot.addWidget(view)
    other = view.routine_filter.findText("Other routine")
    view.routine_filter.setCurrentIndex(other)
    assert not view.updating
    snapshot = view.snapshot
    assert snapshot is not None
    assert {s.routine_title for s in snapshot.sessions} == {"Other routine"}
    view.close()
    store.close()


def test_a_failed_update_keeps_what_is_shown_and_says_why(qtbot, paths):
    store = small_store(paths, (3, 2))
    view = HistoryView(store, paths, now=lambda: NOW, tz=UTC, update_background_from=0)
    qtbot.addWidget(view)
    with closing(sqlite3.connect(paths.history_db)) as conn, conn:  # behind the store's back
        conn.execute("UPDATE sessions SET started_at = 'yesterday' WHERE id = 1")
    view.refresh()
    assert view.updating
    qtbot.waitUntil(lambda: not view.updating, timeout=20_000)
    assert "damaged session (id 1)" in view.notice.text()
    snapshot = view.snapshot
    assert snapshot is not None and len(snapshot.sessions) == 2  # what was shown stays
    assert view.stack.currentWidget() is not view.empty_label
    view.close()
    store.close()
