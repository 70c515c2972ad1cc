"""The one body model every illustration uses: joint angles (and reach targets) -> 3D points.

A pose says how the pelvis is oriented, how each joint is bent, which body point is pinned to a
place in the world, and optionally where a hand or foot must reach (solved with two-bone inverse
kinematics, so feet stay planted while the hips move). Lengths and thicknesses are fixed here, so
every exercise shows the same believable adult (about 1.77 m tall).

World axes, in metres: x to the right of the picture, y up (the floor is y = 0), z towards the
viewer. A figure with all angles zero stands upright facing +x, its right side towards the viewer.

The model is four modules: `body_pose` (what a pose may say), `body_shape` (the adult's
proportions and the drawn segments), `kinematics` (bending limbs by angle and by reach) and this
one, which places the whole body. Its public names are all importable from here.
"""

from __future__ import annotations

import math
from dataclasses import replace

from hiprehab.drawing.body_pose import ANGLE_NAMES, LIMBS, SIDES, TARGET_POINTS, Pose, limb_of
from hiprehab.drawing.body_shape import (
    ADULT,
    Body,
    BodyModel,
    Segment,
    build_segments,
    foot_offsets,
    segment_bottom,
)
from hiprehab.drawing.kinematics import (
    arm_fk,
    leg_fk,
    local,
    pelvis_frame,
    perp,
    place_foot,
    solved_foot,
    two_bone,
)
from hiprehab.drawing.vec import Vec3, add, combo, lerp, scale, sub
from hiprehab.drawing.vec import turn as _turn
from hiprehab.drawing.vec import unit as _unit

__all__ = [
    "ADULT",
    "ANGLE_NAMES",
    "LIMBS",
    "SIDES",
    "TARGET_POINTS",
    "Body",
    "BodyModel",
    "Pose",
    "Segment",
    "foot_offset",
    "pose_body",
]


def pose_body(pose: Pose, model: BodyModel = ADULT) -> Body:
    """Place every body point for `pose` (see the module docstring for the axes)."""
    body = _place(pose, model)
    if not pose.ground:
        return body
    solved = {limb_of(t) for t in pose.targets}
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
    depth = p[1] - segment_bottom(p, r, seg)  # how far the surface reaches below the point
    lift = depth - p[1]
    if roller is not None:
        x0, radius = roller
        dx = p[0] - x0
        if abs(dx) < radius + depth:
            lift = max(lift, radius + math.sqrt((radius + depth) ** 2 - dx * dx) - p[1])
    return lift


def _place(pose: Pose, model: BodyModel) -> Body:
    """The body with its anchor at `pose.at` as given: limbs bent by their angles, the anchor
    pinned, then the limbs with a reach target solved to reach it."""
    a = pose.angle
    p_frame = pelvis_frame(pose)
    front, up, left = p_frame
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
    solved = {limb_of(t) for t in pose.targets}

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
            leg_pts, leg_fronts = leg_fk(pose, s, pts[f"hip_{s}"], front, up, out, model)
            pts.update(leg_pts)
            fronts.update(leg_fronts)
        if f"arm_{s}" not in solved:
            arm_pts, arm_fronts = arm_fk(
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
        f_, u_, o_ = limb_frames[limb_of(target_name)]
        pole_local = pose.poles.get(limb_of(target_name))
        if part in ("wrist", "hand"):
            pole = local(pole_local or (-1.0, 0.0, 0.0), f_, u_, o_)
            root = pts[f"shoulder_{s}"]
            reach = model.forearm + (model.wrist_to_hand if part == "hand" else 0.0)
            elbow, end, err = two_bone(root, target, model.upper_arm, reach, pole)
            fore_dir = _unit(sub(end, elbow))
            wrist = add(elbow, scale(fore_dir, model.forearm))
            pts[f"elbow_{s}"], pts[f"wrist_{s}"] = elbow, wrist
            pts[f"hand_{s}"] = add(wrist, scale(fore_dir, model.wrist_to_hand))
            fronts[f"upper_arm_{s}"] = perp(scale(pole, -1.0), sub(elbow, root))
            fronts[f"forearm_{s}"] = fronts[f"hand_{s}"] = perp(scale(pole, -1.0), fore_dir)
        else:
            pole = local(pole_local or (1.0, 0.0, 0.0), f_, u_, o_)
            foot_f, foot_d = solved_foot(pose, s, f_, u_, o_)
            off = foot_offsets(model)[part]
            ankle_goal = combo((target, 1.0), (foot_f, -off[0]), (foot_d, -off[1]))
            root = pts[f"hip_{s}"]
            knee, ankle, err = two_bone(root, ankle_goal, model.thigh, model.shin, pole)
            pts[f"knee_{s}"], pts[f"ankle_{s}"] = knee, ankle
            place_foot(pts, s, ankle, foot_f, foot_d, model)
            fronts[f"thigh_{s}"] = perp(pole, sub(knee, root))
            fronts[f"shin_{s}"] = perp(pole, sub(ankle, knee))
            fronts[f"foot_{s}"] = scale(foot_d, -1.0)
        reach_error = max(reach_error, err)

    segments = build_segments(
        pts, fronts, p_frame, (c_front, c_up, c_left), (h_front, h_up, h_left), model
    )
    return Body(points=pts, segments=segments, reach_error=reach_error)


def foot_offset(pose: Pose, side: str, point: str, model: BodyModel = ADULT) -> Vec3:
    """Where a foot point ("heel", "ball", "toe") of a solved foot sits relative to its ankle.

    Lets pose data turn "toes here" into "ankle there" when planning a movement.
    """
    front, up, left = pelvis_frame(pose)
    out = left if side == "l" else scale(left, -1.0)
    foot_f, foot_d = solved_foot(pose, side, front, up, out)
    fwd, dn = foot_offsets(model)[point]
    return combo((foot_f, fwd), (foot_d, dn))

