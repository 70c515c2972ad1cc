"""The exported files, byte for byte: a small fixed history exported to JSON and CSV.

The golden files in `golden/` were written before the session fields were declared once; any
change to what an export holds or how it is spelled shows up here. The JSON golden file is also
imported and exported again, so reading, storing and writing agree with each other.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hiprehab import __version__
from hiprehab.history.adjustments import Adjustment
from hiprehab.history.exchange.csv_format import csv_text
from hiprehab.history.exchange.json_format import json_text, parse_export
from hiprehab.history.records import (
    HistorySnapshot,
    RoutineRecord,
    SessionRecord,
    WorkPeriodRecord,
    routine_hash,
)
from hiprehab.history.store import HistoryStore
from tests.history.history_child import sample_routine

GOLDEN = Path(__file__).parent / "golden"
T0 = datetime(2026, 12, 28, 7, 0, tzinfo=UTC)
EXPORTED = datetime(2027, 1, 20, 12, 0, tzinfo=UTC)


def _session(session_id: int, digest: str, day: int, **fields: object) -> SessionRecord:
    values: dict[str, object] = {
        "id": session_id,
        "routine_hash": digest,
        "routine_title": "ignored on import",
        "sessions_per_week": 3,
        "started_at": T0 + timedelta(days=day),
        "ended_at": T0 + timedelta(days=day, minutes=25),
        "status": "completed",
        "active_seconds": 1200.0,
        "paused_seconds": 0.0,
        "pain_before": 2,
        "pain_after": 3,
        "pain_next_morning": None,
        "morning_asked": False,
        "note": "",
        "planned_work_periods": 3,
        "completed_work_periods": 0,
        "recorded_work_periods": 0,
    }
    values.update(fields)
    return SessionRecord(**values)  # type: ignore[arg-type]


def _period(session_id: int, n: int, **fields: object) -> WorkPeriodRecord:
    values: dict[str, object] = {
        "id": 0,
        "session_id": session_id,
        "exercise_id": "bridge",
        "exercise_name": "Bridge",
        "set_number": n,
        "side": "none",
        "planned_seconds": 45.0,
        "actual_seconds": 45.0,
        "status": "completed",
        "ended_at": T0 + timedelta(minutes=3 * n),
    }
    values.update(fields)
    return WorkPeriodRecord(**values)  # type: ignore[arg-type]


def fixed_snapshot() -> HistorySnapshot:
    """Two routines, four sessions of every kind: running, without work, before schema 2."""
    first = sample_routine()
    second = sample_routine(title="Hip, harder; \"v2\"", sessions_per_week=4)
    a, b = routine_hash(first), routine_hash(second)
    routines = (
        RoutineRecord(a, first.title, "/home/sam/hip.toml", first.text or "", 3, T0),
        RoutineRecord(b, second.title, None, second.text or "", 4, T0 + timedelta(days=3)),
    )
    sessions = (
        _session(1, a, 0, pain_next_morning=2, morning_asked=True, active_seconds=1234.5678),
        _session(
            2, a, 2, status="stopped", note='Sore, "left" side;\nbetter by lunch — 😅',
            pain_after=None, paused_seconds=61.25, planned_work_periods=None,
        ),
        _session(3, b, 4, status="interrupted", note="=SUM(A1:A9)", pain_before=None),
        _session(7, b, 5, status="running", ended_at=None, pain_after=None, note="-3 @home"),
    )
    periods = (
        _period(1, 1),
        _period(1, 2, side="left", exercise_id=None, exercise_name="=Own stretch"),
        _period(1, 3, side="right", actual_seconds=2.5, status="skipped"),
        _period(2, 1, status="stopped", actual_seconds=12.125, planned_seconds=30.0),
        _period(7, 1, exercise_name="+Clamshell, 'easy'", side="left"),
    )
    adjustments = (
        Adjustment(a, 0, "bridge", "sets", 3.0, 4.0, "progress", T0 + timedelta(days=1)),
        Adjustment(
            b, 1, "clamshell", "version", 0.0, -1.0, "regress", T0 + timedelta(days=6),
            text="On your side, smaller range", undone_at=T0 + timedelta(days=7),
        ),
    )
    return HistorySnapshot(routines, sessions, periods, adjustments)


def _golden(name: str) -> str:
    text = (GOLDEN / name).read_text(encoding="utf-8")
    return text.replace('"app_version": "VERSION"', f'"app_version": "{__version__}"')


def _exports(tmp_path: Path, snapshot: HistorySnapshot) -> tuple[str, str]:
    with HistoryStore.open(tmp_path / "golden.sqlite3", now=lambda: EXPORTED) as store:
        store.add_snapshot(snapshot)
        stored = store.snapshot()
    return json_text(stored, person="Sam Ödegaard", exported_at=EXPORTED), csv_text(stored)


def test_json_and_csv_exports_are_byte_identical_to_the_golden_files(tmp_path: Path) -> None:
    json_out, csv_out = _exports(tmp_path, fixed_snapshot())
    assert json_out == _golden("history.json")
    assert csv_out == (GOLDEN / "history.csv").read_bytes().decode("utf-8")


def test_the_golden_json_imports_and_exports_unchanged(tmp_path: Path) -> None:
    export = parse_export(_golden("history.json"), GOLDEN / "history.json")
    assert export.person == "Sam Ödegaard"
    assert export.exported_at == EXPORTED
    json_out, csv_out = _exports(tmp_path, export.snapshot)
    assert json_out == _golden("history.json")
    assert csv_out == (GOLDEN / "history.csv").read_bytes().decode("utf-8")


def write_golden_files() -> None:  # pragma: no cover
    """Rewrite the golden files (`python -m tests.history.test_exchange_golden`): only for a
    deliberate change of the export format."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        json_out, csv_out = _exports(Path(folder), fixed_snapshot())
    json_out = json_out.replace(f'"app_version": "{__version__}"', '"app_version": "VERSION"')
    (GOLDEN / "history.json").write_text(json_out, encoding="utf-8")
    (GOLDEN / "history.csv").write_bytes(csv_out.encode("utf-8"))


if __name__ == "__main__":  # pragma: no cover
    write_golden_files()
