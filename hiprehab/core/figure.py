"""Drawing an exercise's body figure and props as a standalone SVG document.

Every exercise is drawn with the same body model, camera scale and palette, in one fixed frame
(2.64 m x 2.2 m of the world, floor line at the same height), so pictures line up and a figure
keeps its place while it moves. The background is transparent; limbs are a mid-tone blue with a
dark outline and a faint light rim outside it, so they read on light and dark backgrounds;
far-side limbs are a darker shade than near ones, and the working muscle glows orange. Pure
Python and fast enough to call at 30 frames a second.
"""

from __future__ import annotations

import math
import re
from functools import cache

from hiprehab.core import poses
from hiprehab.core.body import Body, Segment, pose_body
from hiprehab.core.canvas import (
    DEFAULT_SIZE,
    FLOOR_Y,
    FRAME_H,
    FRAME_W,
    OUTLINE,
    PALETTE,
    UNITS_PER_M,
    Camera,
    Palette,
    capsule_path,
)
from hiprehab.core.propdraw import draw_band, draw_floor, draw_prop, prop_points
from hiprehab.core.scene import Band, Highlight, Illustration, Strap
from hiprehab.core.svgdoc import document, element, num
from hiprehab.core.vec import Vec3, add, lerp, scale

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
    camera = camera_for(exercise_id)
    shapes = draw_scene(ill, body, camera, highlight=highlight)
    if mirrored:
        shapes = [element("g", {"transform": f"matrix(-1 0 0 1 {num(FRAME_W)} 0)"}, shapes)]
    label = title if title is not None else default_title(ill, position)
    desc = describe(ill, position)
    if mirrored:
        desc = swap_sides(desc)
    width, height = DEFAULT_SIZE
    return document(
        {
            "viewBox": f"0 0 {num(FRAME_W)} {num(FRAME_H)}",
            "width": str(width),
            "height": str(height),
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


@cache
def camera_for(exercise_id: str) -> Camera:
    """The exercise's camera, placed so its whole movement is centred left to right.

    Level views keep the floor on the shared floor line; views from above are lifted so their
    lowest point sits just below it, like the others.
    """
    ill = poses.illustration(exercise_id)
    x0, _, x1, y1 = scene_bounds(ill, Camera(ill.view, 0.0))
    offset_y = 0.0 if ill.view.elevation == 0 else FLOOR_Y + 3.0 - y1
    return Camera(ill.view, FRAME_W / 2 - (x0 + x1) / 2, offset_y)


def scene_bounds(
    ill: Illustration, camera: Camera, samples: int = 9
) -> tuple[float, float, float, float]:
    """Screen bounding box (x0, y0, x1, y1) of body and props over the whole movement."""
    xs: list[float] = []
    ys: list[float] = []
    for i in range(samples):
        body = pose_body(poses.pose_at(ill.id, i / (samples - 1)))
        for seg in body.segments:
            for p in (seg.a, seg.b):
                x, y = camera.screen(p)
                r = max(max(seg.ra), max(seg.rb)) * UNITS_PER_M
                xs += [x - r, x + r]
                ys += [y - r, y + r]
        for prop in ill.props:
            for p in prop_points(prop, body):
                x, y = camera.screen(p)
                xs.append(x)
                ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


# ---------------------------------------------------------------- drawing


def draw_scene(
    ill: Illustration, body: Body, camera: Camera, *, highlight: bool = True,
    palette: Palette = PALETTE,
) -> list[str]:
    """All shapes of one frame, back to front."""
    out: list[str] = [line for line in [draw_floor(ill, camera, palette)] if line]
    for prop in ill.props:
        if not isinstance(prop, Band | Strap):
            out.append(draw_prop(prop, camera, palette))
    out += _draw_body(ill, body, camera, highlight, palette)
    for prop in ill.props:
        if isinstance(prop, Band | Strap):
            out.append(draw_band(prop, body, camera, palette))
    return out


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
        d = " ".join(_segment_path(seg, camera) for seg in segs)
        out.append(element("path", {"d": d, "fill": "none", "stroke": palette.halo,
                                    "stroke-opacity": "0.6", "stroke-width": num(4 * OUTLINE)}))
        out.append(element("path", {"d": d, "fill": palette.outline, "stroke": palette.outline,
                                    "stroke-width": num(2 * OUTLINE)}))
        out.append(element("path", {"d": d, "fill": colour}))
    if highlight:  # on top of everything: the working muscle must always show
        for glow in ill.highlights:
            out.append(_draw_glow(glow, body.segment(glow.segment), camera))
    return out


def _chain_depth(chain: str, body: Body, camera: Camera) -> float:
    """Depth that decides drawing order: the hip for a leg (so a knee bent towards the viewer
    stays behind the trunk), shoulder and hand together for an arm (which often reaches across
    the body), the pelvis for the trunk."""
    p = body.points
    if chain == "trunk":
        return camera.depth(p["pelvis"])
    side = chain[-1]
    if chain.startswith("leg"):
        return camera.depth(p[f"hip_{side}"])
    return (camera.depth(p[f"shoulder_{side}"]) + camera.depth(p[f"hand_{side}"])) / 2


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


def _segment_path(seg: Segment, camera: Camera) -> str:
    ax, ay = camera.screen(seg.a)
    bx, by = camera.screen(seg.b)
    dx, dy = bx - ax, by - ay
    dist = math.hypot(dx, dy)
    ux, uy = (dx / dist, dy / dist) if dist > 1e-6 else (1.0, 0.0)
    ra = _screen_radius(seg, seg.ra, camera, ux, uy)
    rb = _screen_radius(seg, seg.rb, camera, ux, uy)
    return capsule_path((ax, ay), ra, (bx, by), rb)


def _draw_glow(glow: Highlight, seg: Segment, camera: Camera) -> str:
    """A soft orange ellipse on the working muscle, lying along its segment on the picture."""
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
    return element(
        "ellipse",
        {
            "cx": num(cx),
            "cy": num(cy),
            "rx": num(glow.length / 2 * UNITS_PER_M),
            "ry": num(glow.width / 2 * UNITS_PER_M),
            "fill": "url(#glow)",
            "transform": f"rotate({num(angle)} {num(cx)} {num(cy)})",
        },
    )


def world_to_screen(exercise_id: str, p: Vec3) -> tuple[float, float]:
    """Where a world point lands in this exercise's frame (handy for tests and tools)."""
    return camera_for(exercise_id).screen(p)


__all__ = [
    "FRAME_H",
    "FRAME_W",
    "PALETTE",
    "Camera",
    "Palette",
    "camera_for",
    "describe",
    "draw_scene",
    "render_svg",
    "scene_bounds",
    "swap_sides",
    "world_to_screen",
]
