"""`hiprehab history`: list, summary, export, import, profiles; user errors exit 1."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiprehab.core.history import HistoryStore
from hiprehab.core.history_io import CSV_COLUMNS
from hiprehab.core.paths import AppPaths
from hiprehab.history_cmd import run
from tests.core.history_child import sample_routine

T0 = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)


@pytest.fixture
def paths() -> AppPaths:
    return AppPaths.from_environment()


@pytest.fixture
def own_history(paths: AppPaths) -> Path:
    """The user's own history (in the test's HIPREHAB_HOME): two finished sessions, one running."""
    with HistoryStore.open(paths.history_db) as store:
        for day, status in ((0, "completed"), (2, "stopped")):
            started = T0 + timedelta(days=day)
            session_id = store.start_session(sample_routine(), started_at=started, pain_before=2)
            store.record_work_period(
                session_id, exercise_id="bridge", exercise_name="Bridge", set_number=1,
                side="none", planned_seconds=50, actual_seconds=50, status="completed",
                ended_at=started + timedelta(minutes=2),
            )  # fmt: skip
            store.finish_session(
                session_id, status=status, active_seconds=125, paused_seconds=0,
                ended_at=started + timedelta(minutes=20),
            )  # fmt: skip
            store.set_pain_after(session_id, 3 + day)
        store.set_note(1, "Felt strong today, " * 5)
        store.start_session(sample_routine(), started_at=T0 + timedelta(days=3))
    return paths.history_db


def test_list_without_any_history(paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["list"]) == 0
    assert capsys.readouterr().out == "No sessions recorded yet.\n"
    assert not paths.history_db.exists()  # looking creates nothing


def test_list_prints_a_table(own_history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "Started", "Routine", "Status", "Sets", "Active", "Pain",
                                "b/a/m", "Note"]  # fmt: skip
    assert len(lines) == 4
    first = lines[1].split()
    assert first[0] == "1" and "Hip basics" in lines[1] and "completed" in first
    assert "1/7" in first and "2:05" in first and "2/3/-" in first
    assert lines[1].endswith("…")  # the long note is clipped
    assert "stopped" in lines[2] and "2/5/-" in lines[2]
    assert "running" in lines[3] and "0/7" in lines[3]


def test_list_since_a_date(own_history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["list", "--since", "2026-11-04"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3  # header + sessions 2 and 3
    assert run(["list", "--since", "2027-01-01"]) == 0
    assert capsys.readouterr().out == "No sessions since then.\n"


def test_commands_only_read_the_users_history(
    own_history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = own_history.read_bytes()
    assert run(["export", "--json", str(tmp_path / "h.json")]) == 0
    assert run(["summary"]) == 0
    assert own_history.read_bytes() == before
    with HistoryStore.open(own_history, read_only=True) as store:
        assert store.session(3).status == "running"  # not declared interrupted by a command


def test_export_csv_to_a_file_and_to_stdout(
    own_history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    assert run(["export", "--csv", str(target)]) == 0
    assert f"Wrote 3 sessions to {target}" in capsys.readouterr().err
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 4
    assert run(["export", "--csv", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("session_id,routine,") and len(out.splitlines()) == 4


def test_export_import_and_use_a_profile(
    own_history: Path, tmp_path: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.json"
    assert run(["export", "--json", str(export), "--name", "Anna Berg"]) == 0
    assert json.loads(export.read_text(encoding="utf-8"))["person"] == "Anna Berg"
    assert run(["import", str(export)]) == 0
    out = capsys.readouterr().out
    assert "Imported the profile 'Anna Berg' with 3 sessions" in out
    assert run(["profiles"]) == 0
    assert capsys.readouterr().out == f"Anna Berg\t{paths.profiles_dir / 'anna-berg.sqlite3'}\n"
    assert run(["list", "--profile", "anna berg"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4
    assert run(["export", "--json", "-", "--profile", "Anna Berg"]) == 0
    assert json.loads(capsys.readouterr().out)["person"] == "Anna Berg"
    assert run(["import", str(export), "--name", "Anna Berg"]) == 0
    assert "Replaced the profile" in capsys.readouterr().out


def test_summary(own_history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["summary", "--weeks", "2"]) == 0
    out = capsys.readouterr().out
    assert "Week" in out and "Streak:" in out
    assert "Pain guidance (amber): Acceptable pain: hold the load" in out
    assert run(["summary", "--profile", "nobody"]) == 1


def test_no_profiles(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["profiles"]) == 0
    assert capsys.readouterr().out == "No imported profiles.\n"


def test_user_errors_exit_1_with_a_message(
    own_history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert run(["import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"hiprehab history: error: {bad} is not valid JSON")
    assert run(["list", "--profile", "nobody"]) == 1
    assert "no imported profile called 'nobody'" in capsys.readouterr().err
    assert run(["export", "--csv", str(tmp_path / "missing" / "x.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        [],
        ["export"],
        ["export", "--csv", "a", "--json", "b"],
        ["summary", "--weeks", "0"],
    ):
        with pytest.raises(SystemExit) as caught:
            run(argv)
        assert caught.value.code == 2
    capsys.readouterr()


def test_the_real_command_shows_no_traceback_and_loads_no_qt(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    code = (
        "import sys\n"
        "from hiprehab.cli import main\n"
        f"status = main(['history', 'import', {str(bad)!r}])\n"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))])\n"
        "sys.exit(status)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout.strip() == "[]"
    assert "Traceback" not in done.stderr
    assert f"{bad}: the file: must be an object" in done.stderr
