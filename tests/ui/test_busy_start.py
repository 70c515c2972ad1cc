"""Starting while another program holds the history file's write lock keeps the history on:
the app opens it at once, shows it, and records sessions that are saved when the file is free."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.ui.app import open_store
from hiprehab.ui.main_window import MainWindow
from tests.history.history_child import sample_routine


@pytest.fixture
def locker(paths: AppPaths) -> Iterator[sqlite3.Connection]:
    """A history with a session left running by a crash, locked by another program."""
    with HistoryStore.open(paths.history_db) as store:
        store.start_session(sample_routine(), pain_before=2)
    conn = sqlite3.connect(paths.history_db, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def test_a_locked_history_is_opened_at_start_without_waiting_or_a_warning(
    paths: AppPaths, locker: sqlite3.Connection
) -> None:
    started = time.monotonic()
    store, message = open_store(paths)
    assert store is not None
    try:
        assert time.monotonic() - started < 2.0
        assert message is None
        (session,) = store.sessions()
        assert session.status == "running"  # marked interrupted by the first write
        locker.execute("ROLLBACK")
        store.set_note(session.id, "written once the file was free")
        assert store.session(session.id).status == "interrupted"
    finally:
        store.close()


def test_the_window_shows_the_history_although_it_was_locked_at_start(
    qtbot: QtBot, make_window: Callable[..., MainWindow], locker: sqlite3.Connection
) -> None:
    window = make_window(store=None)  # the window opens the user's history itself
    try:
        assert window.store is not None
        assert window.dialog is None  # no "history could not be opened" at start
        window.run_startup()
        assert window.dialog is None
        window.show_page("history")
        assert type(window.history_page.layout().itemAt(0).widget()).__name__ == "HistoryView"
    finally:
        window.close()
        if window.store is not None:
            window.store.close()
