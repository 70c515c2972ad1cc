"""Hostile files given to `hiprehab history import`: one clear line, exit 1, nothing kept.

Never a traceback, never a hang: a named pipe or a folder is refused before it is read, a huge
file before it is read whole, and the half-built profile of an import killed long ago is cleaned.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiprehab.cli.history import run
from hiprehab.history.exchange import json_format
from hiprehab.history.exchange.profiles import STALE_AFTER, import_history, remove_stale_staging
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from tests.history.exchange.hostile_files import HOSTILE_CONTENTS, valid_export


def kept_files(paths: AppPaths) -> list[Path]:
    folder = paths.profiles_dir
    return sorted(folder.iterdir()) if folder.exists() else []


def assert_refused_in_one_line(
    code: int, capsys: pytest.CaptureFixture[str], source: Path, paths: AppPaths
) -> str:
    out, err = capsys.readouterr()
    assert code == 1, err
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err[:2000]
    assert str(source) in lines[0]
    assert "Traceback" not in err
    assert len(lines[0]) < 400
    assert kept_files(paths) == []
    return lines[0]


def test_a_valid_file_of_the_table_imports(tmp_path: Path, paths: AppPaths) -> None:
    """The base every hostile file is a variation of is itself fine (so each fault is its own)."""
    source = tmp_path / "anna.json"
    source.write_text(json.dumps(valid_export()), encoding="utf-8")
    assert import_history(source, paths).sessions == 1


@pytest.mark.parametrize("case", sorted(HOSTILE_CONTENTS))
def test_a_hostile_file_is_refused_in_one_line(
    case: str, tmp_path: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "hostile.json"
    source.write_bytes(HOSTILE_CONTENTS[case])
    assert_refused_in_one_line(run(["import", str(source)]), capsys, source, paths)


def test_a_folder_is_refused(
    tmp_path: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "export.json"
    source.mkdir()
    line = assert_refused_in_one_line(run(["import", str(source)]), capsys, source, paths)
    assert "folder" in line


def test_a_huge_file_is_refused_unread(
    tmp_path: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "huge.json"
    with source.open("wb") as handle:  # sparse: large on paper, nothing written
        handle.truncate(json_format.MAX_FILE_BYTES + 1)
    line = assert_refused_in_one_line(run(["import", str(source)]), capsys, source, paths)
    assert "too big" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    """Run as the real command, so a hang fails the test by its timeout instead of blocking."""
    home = tmp_path / "home"
    pipe = tmp_path / "export.json"
    os.mkfifo(pipe)
    result = subprocess.run(
        [sys.executable, "-m", "hiprehab", "history", "import", str(pipe)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HIPREHAB_HOME": str(home)},
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert len(result.stderr.splitlines()) == 1 and str(pipe) in result.stderr
    assert "not a regular file" in result.stderr
    assert not (home / "profiles").exists() or not any((home / "profiles").iterdir())


def test_stale_staging_files_of_a_killed_import_are_cleaned(
    tmp_path: Path, paths: AppPaths
) -> None:
    folder = paths.profiles_dir
    folder.mkdir(parents=True)
    now = datetime(2027, 1, 20, 12, 0, tzinfo=UTC)
    old = [folder / ".anna.importing-4242.sqlite3", folder / ".anna.importing-4242.sqlite3-wal"]
    fresh = folder / ".ben.importing-4343.sqlite3"  # an import running now: never touched
    mine = folder / "carl.sqlite3"
    for path in (*old, fresh, mine):
        path.write_bytes(b"x")
    stamp = (now - STALE_AFTER - timedelta(minutes=1)).timestamp()
    for path in (*old, mine):
        os.utime(path, (stamp, stamp))
    os.utime(fresh, ((now - timedelta(minutes=5)).timestamp(),) * 2)
    assert sorted(remove_stale_staging(folder, now)) == sorted(old)
    assert sorted(folder.iterdir()) == sorted([fresh, mine])


def test_an_import_cleans_what_a_killed_import_left(tmp_path: Path, paths: AppPaths) -> None:
    folder = paths.profiles_dir
    folder.mkdir(parents=True)
    left = folder / ".anna.importing-4242.sqlite3"
    left.write_bytes(b"half a database")
    os.utime(left, (0, 0))
    source = tmp_path / "anna.json"
    source.write_text(json.dumps(valid_export()), encoding="utf-8")
    import_history(source, paths)
    assert [p.name for p in folder.iterdir()] == ["anna.sqlite3"]


def test_a_named_pipe_where_the_history_should_be_is_refused(
    tmp_path: Path,
) -> None:
    from hiprehab.history.errors import StoreError

    db = tmp_path / "history.sqlite3"
    os.mkfifo(db)
    for read_only in (True, False):
        with pytest.raises(StoreError, match="not a regular file"):
            HistoryStore.open(db, read_only=read_only)
