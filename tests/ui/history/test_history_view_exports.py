"""Exports from the history pane: PNG, SVG, CSV, JSON and the PDF report, written to a path."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import random
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from hiprehab.cli.history import run as history_command
from hiprehab.history.demo import demo_routine, fill_store, generate_sessions
from hiprehab.history.errors import HistoryFileError
from hiprehab.history.exchange.csv_format import CSV_COLUMNS
from hiprehab.history.exchange.json_format import JSON_FORMAT, read_json
from hiprehab.history.pane_data import format_day, format_moment
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.ui.history.export import ExportError
from hiprehab.ui.history.view import HistoryView

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


@pytest.fixture
def view(qtbot) -> HistoryView:
    paths = AppPaths.from_environment()
    paths.ensure()
    store = HistoryStore.open(paths.history_db, now=lambda: NOW)
    first = datetime(2026, 9, 28, tzinfo=UTC)
    sessions = generate_sessions(random.Random(5), first_day=first, days=(NOW - first).days)
    fill_store(store, demo_routine(), sessions)
    widget = HistoryView(store, paths, now=lambda: NOW, tz=UTC)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    store.close()


def test_png_export_is_a_picture_of_the_plots(view, tmp_path) -> None:
    target = tmp_path / "plots.png"
    view.export_png(target)
    image = QImage(str(target))
    assert not image.isNull()
    size = view.plots.size()
    assert (image.width(), image.height()) == (2 * size.width(), 2 * size.height())
    # not a blank canvas: the bars and points add many colours to the background
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 600, 7)}
    assert len(colours) > 20


def test_svg_export_is_an_svg_document_with_the_drawing(view, tmp_path) -> None:
    target = tmp_path / "plots.svg"
    view.export_svg(target)
    root = ET.parse(target).getroot()
    assert root.tag.endswith("svg")
    text = target.read_text(encoding="utf-8")
    assert "<path" in text or "<polyline" in text
    assert "Pain (0-10)" in text  # the axis title is real text, not a bitmap


def test_csv_export_is_what_the_command_line_writes(view, tmp_path, capsys) -> None:
    target = tmp_path / "history.csv"
    view.export_csv(target)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) > 100  # one row per work period
    ids = {int(r[0]) for r in rows[1:]}
    assert ids == {s.id for s in view.store.sessions()}
    # the same bytes as `hiprehab history export --csv`
    view.store.close()
    cli_target = tmp_path / "cli.csv"
    assert history_command(["export", "--csv", str(cli_target)]) == 0
    assert cli_target.read_bytes() == target.read_bytes()


def test_json_export_loads_and_carries_every_session(view, tmp_path) -> None:
    target = tmp_path / "history.json"
    view.export_json(target)
    with target.open(encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["format"] == JSON_FORMAT
    assert data["exported_at"] == "2026-11-25T20:00:00Z"
    assert [s["id"] for s in data["sessions"]] == [s.id for s in view.store.sessions()]
    # another copy of hiprehab can import it
    snapshot, _ = read_json(target)
    assert len(snapshot.sessions) == len(data["sessions"])


def test_pdf_report_is_a_one_page_pdf(view, tmp_path) -> None:
    target = tmp_path / "report.pdf"
    view.export_pdf(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 15_000
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1


def test_export_to_an_unwritable_place_names_the_file(view, tmp_path) -> None:
    missing = tmp_path / "no such folder" / "plots.png"
    with pytest.raises(ExportError, match="no such folder/plots.png"):
        view.export_png(missing)
    with pytest.raises(ExportError, match="PDF report"):
        view.export_pdf(tmp_path / "no such folder" / "report.pdf")
    with pytest.raises(HistoryFileError, match="no such folder"):
        view.export_csv(tmp_path / "no such folder" / "history.csv")
    assert not missing.parent.exists()


@pytest.mark.parametrize("kind", ["png", "svg", "pdf"])
def test_a_failed_export_leaves_the_earlier_file_whole(view, tmp_path, monkeypatch, kind) -> None:
    """The disk fills up while the new file is written: the earlier export stays as it was."""
    target = tmp_path / f"history.{kind}"
    target.write_bytes(b"the earlier export")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(ExportError, match=f"history.{kind}: No space left on device"):
        getattr(view, f"export_{kind}")(target)
    assert target.read_bytes() == b"the earlier export"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


@pytest.mark.parametrize("kind", ["png", "svg", "pdf"])
def test_an_export_replaces_the_earlier_file_in_one_step(
    view, tmp_path, monkeypatch, kind
) -> None:
    target = tmp_path / f"history.{kind}"
    target.write_bytes(b"the earlier export")
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def watched(source: str, destination: str) -> None:
        # the whole new file is there, beside the target, before it takes the target's place
        assert Path(source).parent == tmp_path and Path(source).stat().st_size > 100
        assert target.read_bytes() == b"the earlier export"
        renames.append((Path(source).name, Path(destination).name))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", watched)
    getattr(view, f"export_{kind}")(target)
    assert len(renames) == 1 and renames[0][1] == target.name
    assert target.read_bytes() != b"the earlier export"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_exports_hide_the_hover_box(view, tmp_path) -> None:
    row = view.snapshot.pain[-1]
    y = next(v for v in (row.after, row.before, row.next_morning) if v is not None)
    assert view.plots.handle_hover(view.plots.view_to_scene(row.x, y)) is not None
    view.export_png(tmp_path / "plots.png")
    assert not view.plots.hover_label.isVisible()


def test_report_lists_the_last_sessions_and_the_period(view, tmp_path, monkeypatch) -> None:
    drawn: list[str] = []
    from PySide6.QtGui import QPainter

    original = QPainter.drawText

    def spy(self, *args):  # records every string painted into the report
        drawn.extend(a for a in args if isinstance(a, str))
        return original(self, *args)

    monkeypatch.setattr(QPainter, "drawText", spy)
    view.set_range("4 weeks")
    view.export_pdf(tmp_path / "report.pdf")
    newest = view.store.sessions()[-1]
    assert any(format_moment(newest.started_at) in t for t in drawn)
    assert any(t.startswith("Hip rehab history: My history") for t in drawn)
    start = (NOW - timedelta(days=NOW.weekday()) + timedelta(days=7 - 28)).date()
    assert any(f"Period shown: {format_day(start)}" in t for t in drawn)
    assert view.snapshot.guidance.title in drawn


def test_svg_lines_are_moved_out_of_scaled_groups() -> None:
    """Viewers that ignore non-scaling strokes would draw data-space lines far too thick."""
    from hiprehab.ui.history.export import flatten_scaled_strokes

    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg">'
        b'<g transform="matrix(2,0,0,-3,10,20)" stroke-width="1">'
        b'<polyline vector-effect="non-scaling-stroke" points="1,1 2,2 " /></g>'
        b'<g transform="matrix(2,0,0,-3,10,20)"><path vector-effect="none" d="M0,0 L1,1 Z"/></g>'
        b'<g transform="matrix(1,0,0,1,5,5)"><text>kept</text></g></svg>'
    )
    root = ET.fromstring(flatten_scaled_strokes(svg))
    ns = "{http://www.w3.org/2000/svg}"
    groups = root.findall(f"{ns}g")
    line = groups[0].find(f"{ns}polyline")
    assert line.get("points") == "12.00,17.00 14.00,14.00 "
    assert line.get("vector-effect") is None
    assert groups[0].get("transform") == "matrix(1,0,0,1,0,0)"
    # filled shapes scale correctly anyway and text is never touched
    assert groups[1].get("transform") == "matrix(2,0,0,-3,10,20)"
    assert groups[2].get("transform") == "matrix(1,0,0,1,5,5)"


def test_exported_svg_has_no_scaled_thin_lines_left(view, tmp_path) -> None:
    target = tmp_path / "plots.svg"
    view.export_svg(target)
    root = ET.parse(target).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    polylines = [
        (g.get("transform"), line)
        for g in root.iter(f"{ns}g")
        for line in g.findall(f"{ns}polyline")
    ]
    assert len(polylines) > 10
    scales = {tuple(t[len("matrix(") : -1].split(",")[0:4]) for t, _ in polylines}
    assert scales == {("1", "0", "0", "1")}  # translations only, no scaling left


def test_the_export_menu_says_what_an_export_holds(view) -> None:
    """Beside the button: what goes to the physio, and that no folders or settings do."""
    assert "no folders or paths" in view.export_button.toolTip()
    menu = view.export_button.menu()
    assert menu.toolTipsVisible()
    tips = {a.text(): a.toolTip() for a in menu.actions()}
    for label in ("History as CSV…", "History as JSON…"):
        assert "sessions, pain scores, notes" in tips[label]
        assert "docs/history-format.md" in tips[label]


def test_a_pane_export_of_a_damaged_history_is_a_warning(view, tmp_path, monkeypatch) -> None:
    """A stored row that is no longer readable fails the export with a message, not a crash."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    target = tmp_path / "history.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "")
    )
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text)
    )
    view.store._conn.execute("UPDATE sessions SET started_at = '1-01-01T00:00:00Z'")
    view._ask_and_export("CSV table (*.csv)", ".csv", view.export_csv)
    assert len(warnings) == 1 and "damaged" in warnings[0]
    assert not target.exists()


def test_the_page_reports_a_damaged_row_instead_of_raising(view) -> None:
    """A stored time that is no time (from an older writer) is named; the page stays usable."""
    view.store._conn.execute("UPDATE sessions SET started_at = '1-01-01T00:00:00Z' WHERE id = 1")
    view.refresh()
    assert "damaged" in view.notice.text() and not view.notice.isHidden()
