"""Drawing an exercise's body figure and props as a standalone SVG document.

Every exercise is drawn with the same body model, scale (1 SVG unit = 1 cm of the world) and
palette. Each exercise has its own tight frame (`frame_for`): the box round everything it draws
over its whole movement, plus a small margin, so a figure lying on a mat fills its picture as
well as a standing one and keeps its place while it moves. The background is transparent; limbs
are a mid-tone blue with a dark outline and a faint light rim outside it, so they read on light
and dark backgrounds; far-side limbs are a darker shade than near ones, and the working muscle
glows orange. Pure Python and fast enough to call at 30 frames a second.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from hiprehab.drawing import poses
from hiprehab.drawing.body import Body, Segment, pose_body
from hiprehab.drawing.canvas import (
    OUTLINE,
    PALETTE,
    UNITS_PER_M,
    Camera,
    Palette,
    capsule_path,
)
from hiprehab.drawing.propdraw import draw_band, draw_prop, prop_points
from hiprehab.drawing.scene import (
    Band,
    BandEnd,
    Box,
    Chair,
    Highlight,
    Illustration,
    Mat,
    Prop,
    Roller,
    Strap,
    Wall,
)
from hiprehab.drawing.svgdoc import document, element, num
from hiprehab.drawing.vec import Vec3, add, lerp, scale

# ---------------------------------------------------------------- public API


def render_svg(
    exercise_id: str,
    position: float = 0.0,
    *,
    mirrored: bool = False,
    highlight: bool = True,
    title: str | None = None,
) -> str:
    """A complete SVG document of `exercise_id` at `position` (0 start pose .. 1 end pose).

    `mirrored` flips the picture left to right (the other side of the body); `highlight` shows
    the working muscle; `title` replaces the accessible title (the description stays).
    """
    ill = poses.illustration(exercise_id)
    pose = poses.pose_at(exercise_id, position)  # checks the position is a number
    position = min(max(float(position), 0.0), 1.0)
    body = pose_body(pose)
    frame = frame_for(exercise_id)
    shapes = draw_scene(ill, body, frame.camera, highlight=highlight, width=frame.width)
    if mirrored:  # a flip about the frame's centre line: the same frame still fits
        shapes = [element("g", {"transform": f"matrix(-1 0 0 1 {num(frame.width)} 0)"}, shapes)]
    label = title if title is not None else default_title(ill, position)
    desc = describe(ill, position)
    if mirrored:
        desc = swap_sides(desc)
    return document(
        {
            "viewBox": " ".join(num(v) for v in frame.view_box),
            "width": str(round(frame.width * PIXELS_PER_UNIT)),
            "height": str(round(frame.height * PIXELS_PER_UNIT)),
        },
        [
            element("title", text=label),
            element("desc", text=desc),
            _defs(),
            element("g", {"id": "figure", "stroke-linecap": "round", "stroke-linejoin": "round"},
                    shapes),
        ],
    )


def key_position(ill: Illustration, key: str) -> float:
    """Where a named key pose sits on the 0..1 movement."""
    return poses.key_position(ill.id, key)


def default_title(ill: Illustration, position: float) -> str:
    for name, _ in ill.keys:
        if math.isclose(position, key_position(ill, name), abs_tol=1e-9):
            word = {"start": "start", "mid": "middle", "end": "end"}[name]
            return f"{ill.name}, {word} position"
    return f"{ill.name}, moving ({round(position * 100)}% of the way from start to end)"


def describe(ill: Illustration, position: float) -> str:
    """Words for a screen reader: the key pose shown, or the two it is moving between."""
    times = [(key_position(ill, name), name) for name, _ in ill.keys]
    for t, name in times:
        if math.isclose(position, t, abs_tol=1e-9):
            return f"{ill.name}, {name} position: {ill.descriptions[name]}"
    for (t0, a), (t1, b) in zip(times, times[1:], strict=False):
        if t0 < position < t1:
            return (
                f"{ill.name}, moving from the {a} position ({ill.descriptions[a]}) "
                f"to the {b} position ({ill.descriptions[b]})"
            )
    raise ValueError(f"position {position} is outside 0..1")


_SIDE_WORD = re.compile(r"\b(left|right|Left|Right)\b")


def swap_sides(text: str) -> str:
    """Left becomes right and right becomes left (for the mirrored picture)."""
    swap = {"left": "right", "right": "left", "Left": "Right", "Right": "Left"}
    return _SIDE_WORD.sub(lambda m: swap[m.group(1)], text)


# ---------------------------------------------------------------- layout

FRAME_SAMPLES = 17  # positions along the movement the frame is fitted to (0, 1/16, .. 1)
FRAME_MARGIN = 4.0  # empty border round the drawing, in SVG units (centimetres of the world)
PIXELS_PER_UNIT = 2.0  # the document's nominal size: 2 px per centimetre
HALO_PAD = 2 * OUTLINE  # the light rim reaches this far outside a limb's outline
FLOOR_STROKE = 1.2

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
        a, ra, b, rb = _segment_outline(seg, camera)
        boxes += [_around(a, ra + HALO_PAD), _around(b, rb + HALO_PAD)]
    for glow in ill.highlights:
        cx, cy, rx, ry, angle = _glow_shape(glow, body.segment(glow.segment), camera)
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


# ---------------------------------------------------------------- drawing


def draw_scene(
    ill: Illustration, body: Body, camera: Camera, *, highlight: bool = True,
    palette: Palette = PALETTE, width: float | None = None,
) -> list[str]:
    """All shapes of one frame, back to front; the floor line spans 0..`width` (the frame's
    width when not given)."""
    if width is None:
        width = frame_for(ill.id).width
    out: list[str] = [line for line in [draw_floor(ill, camera, palette, width)] if line]
    for prop in ill.props:
        if not isinstance(prop, Band | Strap):
            out.append(draw_prop(prop, camera, palette))
    out += _draw_body(ill, body, camera, highlight, palette)
    for prop in ill.props:
        if isinstance(prop, Band | Strap):
            out.append(draw_band(prop, body, camera, palette))
    return out


def draw_floor(ill: Illustration, camera: Camera, palette: Palette, width: float) -> str:
    """The floor line of a level view, across the frame. Seen from above, the mat in
    perspective shows the floor instead (a level line would cut through the figure like a
    horizon)."""
    if ill.view.elevation != 0:
        return ""
    return element("path", {"d": f"M0 {num(camera.floor_y)}H{num(width)}", "id": "floor",
                            "stroke": palette.floor, "stroke-width": num(FLOOR_STROKE),
                            "fill": "none"})


def _defs() -> str:
    return element(
        "defs",
        children=[
            element(
                "radialGradient",
                {"id": "glow"},
                [
                    element("stop", {"offset": "0", "stop-color": PALETTE.accent,
                                     "stop-opacity": "1"}),
                    element("stop", {"offset": "0.6", "stop-color": PALETTE.accent,
                                     "stop-opacity": "0.95"}),
                    element("stop", {"offset": "1", "stop-color": PALETTE.accent,
                                     "stop-opacity": "0"}),
                ],
            )
        ],
    )


_CHAIN_ORDER = {"leg": -0.03, "trunk": 0.0, "arm": 0.03}


def _draw_body(
    ill: Illustration, body: Body, camera: Camera, highlight: bool, palette: Palette
) -> list[str]:
    """Chains back to front by the depth of their root joint (hip, pelvis, shoulder).

    See `_chain_depth`: a knee bent towards the viewer stays behind the trunk in a front view,
    while the near leg of a side view still comes in front.
    """
    chains: dict[str, list[Segment]] = {}
    for seg in body.segments:
        chains.setdefault(seg.chain, []).append(seg)
    depth = {chain: _chain_depth(chain, body, camera) for chain in chains}
    order = sorted(chains, key=lambda c: (depth[c] + _CHAIN_ORDER[c.split("_")[0]], c))
    out: list[str] = []
    for chain in order:
        segs = chains[chain]
        if chain == "trunk":
            colour = palette.trunk
        elif depth[chain] < depth["trunk"] - 0.03:
            colour = palette.far
        else:
            colour = palette.near
        # The rim and the outline are the chain grown by their widths and filled, rather than
        # wide strokes: the same picture, but filling is several times cheaper to paint.
        shapes = [_segment_outline(seg, camera) for seg in segs]
        for grow, attrs in (
            (HALO_PAD, {"fill": palette.halo, "fill-opacity": "0.6"}),
            (OUTLINE, {"fill": palette.outline}),
            (0.0, {"fill": colour}),
        ):
            d = " ".join(capsule_path(a, ra + grow, b, rb + grow) for a, ra, b, rb in shapes)
            out.append(element("path", {"d": d, **attrs}))
    if highlight:  # on top of everything: the working muscle must always show
        for glow in ill.highlights:
            out.append(_draw_glow(glow, body.segment(glow.segment), camera))
    return out


def _chain_depth(chain: str, body: Body, camera: Camera) -> float:
    """Depth that decides drawing order: the hip for a leg (so a knee bent towards the viewer
    stays behind the trunk), shoulder and hand together for an arm (which often reaches across
    the body), the pelvis for the trunk.

    Each limb is measured against the part of the trunk it hangs from: a leg against the
    pelvis, an arm against the middle of the chest (moved to the pelvis's depth). So a long
    body seen a little from its head or feet end, whose chest is much nearer or farther than
    its pelvis, still puts an arm resting on its front in front of it."""
    p = body.points
    pelvis = camera.depth(p["pelvis"])
    if chain == "trunk":
        return pelvis
    side = chain[-1]
    if chain.startswith("leg"):
        return camera.depth(p[f"hip_{side}"])
    arm = (camera.depth(p[f"shoulder_{side}"]) + camera.depth(p[f"hand_{side}"])) / 2
    chest = (camera.depth(p["shoulder_l"]) + camera.depth(p["shoulder_r"])) / 2
    return arm - chest + pelvis


def _screen_radius(seg: Segment, r: tuple[float, float], camera: Camera, ax: float, ay: float
                   ) -> float:
    """Half-width on screen of a cross-section, measured across the projected segment axis."""
    if r[0] == r[1]:
        return r[0] * UNITS_PER_M
    # The picture direction across the axis, as a vector in camera space (y up).
    nx, ny = -ay, -ax  # perpendicular to (ax, ay) after flipping screen y to camera y
    side, front = camera.rotate(seg.side), camera.rotate(seg.front)
    s = side[0] * nx + side[1] * ny
    f = front[0] * nx + front[1] * ny
    return math.hypot(r[0] * s, r[1] * f) * UNITS_PER_M


def _segment_outline(
    seg: Segment, camera: Camera
) -> tuple[tuple[float, float], float, tuple[float, float], float]:
    """The segment on the picture: its two end centres and half-widths there."""
    ax, ay = camera.screen(seg.a)
    bx, by = camera.screen(seg.b)
    dx, dy = bx - ax, by - ay
    dist = math.hypot(dx, dy)
    ux, uy = (dx / dist, dy / dist) if dist > 1e-6 else (1.0, 0.0)
    ra = _screen_radius(seg, seg.ra, camera, ux, uy)
    rb = _screen_radius(seg, seg.rb, camera, ux, uy)
    return (ax, ay), ra, (bx, by), rb


def _glow_shape(
    glow: Highlight, seg: Segment, camera: Camera
) -> tuple[float, float, float, float, float]:
    """The glow ellipse on the picture: centre, radii along and across, angle in degrees."""
    centre = add(lerp(seg.a, seg.b, glow.at), add(scale(seg.front, glow.front),
                                                   scale(seg.side, glow.side)))
    cx, cy = camera.screen(centre)
    ax, ay = camera.screen(seg.a)
    bx, by = camera.screen(seg.b)
    seen = math.hypot(bx - ax, by - ay)
    real = math.dist(seg.a, seg.b) * UNITS_PER_M
    if real < 1e-6 or seen < 0.3 * real:  # the segment points at the viewer: use its side
        sx, sy = camera.screen(add(centre, seg.side))
        ax, ay, bx, by = cx, cy, sx, sy
    angle = math.degrees(math.atan2(by - ay, bx - ax))
    return cx, cy, glow.length / 2 * UNITS_PER_M, glow.width / 2 * UNITS_PER_M, angle


def _draw_glow(glow: Highlight, seg: Segment, camera: Camera) -> str:
    """A soft orange ellipse on the working muscle, lying along its segment on the picture."""
    cx, cy, rx, ry, angle = _glow_shape(glow, seg, camera)
    return element(
        "ellipse",
        {
            "cx": num(cx),
            "cy": num(cy),
            "rx": num(rx),
            "ry": num(ry),
            "fill": "url(#glow)",
            "transform": f"rotate({num(angle)} {num(cx)} {num(cy)})",
        },
    )


def world_to_screen(exercise_id: str, p: Vec3) -> tuple[float, float]:
    """Where a world point lands in this exercise's frame (handy for tests and tools)."""
    return camera_for(exercise_id).screen(p)


__all__ = [
    "FRAME_MARGIN",
    "FRAME_SAMPLES",
    "HALO_PAD",
    "PALETTE",
    "Camera",
    "Frame",
    "Palette",
    "camera_for",
    "describe",
    "drawn_bounds",
    "draw_scene",
    "frame_for",
    "render_svg",
    "scene_bounds",
    "swap_sides",
    "world_to_screen",
]
