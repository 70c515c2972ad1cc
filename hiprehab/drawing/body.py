"""The one body model every illustration uses: joint angles (and reach targets) -> 3D points.

A pose says how the pelvis is oriented, how each joint is bent, which body point is pinned to a
place in the world, and optionally where a hand or foot must reach (solved with two-bone inverse
kinematics, so feet stay planted while the hips move). Lengths and thicknesses are fixed here, so
every exercise shows the same believable adult (about 1.77 m tall).

World axes, in metres: x to the right of the picture, y up (the floor is y = 0), z towards the
viewer. A figure with all angles zero stands upright facing +x, its right side towards the viewer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from hiprehab.drawing.vec import (
    Vec3,
    add,
    combo,
    cross,
    dot,
    length,
    lerp,
    rotate_about,
    scale,
    sub,
)
from hiprehab.drawing.vec import turn as _turn
from hiprehab.drawing.vec import unit as _unit

SIDES = ("l", "r")

#: Every joint angle a pose may set, in degrees; anything not set is 0 (standing neutral).
#: `yaw`, `pitch`, `roll` orient the pelvis in the world: pitch 90 = lying face down (head to +x),
#: -90 = lying on the back (head to -x); roll 90 = tipped onto the left side.
#: For a leg solved by a reach target, `ankle_<s>` turns the foot from the pelvis front towards
#: the feet (so -pitch keeps it flat on the floor); `toe_out_<s>` turns the toes outwards and
#: `foot_roll_<s>` tips the sole outwards; `leg_open_<s>` swings the bent leg's knee outwards
#: about the hip-to-ankle line (a clamshell).
ANGLE_NAMES: tuple[str, ...] = (
    "yaw",
    "pitch",
    "roll",
    "waist_flex",
    "waist_side",
    "waist_twist",
    "neck_flex",
    "neck_turn",
    *(
        f"{joint}_{side}"
        for side in SIDES
        for joint in (
            "hip_flex",
            "hip_abd",
            "hip_rot",
            "knee",
            "ankle",
            "toe_out",
            "foot_roll",
            "leg_open",
            "shoulder_flex",
            "shoulder_abd",
            "shoulder_rot",
            "elbow",
        )
    ),
)
_ANGLE_SET = frozenset(ANGLE_NAMES)

#: Body points a reach target may name (the limb is then solved to put that point there).
TARGET_POINTS: tuple[str, ...] = tuple(
    f"{p}_{s}" for s in SIDES for p in ("ankle", "heel", "ball", "toe", "wrist", "hand")
)

#: Limbs whose bend direction (`Pose.poles`) may be set.
LIMBS: tuple[str, ...] = ("leg_l", "leg_r", "arm_l", "arm_r")


@dataclass(frozen=True)
class Pose:
    """One body position: joint angles plus where the body is in the world.

    `anchor` names the body point that sits at `at`. `targets` pin hands and feet to world
    points; `poles` give the bend direction of a solved limb as (front, up, out)
    in the pelvis frame (legs) or chest frame (arms): knees bend forward and elbows back unless
    a pole says otherwise. With `ground`, the height in `at` is ignored and the body is lowered
    until its lowest part that is not reaching for a target rests on the floor (lying, kneeling)
    or on `roller`, a foam roller lying across the floor.
    """

    angles: Mapping[str, float] = field(default_factory=dict)
    anchor: str = "pelvis"
    at: Vec3 = (0.0, 0.94, 0.0)
    targets: Mapping[str, Vec3] = field(default_factory=dict)
    poles: Mapping[str, Vec3] = field(default_factory=dict)
    ground: bool = False
    roller: tuple[float, float] | None = None  # (x, radius) of a roller the body may rest on

    def __post_init__(self) -> None:
        unknown = set(self.angles) - _ANGLE_SET
        if unknown:
            raise ValueError(f"unknown joint angle(s): {', '.join(sorted(unknown))}")
        bad_targets = set(self.targets) - set(TARGET_POINTS)
        if bad_targets:
            raise ValueError(f"unknown reach target(s): {', '.join(sorted(bad_targets))}")
        if _duplicate_limb(tuple(self.targets)):
            raise ValueError(f"two reach targets on one limb: {sorted(self.targets)}")
        bad_poles = set(self.poles) - set(LIMBS)
        if bad_poles:
            raise ValueError(f"unknown limb(s) in poles: {', '.join(sorted(bad_poles))}")

    def angle(self, name: str) -> float:
        return self.angles.get(name, 0.0)


def _duplicate_limb(targets: tuple[str, ...]) -> bool:
    seen: set[str] = set()
    for name in targets:
        part, side = name.rsplit("_", 1)
        limb = ("arm_" if part in ("wrist", "hand") else "leg_") + side
        if limb in seen:
            return True
        seen.add(limb)
    return False


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
    side: Vec3


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
            seg.name: min(_bottom(seg.a, seg.ra, seg), _bottom(seg.b, seg.rb, seg))
            for seg in self.segments
        }

    def lowest(self) -> float:
        """Height of the lowest surface point of the body."""
        return min(self.bottoms().values())


def _extent(r: tuple[float, float], side: Vec3, front: Vec3, direction: Vec3) -> float:
    """How far an elliptical cross-section reaches along `direction` (a unit vector)."""
    return math.hypot(r[0] * dot(side, direction), r[1] * dot(front, direction))


def _limb_of(point: str) -> str:
    part, side = point.rsplit("_", 1)
    return ("arm_" if part in ("wrist", "elbow", "hand", "shoulder") else "leg_") + side


def _foot_offsets(model: BodyModel) -> dict[str, tuple[float, float]]:
    """Foot points relative to the ankle as (forward along the foot, down towards the sole)."""
    return {
        "ankle": (0.0, 0.0),
        "heel": (-model.heel_back, model.ankle_height - model.heel_r),
        "toe": (model.toe_front, model.ankle_height - model.toe_r),
        "ball": (model.ball_front, model.ankle_height),
    }


def pose_body(pose: Pose, model: BodyModel = ADULT) -> Body:
    """Place every body point for `pose` (see the module docstring for the axes)."""
    body = _place(pose, model)
    if not pose.ground:
        return body
    solved = {_limb_of(t) for t in pose.targets}
    lift = max(
        _lift(seg, k / 4, pose.roller)
        for seg in body.segments
        if seg.chain not in solved
        for k in range(5)
    )
    at = (pose.at[0], pose.at[1] + lift, pose.at[2])
    return _place(replace(pose, at=at, ground=False), model)


def _lift(seg: Segment, t: float, roller: tuple[float, float] | None) -> float:
    """How far up a point `t` along a segment must move to rest on the floor or the roller."""
    p = lerp(seg.a, seg.b, t)
    r = (seg.ra[0] + (seg.rb[0] - seg.ra[0]) * t, seg.ra[1] + (seg.rb[1] - seg.ra[1]) * t)
    depth = p[1] - _bottom(p, r, seg)  # how far the surface reaches below the point
    lift = depth - p[1]
    if roller is not None:
        x0, radius = roller
        dx = p[0] - x0
        if abs(dx) < radius + depth:
            lift = max(lift, radius + math.sqrt((radius + depth) ** 2 - dx * dx) - p[1])
    return lift


def _bottom(p: Vec3, r: tuple[float, float], seg: Segment) -> float:
    """Lowest surface height of a segment's rounded end (its cap reaches along the axis too)."""
    axis = sub(seg.b, seg.a)
    if length(axis) < 1e-9:  # a ball (the hand)
        return p[1] - max(r)
    along = dot(_unit(axis), (0.0, 1.0, 0.0))
    across = _extent(r, seg.side, seg.front, (0.0, 1.0, 0.0))
    return p[1] - math.hypot(across, 0.5 * (r[0] + r[1]) * along)


def _place(pose: Pose, model: BodyModel) -> Body:
    a = pose.angle
    pelvis_frame = _pelvis_frame(pose)
    front, up, left = pelvis_frame
    # Chest frame from the waist joint.
    c_front, c_up, c_left = front, up, left
    c_up, c_front = _turn(c_up, c_front, a("waist_flex"))
    c_up, c_left = _turn(c_up, c_left, a("waist_side"))
    c_front, c_left = _turn(c_front, c_left, a("waist_twist"))
    h_front, h_up, h_left = c_front, c_up, c_left
    h_up, h_front = _turn(h_up, h_front, a("neck_flex"))
    h_front, h_left = _turn(h_front, h_left, a("neck_turn"))

    origin: Vec3 = (0.0, 0.0, 0.0)
    pts: dict[str, Vec3] = {"pelvis": origin}
    pts["waist"] = scale(up, model.pelvis_to_waist)
    pts["neck"] = add(pts["waist"], scale(c_up, model.waist_to_neck))
    pts["chest_top"] = sub(pts["neck"], scale(c_up, model.chest_top_drop))
    pts["head"] = add(pts["neck"], scale(h_up, model.neck_to_head))
    limb_frames: dict[str, tuple[Vec3, Vec3, Vec3]] = {}
    fronts: dict[str, Vec3] = {}
    solved = {_limb_of(t) for t in pose.targets}

    for s in SIDES:
        out = left if s == "l" else scale(left, -1.0)
        c_out = c_left if s == "l" else scale(c_left, -1.0)
        pts[f"hip_{s}"] = scale(out, model.hip_half_width)
        pts[f"shoulder_{s}"] = combo(
            (pts["neck"], 1.0), (c_out, model.shoulder_half_width), (c_up, -model.shoulder_drop)
        )
        limb_frames[f"leg_{s}"] = (front, up, out)
        limb_frames[f"arm_{s}"] = (c_front, c_up, c_out)
        if f"leg_{s}" not in solved:
            leg_pts, leg_fronts = _leg_fk(pose, s, pts[f"hip_{s}"], front, up, out, model)
            pts.update(leg_pts)
            fronts.update(leg_fronts)
        if f"arm_{s}" not in solved:
            arm_pts, arm_fronts = _arm_fk(
                pose, s, pts[f"shoulder_{s}"], c_front, c_up, c_out, model
            )
            pts.update(arm_pts)
            fronts.update(arm_fronts)

    # Pin the anchor point to its place in the world.
    if pose.anchor not in pts:
        raise ValueError(f"anchor {pose.anchor!r} is not a point of the body model (or is solved)")
    shift = sub(pose.at, pts[pose.anchor])
    pts = {k: add(v, shift) for k, v in pts.items()}

    reach_error = 0.0
    for target_name, target in sorted(pose.targets.items()):
        part, s = target_name.rsplit("_", 1)
        f_, u_, o_ = limb_frames[_limb_of(target_name)]
        pole_local = pose.poles.get(_limb_of(target_name))
        if part in ("wrist", "hand"):
            pole = _local(pole_local or (-1.0, 0.0, 0.0), f_, u_, o_)
            root = pts[f"shoulder_{s}"]
            reach = model.forearm + (model.wrist_to_hand if part == "hand" else 0.0)
            elbow, end, err = _two_bone(root, target, model.upper_arm, reach, pole)
            fore_dir = _unit(sub(end, elbow))
            wrist = add(elbow, scale(fore_dir, model.forearm))
            pts[f"elbow_{s}"], pts[f"wrist_{s}"] = elbow, wrist
            pts[f"hand_{s}"] = add(wrist, scale(fore_dir, model.wrist_to_hand))
            fronts[f"upper_arm_{s}"] = _perp(scale(pole, -1.0), sub(elbow, root))
            fronts[f"forearm_{s}"] = fronts[f"hand_{s}"] = _perp(scale(pole, -1.0), fore_dir)
        else:
            pole = _local(pole_local or (1.0, 0.0, 0.0), f_, u_, o_)
            foot_f, foot_d = _solved_foot(pose, s, f_, u_, o_)
            off = _foot_offsets(model)[part]
            ankle_goal = combo((target, 1.0), (foot_f, -off[0]), (foot_d, -off[1]))
            root = pts[f"hip_{s}"]
            knee, ankle, err = _two_bone(root, ankle_goal, model.thigh, model.shin, pole)
            pts[f"knee_{s}"], pts[f"ankle_{s}"] = knee, ankle
            _place_foot(pts, s, ankle, foot_f, foot_d, model)
            fronts[f"thigh_{s}"] = _perp(pole, sub(knee, root))
            fronts[f"shin_{s}"] = _perp(pole, sub(ankle, knee))
            fronts[f"foot_{s}"] = scale(foot_d, -1.0)
        reach_error = max(reach_error, err)

    segments = _segments(
        pts, fronts, pelvis_frame, (c_front, c_up, c_left), (h_front, h_up, h_left), model
    )
    return Body(points=pts, segments=segments, reach_error=reach_error)


def foot_offset(pose: Pose, side: str, point: str, model: BodyModel = ADULT) -> Vec3:
    """Where a foot point ("heel", "ball", "toe") of a solved foot sits relative to its ankle.

    Lets pose data turn "toes here" into "ankle there" when planning a movement.
    """
    front, up, left = _pelvis_frame(pose)
    out = left if side == "l" else scale(left, -1.0)
    foot_f, foot_d = _solved_foot(pose, side, front, up, out)
    fwd, dn = _foot_offsets(model)[point]
    return combo((foot_f, fwd), (foot_d, dn))


def _pelvis_frame(pose: Pose) -> tuple[Vec3, Vec3, Vec3]:
    """Front, up and left of the pelvis. Roll tips up towards left, pitch tips up towards front."""
    front: Vec3 = (1.0, 0.0, 0.0)
    up: Vec3 = (0.0, 1.0, 0.0)
    left: Vec3 = (0.0, 0.0, -1.0)
    up, left = _turn(up, left, pose.angle("roll"))
    up, front = _turn(up, front, pose.angle("pitch"))
    front, up, left = (_yaw(v, pose.angle("yaw")) for v in (front, up, left))
    return front, up, left


def _yaw(v: Vec3, degrees: float) -> Vec3:
    """Turn about the vertical; positive turns +x towards -z (the figure turns to its left)."""
    if degrees == 0.0:
        return v
    r = math.radians(degrees)
    c, s = math.cos(r), math.sin(r)
    return (v[0] * c + v[2] * s, v[1], -v[0] * s + v[2] * c)


def _local(v: Vec3, f: Vec3, u: Vec3, o: Vec3) -> Vec3:
    return combo((f, v[0]), (u, v[1]), (o, v[2]))


def _perp(v: Vec3, axis: Vec3) -> Vec3:
    """The part of v at right angles to axis, normalised (a segment's "front")."""
    ax = _unit(axis)
    p = sub(v, scale(ax, dot(v, ax)))
    if length(p) < 1e-9:
        p = cross(ax, (0.0, 0.0, 1.0)) if abs(ax[2]) < 0.9 else cross(ax, (1.0, 0.0, 0.0))
    return _unit(p)


def _two_bone(
    root: Vec3, target: Vec3, a: float, b: float, pole: Vec3
) -> tuple[Vec3, Vec3, float]:
    """Middle joint and end point of a two-bone limb reaching for target, bending towards pole."""
    to = sub(target, root)
    d = length(to)
    u = _unit(to) if d > 1e-9 else (0.0, -1.0, 0.0)
    reach = min(max(d, abs(a - b) + 1e-6), a + b - 1e-9)
    err = abs(d - reach)
    x = (a * a - b * b + reach * reach) / (2.0 * reach)
    y = math.sqrt(max(a * a - x * x, 0.0))
    side = _perp(pole, u)
    mid = combo((root, 1.0), (u, x), (side, y))
    end = add(root, scale(u, reach))
    return mid, end, err


def _solved_foot(
    pose: Pose, s: str, front: Vec3, up: Vec3, out: Vec3
) -> tuple[Vec3, Vec3]:
    """Direction of a solved foot (heel to toe) and of its sole's downward normal.

    `ankle_<s>` turns the foot from pointing along the pelvis front towards pointing along the
    legs (toes down when standing), so a flat foot under an upright body is 0 and under a body
    leaning forward by `pitch` degrees is -pitch.
    """
    down = scale(up, -1.0)
    foot_f, foot_d = _turn(front, down, pose.angle(f"ankle_{s}"))
    return _foot_turns(pose, s, foot_f, foot_d, out)


def _foot_turns(
    pose: Pose, s: str, foot_f: Vec3, foot_d: Vec3, out: Vec3
) -> tuple[Vec3, Vec3]:
    """Apply toe-out (about the sole's normal) and foot roll (about the foot's length)."""
    across = cross(foot_f, foot_d)
    across = across if dot(across, out) >= 0 else scale(across, -1.0)
    foot_f, _ = _turn(foot_f, across, pose.angle(f"toe_out_{s}"))
    across = cross(foot_f, foot_d)
    across = across if dot(across, out) >= 0 else scale(across, -1.0)
    foot_d, _ = _turn(foot_d, across, pose.angle(f"foot_roll_{s}"))
    return foot_f, foot_d


def _place_foot(
    pts: dict[str, Vec3], s: str, ankle: Vec3, foot_f: Vec3, foot_d: Vec3, model: BodyModel
) -> None:
    for name, (fwd, dn) in _foot_offsets(model).items():
        pts[f"{name}_{s}"] = combo((ankle, 1.0), (foot_f, fwd), (foot_d, dn))


def _leg_fk(
    pose: Pose, s: str, hip: Vec3, front: Vec3, up: Vec3, out: Vec3, model: BodyModel
) -> tuple[dict[str, Vec3], dict[str, Vec3]]:
    a = pose.angle
    d, f, o = scale(up, -1.0), front, out
    d, f = _turn(d, f, a(f"hip_flex_{s}"))
    d, o = _turn(d, o, a(f"hip_abd_{s}"))
    f, o = _turn(f, o, a(f"hip_rot_{s}"))
    knee = add(hip, scale(d, model.thigh))
    thigh_front = f
    d, f = _turn(d, f, -a(f"knee_{s}"))
    ankle = add(knee, scale(d, model.shin))
    shin_front = f
    foot_f, foot_d = _turn(f, d, a(f"ankle_{s}"))
    foot_f, foot_d = _foot_turns(pose, s, foot_f, foot_d, o)
    pts: dict[str, Vec3] = {f"knee_{s}": knee, f"ankle_{s}": ankle}
    _place_foot(pts, s, ankle, foot_f, foot_d, model)
    opening = a(f"leg_open_{s}")
    if opening:
        axis = _unit(sub(ankle, hip))
        k_rel = sub(knee, hip)
        k_perp = sub(k_rel, scale(axis, dot(k_rel, axis)))
        # Choose the rotation sense that moves the knee outwards.
        sign = 1.0 if dot(cross(axis, k_perp), out) >= 0 else -1.0
        for name in list(pts):
            pts[name] = add(hip, rotate_about(sub(pts[name], hip), axis, sign * opening))
        thigh_front = rotate_about(thigh_front, axis, sign * opening)
        shin_front = rotate_about(shin_front, axis, sign * opening)
        foot_d = rotate_about(foot_d, axis, sign * opening)
    fronts = {f"thigh_{s}": thigh_front, f"shin_{s}": shin_front, f"foot_{s}": scale(foot_d, -1.0)}
    return pts, fronts


def _arm_fk(
    pose: Pose, s: str, shoulder: Vec3, front: Vec3, up: Vec3, out: Vec3, model: BodyModel
) -> tuple[dict[str, Vec3], dict[str, Vec3]]:
    a = pose.angle
    d, f, o = scale(up, -1.0), front, out
    d, f = _turn(d, f, a(f"shoulder_flex_{s}"))
    d, o = _turn(d, o, a(f"shoulder_abd_{s}"))
    f, o = _turn(f, o, a(f"shoulder_rot_{s}"))
    elbow = add(shoulder, scale(d, model.upper_arm))
    upper_front = f
    d, f = _turn(d, f, a(f"elbow_{s}"))
    wrist = add(elbow, scale(d, model.forearm))
    pts: dict[str, Vec3] = {
        f"elbow_{s}": elbow,
        f"wrist_{s}": wrist,
        f"hand_{s}": add(wrist, scale(d, model.wrist_to_hand)),
    }
    return pts, {f"upper_arm_{s}": upper_front, f"forearm_{s}": f, f"hand_{s}": f}


def _segments(
    pts: dict[str, Vec3],
    fronts: dict[str, Vec3],
    pelvis: tuple[Vec3, Vec3, Vec3],
    chest: tuple[Vec3, Vec3, Vec3],
    head: tuple[Vec3, Vec3, Vec3],
    m: BodyModel,
) -> tuple[Segment, ...]:
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
