"""What an export may carry: the routine's file name but no folders, and no formula in any cell."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiprehab.history.exchange.csv_format import csv_text
from hiprehab.history.exchange.json_format import json_text, parse_export
from hiprehab.history.exchange.profiles import import_history
from hiprehab.history.records import HistorySnapshot, file_name_only
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from tests.history.exchange.hostile_files import valid_export
from tests.history.exchange.sample_history import EXPORTED

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_an_export_names_the_routine_file_but_no_folder(filled: HistoryStore) -> None:
    """The stored source is a full path (naming the user's home); the export keeps the name."""
    snapshot = filled.snapshot()
    assert snapshot.routines[0].source is not None
    home = replace(snapshot.routines[0], source="/home/anna/Documents/hips.toml")
    windows = replace(snapshot.routines[1], source="C:\\Users\\anna\\hips2.toml")
    snapshot = replace(snapshot, routines=(home, windows))
    data = json.loads(json_text(snapshot, person=None, exported_at=EXPORTED))
    assert [r["source"] for r in data["routines"]] == ["hips.toml", "hips2.toml"]
    text = json_text(snapshot, person=None, exported_at=EXPORTED)
    assert "anna" not in text.replace('"Anna', "")


def test_an_imported_path_keeps_only_the_name(tmp_path: Path, paths: AppPaths) -> None:
    source = tmp_path / "anna.json"
    source.write_text(json.dumps(valid_export()), encoding="utf-8")
    export = parse_export(source.read_text(encoding="utf-8"), source)
    assert export.snapshot.routines[0].source == "hips.toml"
    result = import_history(source, paths)
    with HistoryStore.open(result.profile.path, read_only=True) as profile:
        assert [r.source for r in profile.routines()] == ["hips.toml"]


def test_file_names_only() -> None:
    assert file_name_only(None) is None
    assert file_name_only("hips.toml") == "hips.toml"
    assert file_name_only("/home/a/b/hips.toml") == "hips.toml"
    assert file_name_only("C:\\Users\\a\\hips.toml") == "hips.toml"
    assert file_name_only("/home/a/") == "a"


hostile = st.one_of(
    st.sampled_from(['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=1+1"]),
    st.tuples(st.sampled_from(_FORMULA_STARTS), st.text(max_size=20)).map("".join),
    st.text(max_size=20),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(hostile, min_size=6, max_size=6))
def test_no_csv_cell_starts_a_formula(filled: HistoryStore, texts: list[str]) -> None:
    """Every text field of an imported profile may be hostile; no cell may run as a formula."""
    snapshot = filled.snapshot()
    routine_hash, title, note, exercise_id, exercise_name, _ = texts
    old_hash = snapshot.sessions[0].routine_hash
    sessions = tuple(
        replace(s, routine_hash=routine_hash, routine_title=title, note=note)
        if s.routine_hash == old_hash
        else s
        for s in snapshot.sessions
    )
    periods = tuple(
        replace(w, exercise_id=exercise_id, exercise_name=exercise_name)
        for w in snapshot.work_periods
    )
    hostile_snapshot = HistorySnapshot(snapshot.routines, sessions, periods)
    rows = list(csv.reader(io.StringIO(csv_text(hostile_snapshot), newline="")))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(_FORMULA_STARTS), cell
    cells = {cell for row in rows[1:] for cell in row}
    for text in (routine_hash, exercise_id):
        assert (("'" + text) if text.startswith(_FORMULA_STARTS) else text) in cells
