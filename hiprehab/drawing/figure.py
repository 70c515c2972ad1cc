"""Drawing an exercise's body figure and props as a standalone SVG document.

Every exercise is drawn with the same body model, scale (1 SVG unit = 1 cm of the world) and
palette, in its own tight frame (`framing.frame_for`) with a transparent background: the floor
and props (`propdraw`), the body and its working muscle (`bodydraw`), and the accessible title
and description. Pure Python and fast enough to call at 30 frames a second. The framing and
palette names stay importable from here.
"""

from __future__ import annotations

import math
import re

from hiprehab.drawing import poses
from hiprehab.drawing.body import Body, pose_body
from hiprehab.drawing.bodydraw import HALO_PAD, draw_body, glow_defs
from hiprehab.drawing.canvas import FLOOR_STROKE, PALETTE, Camera, Palette
from hiprehab.drawing.framing import (
    FRAME_MARGIN,
    FRAME_SAMPLES,
    Frame,
    camera_for,
    drawn_bounds,
    frame_for,
    scene_bounds,
    world_to_screen,
)
from hiprehab.drawing.propdraw import draw_band, draw_prop
from hiprehab.drawing.scene import Band, Illustration, Strap
from hiprehab.drawing.svgdoc import document, element, num

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

PIXELS_PER_UNIT = 2.0  # the document's nominal size: 2 px per centimetre


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
            glow_defs(),
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
    out += draw_body(ill, body, camera, highlight, palette)
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
