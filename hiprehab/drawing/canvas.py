"""The shared drawing surface: scale, camera projection, palette and shape outlines.

Kept apart from what is drawn (`bodydraw.py` for bodies, `propdraw.py` for equipment) so every
picture uses the same scale, colours and shape rules. Each exercise's picture is then cropped to
its own tight frame (`framing.frame_for`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hiprehab.drawing.scene import View
from hiprehab.drawing.svgdoc import num
from hiprehab.drawing.vec import Vec3

# A reference frame for a camera on its own (SVG units are centimetres of the world); the
# pictures themselves are cropped to each exercise's drawing by `framing.frame_for`.
FRAME_W = 264.0
FRAME_H = 220.0
FLOOR_Y = 208.0
UNITS_PER_M = 100.0
OUTLINE = 1.3  # width of the dark edge around solid shapes, in centimetres
FLOOR_STROKE = 1.2  # width of the floor line of a level view


@dataclass(frozen=True)
class Palette:
    """The colours every illustration shares."""

    outline: str = "#1f2b3a"
    halo: str = "#ffffff"  # a faint light rim outside the outline, for dark backgrounds
    near: str = "#7aa7dc"
    trunk: str = "#6997cf"
    far: str = "#4b73a5"
    accent: str = "#ff7a18"
    band: str = "#e8437c"
    band_edge: str = "#7d1840"
    floor: str = "#8a939e"
    mat: str = "#b9dcc5"
    mat_edge: str = "#5e9c78"
    wood: str = "#d3a96c"
    wood_edge: str = "#6b5130"
    chair: str = "#aab2bc"
    chair_edge: str = "#48505a"
    wall: str = "#c5cbd3"
    wall_edge: str = "#59616b"
    roller: str = "#9d84d6"
    roller_edge: str = "#45357a"


PALETTE = Palette()


class Camera:
    """Orthographic projection of world metres onto the SVG frame."""

    def __init__(
        self, view: View, offset_x: float = FRAME_W / 2, offset_y: float = 0.0
    ) -> None:
        self.offset_x = offset_x
        self.floor_y = FLOOR_Y + offset_y
        yaw, elevation = math.radians(view.yaw), math.radians(view.elevation)
        self._cy, self._sy = math.cos(yaw), math.sin(yaw)
        self._ce, self._se = math.cos(elevation), math.sin(elevation)

    def rotate(self, p: Vec3) -> Vec3:
        """World point in camera axes: x right, y up on the picture, z towards the viewer."""
        x = p[0] * self._cy + p[2] * self._sy
        z = -p[0] * self._sy + p[2] * self._cy
        return (x, p[1] * self._ce - z * self._se, z * self._ce + p[1] * self._se)

    def screen(self, p: Vec3) -> tuple[float, float]:
        c = self.rotate(p)
        return (self.offset_x + c[0] * UNITS_PER_M, self.floor_y - c[1] * UNITS_PER_M)

    def depth(self, p: Vec3) -> float:
        return self.rotate(p)[2]


def capsule_path(
    a: tuple[float, float], ra: float, b: tuple[float, float], rb: float
) -> str:
    """Path data of two circles joined by their outer tangents (a rounded, tapered limb).

    Every path turns the same way, so several can share one `d` and fill as their union.
    """
    dx, dy = b[0] - a[0], b[1] - a[1]
    d = math.hypot(dx, dy)
    if d <= abs(ra - rb) + 1e-3:
        c, r = (a, ra) if ra >= rb else (b, rb)
        return circle_path(c, r)
    ux, uy = dx / d, dy / d
    px, py = -uy, ux
    sin_a = (ra - rb) / d
    cos_a = math.sqrt(max(1.0 - sin_a * sin_a, 0.0))
    n1 = (ux * sin_a + px * cos_a, uy * sin_a + py * cos_a)
    n2 = (ux * sin_a - px * cos_a, uy * sin_a - py * cos_a)
    big_b = 1 if sin_a < 0 else 0
    big_a = 1 - big_b
    return (
        f"M{pt(a[0] + ra * n1[0], a[1] + ra * n1[1])}"
        f"L{pt(b[0] + rb * n1[0], b[1] + rb * n1[1])}"
        f"A{num(rb)} {num(rb)} 0 {big_b} 0 {pt(b[0] + rb * n2[0], b[1] + rb * n2[1])}"
        f"L{pt(a[0] + ra * n2[0], a[1] + ra * n2[1])}"
        f"A{num(ra)} {num(ra)} 0 {big_a} 0 {pt(a[0] + ra * n1[0], a[1] + ra * n1[1])}Z"
    )


def circle_path(c: tuple[float, float], r: float) -> str:
    return (
        f"M{pt(c[0] + r, c[1])}A{num(r)} {num(r)} 0 1 0 {pt(c[0] - r, c[1])}"
        f"A{num(r)} {num(r)} 0 1 0 {pt(c[0] + r, c[1])}Z"
    )


def pt(x: float, y: float) -> str:
    return f"{num(x)} {num(y)}"


def hull(points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull (Andrew's monotone chain), counter-clockwise."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def polygon(points: Sequence[tuple[float, float]]) -> str:
    return "M" + "L".join(pt(x, y) for x, y in points) + "Z"
