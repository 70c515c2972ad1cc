"""The drawn adult's proportions and the solid shapes laid over its joints.

`BodyModel` holds every length and thickness (one believable adult, about 1.77 m tall); given the
placed joint points, `build_segments` turns them into the rounded capsules that are drawn, and
`Body` is the result: points plus segments, with the surface heights used to rest it on the floor.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from hiprehab.drawing.body_pose import SIDES
from hiprehab.drawing.vec import Vec3, add, cross, dot, length, scale, sub
from hiprehab.drawing.vec import unit as _unit


@dataclass(frozen=True)
class BodyModel:
    """Segment lengths and half-thicknesses of the drawn adult, in metres."""

    thigh: float = 0.44
    shin: float = 0.42
    ankle_height: float = 0.08
    hip_half_width: float = 0.09
    pelvis_to_waist: float = 0.20
    waist_to_neck: float = 0.30
    shoulder_half_width: float = 0.175
    shoulder_drop: float = 0.045
    neck_to_head: float = 0.20
    upper_arm: float = 0.29
    forearm: float = 0.26
    wrist_to_hand: float = 0.055
    heel_back: float = 0.035
    toe_front: float = 0.17
    ball_front: float = 0.13
    # Half-thicknesses (side-to-side, front-to-back) of the trunk; the hips are a rounded bar
    # from hip joint to hip joint, measured (up-down, front-to-back).
    hips_r: tuple[float, float] = (0.095, 0.118)
    belly_r: tuple[float, float] = (0.14, 0.105)
    belly_lift: float = 0.06  # the belly shape starts this far above the hip joints
    waist_r: tuple[float, float] = (0.13, 0.095)
    chest_r: tuple[float, float] = (0.17, 0.115)
    chest_top_drop: float = 0.135
    head_r: tuple[float, float] = (0.08, 0.095)
    head_half_height: float = 0.03
    neck_r: float = 0.05
    thigh_r: tuple[float, float] = (0.084, 0.058)
    shin_r: tuple[float, float] = (0.057, 0.041)
    heel_r: float = 0.037
    toe_r: float = 0.026
    upper_arm_r: tuple[float, float] = (0.05, 0.042)
    forearm_r: tuple[float, float] = (0.041, 0.033)
    hand_r: float = 0.043


ADULT = BodyModel()


@dataclass(frozen=True)
class Segment:
    """A solid part between two points, drawn as a rounded (tapered) capsule.

    `ra` and `rb` are the half-thickness at each end as (along `side`, along `front`), so the
    trunk looks wide from the front and narrower from the side, like a real one.
    """

    name: str
    chain: str
    a: Vec3
    b: Vec3
    ra: tuple[float, float]
    rb: tuple[float, float]
    front: Vec3
    outward: Vec3  # across the segment, towards the body's outside ("side" is left or right)


@dataclass(frozen=True)
class Body:
    """A posed body: named points in the world and the segments to draw."""

    points: Mapping[str, Vec3]
    segments: tuple[Segment, ...]
    reach_error: float  # metres a reach target was missed by (0 when all were reached)

    def segment(self, name: str) -> Segment:
        for seg in self.segments:
            if seg.name == name:
                return seg
        raise KeyError(name)

    def bottoms(self) -> dict[str, float]:
        """Height of the lowest surface point of each segment (the floor is 0)."""
        return {
            seg.name: min(
                segment_bottom(seg.a, seg.ra, seg), segment_bottom(seg.b, seg.rb, seg)
            )
            for seg in self.segments
        }

    def lowest(self) -> float:
        """Height of the lowest surface point of the body."""
        return min(self.bottoms().values())


def _extent(r: tuple[float, float], side: Vec3, front: Vec3, direction: Vec3) -> float:
    """How far an elliptical cross-section reaches along `direction` (a unit vector)."""
    return math.hypot(r[0] * dot(side, direction), r[1] * dot(front, direction))


def foot_offsets(model: BodyModel) -> dict[str, tuple[float, float]]:
    """Foot points relative to the ankle as (forward along the foot, down towards the sole)."""
    return {
        "ankle": (0.0, 0.0),
        "heel": (-model.heel_back, model.ankle_height - model.heel_r),
        "toe": (model.toe_front, model.ankle_height - model.toe_r),
        "ball": (model.ball_front, model.ankle_height),
    }


def segment_bottom(p: Vec3, r: tuple[float, float], seg: Segment) -> float:
    """Lowest surface height of a segment's rounded end (its cap reaches along the axis too)."""
    axis = sub(seg.b, seg.a)
    if length(axis) < 1e-9:  # a ball (the hand)
        return p[1] - max(r)
    along = dot(_unit(axis), (0.0, 1.0, 0.0))
    across = _extent(r, seg.outward, seg.front, (0.0, 1.0, 0.0))
    return p[1] - math.hypot(across, 0.5 * (r[0] + r[1]) * along)


def build_segments(
    pts: dict[str, Vec3],
    fronts: dict[str, Vec3],
    pelvis: tuple[Vec3, Vec3, Vec3],
    chest: tuple[Vec3, Vec3, Vec3],
    head: tuple[Vec3, Vec3, Vec3],
    m: BodyModel,
) -> tuple[Segment, ...]:
    """The drawn segments over placed points, given each limb part's front and the trunk frames
    (front, up, left) of the pelvis, chest and head."""
    segs: list[Segment] = []
    p_front, p_up, p_left = pelvis
    c_front, c_up, c_left = chest
    h_front, h_up, h_left = head
    segs.append(Segment("pelvis", "trunk", pts["hip_l"], pts["hip_r"], m.hips_r, m.hips_r,
                        p_front, p_up))
    belly = add(pts["pelvis"], scale(p_up, m.belly_lift))
    segs.append(Segment("belly", "trunk", belly, pts["waist"], m.belly_r, m.waist_r,
                        p_front, p_left))
    segs.append(Segment("chest", "trunk", pts["waist"], pts["chest_top"], m.waist_r, m.chest_r,
                        c_front, c_left))
    head_a = sub(pts["head"], scale(h_up, m.head_half_height))
    head_b = add(pts["head"], scale(h_up, m.head_half_height))
    segs.append(Segment("neck", "trunk", pts["neck"], head_a, (m.neck_r, m.neck_r),
                        (m.neck_r, m.neck_r), h_front, h_left))
    segs.append(Segment("head", "trunk", head_a, head_b, m.head_r, m.head_r, h_front, h_left))
    for s in SIDES:
        out_p = p_left if s == "l" else scale(p_left, -1.0)
        out_c = c_left if s == "l" else scale(c_left, -1.0)
        limb_parts = (
            ("thigh", f"leg_{s}", "hip", "knee", m.thigh_r, out_p),
            ("shin", f"leg_{s}", "knee", "ankle", m.shin_r, out_p),
            ("foot", f"leg_{s}", "heel", "toe", (m.heel_r, m.toe_r), out_p),
            ("upper_arm", f"arm_{s}", "shoulder", "elbow", m.upper_arm_r, out_c),
            ("forearm", f"arm_{s}", "elbow", "wrist", m.forearm_r, out_c),
            ("hand", f"arm_{s}", "hand", "hand", (m.hand_r, m.hand_r), out_c),
        )
        for part, chain, start, end, (r_start, r_end), out in limb_parts:
            a, b = pts[f"{start}_{s}"], pts[f"{end}_{s}"]
            seg_front = fronts[f"{part}_{s}"]
            across = _side_of(seg_front, a, b, out) if part != "hand" else out
            segs.append(Segment(f"{part}_{s}", chain, a, b, (r_start, r_start), (r_end, r_end),
                                seg_front, across))
    return tuple(segs)


def _side_of(front: Vec3, a: Vec3, b: Vec3, out: Vec3) -> Vec3:
    """A unit vector across the segment, pointing to the body's outside where that is defined."""
    axis = sub(b, a)
    if length(axis) < 1e-9:
        return out
    side = _unit(cross(_unit(axis), front))
    return side if dot(side, out) >= 0 else scale(side, -1.0)
