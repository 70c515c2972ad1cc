"""How joints bend: the trunk's frames, limbs bent by their angles, and limbs reaching a target.

Forward kinematics turns a leg's or arm's joint angles into its points; `two_bone` is the inverse
kinematics that bends a two-bone limb (thigh and shin, upper arm and forearm) so its end reaches
a target, which is how hands and feet stay planted while the body moves. All directions are
world vectors (see `body` for the axes); `body.pose_body` puts the pieces together.
"""

from __future__ import annotations

import math

from hiprehab.drawing.body_pose import Pose
from hiprehab.drawing.body_shape import BodyModel, foot_offsets
from hiprehab.drawing.vec import Vec3, add, combo, cross, dot, length, rotate_about, scale, sub
from hiprehab.drawing.vec import turn as _turn
from hiprehab.drawing.vec import unit as _unit


def pelvis_frame(pose: Pose) -> tuple[Vec3, Vec3, Vec3]:
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


def local(v: Vec3, f: Vec3, u: Vec3, o: Vec3) -> Vec3:
    """A direction given as (front, up, out) in a limb's frame, in world axes."""
    return combo((f, v[0]), (u, v[1]), (o, v[2]))


def perp(v: Vec3, axis: Vec3) -> Vec3:
    """The part of v at right angles to axis, normalised (a segment's "front")."""
    ax = _unit(axis)
    p = sub(v, scale(ax, dot(v, ax)))
    if length(p) < 1e-9:
        p = cross(ax, (0.0, 0.0, 1.0)) if abs(ax[2]) < 0.9 else cross(ax, (1.0, 0.0, 0.0))
    return _unit(p)


def two_bone(
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
    side = perp(pole, u)
    mid = combo((root, 1.0), (u, x), (side, y))
    end = add(root, scale(u, reach))
    return mid, end, err


def solved_foot(
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


def place_foot(
    pts: dict[str, Vec3], s: str, ankle: Vec3, foot_f: Vec3, foot_d: Vec3, model: BodyModel
) -> None:
    """Put a foot's points (ankle, heel, toe, ball) round its ankle."""
    for name, (fwd, dn) in foot_offsets(model).items():
        pts[f"{name}_{s}"] = combo((ankle, 1.0), (foot_f, fwd), (foot_d, dn))


def leg_fk(
    pose: Pose, s: str, hip: Vec3, front: Vec3, up: Vec3, out: Vec3, model: BodyModel
) -> tuple[dict[str, Vec3], dict[str, Vec3]]:
    """A leg bent by its joint angles: its points, and the front of its thigh, shin and foot."""
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
    place_foot(pts, s, ankle, foot_f, foot_d, model)
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


def arm_fk(
    pose: Pose, s: str, shoulder: Vec3, front: Vec3, up: Vec3, out: Vec3, model: BodyModel
) -> tuple[dict[str, Vec3], dict[str, Vec3]]:
    """An arm bent by its joint angles: its points, and the front of each of its parts."""
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

