"""Places in a pose file that follow from the body itself rather than from numbers.

A pose file (`assets/poses/*.toml`, read by `pose_data`) may say "the hand on the hip" or "the
feet stacked at the end of the straight legs" instead of giving coordinates, so the place stays
right when an angle is edited. This module computes those places for one key pose, in a fixed
order: first the stacked feet (from the pose without them), then the places taken from body
points (from the pose with every other target set).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from hiprehab.drawing.body import ADULT, Pose, pose_body
from hiprehab.drawing.vec import Vec3, add, scale, sub, unit

#: How high above the floor each kind of reach target sits when it rests flat on the floor.
FLOOR_HEIGHTS: Mapping[str, float] = MappingProxyType(
    {"ball": 0.0, "heel": ADULT.heel_r, "toe": ADULT.toe_r, "hand": ADULT.hand_r}
)

#: How far a stacked upper ankle sits above the lower one (one foot resting on the other).
STACK_GAP = 0.1

#: Straight legs stop this short of their full length, so the knee solver keeps them straight.
STRAIGHT_SLACK = 0.001


@dataclass(frozen=True)
class OnBody:
    """A place `offset` (x, y, z) away from the body point `point` of the same pose."""

    point: str
    offset: Vec3

    def place(self, points: Mapping[str, Vec3]) -> Vec3:
        p = points[self.point]
        return (p[0] + self.offset[0], p[1] + self.offset[1], p[2] + self.offset[2])


@dataclass(frozen=True)
class BelowBody:
    """A place on the floor under the body point `point`, moved `offset` (x, z); `height` is the
    resting height of the hand or foot point that goes there (see FLOOR_HEIGHTS)."""

    point: str
    offset: tuple[float, float]
    height: float

    def place(self, points: Mapping[str, Vec3]) -> Vec3:
        p = points[self.point]
        return (p[0] + self.offset[0], self.height, p[2] + self.offset[1])


Relative = OnBody | BelowBody


def with_targets(pose: Pose, extra: Mapping[str, Vec3]) -> Pose:
    """`pose` with more reach targets."""
    return replace(pose, targets=MappingProxyType({**pose.targets, **extra}))


def solve(pose: Pose, relative: Mapping[str, Relative], stacked_feet: float | None) -> Pose:
    """The finished key pose: `pose` (its fixed targets set) plus the stacked feet, if asked
    for, and then the targets placed relative to its body points."""
    if stacked_feet is not None:
        pose = with_targets(pose, stacked_ankles(pose, stacked_feet))
    if relative:
        points = pose_body(pose).points
        pose = with_targets(pose, {name: rel.place(points) for name, rel in relative.items()})
    return pose


def stacked_ankles(pose: Pose, lift: float) -> dict[str, Vec3]:
    """Ankle targets for straight legs with the left foot resting on the right, for a body lying
    on its right side with its feet towards +x.

    With `lift` 0 the legs carry on the body's line and the right ankle goes where that straight
    leg ends (the legs may rest on the floor). Otherwise the right ankle is held `lift` above the
    floor at the end of the straight leg, so the legs are off the floor when the body is placed.
    """
    reach = ADULT.thigh + ADULT.shin - STRAIGHT_SLACK
    if lift:
        held = pose_body(pose).points
        lifted = with_targets(pose, {"ankle_l": held["ankle_l"], "ankle_r": held["ankle_r"]})
        pts = pose_body(lifted).points
        hip_r = pts["hip_r"]
        right: Vec3 = (_straight_leg_x(hip_r, (lift, hip_r[2]), reach), lift, hip_r[2])
    else:
        pts = pose_body(pose).points
        hip_r = pts["hip_r"]
        right = add(hip_r, scale(unit(sub(pts["ankle_r"], hip_r)), reach))
    left_goal = (right[0], right[1] + STACK_GAP, right[2])
    hip_l = pts["hip_l"]
    left = add(hip_l, scale(unit(sub(left_goal, hip_l)), reach))
    return {"ankle_r": right, "ankle_l": left}


def _straight_leg_x(hip: Vec3, ankle: tuple[float, float], reach: float) -> float:
    """The x (beyond the hip, towards +x) of an ankle at height and depth `ankle` (y, z) at
    `reach` from the hip."""
    rest = reach**2 - (hip[1] - ankle[0]) ** 2 - (hip[2] - ankle[1]) ** 2
    if rest < 0:
        raise ValueError(f"straight legs cannot reach an ankle {ankle[0]} above the floor")
    return hip[0] + math.sqrt(rest)
