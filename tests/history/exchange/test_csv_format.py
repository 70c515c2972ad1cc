"""CSV export for spreadsheets: header, rows, and free text never run as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from hiprehab.history.errors import HistoryFileError
from hiprehab.history.exchange.csv_format import CSV_COLUMNS, csv_text, write_csv
from hiprehab.history.records import HistorySnapshot
from hiprehab.history.store import HistoryStore
from tests.history.exchange.sample_history import NOTE
from tests.history.history_child import sample_routine


def test_csv_parses_back_with_the_right_header_and_rows(
    filled: HistoryStore, tmp_path: Path
) -> None:
    target = tmp_path / "history.csv"
    write_csv(filled.snapshot(), target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    assert raw.count(b"\r\n") == 42  # RFC 4180 line ends: header + 41 rows
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    # one row per work period: 7 + 3 + 2 + 7 + 7 + 7 + 7 + 1 = 41
    assert len(body) == 41
    assert [int(r["session_id"]) for r in body].count(3) == 2
    first = body[0]
    assert first["started_at"] == "2026-12-28T07:00:00Z"
    assert (first["pain_before"], first["pain_after"], first["pain_next_morning"]) == (
        "2",
        "3",
        "2",
    )
    assert (first["exercise_id"], first["exercise"], first["set_number"]) == (
        "bridge",
        "Bridge",
        "1",
    )
    assert (first["active_seconds"], first["paused_seconds"], first["actual_seconds"]) == (
        "300.25",
        "12",
        "45",
    )
    assert body[6]["exercise"] == "'=Own stretch"  # a spreadsheet must not run it
    assert body[6]["exercise_id"] == ""
    assert {r["note"] for r in body if r["session_id"] == "2"} == {NOTE}
    assert {r["note"] for r in body if r["session_id"] == "4"} == {"'=SUM(A1:A9)"}
    running = [r for r in body if r["session_id"] == "8"]
    assert running[0]["status"] == "running" and running[0]["ended_at"] == ""


def test_a_session_without_work_periods_still_gets_a_row(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        store.start_session(sample_routine())
        text = csv_text(store.snapshot())
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2 and rows[1][0] == "1" and rows[1][CSV_COLUMNS.index("exercise")] == ""
    assert csv_text(HistorySnapshot((), (), ())) == ",".join(CSV_COLUMNS) + "\r\n"


def test_an_export_into_a_missing_folder_names_the_file(
    filled: HistoryStore, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "out.csv"
    with pytest.raises(HistoryFileError, match=f"cannot write {target}"):
        write_csv(filled.snapshot(), target)


# ------------------------------------------------------------------------------ bad imports
