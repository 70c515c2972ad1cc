"""Reading a WAL history in a folder hiprehab may not write to: it only reads, so it must work.

SQLite makes a `-shm` file beside a WAL journal even to read it, which a read-only folder
forbids; hiprehab then reads a copy instead and leaves the folder exactly as it was. As root
permissions are not enforced, so the folder is made read-only and also reported unwritable
(as tests/history/test_recovery.py does); a real non-root run checks the permission itself
(both cases were also checked by hand as user nobody: plain SQLite fails, hiprehab reads).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hiprehab.cli.history import run
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from tests.history.history_child import sample_routine

T0 = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)


def wal_history_left_by_a_dead_writer(folder: Path) -> None:
    """A history whose last session is still only in its `-wal` (the writer was killed)."""
    scratch = folder.parent / "scratch"
    scratch.mkdir(parents=True)
    db = scratch / "history.sqlite3"
    store = HistoryStore.open(db, now=lambda: T0)
    store._conn.execute("PRAGMA wal_autocheckpoint = 0")  # keep everything in the journal
    store.start_session(sample_routine(), started_at=T0, pain_before=2)
    assert Path(f"{db}-wal").stat().st_size > 0
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db, folder / "history.sqlite3")  # as a kill -9 leaves them (no -shm kept)
    shutil.copyfile(f"{db}-wal", folder / "history.sqlite3-wal")
    store.close()
    shutil.rmtree(scratch)


def wal_history_closed_cleanly(folder: Path) -> None:
    """A WAL-mode history with no `-wal` left: SQLite still wants to make one to read it."""
    folder.mkdir(parents=True, exist_ok=True)
    with HistoryStore.open(folder / "history.sqlite3", now=lambda: T0) as store:
        store.start_session(sample_routine(), started_at=T0, pain_before=2)
    assert sorted(p.name for p in folder.iterdir()) == ["history.sqlite3"]


HISTORIES = [wal_history_left_by_a_dead_writer, wal_history_closed_cleanly]


def _read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder.chmod(0o555)
    real_access = os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if Path(str(path)) == folder and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("hiprehab.history.recovery.os.access", access)


@pytest.mark.parametrize("make", HISTORIES)
def test_a_wal_history_in_a_read_only_folder_is_read_and_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], None]
) -> None:
    folder = tmp_path / "data"
    make(folder)
    before = sorted(p.name for p in folder.iterdir())
    _read_only(folder, monkeypatch)
    try:
        with HistoryStore.open(folder / "history.sqlite3", read_only=True) as store:
            assert [s.pain_before for s in store.sessions()] == [2]
        assert sorted(p.name for p in folder.iterdir()) == before  # no -shm made, nothing moved
    finally:
        folder.chmod(0o755)


def test_history_list_reads_a_read_only_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = AppPaths.from_environment()
    folder = paths.history_db.parent
    wal_history_left_by_a_dead_writer(folder)
    before = sorted(p.name for p in folder.iterdir())
    _read_only(folder, monkeypatch)
    try:
        assert run(["list"]) == 0
        assert "11/2/26" in capsys.readouterr().out  # the session of 2026-11-02, as "en" writes it
        assert sorted(p.name for p in folder.iterdir()) == before
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
@pytest.mark.parametrize("make", HISTORIES)
def test_a_really_read_only_folder(tmp_path: Path, make: Callable[[Path], None]) -> None:
    folder = tmp_path / "data"
    make(folder)
    folder.chmod(0o555)
    try:
        with HistoryStore.open(folder / "history.sqlite3", read_only=True) as store:
            assert len(store.sessions()) == 1
    finally:
        folder.chmod(0o755)


def test_sqlite_itself_needs_the_folder_for_a_wal(tmp_path: Path) -> None:
    """Why the copy is needed: SQLite leaves a `-shm` beside a WAL even when only reading."""
    folder = tmp_path / "data"
    wal_history_left_by_a_dead_writer(folder)
    db = folder / "history.sqlite3"
    conn = sqlite3.connect(db.as_uri() + "?mode=ro", uri=True)
    conn.execute("SELECT COUNT(*) FROM sessions").fetchone()
    assert Path(f"{db}-shm").exists()
    conn.close()
