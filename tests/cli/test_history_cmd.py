"""`hiprehab history`: list, summary, export, import, profiles; user errors exit 1."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiprehab.cli.history import run
from hiprehab.history.exchange.csv_format import CSV_COLUMNS
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.session.recorder import WorkReport
from tests.history.history_child import sample_routine

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
                session_id,
                WorkReport(
                    exercise_id="bridge",
                    exercise_name="Bridge",
                    set_number=1,
                    side="none",
                    planned_seconds=50,
                    actual_seconds=50,
                    status="completed",
                ),
                ended_at=started + timedelta(minutes=2),
            )
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
    assert len(lines) == 6  # header, 3 sessions, a blank line and what "running or..." means
    first = lines[1].split()
    assert first[0] == "1" and "Hip basics" in lines[1] and "completed" in first
    assert "1/7" in first and "2:05" in first and "2/3/-" in first
    assert lines[1].endswith("…")  # the long note is clipped
    assert "stopped" in lines[2] and "2/5/-" in lines[2]
    assert "running or interrupted" in lines[3] and "0/7" in lines[3]
    assert lines[5].startswith("running or interrupted: still going in the app, or the app")
    # the columns still line up with the wider status column
    assert lines[1].index("1/7") == lines[3].index("0/7")


def test_list_does_not_pass_off_a_dead_session_as_running(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """The app died mid-session: a read-only look cannot tell, so it says so, and shows the
    time of the work periods saved so far instead of 0:00; the file stays untouched."""
    with HistoryStore.open(paths.history_db) as store:
        session_id = store.start_session(sample_routine(), started_at=T0)
        for n in (1, 2):
            store.record_work_period(
                session_id,
                WorkReport(
                    exercise_id="bridge",
                    exercise_name="Bridge",
                    set_number=n,
                    side="none",
                    planned_seconds=50,
                    actual_seconds=45,
                    status="completed",
                ),
                ended_at=T0 + timedelta(minutes=n),
            )
    before = paths.history_db.read_bytes()
    assert run(["list"]) == 0
    line = capsys.readouterr().out.splitlines()[1].split()
    assert "running or interrupted" in " ".join(line)
    assert "2/7" in line and "1:30" in line  # two work periods of 45 s
    assert paths.history_db.read_bytes() == before
    with HistoryStore.open(paths.history_db, read_only=True) as store:
        assert store.session(session_id).status == "running"


def test_list_since_a_date(own_history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["list", "--since", "2026-11-04"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[1:3]] == ["2", "3"]  # header + sessions 2 and 3
    assert lines[3:4] == [""]  # then only the note on "running or interrupted"
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
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[1:4]] == ["1", "2", "3"]
    assert "when this history was exported" in lines[5]  # a profile is never recovered
    assert run(["export", "--json", "-", "--profile", "Anna Berg"]) == 0
    assert json.loads(capsys.readouterr().out)["person"] == "Anna Berg"
    assert run(["import", str(export), "--name", "Anna Berg", "--replace"]) == 0
    assert "Replaced the profile" in capsys.readouterr().out


def test_import_refuses_a_name_already_taken(
    own_history: Path, tmp_path: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "anna.json"
    assert run(["export", "--json", str(export), "--name", "Anna"]) == 0
    assert run(["import", str(export)]) == 0
    profile = paths.profiles_dir / "anna.sqlite3"
    before = profile.read_bytes()
    capsys.readouterr()
    assert run(["import", str(export)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hiprehab history: error: there is already an imported profile called")
    assert "'Anna'" in err and "--name NAME" in err and "--replace" in err
    assert profile.read_bytes() == before
    assert run(["import", str(export), "--name", "Anna Lind"]) == 0
    assert "Imported the profile 'Anna Lind'" in capsys.readouterr().out
    assert run(["import", str(export), "--replace"]) == 0
    assert "Replaced the profile 'Anna'" in capsys.readouterr().out


def test_summary_of_a_profile_is_as_of_its_export(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exported weeks ago: the weeks since must not show up as missed, nor break the streak."""
    monday = datetime(2026, 9, 7, 9, 0, tzinfo=UTC)  # ISO week 2026-W37
    with HistoryStore.open(paths.history_db) as store:
        for week in range(3):
            for day in (0, 2, 4):
                started = monday + timedelta(weeks=week, days=day)
                session_id = store.start_session(
                    sample_routine(sessions_per_week=3), started_at=started
                )
                store.finish_session(
                    session_id, status="completed", active_seconds=600, paused_seconds=0,
                    ended_at=started + timedelta(minutes=15),
                )  # fmt: skip
    export = tmp_path / "sam.json"
    exported = monday + timedelta(weeks=2, days=5)  # Saturday of the third week
    from hiprehab.history.exchange.json_format import write_json

    with HistoryStore.open(paths.history_db, read_only=True) as store:
        write_json(store.snapshot(), export, person="Sam", exported_at=exported)
    assert run(["import", str(export)]) == 0
    capsys.readouterr()
    assert run(["summary", "--profile", "Sam"]) == 0
    out = capsys.readouterr().out
    assert "As of September 26, 2026, when it was exported" in out
    rows = [line for line in out.splitlines() if line.startswith("2026-W")]
    assert [r.split()[0] for r in rows] == ["2026-W37", "2026-W38", "2026-W39"]  # no later weeks
    assert "Streak: 3 weeks in a row on plan" in out
    # passed on again, the profile keeps the moment its data is from
    assert run(["export", "--json", "-", "--profile", "Sam"]) == 0
    assert json.loads(capsys.readouterr().out)["exported_at"] == "2026-09-26T09:00:00Z"


def test_summary(own_history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["summary", "--weeks", "2"]) == 0
    out = capsys.readouterr().out
    assert "Week" in out and "Streak:" in out
    assert "Pain guidance as of " in out and "What to do next: " in out
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
        "from hiprehab.launch import main\n"
        f"status = main(['history', 'import', {str(bad)!r}])\n"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))])\n"
        "sys.exit(status)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout.strip() == "[]"
    assert "Traceback" not in done.stderr
    assert f"{bad}: the file: must be an object" in done.stderr


def test_summary_lists_each_routine_under_a_week_with_several(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    warm_up = sample_routine(title="Warm-up", sessions_per_week=3)
    strength = sample_routine(title="Hip strength with a long title", sessions_per_week=2)
    with HistoryStore.open(paths.history_db) as store:
        for day, routine in ((0, warm_up), (0, strength), (1, warm_up), (2, warm_up),
                             (3, warm_up), (14, warm_up)):  # fmt: skip
            started = T0 + timedelta(days=day, hours=day and 1)
            sid = store.start_session(routine, started_at=started)
            store.finish_session(
                sid, status="completed", active_seconds=600, paused_seconds=0,
                ended_at=started + timedelta(minutes=15),
            )  # fmt: skip
    assert run(["summary", "--weeks", "1000"]) == 0  # every week from the first, whatever today
    lines = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("2026-W45"))
    # W45: warm-up 4 of 3 counts 3, strength 1 of 2: 4 of 5, 80 % (no sets were recorded)
    assert lines[start].split() == ["2026-W45", "11/2/2026", "5", "4.0", "80%", "0%"]
    assert lines[start + 1].split() == ["Warm-up", "3", "4.0", "133%"]
    assert lines[start + 2].split() == ["Hip", "strength", "with…", "2", "1.0", "50%"]
    assert lines[start + 1].startswith("  Warm-up")
    # a routine's figures stand under its week's
    assert lines[start + 2].index("1.0") == lines[start].index("4.0")
    # W46 carries both routines (nothing done); W47 has the warm-up alone: no breakdown
    assert lines[start + 3].split()[:5] == ["2026-W46", "11/9/2026", "5", "0.0", "0%"]
    assert lines[start + 4].split() == ["Warm-up", "3", "0.0", "0%"]
    assert lines[start + 6].split()[:5] == ["2026-W47", "11/16/2026", "3", "1.0", "33%"]
    assert lines[start + 7].startswith("2026-W48")
    assert any(line.startswith("Each routine counts up to its own plan") for line in lines)
