"""The history as CSV, for spreadsheets: one row per work period (a session without any: one row).

UTF-8 with a byte-order mark so Excel reads accents, RFC 4180 quoting (CRLF, quotes doubled).
The columns follow from the fields declared in `records.py`. Every cell a spreadsheet would run
as a formula is defused with a leading apostrophe: not only the free text typed by a person, as
an imported profile may carry anything in any field (a routine hash, an exercise id...).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hiprehab.history.exchange.files import write_text_atomically
from hiprehab.history.records import (
    SESSION_FIELDS,
    WORK_PERIOD_FIELDS,
    HistorySnapshot,
    RecordField,
    WorkPeriodRecord,
)

_SESSION_COLUMNS = tuple(f for f in SESSION_FIELDS if f.csv is not None)
_WORK_COLUMNS = tuple(f for f in WORK_PERIOD_FIELDS if f.csv is not None)
CSV_COLUMNS = tuple(f.csv for f in (*_SESSION_COLUMNS, *_WORK_COLUMNS) if f.csv is not None)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _number(value: float) -> str:
    """Seconds for a table: up to 3 decimals, no trailing zeros, never an exponent."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _number(value)
    return str(value)


def _cells(fields: tuple[RecordField, ...], record: object) -> list[str]:
    """The CSV cells of `record`'s `fields`, each defused."""
    return [_text_cell(_cell(f.exported(getattr(record, f.name)))) for f in fields]


def _text_cell(text: str) -> str:
    """A cell defused so a spreadsheet never runs it as a formula (OWASP: lead with ')."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_text(snapshot: HistorySnapshot) -> str:
    """Sessions and work periods, one row per work period (a session without any: one row)."""
    by_session: dict[int, list[WorkPeriodRecord]] = {}
    for period in snapshot.work_periods:
        by_session.setdefault(period.session_id, []).append(period)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: CRLF, quotes doubled
    writer.writerow(CSV_COLUMNS)
    for s in snapshot.sessions:
        session_cells = _cells(_SESSION_COLUMNS, s)
        periods = by_session.get(s.id, [])
        for w in periods:
            writer.writerow([*session_cells, *_cells(_WORK_COLUMNS, w)])
        if not periods:
            writer.writerow([*session_cells, *[""] * len(_WORK_COLUMNS)])
    return out.getvalue()


def write_csv(snapshot: HistorySnapshot, path: Path) -> None:
    write_text_atomically(path, csv_text(snapshot), encoding="utf-8-sig")


