"""How long one animated illustration frame costs the player, against painting a static file.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/illustration_frames.py

The player redraws the figure up to 30 times a second from `figure.render_svg`. This times,
in one process: generating the SVG text for an interpolated pose; generating plus parsing and
painting it at 800x667 with QtSvg; and, as the baseline, parsing and painting the committed
static `<id>-start.svg` the same way (medians of 5 runs). Target: a frame well under the
33 ms a 30 fps repaint allows. Exit status 1 when missed; `--jsonl` prints the rows for run.py.
"""

from __future__ import annotations

import sys

from _rows import Row, median_ms, report
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from hiprehab.drawing import figure, poses
from hiprehab.resources import illustrations_dir

FRAME_BUDGET_MS = 1000 / 30


def _paint(svg: bytes, image: QImage) -> None:
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(svg))
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)  # as the player draws
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    image = QImage(800, 667, QImage.Format.Format_ARGB32_Premultiplied)
    ids = poses.EXERCISE_IDS
    frames = [(ids[i % len(ids)], (i % 30) / 29, bool(i % 2)) for i in range(90)]
    statics = [(illustrations_dir() / f"{i}-start.svg").read_bytes() for i in ids]
    figure.render_svg(ids[0], 0.5)  # warm the caches

    def generate() -> None:
        for exercise, position, mirrored in frames:
            figure.render_svg(exercise, position, mirrored=mirrored)

    def generate_and_paint() -> None:
        for exercise, position, mirrored in frames:
            _paint(figure.render_svg(exercise, position, mirrored=mirrored).encode(), image)

    def paint_static() -> None:
        for n in range(len(frames)):
            _paint(statics[n % len(statics)], image)

    per = len(frames)
    gen = median_ms(generate) / per
    full = median_ms(generate_and_paint) / per
    base = median_ms(paint_static) / per
    del app
    budget = FRAME_BUDGET_MS / 2
    static = "static file"
    return report(
        "illustration_frames",
        [
            Row("generate the SVG text of one frame", gen, baseline=base, baseline_is=static),
            Row(
                "one animated frame: generate + parse + paint at 800x667",
                full,
                baseline=base,
                baseline_is=static,
                target=f"< {budget:.1f} ms (half a 30 fps frame)",
                met=full < budget,
            ),
        ],
    )


if __name__ == "__main__":
    sys.exit(main())
