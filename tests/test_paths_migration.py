"""Data in the folders older versions used moves to today's once, without loss: nothing at the new
place is overwritten, a second run does nothing, and a move that fails leaves the old files as
they were with a message saying so. Every folder here is a temporary one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from platformdirs.macos import MacOS

from hiprehab.cli import history as history_cli
from hiprehab.paths import AppPaths
from hiprehab.paths_legacy import legacy_paths
from hiprehab.paths_migration import migrate_legacy

ROWS = [(1, "first"), (2, "second"), (3, "third")]


@pytest.fixture
def new(tmp_path: Path) -> AppPaths:
    return AppPaths.in_folder(tmp_path / "new")


@pytest.fixture
def old(tmp_path: Path, new: AppPaths) -> AppPaths:
    return replace(new, data_dir=tmp_path / "old" / "data", config_dir=tmp_path / "old" / "cfg")


def write_wal_database(target: Path, scratch: Path) -> None:
    """A database whose rows are still only in its -wal file, as a killed app leaves it."""
    scratch.mkdir()
    source = scratch / "history.sqlite3"
    with contextlib.closing(sqlite3.connect(source)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA wal_autocheckpoint=0")
        db.execute("CREATE TABLE t (id INTEGER, name TEXT)")
        db.executemany("INSERT INTO t VALUES (?, ?)", ROWS)
        db.commit()
        target.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):  # copied while open: the -wal holds the rows
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    assert (target.parent / "history.sqlite3-wal").stat().st_size > 0


def read_rows(database: Path) -> list[tuple[int, str]]:
    with contextlib.closing(sqlite3.connect(database)) as db:
        return list(db.execute("SELECT id, name FROM t ORDER BY id"))


def fill_old(old: AppPaths, scratch: Path) -> None:
    write_wal_database(old.history_db, scratch)
    old.config_dir.mkdir(parents=True)
    old.settings_file.write_text("[sound]\nvolume=40\n")
    (old.routines_dir / "pictures").mkdir(parents=True)
    (old.routines_dir / "mine.toml").write_text("title = 'Mine'\n")
    (old.routines_dir / "pictures" / "bridge.png").write_bytes(b"\x89PNG fake")
    old.profiles_dir.mkdir()
    (old.profiles_dir / "sam.sqlite3").write_bytes(b"profile bytes")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_everything_moves_to_the_new_folders_without_loss(
    old: AppPaths, new: AppPaths, tmp_path: Path
) -> None:
    fill_old(old, tmp_path / "scratch")
    before = snapshot(tmp_path / "old")
    new.ensure()  # the empty folders a start makes do not count as data

    notes = migrate_legacy(new, old)

    assert [n.split(" from ")[0] for n in notes] == [
        "Moved your exercise history",
        "Moved your settings",
        "Moved your routines",
        "Moved the imported profiles",
    ]
    assert all(str(new.data_dir) in n or str(new.config_dir) in n for n in notes)
    assert read_rows(new.history_db) == ROWS  # the rows only the -wal held came along
    moved = {**snapshot(new.data_dir), **snapshot(new.config_dir)}
    for name in ("mine.toml", "pictures/bridge.png"):
        assert moved[f"routines/{name}"] == before[f"data/routines/{name}"]
    assert moved["profiles/sam.sqlite3"] == b"profile bytes"
    assert moved["settings.ini"] == before["cfg/settings.ini"]
    assert not old.data_dir.exists() and not old.config_dir.exists()  # emptied, then removed


def test_a_second_run_does_nothing(old: AppPaths, new: AppPaths, tmp_path: Path) -> None:
    fill_old(old, tmp_path / "scratch")
    assert len(migrate_legacy(new, old)) == 4
    after = snapshot(tmp_path / "new")
    assert migrate_legacy(new, old) == []
    assert snapshot(tmp_path / "new") == after


def test_nothing_to_do_when_the_old_folders_are_the_new_ones(new: AppPaths) -> None:
    new.ensure()
    new.settings_file.write_text("[a]\n")
    assert migrate_legacy(new, new) == []
    assert migrate_legacy(AppPaths.from_environment()) == []  # HIPREHAB_HOME: the same layout
    assert new.settings_file.read_text() == "[a]\n"


def test_data_at_the_new_place_is_never_overwritten(
    old: AppPaths, new: AppPaths, tmp_path: Path
) -> None:
    fill_old(old, tmp_path / "scratch")
    new.ensure()
    new.settings_file.write_text("[sound]\nvolume=90\n")
    (new.routines_dir / "newer.toml").write_text("title = 'Newer'\n")
    old_before = snapshot(tmp_path / "old")

    notes = migrate_legacy(new, old)

    assert notes[0].startswith("Moved your exercise history")
    assert notes[1] == (
        f"Kept your settings in {new.settings_file}; the older copy in {old.settings_file} "
        "was left where it is, not merged."
    )
    assert notes[2].startswith("Kept your routines in ")
    assert notes[3].startswith("Moved the imported profiles")
    assert new.settings_file.read_text() == "[sound]\nvolume=90\n"
    assert sorted(p.name for p in new.routines_dir.iterdir()) == ["newer.toml"]
    assert old.settings_file.read_bytes() == old_before["cfg/settings.ini"]
    prefix = "data/routines/"
    assert snapshot(old.routines_dir) == {
        name.removeprefix(prefix): data for name, data in old_before.items() if prefix in name
    }


def test_a_stale_wal_at_the_new_place_keeps_the_old_history_where_it_is(
    old: AppPaths, new: AppPaths, tmp_path: Path
) -> None:
    write_wal_database(old.history_db, tmp_path / "scratch")
    new.data_dir.mkdir(parents=True)
    stale = new.history_db.with_name("history.sqlite3-wal")
    stale.write_bytes(b"not yours")
    notes = migrate_legacy(new, old)
    assert len(notes) == 1 and notes[0].startswith("Kept your exercise history")
    assert not new.history_db.exists() and stale.read_bytes() == b"not yours"
    assert read_rows(old.history_db) == ROWS


def test_across_file_systems_the_data_is_copied_then_the_old_removed(
    old: AppPaths, new: AppPaths, tmp_path: Path
) -> None:
    fill_old(old, tmp_path / "scratch")
    before = snapshot(tmp_path / "old")
    real_rename = os.rename

    def no_link(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    def rename(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(src).is_relative_to(tmp_path / "old"):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_rename(src, dst, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "link", no_link)
        patch.setattr(os, "rename", rename)
        notes = migrate_legacy(new, old)

    assert [n.split(" ")[0] for n in notes] == ["Moved"] * 4
    assert sorted(p.name for p in new.data_dir.iterdir()) == [
        "history.sqlite3", "history.sqlite3-shm", "history.sqlite3-wal", "profiles", "routines"
    ]  # no staging folder left
    assert read_rows(new.history_db) == ROWS
    assert snapshot(new.routines_dir) == {
        "mine.toml": before["data/routines/mine.toml"],
        "pictures/bridge.png": before["data/routines/pictures/bridge.png"],
    }
    assert not (tmp_path / "old").exists() or snapshot(tmp_path / "old") == {}


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` (and what is in it) cannot be changed. The permission bits do that for a normal
    user; root ignores them, so the calls are refused here as the kernel would refuse them."""
    folders = [folder, *(p for p in folder.rglob("*") if p.is_dir())]
    for f in folders:
        f.chmod(0o555)
    patch = pytest.MonkeyPatch()
    if getattr(os, "geteuid", lambda: -1)() == 0:

        def refuse(real: Callable[..., Any]) -> Callable[..., Any]:
            def call(path: Any, *args: Any, **kwargs: Any) -> Any:
                if kwargs.get("dir_fd") is None and Path(path).parent.is_relative_to(folder):
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
                return real(path, *args, **kwargs)

            return call

        for name in ("unlink", "rmdir", "rename"):
            patch.setattr(os, name, refuse(getattr(os, name)))
    try:
        yield
    finally:
        patch.undo()
        for f in folders:
            f.chmod(0o755)


def test_a_read_only_old_folder_leaves_everything_in_place_and_says_so(
    old: AppPaths, new: AppPaths, tmp_path: Path
) -> None:
    fill_old(old, tmp_path / "scratch")
    before = snapshot(tmp_path / "old")
    with read_only(tmp_path / "old"):
        notes = migrate_legacy(new, old)
    assert len(notes) == 4
    for note, old_place in zip(
        notes,
        (old.history_db, old.settings_file, old.routines_dir, old.profiles_dir),
        strict=True,
    ):
        assert note.startswith("Could not move "), note
        assert "Permission denied" in note
        assert note.endswith(f"; it was left untouched in {old_place}.")
    assert snapshot(tmp_path / "old") == before
    assert read_rows(old.history_db) == ROWS
    assert snapshot(tmp_path / "new") == {}  # no half-moved history or copy beside it


def test_a_failure_partway_through_the_history_puts_back_what_had_moved(
    old: AppPaths, new: AppPaths, tmp_path: Path
) -> None:
    write_wal_database(old.history_db, tmp_path / "scratch")
    before = snapshot(old.data_dir)
    real_unlink = os.unlink

    def unlink(path: Any, *args: Any, **kwargs: Any) -> None:
        if str(path) == f"{old.history_db}-wal":
            raise OSError(errno.EIO, "Input/output error", str(path))
        real_unlink(path, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "unlink", unlink)
        notes = migrate_legacy(new, old)
    assert notes == [
        f"Could not move your exercise history from {old.history_db} to {new.history_db} "
        f"(Input/output error: {old.history_db}-wal); it was left untouched in {old.history_db}."
    ]
    assert snapshot(old.data_dir) == before
    assert list(new.data_dir.iterdir()) == []
    assert read_rows(old.history_db) == ROWS


def test_macos_settings_move_out_of_the_preferences_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HIPREHAB_HOME")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    paths = AppPaths.from_environment(platform_dirs=MacOS)
    preferences = tmp_path / "Library" / "Preferences" / "hiprehab"
    preferences.mkdir(parents=True)
    (preferences / "settings.ini").write_text("[theme]\nname=dark\n")

    notes = migrate_legacy(paths, legacy_paths(paths, platform="darwin"))

    moved = f"Moved your settings from {preferences / 'settings.ini'} to {paths.settings_file}."
    assert notes == [moved]
    assert paths.settings_file.read_text() == "[theme]\nname=dark\n"
    assert not preferences.exists()
    assert migrate_legacy(paths, legacy_paths(paths, platform="darwin")) == []


def test_the_history_command_migrates_first_and_says_what_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    current = AppPaths.from_environment()
    old = replace(current, data_dir=tmp_path / "old" / "data", config_dir=tmp_path / "old" / "cfg")
    old.config_dir.mkdir(parents=True)
    old.settings_file.write_text("[a]\n")
    monkeypatch.setattr("hiprehab.paths_migration.legacy_paths", lambda paths: old)

    assert history_cli.run(["profiles"]) == 0

    out, err = capsys.readouterr()
    assert out == "No imported profiles.\n"
    moved = f"Moved your settings from {old.settings_file} to {current.settings_file}."
    assert err == f"hiprehab history: {moved}\n"
    assert current.settings_file.read_text() == "[a]\n"
