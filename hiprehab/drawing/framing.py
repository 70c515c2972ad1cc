"""Each exercise's frame: the box round everything it draws over its whole movement.

The frame (`frame_for`) is fitted to the body with its outline and rim, the working muscle's glow,
the props, bands and the floor line at many positions from start to end, plus a small margin, so
a figure lying on a mat fills its picture as well as a standing one and keeps its place while it
moves. The bounds follow the very shapes `bodydraw` and `propdraw` draw.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from hiprehab.drawing import poses
from hiprehab.drawing.body import Body, pose_body
from hiprehab.drawing.bodydraw import HALO_PAD, glow_shape, segment_outline
from hiprehab.drawing.canvas import FLOOR_STROKE, UNITS_PER_M, Camera
from hiprehab.drawing.propdraw import prop_points
from hiprehab.drawing.scene import Band, BandEnd, Box, Chair, Illustration, Mat, Prop, Roller, Wall
from hiprehab.drawing.vec import Vec3

FRAME_SAMPLES = 17  # positions along the movement the frame is fitted to (0, 1/16, .. 1)
FRAME_MARGIN = 4.0  # empty border round the drawing, in SVG units (centimetres of the world)

Bounds = tuple[float, float, float, float]  # x0, y0, x1, y1 on the picture


@dataclass(frozen=True)
class Frame:
    """One exercise's picture: the camera that puts its drawing at (0, 0) .. (width, height)."""

    camera: Camera
    width: float
    height: float

    @property
    def view_box(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


@cache
def frame_for(exercise_id: str) -> Frame:
    """The exercise's own tight frame, fitted once to its whole movement.

    The frame is the union of everything drawn (body with its outline and rim, working-muscle
    glow, props, bands and the floor line) over `FRAME_SAMPLES` positions from start to end, plus
    `FRAME_MARGIN`, rounded out to whole centimetres. It never changes during the movement, so
    the figure keeps its place while it moves. The mirrored picture flips about the frame's
    centre line, so it fits the same frame exactly.
    """
    ill = poses.illustration(exercise_id)
    x0, y0, x1, y1 = scene_bounds(ill, Camera(ill.view, 0.0), FRAME_SAMPLES)
    left = math.floor(x0 - FRAME_MARGIN)
    top = math.floor(y0 - FRAME_MARGIN)
    width = math.ceil(x1 + FRAME_MARGIN) - left
    height = math.ceil(y1 + FRAME_MARGIN) - top
    return Frame(Camera(ill.view, -left, -top), float(width), float(height))


def camera_for(exercise_id: str) -> Camera:
    """The exercise's camera (see `frame_for`)."""
    return frame_for(exercise_id).camera


def scene_bounds(ill: Illustration, camera: Camera, samples: int = FRAME_SAMPLES) -> Bounds:
    """Screen bounding box of everything drawn over the whole movement (`samples` positions
    evenly spread from 0 to 1)."""
    boxes = [
        drawn_bounds(ill, pose_body(poses.pose_at(ill.id, i / (samples - 1))), camera)
        for i in range(samples)
    ]
    return _union(boxes)


def drawn_bounds(ill: Illustration, body: Body, camera: Camera) -> Bounds:
    """Screen bounding box of one frame's drawing, strokes included (the floor line counts only
    by its height: it is drawn across whatever width the frame has)."""
    boxes: list[Bounds] = []
    for seg in body.segments:
        a, ra, b, rb = segment_outline(seg, camera)
        boxes += [_around(a, ra + HALO_PAD), _around(b, rb + HALO_PAD)]
    for glow in ill.highlights:
        cx, cy, rx, ry, angle = glow_shape(glow, body.segment(glow.segment), camera)
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        hx, hy = math.hypot(rx * c, ry * s), math.hypot(rx * s, ry * c)
        boxes.append((cx - hx, cy - hy, cx + hx, cy + hy))
    for prop in ill.props:
        boxes += _prop_bounds(prop, body, camera)
    box = _union(boxes)
    if ill.view.elevation == 0:  # the floor line must stay in the picture
        floor = camera.floor_y + FLOOR_STROKE / 2
        box = (box[0], min(box[1], floor - FLOOR_STROKE), box[2], max(box[3], floor))
    return box


def _around(p: tuple[float, float], r: float) -> Bounds:
    return (p[0] - r, p[1] - r, p[0] + r, p[1] + r)


def _union(boxes: list[Bounds]) -> Bounds:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _corners(camera: Camera, pad: float, xs: tuple[float, float], ys: tuple[float, float],
             zs: tuple[float, float]) -> Bounds:
    pts = [camera.screen((x, y, z)) for x in xs for y in ys for z in zs]
    return _union([_around(p, pad) for p in pts])


def _prop_bounds(prop: Prop, body: Body, camera: Camera) -> list[Bounds]:
    """Where `propdraw` draws a prop (same shapes and stroke widths), as boxes."""
    if isinstance(prop, Mat):
        return [_corners(camera, 0.4, (prop.x0, prop.x1), (-0.018, 0.0), (prop.z0, prop.z1))]
    if isinstance(prop, Box):
        return [_corners(camera, 0.6, (prop.x0, prop.x1), (0.0, prop.height), (prop.z0, prop.z1))]
    if isinstance(prop, Wall):
        return [_corners(camera, 0.5, (prop.x, prop.x + prop.facing * 0.12), (0.0, prop.height),
                         (-0.5, 0.5))]
    if isinstance(prop, Roller):
        centre = camera.screen((prop.x, prop.radius, prop.z))
        return [_around(centre, prop.radius * UNITS_PER_M + 0.6)]
    if isinstance(prop, Chair):
        front = prop.x + prop.facing * prop.seat_depth
        return [_corners(camera, (5.5 + 1.8) / 2, (prop.x, front), (0.0, prop.back_height),
                         (prop.z, prop.z))]
    if isinstance(prop, Band):
        return [_around(camera.screen(p), (_band_radius(end, body) + 0.012) * UNITS_PER_M + 1.7)
                for end, p in zip((prop.a, prop.b), prop_points(prop, body), strict=True)]
    return [_around(camera.screen(body.points[n]), 1.7) for n in (*prop.hands, prop.foot)]


def _band_radius(end: BandEnd, body: Body) -> float:
    """The limb's thickness where a band is looped round it (as `propdraw` draws it)."""
    part, side = end.joint.rsplit("_", 1)
    seg = body.segment(f"{_BAND_SEGMENT.get(part, 'shin')}_{side}")
    return seg.rb[0] if part != "hip" else seg.ra[0]


_BAND_SEGMENT = {"knee": "thigh", "ankle": "shin", "hip": "thigh"}


def world_to_screen(exercise_id: str, p: Vec3) -> tuple[float, float]:
    """Where a world point lands in this exercise's frame (handy for tests and tools)."""
    return camera_for(exercise_id).screen(p)
