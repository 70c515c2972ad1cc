"""Drawing the posed body: its chains back to front, shaded by depth, and the working muscle.

Limbs are a mid-tone blue with a dark outline and a faint light rim outside it, so they read on
light and dark backgrounds; far-side limbs are a darker shade than near ones, and the working
muscle glows orange on top. `framing` measures the same shapes (`segment_outline`,
`glow_shape`, `HALO_PAD`) to fit each exercise's frame round them.
"""

from __future__ import annotations

import math

from hiprehab.drawing.body import Body, Segment
from hiprehab.drawing.canvas import OUTLINE, PALETTE, UNITS_PER_M, Camera, Palette, capsule_path
from hiprehab.drawing.scene import Highlight, Illustration
from hiprehab.drawing.svgdoc import element, num
from hiprehab.drawing.vec import add, lerp, scale

HALO_PAD = 2 * OUTLINE  # the light rim reaches this far outside a limb's outline


_CHAIN_ORDER = {"leg": -0.03, "trunk": 0.0, "arm": 0.03}


def draw_body(
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
        shapes = [segment_outline(seg, camera) for seg in segs]
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
    outward, front = camera.rotate(seg.outward), camera.rotate(seg.front)
    s = outward[0] * nx + outward[1] * ny
    f = front[0] * nx + front[1] * ny
    return math.hypot(r[0] * s, r[1] * f) * UNITS_PER_M


def segment_outline(
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


def glow_shape(
    glow: Highlight, seg: Segment, camera: Camera
) -> tuple[float, float, float, float, float]:
    """The glow ellipse on the picture: centre, radii along and across, angle in degrees."""
    centre = add(lerp(seg.a, seg.b, glow.at), add(scale(seg.front, glow.front),
                                                   scale(seg.outward, glow.outward)))
    cx, cy = camera.screen(centre)
    ax, ay = camera.screen(seg.a)
    bx, by = camera.screen(seg.b)
    seen = math.hypot(bx - ax, by - ay)
    real = math.dist(seg.a, seg.b) * UNITS_PER_M
    if real < 1e-6 or seen < 0.3 * real:  # the segment points at the viewer: use its side
        sx, sy = camera.screen(add(centre, seg.outward))
        ax, ay, bx, by = cx, cy, sx, sy
    angle = math.degrees(math.atan2(by - ay, bx - ax))
    return cx, cy, glow.length / 2 * UNITS_PER_M, glow.width / 2 * UNITS_PER_M, angle


def _draw_glow(glow: Highlight, seg: Segment, camera: Camera) -> str:
    """A soft orange ellipse on the working muscle, lying along its segment on the picture."""
    cx, cy, rx, ry, angle = glow_shape(glow, seg, camera)
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


def glow_defs() -> str:
    """The document's `<defs>`: the radial gradient the working muscle's glow is filled with."""
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
