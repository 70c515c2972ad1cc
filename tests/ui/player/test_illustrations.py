"""The committed illustrations as Qt draws them: present, valid, visible, moving, filling their
frame, and on a card that follows the palette in the player and the library."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QTransform
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hiprehab.drawing import figure, poses
from hiprehab.drawing.body import pose_body
from hiprehab.routine.model import Exercise
from hiprehab.ui import theme
from hiprehab.ui.player.illustration import (
    FigureSource,
    IllustrationWidget,
    card_colour,
    thumbnail,
)

NS = "{http://www.w3.org/2000/svg}"
SIZE = (132, 110)  # a thumbnail's box; each drawing is rendered in it with its own proportions
FILES = [
    (exercise_id, name)
    for exercise_id in poses.EXERCISE_IDS
    for name in poses.key_pose_names(exercise_id)
]


def _fit(renderer: QSvgRenderer, box: tuple[int, int]) -> tuple[int, int]:
    """The largest image size with the drawing's viewBox proportions that fits `box`."""
    view = renderer.viewBoxF()
    scale = min(box[0] / view.width(), box[1] / view.height())
    return round(view.width() * scale), round(view.height() * scale)


def _render(renderer: QSvgRenderer, box: tuple[int, int] = SIZE) -> QImage:
    """The drawing filling an image of its own proportions, as large as fits `box`."""
    assert renderer.isValid()
    width, height = _fit(renderer, box)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def _render_text(svg: str, box: tuple[int, int] = SIZE) -> QImage:
    return _render(QSvgRenderer(QByteArray(svg.encode("utf-8"))), box)


def _opaque(image: QImage) -> set[tuple[int, int]]:
    return {
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 40
    }


def _difference(a: QImage, b: QImage) -> int:
    """How many pixels differ noticeably between two renders of the same size."""
    count = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            if (abs(p.alpha() - q.alpha()) + abs(p.red() - q.red()) + abs(p.green() - q.green())
                    + abs(p.blue() - q.blue())) > 60:
                count += 1
    return count


@pytest.fixture
def illustrations(repo_root: Path) -> Path:
    return repo_root / "assets" / "illustrations"


@pytest.mark.parametrize(("exercise_id", "name"), FILES)
def test_committed_file_is_a_visible_titled_svg(
    qapp: QApplication, illustrations: Path, exercise_id: str, name: str
) -> None:
    path = illustrations / f"{exercise_id}-{name}.svg"
    assert path.is_file(), f"missing {path.name}; run scripts/make_illustrations.py"
    root = ET.parse(path).getroot()
    assert root.tag == f"{NS}svg"
    assert len(root.get("viewBox", "").split()) == 4
    title = (root.findtext(f"{NS}title") or "").strip()
    desc = (root.findtext(f"{NS}desc") or "").strip()
    assert title.startswith(poses.illustration(exercise_id).name)
    assert len(desc) > 30
    image = _render(QSvgRenderer(str(path)))
    covered = len(_opaque(image)) / (image.width() * image.height())
    # the frame is fitted to the drawing, so it is well filled, but never a solid block
    assert 0.12 < covered < 0.75, f"{path.name} covers {covered:.0%} of its thumbnail"
    corner = image.pixelColor(0, 0)
    assert corner.alpha() == 0, "the background must stay transparent"


@pytest.mark.parametrize("exercise_id", poses.EXERCISE_IDS)
def test_start_and_end_differ_visibly(qapp: QApplication, exercise_id: str) -> None:
    start = _render_text(figure.render_svg(exercise_id, 0.0))
    end = _render_text(figure.render_svg(exercise_id, 1.0))
    changed = _difference(start, end)
    assert changed > 0.15 * len(_opaque(start)), f"only {changed} pixels change"


@pytest.mark.parametrize("exercise_id", poses.EXERCISE_IDS)
def test_mirrored_is_the_picture_flipped(qapp: QApplication, exercise_id: str) -> None:
    plain = _render_text(figure.render_svg(exercise_id, 1.0))
    mirrored = _render_text(figure.render_svg(exercise_id, 1.0, mirrored=True))
    assert _difference(plain, mirrored) > 50
    flipped = plain.transformed(QTransform().scale(-1, 1))
    assert _difference(flipped, mirrored) < 0.03 * len(_opaque(plain))


JOINTS = ("pelvis", "head", "knee_l", "knee_r", "ankle_l", "ankle_r", "elbow_l", "elbow_r",
          "hand_l", "hand_r")


def _joints_in_frame(exercise_id: str, position: float) -> dict[str, tuple[float, float]]:
    """Where the main joints land in the exercise's frame (SVG units: centimetres)."""
    body = pose_body(poses.pose_at(exercise_id, position))
    return {name: figure.world_to_screen(exercise_id, body.points[name]) for name in JOINTS}


MOVED_CM = 6.0  # a joint moving less than this (3 px on a 132 px-wide 2.64 m view) is still


@pytest.mark.parametrize("exercise_id", poses.EXERCISE_IDS)
def test_half_way_lies_between_start_and_end(qapp: QApplication, exercise_id: str) -> None:
    """The picture half way along each stretch of the movement shows the body between its
    key poses: it differs from both, every joint it draws sits where the in-between pose puts
    it, and each joint that moves is nearer to both ends than they are to each other."""
    keys = [poses.key_position(exercise_id, n) for n in poses.key_pose_names(exercise_id)]
    frame = figure.frame_for(exercise_id)
    for t0, t1 in zip(keys, keys[1:], strict=False):
        half = (t0 + t1) / 2
        images = {t: _render_text(figure.render_svg(exercise_id, t)) for t in (t0, half, t1)}
        assert _difference(images[half], images[t0]) > 30
        assert _difference(images[half], images[t1]) > 30
        joints = {t: _joints_in_frame(exercise_id, t) for t in images}
        for t, image in images.items():
            sx, sy = image.width() / frame.width, image.height() / frame.height
            for name, (x, y) in joints[t].items():
                assert 0 <= x < frame.width and 0 <= y < frame.height, f"{name} off the frame"
                pixel = image.pixelColor(int(x * sx), int(y * sy))
                assert pixel.alpha() > 0, f"{name} not drawn at {t}"
        for name in JOINTS:
            a, m, b = joints[t0][name], joints[half][name], joints[t1][name]
            whole = math.dist(a, b)
            if whole > MOVED_CM:
                assert math.dist(a, m) < whole and math.dist(m, b) < whole, (name, t0, t1)


def test_mid_file_is_the_render_half_way(illustrations: Path) -> None:
    for exercise_id in poses.EXERCISE_IDS:
        if "mid" in poses.key_pose_names(exercise_id):
            committed = (illustrations / f"{exercise_id}-mid.svg").read_text(encoding="utf-8")
            assert committed == figure.render_svg(exercise_id, 0.5)


def test_figure_reads_on_a_dark_background(qapp: QApplication) -> None:
    """The limbs are a mid tone: they stand out from black as well as from white."""
    image = _render_text(figure.render_svg("plank", 1.0), (264, 220))
    body = figure.PALETTE.near
    target = QColor(body)
    hits = sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if abs(image.pixelColor(x, y).red() - target.red()) < 12
        and abs(image.pixelColor(x, y).blue() - target.blue()) < 12
    )
    assert hits > 300
    luminance = 0.2126 * target.redF() + 0.7152 * target.greenF() + 0.0722 * target.blueF()
    assert 0.3 < luminance < 0.7


# ---------------------------------------------------------------- each drawing fills its frame

FLOOR = re.compile(r'<path[^>]*id="floor"[^>]*/>')


def _content_box(image: QImage, alpha: int = 40) -> tuple[int, int, int, int]:
    """Bounding box (x0, y0, x1, y1, inclusive) of the pixels drawn with some opacity."""
    xs: list[int] = []
    ys: list[int] = []
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).alpha() > alpha:
                xs.append(x)
                ys.append(y)
    assert xs, "nothing drawn"
    return min(xs), min(ys), max(xs), max(ys)


def _touches_border(image: QImage) -> bool:
    w, h = image.width(), image.height()
    edge = [(x, y) for x in range(w) for y in (0, h - 1)] + [
        (x, y) for y in range(h) for x in (0, w - 1)
    ]
    return any(image.pixelColor(x, y).alpha() > 0 for x, y in edge)


@pytest.mark.parametrize("exercise_id", poses.EXERCISE_IDS)
def test_drawing_fills_its_frame_and_nothing_is_clipped(
    qapp: QApplication, exercise_id: str
) -> None:
    """At the start, middle and end, on either side, the figure and its props (all but the
    floor line, which is drawn across the whole frame) span most of the picture's width or
    height, and nothing reaches its edge: nothing is cut off."""
    for position in (0.0, 0.5, 1.0):
        for mirrored in (False, True):
            svg = figure.render_svg(exercise_id, position, mirrored=mirrored)
            image = _render_text(FLOOR.sub("", svg), (240, 240))
            where = f"{exercise_id} at {position}{' mirrored' if mirrored else ''}"
            assert not _touches_border(image), f"{where}: the drawing is cut off"
            x0, y0, x1, y1 = _content_box(image)
            wide = (x1 - x0 + 1) / image.width()
            tall = (y1 - y0 + 1) / image.height()
            assert max(wide, tall) >= 0.8, f"{where}: fills {wide:.0%} x {tall:.0%}"


@pytest.mark.parametrize(
    "exercise_id", [i for i in poses.EXERCISE_IDS if poses.illustration(i).view.elevation == 0]
)
def test_floor_line_shows_across_the_picture(qapp: QApplication, exercise_id: str) -> None:
    svg = figure.render_svg(exercise_id, 0.5)
    image = _render_text(svg, (240, 240))
    bare = _render_text(FLOOR.sub("", svg), (240, 240))
    floor = QColor(figure.PALETTE.floor)
    rows = [
        y
        for y in range(image.height())
        if image.pixelColor(0, y).alpha() > 40
        and abs(image.pixelColor(0, y).red() - floor.red()) < 40
        and bare.pixelColor(0, y).alpha() == 0
    ]
    assert rows, "no floor line at the picture's left edge"
    y = rows[0]
    assert 0 < y < image.height() - 1, "the floor line sits on the picture's edge"
    assert image.pixelColor(image.width() - 1, y).alpha() > 40, "the floor stops short"


# ---------------------------------------------------------------- the card in the player


def _exercise(library_id: str | None, name: str = "Clamshell") -> Exercise:
    return Exercise(name=name, sides="each", sets=1, reps=1, hold=0.0, seconds_per_rep=2.0,
                    rest=0.0, library_id=library_id)


def _differs(a: QColor, b: QColor, by: int = 30) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) > by


def _figure_box_on_card(
    widget: IllustrationWidget, exercise: Exercise, positions: tuple[float, ...]
) -> tuple[float, float, float, float]:
    """Union over `positions` of the box of pixels that differ from the card."""
    card = card_colour(widget.palette())
    boxes = []
    for position in positions:
        widget.show_exercise(exercise, position, False)
        image = widget.grab().toImage()
        area = widget.card_rect().toRect()
        xs, ys = [], []
        for y in range(area.top() + 16, area.bottom() - 16):
            for x in range(area.left() + 16, area.right() - 16):
                if _differs(image.pixelColor(x, y), card):
                    xs.append(x)
                    ys.append(y)
        boxes.append((min(xs), min(ys), max(xs) + 1, max(ys) + 1))
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


@pytest.mark.parametrize(
    ("exercise_id", "size"),
    [("clamshell", (600, 460)), ("plank", (600, 460)), ("step-up", (600, 460)),
     ("bridge", (300, 500)), ("lateral-band-walk", (700, 300))],
)
def test_figure_is_centred_and_as_large_as_the_card_allows(
    qtbot: QtBot, exercise_id: str, size: tuple[int, int]
) -> None:
    widget = IllustrationWidget(FigureSource())
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.setPalette(theme._palette(dark=False))
    positions = (0.0, 0.5, 1.0)
    left, top, right, bottom = _figure_box_on_card(widget, _exercise(exercise_id), positions)
    # where the drawing should land: its frame scaled to fit the card's picture area, centred
    area = widget.picture_area()
    frame = figure.frame_for(exercise_id)
    ill = poses.illustration(exercise_id)
    boxes = [
        figure.drawn_bounds(ill, pose_body(poses.pose_at(exercise_id, t)), frame.camera)
        for t in positions
    ]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    if ill.view.elevation == 0:  # the floor line runs across the whole frame
        x0, x1 = 0.0, frame.width
    scale = min(area.width() / frame.width, area.height() / frame.height)
    origin_x = area.center().x() - frame.width * scale / 2
    origin_y = area.center().y() - frame.height * scale / 2
    expected = (origin_x + x0 * scale, origin_y + y0 * scale,
                origin_x + x1 * scale, origin_y + y1 * scale)
    # the light rim and the glow's faded edge hardly differ from a light card
    slack = (figure.HALO_PAD + 1) * scale + 2
    for got, want in zip((left, top, right, bottom), expected, strict=True):
        assert abs(got - want) < slack, ((left, top, right, bottom), expected)
    # so the drawing is as large as the card allows: it reaches two opposite sides of the
    # picture area (less its own small margin), undistorted and centred
    wide = (right - left) / area.width()
    tall = (bottom - top) / area.height()
    assert max(wide, tall) > 0.9, (wide, tall)


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        parts = [
            v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
            for v in (c.redF(), c.greenF(), c.blueF())
        ]
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_card_follows_the_palette(qtbot: QtBot) -> None:
    """Near-white in the light theme; in the dark theme a surface a little lighter than the
    window (no glare), on which the figure still reads."""
    light, dark = theme._palette(dark=False), theme._palette(dark=True)
    assert card_colour(light).lightness() > 245
    window = dark.color(QPalette.ColorRole.Window)
    lifted = card_colour(dark)
    assert window.lightness() < lifted.lightness() < window.lightness() + 30
    for name in ("near", "trunk", "accent", "floor", "mat", "band"):
        colour = QColor(getattr(figure.PALETTE, name))
        assert _contrast(colour, lifted) > 3, name
    assert _contrast(QColor(figure.PALETTE.far), lifted) > 2.4  # with its light rim round it

    widget = IllustrationWidget(FigureSource())
    qtbot.addWidget(widget)
    widget.resize(600, 460)
    widget.show_exercise(_exercise("plank"), 0.5, False)
    for palette in (light, dark):
        widget.setPalette(palette)
        image = widget.grab().toImage()
        assert image.pixelColor(20, 20) == card_colour(palette)  # a corner of the card
        rim = sum(  # the light rim round the dark outline shows on the dark card
            1
            for y in range(0, image.height(), 2)
            for x in range(0, image.width(), 2)
            if image.pixelColor(x, y).lightness() > card_colour(palette).lightness() + 60
        )
        if palette is dark:
            assert rim > 100


def test_exercise_without_a_drawing_shows_its_name(qtbot: QtBot) -> None:
    widget = IllustrationWidget(FigureSource(ids=()))
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.setPalette(theme._palette(dark=True))
    widget.show_exercise(_exercise("clamshell", name="Hip hitch"), 0.0, False)
    assert widget.mode == "name"
    assert widget.current_picture() is None
    image = widget.grab().toImage()
    text = widget.palette().color(QPalette.ColorRole.WindowText)
    assert any(
        not _differs(image.pixelColor(x, y), text, 20)
        for y in range(image.height())
        for x in range(image.width())
    ), "the name is not written in the palette's text colour"


@pytest.mark.parametrize("exercise_id", ["clamshell", "plank", "step-up", "foam-roll"])
def test_thumbnail_is_filled_by_the_figure(
    qapp: QApplication, illustrations: Path, exercise_id: str
) -> None:
    size = QSize(112, 84)
    for palette in (theme._palette(dark=False), theme._palette(dark=True)):
        pixmap = thumbnail(_exercise(exercise_id), FigureSource(), illustrations, size, palette)
        assert pixmap is not None
        image = pixmap.toImage()
        card = card_colour(palette)
        assert image.pixelColor(0, 0) == card
        pts = [
            (x, y)
            for y in range(image.height())
            for x in range(image.width())
            if _differs(image.pixelColor(x, y), card)
        ]
        wide = (max(p[0] for p in pts) - min(p[0] for p in pts) + 1) / size.width()
        tall = (max(p[1] for p in pts) - min(p[1] for p in pts) + 1) / size.height()
        assert max(wide, tall) > 0.75, (wide, tall)  # step-up starts below its top step
