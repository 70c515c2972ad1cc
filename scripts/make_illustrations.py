"""Write every exercise's key poses as SVG files and draw the contact sheet.

    python scripts/make_illustrations.py             # assets/illustrations + the sheet in docs/
    python scripts/make_illustrations.py --out DIR   # SVGs into DIR (a sheet only with --sheet)
    python scripts/make_illustrations.py --no-sheet  # SVGs only, no Qt needed

The SVGs come from `hiprehab.drawing.figure.render_svg`, which writes the same bytes every run, so
regenerating leaves `git status` clean. Old `<id>-<pose>.svg` files that are no longer produced are
removed from the output folder. The contact sheet is rendered with QtSvg onto a light background.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from hiprehab.drawing import figure, poses

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "assets" / "illustrations"
DEFAULT_SHEET = REPO / "docs" / "illustrations.png"
POSE_NAMES = ("start", "mid", "end")


def svg_files() -> dict[str, str]:
    """File name -> SVG text for every key pose of every exercise."""
    files: dict[str, str] = {}
    for exercise_id in poses.EXERCISE_IDS:
        ill = poses.illustration(exercise_id)
        for name in poses.key_pose_names(exercise_id):
            position = figure.key_position(ill, name)
            files[f"{exercise_id}-{name}.svg"] = figure.render_svg(exercise_id, position)
    return files


def write_svgs(out: Path) -> list[Path]:
    """Write the SVGs (only files whose bytes change are rewritten); return the written paths."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SystemExit(f"cannot create the output folder {out}: {err.strerror or err}") from err
    files = svg_files()
    written: list[Path] = []
    for name, text in sorted(files.items()):
        path = out / name
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        try:
            path.write_bytes(data)
        except OSError as err:
            raise SystemExit(f"cannot write {path}: {err.strerror or err}") from err
        written.append(path)
    for stale in sorted(out.glob("*.svg")):
        stem = stale.stem.rsplit("-", 1)
        if len(stem) == 2 and stem[1] in POSE_NAMES and stale.name not in files:
            stale.unlink()
    return written


def write_sheet(path: Path, columns: int = 3, cell: tuple[int, int] = (216, 180)) -> None:
    """Render every exercise's poses side by side, name underneath, on a light background."""
    from PySide6.QtCore import QByteArray, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen
    from PySide6.QtSvg import QSvgRenderer

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the sheet needs no screen
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ids = poses.EXERCISE_IDS
    cw, ch = cell
    label_h, pad, arrow = 34, 18, 16
    block_w = 3 * cw + 2 * arrow
    rows = (len(ids) + columns - 1) // columns
    width = columns * block_w + (columns + 1) * pad
    height = rows * (ch + label_h) + (rows + 1) * pad
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#f6f7f9"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    name_font = QFont("DejaVu Sans")
    name_font.setPixelSize(17)
    name_font.setBold(True)
    small = QFont("DejaVu Sans")
    small.setPixelSize(11)
    for index, exercise_id in enumerate(ids):
        ill = poses.illustration(exercise_id)
        row, col = divmod(index, columns)
        x0 = pad + col * (block_w + pad)
        y0 = pad + row * (ch + label_h + pad)
        names = poses.key_pose_names(exercise_id)
        used = len(names) * cw + (len(names) - 1) * arrow
        x = x0 + (block_w - used) / 2
        painter.setPen(QPen(QColor("#dde1e6"), 1))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(QRectF(x0, y0, block_w, ch + label_h), 8, 8)
        for i, name in enumerate(names):
            svg = figure.render_svg(exercise_id, figure.key_position(ill, name))
            renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
            renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)  # centred, undistorted
            renderer.render(painter, QRectF(x, y0 + 18, cw, ch - 22))
            painter.setFont(small)
            painter.setPen(QColor("#7a828c"))
            painter.drawText(QRectF(x, y0 + 2, cw, 14), Qt.AlignmentFlag.AlignHCenter, name)
            if i < len(names) - 1:
                painter.drawText(QRectF(x + cw, y0 + ch / 2 - 8, arrow, 16),
                                 Qt.AlignmentFlag.AlignCenter, "\u2192")
            x += cw + arrow
        painter.setFont(name_font)
        painter.setPen(QColor("#1f2b3a"))
        painter.drawText(QRectF(x0, y0 + ch, block_w, label_h - 4),
                         Qt.AlignmentFlag.AlignCenter, f"{ill.name}  ({exercise_id})")
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise SystemExit(f"cannot write the contact sheet {path}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help=f"folder for the SVGs (default {DEFAULT_OUT})")
    parser.add_argument("--sheet", type=Path,
                        help=f"contact sheet PNG (default {DEFAULT_SHEET} when --out is not given)")
    parser.add_argument("--no-sheet", action="store_true", help="do not draw the contact sheet")
    args = parser.parse_args(argv)
    out = args.out or DEFAULT_OUT
    written = write_svgs(out)
    print(f"{len(written)} SVG file(s) changed in {out}")
    sheet = args.sheet or (None if args.out else DEFAULT_SHEET)
    if sheet and not args.no_sheet:
        write_sheet(sheet)
        print(f"contact sheet: {sheet}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
