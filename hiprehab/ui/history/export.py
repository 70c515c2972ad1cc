"""Exports of the history pane: the plots as PNG or SVG, and a one-page PDF for the physio.

Each function takes a target path, so tests and scripts call them without file dialogs. Output is
made in memory first, then written to a temporary file in the target's folder and renamed over the
target (`os.replace`, as the CSV and JSON exports do), so a failure (unwritable folder, full disk,
a crash) raises an `ExportError` naming the file and the fault and never leaves half a file
behind: the target is either the earlier file, untouched, or the whole new one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from hiprehab.history.exchange.files import replace_file
from hiprehab.history.guidance_report import explanation
from hiprehab.history.pane_data import PaneSnapshot, period_summary, x_date
from hiprehab.history.records import SessionRecord
from hiprehab.i18n import _, pgettext
from hiprehab.i18n.formats import format_skeleton
from hiprehab.safety import DISCLAIMER
from hiprehab.ui.history.guidance import guidance_colour, red_flag_text, streak_text, week_text
from hiprehab.ui.history.plots import HistoryPlots
from hiprehab.ui.history.table import COLUMNS, cell_text, format_moment
from hiprehab.ui.history.theme import print_theme

REPORT_ROWS = 12  # sessions listed in the PDF report


class ExportError(Exception):
    """An export could not be written; the message names the file and the reason."""


def write_bytes(path: Path, data: bytes, failed: str) -> None:
    """Write `data` to `path` atomically; OS errors become an ExportError a person can act on:
    `failed` (in words, with {path} and {reason}) filled in."""
    try:
        replace_file(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(failed.format(path=path, reason=reason)) from exc


def _shown_rect(plots: HistoryPlots) -> QRectF:
    """The part of the scene on screen (the scene itself extends far beyond it)."""
    return QRectF(plots.sceneRect())


def _render_scene(plots: HistoryPlots, painter: QPainter, target: QRectF) -> None:
    plots.hide_hover()
    scene: QGraphicsScene = plots.scene()
    scene.render(painter, target, _shown_rect(plots), Qt.AspectRatioMode.IgnoreAspectRatio)


def plots_image(plots: HistoryPlots, scale: float = 2.0) -> QImage:
    """The two plots as an image at `scale` times their on-screen size (sharp for print)."""
    size = _shown_rect(plots).size().toSize()
    image = QImage(
        max(1, round(size.width() * scale)),
        max(1, round(size.height() * scale)),
        QImage.Format.Format_ARGB32,
    )
    image.setDevicePixelRatio(scale)
    image.fill(plots.backgroundBrush().color())
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        _render_scene(plots, painter, QRectF(0, 0, size.width(), size.height()))
    finally:
        painter.end()
    return image


def export_png(plots: HistoryPlots, path: Path | str, scale: float = 2.0) -> None:
    """The plots as a PNG picture."""
    path = Path(path)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not plots_image(plots, scale).save(buffer, "PNG"):  # type: ignore[call-overload]
        raise ExportError(_("Could not encode the plots as PNG for {path}.").format(path=path))
    failed = _("Could not write the PNG picture to {path}: {reason}.")
    write_bytes(path, bytes(buffer.data().data()), failed)


def export_svg(plots: HistoryPlots, path: Path | str) -> None:
    """The plots as an SVG drawing (vector: sharp at any size, editable)."""
    path = Path(path)
    rect = _shown_rect(plots)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(rect.size().toSize())
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setResolution(plots.logicalDpiX())
    generator.setTitle(_("hiprehab history"))
    generator.setDescription(_("Adherence per week and pain per session"))
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), plots.backgroundBrush())
        _render_scene(plots, painter, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()
    buffer.close()
    failed = _("Could not write the SVG drawing to {path}: {reason}.")
    write_bytes(path, flatten_scaled_strokes(bytes(data.data())), failed)


_SVG = "http://www.w3.org/2000/svg"
_MATRIX = re.compile(r"matrix\(([^)]*)\)")
_NUMBER_PAIR = re.compile(r"(-?[\d.eE+-]+),(-?[\d.eE+-]+)")


def flatten_scaled_strokes(svg: bytes) -> bytes:
    """Move plot lines out of their data-space transforms into plain drawing coordinates.

    Qt writes the plots' one-pixel lines inside groups scaled to data units and marks them
    `vector-effect="non-scaling-stroke"`. Browsers honour that, but several SVG viewers and
    editors do not, and draw those lines tens of pixels thick. Transforming the points here
    (only axis-aligned scalings, only straight lines) makes the file look the same everywhere.
    """
    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)
    for group in root.iter(f"{{{_SVG}}}g"):
        match = _MATRIX.fullmatch(group.get("transform", ""))
        if match is None:
            continue
        a, b, c, d, e, f = (float(v) for v in match.group(1).split(","))
        children = list(group)
        if b or c or (a, d) == (1.0, 1.0) or not children:
            continue
        if not all(_flattenable(child) for child in children):
            continue

        def point(m: re.Match[str], a: float = a, d: float = d, e: float = e, f: float = f) -> str:
            return f"{a * float(m.group(1)) + e:.2f},{d * float(m.group(2)) + f:.2f}"

        for child in children:
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "polyline":
                child.set("points", _NUMBER_PAIR.sub(point, child.get("points", "")))
            elif tag == "path":
                child.set("d", _NUMBER_PAIR.sub(point, child.get("d", "")))
            child.attrib.pop("vector-effect", None)
        group.set("transform", "matrix(1,0,0,1,0,0)")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def _flattenable(element: ET.Element) -> bool:
    tag = element.tag.rsplit("}", 1)[-1]
    if element.get("vector-effect") != "non-scaling-stroke":
        return False
    if tag == "polyline":
        return True
    return tag == "path" and set(re.findall(r"[A-Za-z]", element.get("d", ""))) <= {"M", "L", "Z"}


def write_pdf_report(
    path: Path | str,
    snapshot: PaneSnapshot,
    x_range: tuple[float, float],
    *,
    whose: str,
    now: datetime,
) -> None:
    """A one-page A4 report for a visit to the physio: guidance, the plots, the last sessions.

    The plots cover `x_range` (what the pane shows) and are drawn afresh for the page, in the
    light print colours whatever the screen's theme, as vectors.
    """
    path = Path(path)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(_("hiprehab history: {name}").format(name=whose))
    writer.setCreator("hiprehab")
    # 96 dpi keeps pyqtgraph's one-pixel (cosmetic) lines as thin as on screen.
    writer.setResolution(96)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(14, 14, 14, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter(writer)
    try:
        _paint_report(painter, writer.width(), writer.height(), snapshot, x_range, whose, now)
    finally:
        painter.end()
    buffer.close()
    failed = _("Could not write the PDF report to {path}: {reason}.")
    write_bytes(path, bytes(data.data()), failed)


def _print_plots(
    snapshot: PaneSnapshot, x_range: tuple[float, float], width: int, height: int
) -> HistoryPlots:
    """A fresh, never-visible pair of plots sized for the page, in print colours."""
    plots = HistoryPlots(print_theme())
    plots.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    plots.resize(width, height)
    plots.show()
    plots.set_snapshot(snapshot)
    plots.set_x_range(*x_range)
    plots.ci.layout.activate()
    return plots


def _day(day: date) -> str:
    return format_skeleton(day, "yMMMd")  # "Dec 2, 2026", "2. Dez. 2026"


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _paint_report(
    painter: QPainter,
    width: int,
    height: int,
    snapshot: PaneSnapshot,
    x_range: tuple[float, float],
    whose: str,
    now: datetime,
) -> None:
    ink = QColor("#15181b")
    grey = QColor("#5a6169")
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(ink)
    y = 0.0

    def text(rect: QRectF, body: str, font: QFont, colour: QColor = ink, flags: int = 0) -> float:
        painter.setFont(font)
        painter.setPen(colour)
        align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | flags
        bound = painter.boundingRect(rect, align | int(Qt.TextFlag.TextWordWrap), body)
        painter.drawText(rect, align | int(Qt.TextFlag.TextWordWrap), body)
        return bound.height()

    heading = _("Hip rehab history: {name}").format(name=whose)
    y += text(QRectF(0, y, width, 40), heading, _font(17, bold=True))
    x0, x1 = x_range
    # Translators: the period the report's plots show: "2. Sept. 2026 bis 25. Nov. 2026"
    period = _("{start} to {end}").format(start=_day(x_date(x0)), end=_day(x_date(x1 - 1e-6)))
    about = [_("Period shown: {period}.").format(period=period)]
    if snapshot.as_of is not None:
        exported = _("History as of {date}, when it was exported.")
        about.append(exported.format(date=_day(snapshot.today)))
    printed = format_moment(now.astimezone(snapshot.tz), weekday=False)
    about.append(_("Printed {moment} by hiprehab.").format(moment=printed))
    y += text(QRectF(0, y, width, 40), " ".join(about), _font(9), grey)
    y += 2 + text(QRectF(0, y + 2, width, 40), period_summary(snapshot, x0, x1), _font(10))
    y += 10

    # guidance box
    guidance = snapshot.guidance
    box_top = y
    swatch = guidance_colour(guidance.colour)
    inner = QRectF(22, y + 8, width - 30, 200)
    used = text(inner, guidance.title, _font(12, bold=True))
    used += 2 + text(inner.adjusted(0, used + 2, 0, 0), explanation(guidance), _font(10))
    facts = f"{week_text(snapshot)}   {streak_text(snapshot.streak)}"
    used += 4 + text(inner.adjusted(0, used + 4, 0, 0), facts, _font(10), grey)
    advice = red_flag_text(guidance)
    if advice:
        used += 4 + text(
            inner.adjusted(0, used + 4, 0, 0), advice, _font(9), guidance_colour("red")
        )
    box_height = used + 16
    painter.setPen(QPen(QColor("#c4c9cf"), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(0, box_top, width, box_height), 4, 4)
    painter.fillRect(QRectF(0, box_top, 10, box_height), swatch)
    y = box_top + box_height + 12

    # the plots, drawn for the page as vectors
    plot_height = round(width * 0.62)
    plots = _print_plots(snapshot, x_range, width, plot_height)
    try:
        _render_scene(plots, painter, QRectF(0, y, width, plot_height))
    finally:
        plots.close()
        plots.deleteLater()
    y += plot_height + 12

    # the last sessions
    y += text(QRectF(0, y, width, 30), _("Last sessions"), _font(11, bold=True))
    y += 4
    footer_height = 46.0
    _paint_table(
        painter, QRectF(0, y, width, height - y - footer_height), snapshot.sessions, snapshot.tz
    )
    footer = QRectF(0, height - footer_height + 6, width, footer_height)
    text(footer, _(DISCLAIMER), _font(7.5), grey)


_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter


def _report_headers() -> tuple[str, ...]:
    """The report table's column headers: the pane's, shortened where the page is narrow."""
    short = (
        pgettext("report column", "Sets"),
        pgettext("report column", "Before"),
        pgettext("report column", "After"),
        pgettext("report column", "Morning"),
    )
    return (*(_(c) for c in COLUMNS[:3]), *short, _(COLUMNS[7]))


def _column_widths(total: float, needed: Sequence[float]) -> list[float]:
    """Each column's share of `total`, widened to what it needs (its header, its words), the
    room taken from the note (the last column) as far as it can give, then from all alike."""
    shares = (0.215, 0.17, 0.10, 0.065, 0.07, 0.06, 0.08, 0.24)
    widths = [max(share * total, low) for share, low in zip(shares, needed, strict=True)]
    widths[-1] = max(widths[-1] - max(sum(widths) - total, 0.0), 0.12 * total)
    scale = min(1.0, total / sum(widths))
    return [w * scale for w in widths]


def _paint_table(
    painter: QPainter, rect: QRectF, sessions: Sequence[SessionRecord], tz: tzinfo
) -> None:
    """The last sessions as a compact striped table (as many as fit, at most REPORT_ROWS)."""
    font = _font(8.5)
    bold = _font(8.5, bold=True)
    metrics = QFontMetrics(font)
    row_h = metrics.height() + 6
    headers = _report_headers()
    needed = [QFontMetrics(bold).horizontalAdvance(h) + 8.0 for h in headers]
    listed = sessions[:REPORT_ROWS]
    for col in (0, 2):  # the date and the status are never cut short
        cells = [metrics.horizontalAdvance(cell_text(s, col, tz)) + 8 for s in listed]
        needed[col] = max([needed[col], *cells])
    xs = [rect.left()]
    for width in _column_widths(rect.width(), needed):
        xs.append(xs[-1] + width)
    rows = max(0, min(REPORT_ROWS, int(rect.height() // row_h) - 1))
    y = rect.top()
    painter.setFont(bold)
    painter.setPen(QColor("#15181b"))
    for col, header in enumerate(headers):
        painter.drawText(QRectF(xs[col] + 3, y, xs[col + 1] - xs[col] - 6, row_h), _LEFT, header)
    y += row_h
    painter.setPen(QPen(QColor("#8a9199"), 0.8))
    painter.drawLine(int(rect.left()), int(y), int(rect.right()), int(y))
    painter.setFont(font)
    for index, session in enumerate(sessions[:rows]):
        if index % 2:
            painter.fillRect(QRectF(rect.left(), y, rect.width(), row_h), QColor("#f1f3f5"))
        painter.setPen(QColor("#15181b"))
        for col in range(len(COLUMNS)):
            cell = QRectF(xs[col] + 3, y, xs[col + 1] - xs[col] - 6, row_h)
            value = metrics.elidedText(
                cell_text(session, col, tz), Qt.TextElideMode.ElideRight, int(cell.width())
            )
            painter.drawText(cell, _CENTRE if 3 <= col <= 6 else _LEFT, value)
        y += row_h
    if not sessions:
        empty = QRectF(rect.left(), y, rect.width(), row_h)
        painter.drawText(empty, _LEFT, _("No sessions yet."))
