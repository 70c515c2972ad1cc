"""The committed illustrations as Qt draws them: present, valid, visible, and moving."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from hiprehab.core import figure, poses
from hiprehab.core.body import pose_body

NS = "{http://www.w3.org/2000/svg}"
SIZE = (132, 110)  # a thumbnail with the frame's 6:5 shape
FILES = [
    (exercise_id, name)
    for exercise_id in poses.EXERCISE_IDS
    for name in poses.key_pose_names(exercise_id)
]


def _render(renderer: QSvgRenderer, size: tuple[int, int] = SIZE) -> QImage:
    assert renderer.isValid()
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size[0], size[1]))
    painter.end()
    return image


def _render_text(svg: str, size: tuple[int, int] = SIZE) -> QImage:
    return _render(QSvgRenderer(QByteArray(svg.encode("utf-8"))), size)


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
    covered = len(_opaque(image)) / (SIZE[0] * SIZE[1])
    assert 0.02 < covered < 0.6, f"{path.name} covers {covered:.0%} of its thumbnail"
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


def _joints_on_picture(exercise_id: str, position: float) -> dict[str, tuple[float, float]]:
    """Where the main joints land on a SIZE render (pixels)."""
    body = pose_body(poses.pose_at(exercise_id, position))
    sx, sy = SIZE[0] / figure.FRAME_W, SIZE[1] / figure.FRAME_H
    return {
        name: (x * sx, y * sy)
        for name in JOINTS
        for x, y in [figure.world_to_screen(exercise_id, body.points[name])]
    }


@pytest.mark.parametrize("exercise_id", poses.EXERCISE_IDS)
def test_half_way_lies_between_start_and_end(qapp: QApplication, exercise_id: str) -> None:
    """The picture half way along each stretch of the movement shows the body between its
    key poses: it differs from both, every joint it draws sits where the in-between pose puts
    it, and each joint that moves is nearer to both ends than they are to each other."""
    keys = [poses.key_position(exercise_id, n) for n in poses.key_pose_names(exercise_id)]
    for t0, t1 in zip(keys, keys[1:], strict=False):
        half = (t0 + t1) / 2
        images = {t: _render_text(figure.render_svg(exercise_id, t)) for t in (t0, half, t1)}
        assert _difference(images[half], images[t0]) > 30
        assert _difference(images[half], images[t1]) > 30
        joints = {t: _joints_on_picture(exercise_id, t) for t in images}
        for t, image in images.items():
            for name, (x, y) in joints[t].items():
                assert image.pixelColor(int(x), int(y)).alpha() > 0, f"{name} not drawn at {t}"
        for name in JOINTS:
            a, m, b = joints[t0][name], joints[half][name], joints[t1][name]
            whole = math.dist(a, b)
            if whole > 3:
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
