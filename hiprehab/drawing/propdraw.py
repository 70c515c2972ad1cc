"""Drawing the equipment around the figure: floor, mat, step, chair, wall, roller and bands."""

from __future__ import annotations

from hiprehab.drawing.body import Body
from hiprehab.drawing.canvas import (
    UNITS_PER_M,
    Camera,
    Palette,
    capsule_path,
    hull,
    polygon,
    pt,
)
from hiprehab.drawing.scene import (
    Band,
    BandEnd,
    Box,
    Chair,
    Mat,
    Prop,
    Roller,
    Strap,
    Wall,
)
from hiprehab.drawing.svgdoc import element, num
from hiprehab.drawing.vec import Vec3, lerp


def _band_end(end: BandEnd, body: Body) -> Vec3:
    p = body.points[end.joint]
    if end.toward:
        p = lerp(p, body.points[end.toward], end.along)
    return p


def prop_points(prop: Prop, body: Body) -> list[Vec3]:
    """Corner points of a prop in the world (for the frame's bounds)."""
    if isinstance(prop, Mat):
        return [(prop.x0, 0.0, prop.z0), (prop.x1, 0.0, prop.z1)]
    if isinstance(prop, Box):
        return [(prop.x0, 0.0, prop.z0), (prop.x1, prop.height, prop.z1)]
    if isinstance(prop, Chair):
        return [(prop.x, prop.back_height, prop.z),
                (prop.x + prop.facing * prop.seat_depth, 0.0, prop.z)]
    if isinstance(prop, Wall):
        return [(prop.x, prop.height, 0.0), (prop.x + prop.facing * 0.1, 0.0, 0.0)]
    if isinstance(prop, Roller):
        return [(prop.x - prop.radius, 0.0, prop.z), (prop.x + prop.radius, 2 * prop.radius,
                                                      prop.z)]
    if isinstance(prop, Band):
        return [_band_end(prop.a, body), _band_end(prop.b, body)]
    return [body.points[prop.hands[0]], body.points[prop.foot]]


def _block(camera: Camera, x0: float, x1: float, y0: float, y1: float, z0: float, z1: float
           ) -> list[tuple[float, float]]:
    corners = [(x, y, z) for x in (x0, x1) for y in (y0, y1) for z in (z0, z1)]
    return hull(camera.screen(c) for c in corners)


def draw_prop(prop: Prop, camera: Camera, palette: Palette) -> str:
    if isinstance(prop, Mat):
        hull = _block(camera, prop.x0, prop.x1, -0.018, 0.0, prop.z0, prop.z1)
        return element("path", {"d": polygon(hull), "fill": palette.mat,
                                 "stroke": palette.mat_edge, "stroke-width": "0.8"})
    if isinstance(prop, Box):
        hull = _block(camera, prop.x0, prop.x1, 0.0, prop.height, prop.z0, prop.z1)
        return element("path", {"d": polygon(hull), "fill": palette.wood,
                                 "stroke": palette.wood_edge, "stroke-width": "1.2"})
    if isinstance(prop, Wall):
        hull = _block(camera, prop.x, prop.x + prop.facing * 0.12, 0.0, prop.height, -0.5, 0.5)
        return element("path", {"d": polygon(hull), "fill": palette.wall,
                                 "stroke": palette.wall_edge, "stroke-width": "1"})
    if isinstance(prop, Roller):
        cx, cy = camera.screen((prop.x, prop.radius, prop.z))
        r = prop.radius * UNITS_PER_M
        return element("g", {}, [
            element("circle", {"cx": num(cx), "cy": num(cy), "r": num(r), "fill": palette.roller,
                               "stroke": palette.roller_edge, "stroke-width": "1.2"}),
            element("circle", {"cx": num(cx), "cy": num(cy), "r": num(r * 0.45),
                               "fill": "none", "stroke": palette.roller_edge,
                               "stroke-width": "0.8"}),
        ])
    if isinstance(prop, Chair):
        return _draw_chair(prop, camera, palette)
    raise TypeError(f"not a standing prop: {prop!r}")


def _draw_chair(chair: Chair, camera: Camera, palette: Palette) -> str:
    x, f, z = chair.x, chair.facing, chair.z
    front = x + f * chair.seat_depth
    lines = [
        ((x, 0.0, z), (x, chair.back_height, z)),  # back leg and post
        ((front, 0.0, z), (front, chair.seat_height, z)),  # front leg
        ((x, chair.seat_height, z), (front, chair.seat_height, z)),  # seat
        ((x, chair.back_height - 0.02, z), (x, chair.seat_height + 0.2, z)),  # backrest
    ]
    widths = [3.2, 3.2, 4.0, 5.5]
    outline: list[str] = []
    fill: list[str] = []
    for (a, b), w in zip(lines, widths, strict=True):
        d = f"M{pt(*camera.screen(a))}L{pt(*camera.screen(b))}"
        outline.append(element("path", {"d": d, "stroke-width": num(w + 2 * 0.9)}))
        fill.append(element("path", {"d": d, "stroke-width": num(w)}))
    return element("g", {"fill": "none"}, [
        element("g", {"stroke": palette.chair_edge}, outline),
        element("g", {"stroke": palette.chair}, fill),
    ])


def draw_band(prop: Band | Strap, body: Body, camera: Camera, palette: Palette) -> str:
    if isinstance(prop, Band):
        ends = [prop.a, prop.b]
        pts = [_band_end(e, body) for e in ends]
        radii = [_limb_radius(e.joint, body) + 0.012 for e in ends]
        a, b = (camera.screen(p) for p in pts)
        d = capsule_path(a, radii[0] * UNITS_PER_M, b, radii[1] * UNITS_PER_M)
    else:
        h1, h2 = (camera.screen(body.points[h]) for h in prop.hands)
        foot = camera.screen(body.points[prop.foot])
        d = f"M{pt(*h1)}L{pt(*foot)}L{pt(*h2)}"
    return element("g", {"fill": "none"}, [
        element("path", {"d": d, "stroke": palette.band_edge, "stroke-width": "3.4"}),
        element("path", {"d": d, "stroke": palette.band, "stroke-width": "2"}),
    ])


def _limb_radius(joint: str, body: Body) -> float:
    part, side = joint.rsplit("_", 1)
    seg_name = {"knee": "thigh", "ankle": "shin", "hip": "thigh"}.get(part, "shin")
    seg = body.segment(f"{seg_name}_{side}")
    return seg.rb[0] if part != "hip" else seg.ra[0]
