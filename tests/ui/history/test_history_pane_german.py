"""The History page in German: its words, dates and numbers, and a layout that fits them.

German words run about a third longer than English ones; at the window's minimum size
(1024x640) the page must still show every control, label, header and legend whole.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QWidget

from hiprehab.history.demo import demo_routine, eight_weeks, fill_store
from hiprehab.history.exchange.json_format import write_json
from hiprehab.history.exchange.profiles import import_history
from hiprehab.history.pane_data import build_snapshot, day_x
from hiprehab.history.records import SessionRecord
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from hiprehab.ui.history.guidance import streak_text, week_text
from hiprehab.ui.history.legends import adherence_legend, pain_legend
from hiprehab.ui.history.table import format_moment
from hiprehab.ui.history.theme import print_theme
from hiprehab.ui.history.view import HistoryView
from hiprehab.ui.history.week_axis import WeekAxis
from hiprehab.ui.main_window import MIN_SIZE

pytestmark = pytest.mark.usefixtures("german")

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)  # a Wednesday evening
NBSP = "\xa0"  # between a number and its percent sign in German


# ----- the page at the window's minimum size --------------------------------------------------
def import_profile(paths: AppPaths, tmp_path: Path, person: str, now: datetime) -> None:
    """Someone else's eight weeks, exported and imported as the command line does."""
    other = HistoryStore.open(tmp_path / f"{person}.sqlite3")
    fill_store(other, demo_routine("Hüftkraft"), eight_weeks(now))
    export = tmp_path / f"{person}.json"
    write_json(other.snapshot(), export, person=person, exported_at=now)
    other.close()
    import_history(export, paths, now=lambda: now)


def cut_short(view: QWidget) -> list[str]:
    """Every visible label, button, combo box and table header of `view` that shows less than
    its words, as 'what: needed > given'."""
    faults = []
    for widget in view.findChildren(QWidget):
        if not widget.isVisibleTo(view):
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
            room = widget.contentsRect().width()
            for line in widget.text().splitlines():
                needed = widget.fontMetrics().horizontalAdvance(line)
                if needed > room:
                    faults.append(f"label {line!r}: {needed} > {room}")
        elif isinstance(widget, (QAbstractButton, QComboBox)):
            text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            if widget.width() < widget.sizeHint().width():
                faults.append(f"{text!r}: {widget.sizeHint().width()} > {widget.width()}")
    assert isinstance(view, HistoryView)
    header = view.table.horizontalHeader()
    for column in range(header.count()):
        text = view.table.model().headerData(column, Qt.Orientation.Horizontal)
        needed, given = header.sectionSizeHint(column), header.sectionSize(column)
        if given < needed:
            faults.append(f"header {text!r}: {needed} > {given}")
    for plot in (view.plots.adherence, view.plots.pain):
        title = plot.titleLabel.item.boundingRect().width()
        if title > plot.width():
            faults.append(f"legend of {plot}: {title} > {plot.width()}")
        axis = plot.getAxis("left")  # its label is turned on its side: its length is a height
        length = axis.label.boundingRect().width()
        if length > axis.height():
            faults.append(f"axis {axis.label.toPlainText()!r}: {length} > {axis.height()}")
    return faults


@pytest.mark.parametrize("whose", [None, "Annalena"])
def test_the_page_fits_the_smallest_window(qtbot, make_window, paths, tmp_path, whose) -> None:
    """Own history, and an imported one (the profile selector and the read-only note too)."""
    now = datetime.now(UTC)  # the window's page reads the real clock
    store = HistoryStore.open(paths.history_db)
    fill_store(store, demo_routine("Hüftkraft"), eight_weeks(now))
    if whose is not None:
        import_profile(paths, tmp_path, whose, now)
    try:
        window = make_window(size=(MIN_SIZE.width(), MIN_SIZE.height()), store=store)
        window.show_page("history")
        view = window._history_widget
        assert isinstance(view, HistoryView)
        if whose is not None:
            view.show_profile(whose)
            assert view.read_only_note.isVisibleTo(view)
        qtbot.waitUntil(view.isVisible)
        QApplication.processEvents()
        assert window.size() == MIN_SIZE
        assert view.range_buttons["All"].text() == "Alles"
        assert cut_short(view) == []
        window.close()
    finally:
        store.close()


# ----- the words, dates and numbers ------------------------------------------------------------
@pytest.fixture
def store(paths: AppPaths):
    opened = HistoryStore.open(paths.history_db, now=lambda: NOW)
    fill_store(opened, demo_routine("Hüftkraft"), eight_weeks(NOW))
    yield opened
    opened.close()


@pytest.fixture
def view(qtbot, store, paths) -> HistoryView:
    shown = HistoryView(store, paths, now=lambda: NOW, tz=UTC)
    qtbot.addWidget(shown)
    shown.resize(1100, 850)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_the_week_axis_writes_german_dates(qapp) -> None:
    axis = WeekAxis("bottom")
    monday = day_x(date(2025, 12, 22))
    major = [monday + 7 * w for w in range(4)]
    labels = axis.tickStrings(major, 1.0, 7.0)
    assert labels == ["22. Dez. 2025", "29. Dez.", "5. Jan. 2026", "12. Jan."]
    # a long range: month and year
    assert axis.tickStrings([monday], 1.0, 7.0 * 26) == ["Dez. 2025"]


def test_a_moment_reads_in_the_zone_it_is_given_in() -> None:
    """The same instant in two zones is two wall-clock times (the texts are cached)."""
    moment = datetime(2026, 12, 2, 17, 5, tzinfo=UTC)
    assert format_moment(moment) == "Mi., 2. Dez. 2026, 17:05"
    berlin = moment.astimezone(timezone(timedelta(hours=1)))
    assert format_moment(berlin) == "Mi., 2. Dez. 2026, 18:05"
    assert format_moment(berlin, weekday=False) == "2. Dez. 2026, 18:05"


def test_the_controls_table_and_bars_in_german(view) -> None:
    ranges = [b.text() for b in view.range_buttons.values()]
    assert ranges == ["4 Wochen", "3 Monate", "1 Jahr", "Alles"]
    assert view.routine_filter.itemText(0) == "Alle Programme"
    assert view.loading_label.text() == "Der Verlauf wird geladen …"
    model = view.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Datum",
        "Programm",
        "Status",
        "Sätze geschafft",
        "Schmerz vorher",
        "Schmerz nachher",
        "Am nächsten Morgen",
        "Notiz",
    ]
    newest = view.store.sessions()[-1]
    assert newest.started_at == datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # the script's last
    assert model.index(0, 0).data() == "Mi., 25. Nov. 2026, 18:00"
    statuses = {model.index(r, 2).data() for r in range(model.rowCount())}
    assert statuses == {"abgeschlossen", "abgebrochen"}
    # a week with an unfinished session counts its share of the sets, with a decimal comma
    view.set_range("3 months")
    assert "2,25/3" in view.plots.bar_label_texts()


def test_the_legends_axes_and_zones_in_german(view) -> None:
    theme = print_theme()
    adherence = adherence_legend(theme)
    assert "Einheiten pro Woche im Vergleich zum Plan" in adherence
    assert f"60–99{NBSP}%" in adherence and f"unter 60{NBSP}%" in adherence
    assert "Plan erfüllt" in adherence and "verpasst" in adherence
    pain = pain_legend(theme)
    assert "Schmerz pro Einheit (0–10)" in pain
    assert "vorher" in pain and "nachher" in pain and "am nächsten Morgen" in pain
    assert view.plots.pain.getAxis("left").label.toPlainText().strip() == "Schmerz (0–10)"
    assert view.plots.adherence.getAxis("left").label.toPlainText().strip() == "Plan (%)"
    zones = [label.toPlainText() for label in view.plots.zones.labels]
    assert [z.split(":")[0] for z in zones] == ["0–3", "4–5", "6–10"]


def record(sid: int, day: int, **changes: object) -> SessionRecord:
    started = datetime(2026, 11, 2, 7, 0, tzinfo=UTC) + timedelta(days=day)
    base = SessionRecord(
        id=sid,
        routine_hash="hip",
        routine_title="Hüftkraft",
        sessions_per_week=3,
        started_at=started,
        ended_at=started + timedelta(minutes=20),
        status="completed",
        active_seconds=1200,
        paused_seconds=0,
        pain_before=None,
        pain_after=None,
        pain_next_morning=None,
        morning_asked=False,
        note="",
        planned_work_periods=4,
        completed_work_periods=4,
        recorded_work_periods=4,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_week_and_streak_in_german_sentences() -> None:
    sessions = [
        record(1, 0),
        record(2, 2),
        record(3, 4, status="stopped", completed_work_periods=2),
    ]
    snapshot = build_snapshot(sessions, date(2026, 11, 6), UTC)
    assert week_text(snapshot) == (
        f"Diese Woche: 2,5 von 3 geplanten Einheiten (83{NBSP}%), 83{NBSP}% der geplanten Sätze."
    )
    assert streak_text(0) == "Serie: noch keine volle Woche nach Plan."
    assert streak_text(1) == "Serie: 1 Woche in Folge nach Plan."
    assert streak_text(3) == "Serie: 3 Wochen in Folge nach Plan."


def test_the_export_menu_and_its_dialog_in_german(view, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    assert view.export_button.text() == "Exportieren"
    menu = view.export_button.menu()
    assert [a.text() for a in menu.actions()] == [
        "Diagramme als PNG-Bild …",
        "Diagramme als SVG-Grafik …",
        "Verlauf als CSV …",
        "Verlauf als JSON …",
        "Bericht für die Physio (PDF) …",
    ]
    asked = []

    def save_as(_parent, title, suggestion, file_filter):
        asked.append((title, file_filter))
        return str(tmp_path / "verlauf.json"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    menu.actions()[3].trigger()
    assert asked == [("Verlauf exportieren", "JSON-Dateien (*.json)")]
    assert (tmp_path / "verlauf.json").is_file()


def test_the_report_for_the_physio_in_german(view, tmp_path, monkeypatch) -> None:
    drawn: list[str] = []
    original = QPainter.drawText

    def spy(self, *args):  # every string painted into the report
        drawn.extend(a for a in args if isinstance(a, str))
        return original(self, *args)

    monkeypatch.setattr(QPainter, "drawText", spy)
    view.set_range("4 weeks")
    view.export_pdf(tmp_path / "bericht.pdf")
    assert "Verlauf der Hüft-Reha: Mein Verlauf" in drawn
    about = next(t for t in drawn if t.startswith("Gezeigter Zeitraum:"))
    assert about == (
        "Gezeigter Zeitraum: 2. Nov. 2026 bis 29. Nov. 2026. "
        "Erstellt am 25. Nov. 2026, 20:00 mit hiprehab."
    )
    assert "Letzte Einheiten" in drawn
    for header in ("Datum", "Programm", "Sätze", "Vorher", "Nachher", "Morgen danach", "Notiz"):
        assert header in drawn
    assert "Mi., 25. Nov. 2026, 18:00" in drawn  # the date is never cut short
