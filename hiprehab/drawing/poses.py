"""Key poses of every library exercise, and the movement between them.

Each exercise is described as data: the camera, the props, the working muscle, and two or three
key poses of the one body model (`body.Pose`: joint angles, where the body is, which hands and
feet are planted). `pose_at` blends the key poses into a smooth movement for the player.

Unilateral exercises are drawn working the right side (the side nearer the viewer in side views,
or named in the description); the player mirrors the picture for the left side.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import lru_cache
from types import MappingProxyType

from hiprehab.drawing.body import ADULT, Pose, foot_offset, pose_body
from hiprehab.drawing.motion import blend, check_keys
from hiprehab.drawing.scene import (
    Band,
    BandEnd,
    Box,
    Chair,
    Highlight,
    Illustration,
    Mat,
    Roller,
    Strap,
    View,
    Wall,
)
from hiprehab.drawing.vec import Vec3, add, angle_between, scale, sub, unit

__all__ = [
    "EXERCISE_IDS",
    "Pose",
    "illustration",
    "key_pose",
    "key_pose_names",
    "key_position",
    "pose_at",
]

HEEL_Y = ADULT.heel_r  # height of the heel point when the foot is flat on the floor
SIDE = View(0.0, 0.0, "side")
FRONT = View(-90.0, 0.0, "front")


def _p(
    angles: Mapping[str, float],
    *,
    at: Vec3 = (0.0, 0.94, 0.0),
    anchor: str = "pelvis",
    ground: bool = False,
    targets: Mapping[str, Vec3] | None = None,
    poles: Mapping[str, Vec3] | None = None,
    roller: tuple[float, float] | None = None,
) -> Pose:
    """A pose from its joint angles (degrees) and placement."""
    return Pose(
        angles=MappingProxyType(dict(angles)),
        anchor=anchor,
        at=at,
        targets=MappingProxyType(dict(targets or {})),
        poles=MappingProxyType(dict(poles or {})),
        ground=ground,
        roller=roller,
    )


def _j(*parts: Mapping[str, float], **angles: float) -> dict[str, float]:
    """Joint angles merged from helper dicts and keywords: `_j(_both(knee=30), pitch=10)`."""
    merged: dict[str, float] = {}
    for part in parts:
        merged.update(part)
    merged.update(angles)
    return merged


def _both(**angles: float) -> dict[str, float]:
    """The same angle on both sides: `_both(knee=30)` -> knee_l=30, knee_r=30."""
    return {f"{name}_{s}": value for name, value in angles.items() for s in ("l", "r")}


# ---------------------------------------------------------------- the exercises
#
# Side views show the figure facing +x with its right side towards the viewer; front views look
# at its face (the figure's right is on the picture's left). Heights in metres.


def _lateral_band_walk() -> Illustration:
    squat = _j(_both(toe_out=8), pitch=12, neck_flex=-12)
    hands = {"arm_l": (-0.3, 0.0, 1.0), "arm_r": (-0.3, 0.0, 1.0)}

    def pose(pelvis: Vec3, left: Vec3, right: Vec3, tilt: float = 0.0) -> Pose:
        return _p(
            _j(squat, _both(ankle=-12), roll=tilt),
            at=pelvis,
            targets={
                "ball_l": left,
                "ball_r": right,
                "wrist_l": (pelvis[0] + 0.07, pelvis[1] + 0.1, pelvis[2] - 0.2),
                "wrist_r": (pelvis[0] + 0.07, pelvis[1] + 0.1, pelvis[2] + 0.2),
            },
            poles={**hands, "leg_l": (1.0, 0.0, 0.6), "leg_r": (1.0, 0.0, 0.6)},
        )

    start = pose((-0.03, 0.83, 0.0), (0.15, 0.0, -0.13), (0.15, 0.0, 0.13))
    mid = pose((-0.03, 0.83, 0.1), (0.15, 0.0, -0.13), (0.15, 0.09, 0.36), tilt=-3)
    end = pose((-0.03, 0.82, 0.17), (0.15, 0.0, -0.13), (0.15, 0.0, 0.47))
    band = Band(BandEnd("ankle_l", "knee_l", 0.08), BandEnd("ankle_r", "knee_r", 0.08))
    return Illustration(
        id="lateral-band-walk",
        name="Lateral band walk",
        view=FRONT,
        keys=(("start", start), ("mid", mid), ("end", end)),
        descriptions={
            "start": "seen from the front in a slight squat, hands on hips, feet hip-width "
            "apart, a band round both ankles",
            "mid": "the right foot lifts and steps out sideways against the band",
            "end": "the right foot lands wide, the band stretched taut, knees over the toes",
        },
        props=(band,),
        highlights=(
            Highlight("pelvis", at=-0.35, side=0.02, length=0.14, width=0.17),
            Highlight("pelvis", at=1.35, side=0.02, length=0.14, width=0.17),
        ),
    )


def _monster_walk() -> Illustration:
    # A level front three-quarter view: the camera stands 32 degrees round from the figure's
    # face towards its left. Straight from the front (as the lateral band walk is drawn) the
    # forward part of the diagonal step points at the viewer and vanishes; from the side the
    # band, the width of the stance and the knees over the toes vanish. From here both parts
    # of the right foot's step (forward, and out to the right) carry it the same way across
    # the picture, towards where the figure faces, while the stance widens and the band
    # stretches. From the other front three-quarter the two parts would cancel on the picture.
    # A level view shows no depth, so "forward" reads from the figure's turn (feet and fists
    # pointing the way it walks) rather than as a foot nearer the viewer: the width of the
    # step reads more strongly than its forward part.
    squat = _j(_both(toe_out=10, ankle=-18), pitch=18, neck_flex=-16)
    poles = {"arm_l": (-1.0, 0.0, 0.3), "arm_r": (-1.0, 0.0, 0.3),
             "leg_l": (1.0, 0.0, 0.2), "leg_r": (1.0, 0.0, 0.2)}  # knees over the toes

    def pose(pelvis: Vec3, left: Vec3, right: Vec3) -> Pose:
        return _p(
            squat,
            at=pelvis,
            targets={
                "ball_l": left,
                "ball_r": right,
                # athletic ready position: elbows bent at the sides, fists forward
                "wrist_l": (pelvis[0] + 0.3, pelvis[1] + 0.14, pelvis[2] - 0.21),
                "wrist_r": (pelvis[0] + 0.3, pelvis[1] + 0.14, pelvis[2] + 0.21),
            },
            poles=poles,
        )

    start = pose((0.0, 0.83, 0.0), (0.15, 0.0, -0.13), (0.15, 0.0, 0.13))
    mid = pose((0.12, 0.83, 0.08), (0.15, 0.0, -0.13), (0.38, 0.12, 0.3))
    end = pose((0.24, 0.82, 0.13), (0.15, 0.0, -0.13), (0.62, 0.0, 0.38))
    band = Band(BandEnd("ankle_l", "knee_l", 0.08), BandEnd("ankle_r", "knee_r", 0.08))
    return Illustration(
        id="monster-walk",
        name="Monster walk",
        view=View(-122.0, 0.0, "front three-quarter"),
        keys=(("start", start), ("mid", mid), ("end", end)),
        descriptions={
            "start": "seen from the front and a little to the left, in a slight squat with "
            "the knees over the toes, elbows bent, feet hip-width apart, a band round both "
            "ankles",
            "mid": "the right foot lifts and steps forward and out on a diagonal",
            "end": "the right foot lands ahead and wide, the band stretched taut between the "
            "ankles",
        },
        props=(band,),
        highlights=(
            Highlight("pelvis", at=-0.35, side=0.02, length=0.14, width=0.17),
            Highlight("pelvis", at=1.35, side=0.02, length=0.14, width=0.17),
        ),
    )


def _clamshell() -> Illustration:
    # Lying on the left side, head to the right on the lower arm, facing the viewer; hips bent
    # 45 degrees and knees 90, so the knees come forward and the heels stay in line with the
    # back. Seen from above, in front and a little from the head end, the thighs point across
    # the picture and the shins back up it, the top knee rises up the picture as the leg opens
    # and the mat lies flat as a floor; seen level from the front the legs folded in depth and
    # the opening barely showed.
    # The top leg tips in a little (hip_abd_r) so its knee and foot rest on the lower ones.
    lying = _j(_both(hip_flex=45, knee=90, ankle=20), hip_abd_r=-8, roll=90, yaw=-90,
               neck_flex=5, waist_side=-6, shoulder_flex_l=150, elbow_l=125, shoulder_abd_l=10)
    hip = pose_body(_p(lying, ground=True, at=(0.0, 0.0, 0.0))).points["hip_r"]
    hand = {"hand_r": (hip[0], hip[1] + 0.06, hip[2] + 0.08)}  # the top hand on the top hip
    poles = {"arm_r": (1.0, 0.0, 0.4)}  # its elbow forward, the arm across the chest

    def pose(opening: float) -> Pose:
        return _p(_j(lying, leg_open_r=opening), ground=True, at=(0.0, 0.0, 0.0),
                  targets=hand, poles=poles)

    band = Band(BandEnd("knee_l", "hip_l", 0.14), BandEnd("knee_r", "hip_r", 0.14))
    return Illustration(
        id="clamshell",
        name="Clamshell",
        view=View(-25.0, 35.0, "front, from above and a little from the head end"),
        keys=(("start", pose(0.0)), ("end", pose(48.0))),
        descriptions={
            "start": "lying on the left side on a mat, head on the lower arm, right hand on the "
            "right hip, hips and knees bent, heels together, a band just above the knees",
            "end": "lying on the left side, knees bent, the top (right) knee lifted like an "
            "opening shell while the heels stay together, the band stretched",
        },
        props=(Mat(-1.0, 0.85, -0.4, 0.35), band),
        highlights=(Highlight("pelvis", at=1.35, front=-0.03, side=0.03, length=0.15,
                              width=0.15),),
    )


def _bridge() -> Illustration:
    feet = {"heel_l": (0.4, HEEL_Y, -0.11), "heel_r": (0.4, HEEL_Y, 0.11),
            "hand_l": (0.02, ADULT.hand_r, -0.27), "hand_r": (0.02, ADULT.hand_r, 0.27)}
    poles = {"arm_l": (0.0, 0.0, 1.0), "arm_r": (0.0, 0.0, 1.0)}
    start = _p(_j(_both(ankle=90), pitch=-90, neck_flex=-6), anchor="neck", at=(-0.5, 0.0, 0.0),
               ground=True, targets=feet, poles=poles)
    end = _p(_j(_both(ankle=120), pitch=-120, neck_flex=27), anchor="neck",
             at=(-0.5, 0.0, 0.0), ground=True, targets=feet, poles=poles)
    return Illustration(
        id="bridge",
        name="Bridge",
        view=SIDE,
        keys=(("start", start), ("end", end)),
        descriptions={
            "start": "lying on the back on a mat, knees bent, feet flat, arms by the sides",
            "end": "hips lifted until shoulders, hips and knees make one straight line",
        },
        props=(Mat(-1.0, 0.75),),
        highlights=(Highlight("pelvis", at=0.75, front=-0.1, length=0.18,
                              width=0.15),),
    )


def _hamstring_stretch() -> Illustration:
    lying = _j(pitch=-90, neck_flex=-6, hip_flex_l=-2, ankle_l=-30)
    poles = {"arm_l": (0.0, 0.0, 1.0), "arm_r": (0.0, 0.0, 1.0)}
    start = _p(_j(lying, hip_flex_r=-2, ankle_r=-5), anchor="neck", at=(-0.5, 0.0, 0.0),
               ground=True, poles=poles,
               targets={"wrist_l": (-0.12, 0.22, -0.1), "wrist_r": (-0.12, 0.22, 0.1)})
    end = _p(_j(lying, hip_flex_r=72, knee_r=6, ankle_r=-10), anchor="neck",
             at=(-0.5, 0.0, 0.0), ground=True, poles=poles,
             targets={"wrist_l": (-0.12, 0.5, -0.08), "wrist_r": (-0.1, 0.5, 0.12)})
    return Illustration(
        id="hamstring-stretch",
        name="Hamstring stretch",
        view=SIDE,
        keys=(("start", start), ("end", end)),
        descriptions={
            "start": "lying on the back, legs straight, a strap looped round the right foot "
            "and held in both hands",
            "end": "the right leg raised almost straight with the strap, the left leg "
            "resting on the floor",
        },
        props=(Mat(-1.0, 1.0), Strap(("hand_l", "hand_r"), "ball_r")),
        highlights=(Highlight("thigh_r", at=0.5, front=-0.06, length=0.3, width=0.11),),
    )


def _butterfly_stretch() -> Illustration:
    legs = {"ankle_l": (0.4, 0.13, -0.05), "ankle_r": (0.4, 0.13, 0.05)}
    poles = {"leg_l": (0.2, 0.35, 1.0), "leg_r": (0.2, 0.35, 1.0),
             "arm_l": (-0.5, 0.0, 1.0), "arm_r": (-0.5, 0.0, 1.0)}
    hands = {"wrist_l": (0.36, 0.15, -0.08), "wrist_r": (0.36, 0.15, 0.08)}
    start = _p(_j(_both(ankle=20, foot_roll=-40), pitch=0, neck_flex=0), ground=True,
               at=(0.0, 0.0, 0.0), targets={**legs, **hands}, poles=poles)
    end = _p(_j(_both(ankle=-5, foot_roll=-40), pitch=32, neck_flex=-10), ground=True,
             at=(0.0, 0.0, 0.0), targets={**legs, **hands}, poles=poles)
    return Illustration(
        id="butterfly-stretch",
        name="Butterfly stretch",
        view=View(-80.0, 15.0, "front, from a little above"),
        keys=(("start", start), ("end", end)),
        descriptions={
            "start": "sitting tall on the floor, soles of the feet together, knees dropped "
            "out to the sides, hands holding the ankles",
            "end": "hinging forward from the hips with a long back, knees still out",
        },
        props=(Mat(-0.45, 0.75, -0.5, 0.5),),
        highlights=(
            Highlight("thigh_l", at=0.45, side=-0.05, length=0.25, width=0.1),
            Highlight("thigh_r", at=0.45, side=-0.05, length=0.25, width=0.1),
        ),
    )


def _straight_leg_reach(
    pose: Pose, side: str, ankle: tuple[float, float], direction: float = -1.0,
    slack: float = 0.001,
) -> float:
    """The x of an ankle at height and depth `ankle` (y, z) when that leg of `pose` is straight
    and reaches towards `direction` (-1: -x, +1: +x).

    Used to plant the feet where the straight legs of a plank actually end.
    """
    hip = pose_body(pose).points[f"hip_{side}"]
    reach = ADULT.thigh + ADULT.shin - slack
    rest = reach**2 - (hip[1] - ankle[0]) ** 2 - (hip[2] - ankle[1]) ** 2
    return hip[0] + direction * math.sqrt(rest)


def _leg_bend(pose: Pose, side: str) -> float:
    """Knee bend in degrees of a posed leg (0 = straight)."""
    pts = pose_body(pose).points
    hip, knee, ankle = pts[f"hip_{side}"], pts[f"knee_{side}"], pts[f"ankle_{side}"]
    return angle_between(sub(knee, hip), sub(ankle, knee))


def _toe_target(ankle: Vec3, pitch: float, ankle_angle: float) -> Vec3:
    """Where the toe point of a solved foot ends up for this ankle place and foot angle."""
    offset = foot_offset(_p({"pitch": pitch, "ankle_r": ankle_angle}), "r", "toe")
    return (ankle[0] + offset[0], ankle[1] + offset[1], ankle[2] + offset[2])


def _plank() -> Illustration:
    arms = _both(elbow=95)

    def pose(pitch: float, shoulder: float, neck: float, foot: float, toes_x: float) -> Pose:
        angles = _j(arms, _both(shoulder_flex=shoulder, ankle=foot), pitch=pitch, neck_flex=neck)
        toes = {"toe_l": (toes_x, ADULT.toe_r, -0.1), "toe_r": (toes_x, ADULT.toe_r, 0.1)}
        return _p(angles, anchor="elbow_r", at=(0.0, 0.0, 0.2), ground=True, targets=toes)

    # Toes stay put: find where they are when the legs of the held plank are straight.
    provisional = pose(82.0, 82.0, -8.0, -15.0, 0.0)
    ankle_x = _straight_leg_reach(provisional, "r", (0.2, 0.1))
    toes_x = _toe_target((ankle_x, 0.2, 0.1), 82.0, -15.0)[0]
    end = pose(82.0, 82.0, -8.0, -15.0, toes_x)
    # Lying down, the feet tip back over the toes just enough for the legs to stay straight.
    start = min(
        (pose(64.0, 62.0, -32.0, float(angle), toes_x) for angle in range(0, 80, 2)),
        key=lambda p: abs(_leg_bend(p, "r") - 4.0),
    )
    return Illustration(
        id="plank",
        name="Plank",
        view=SIDE,
        keys=(("start", start), ("end", end)),
        descriptions={
            "start": "lying face down on a mat, propped on the forearms, toes tucked under",
            "end": "body lifted onto forearms and toes in one straight line from head to "
            "heels, elbows under the shoulders",
        },
        props=(Mat(-1.6, 0.45),),
        highlights=(Highlight("belly", at=0.5, front=0.1, length=0.24, width=0.12),),
    )


def _root(f: Callable[[float], float], lo: float, hi: float) -> float:
    """Where the rising function f crosses zero between lo and hi, to a hundredth of a degree
    (bisection: a few dozen evaluations, always the same answer)."""
    if f(lo) > 0 or f(hi) < 0:
        raise ValueError(f"no crossing between {lo} and {hi}")
    while hi - lo > 0.01:
        mid = (lo + hi) / 2
        if f(mid) < 0:
            lo = mid
        else:
            hi = mid
    return round((lo + hi) / 2, 2)


def _stacked_feet(pose: Pose, floor_ankle: float) -> dict[str, Vec3]:
    """Ankle targets for straight legs with one foot on top of the other, for a body lying on
    its right side: the right ankle `floor_ankle` above the floor (0: where the straight
    leg of `pose` already ends) and the left ankle resting on it."""
    pts = pose_body(pose).points
    hip_r, hip_l = pts["hip_r"], pts["hip_l"]
    reach = ADULT.thigh + ADULT.shin - 0.001
    if floor_ankle:
        x = _straight_leg_reach(pose, "r", (floor_ankle, hip_r[2]), direction=1.0)
        right: Vec3 = (x, floor_ankle, hip_r[2])
    else:
        right = add(hip_r, scale(unit(sub(pts["ankle_r"], hip_r)), reach))
    left_goal = (right[0], right[1] + 0.1, right[2])
    left = add(hip_l, scale(unit(sub(left_goal, hip_l)), reach))
    return {"ankle_r": right, "ankle_l": left}


def _side_plank() -> Illustration:
    # Lying on the right side facing the viewer, head to the left, propped on the right
    # forearm: the upper arm stands upright under the shoulder and the forearm lies flat on the
    # floor, pointing forward and a little towards the head. The camera stands a little round
    # towards the feet, so the forearm shows at its length along the floor; seen square from
    # the front it would point at the viewer and the arm would read as a straight one.
    def angles(tilt: float, bend: float) -> dict[str, float]:
        # `tilt` raises the pelvis off the floor line, `bend` the chest further at the waist;
        # the upper arm stays upright whatever the chest does.
        return _j(_both(ankle=-20), roll=-90 + tilt, waist_side=bend, yaw=-90,
                  shoulder_abd_r=90 - tilt - bend, elbow_r=90, shoulder_rot_r=30)

    def pose(tilt: float, bend: float = 0.0, feet: Mapping[str, Vec3] | None = None) -> Pose:
        placed = _p(angles(tilt, bend), anchor="elbow_r", at=(0.0, 0.0, 0.05), ground=True,
                    targets=feet)
        hip = pose_body(placed).points["hip_l"]  # the top hand rests on the top hip
        hand = (hip[0] - 0.02, hip[1] + 0.07, hip[2] + 0.07)
        return _p(angles(tilt, bend), anchor="elbow_r", at=(0.0, 0.0, 0.05), ground=True,
                  targets={**(feet or {}), "hand_l": hand}, poles={"arm_l": (-1.0, 0.2, 0.3)})

    # The held plank: the tilt at which the legs, carrying on the trunk's straight line, rest
    # their feet on the floor while the forearm does too.
    def lifted(tilt: float) -> float:
        bottoms = pose_body(pose(tilt)).bottoms()
        return bottoms["forearm_r"] - bottoms["foot_r"]  # rises with the tilt

    end_tilt = _root(lifted, 5.0, 35.0)
    end_feet = _stacked_feet(pose(end_tilt), 0.0)
    end = pose(end_tilt, feet=end_feet)

    # Before the lift: the side of the pelvis and the legs rest on the floor and the chest
    # bends up at the waist to the shoulder, still propped on the flat forearm.
    lying_tilt = 10.0

    def propped(bend: float) -> float:
        bottoms = pose_body(pose(lying_tilt, bend, end_feet)).bottoms()
        return min(bottoms["forearm_r"], bottoms["hand_r"]) - bottoms["pelvis"]

    bend = _root(propped, 0.0, 70.0)
    start = pose(lying_tilt, bend, _stacked_feet(pose(lying_tilt, bend, end_feet), 0.07))
    return Illustration(
        id="side-plank",
        name="Side plank",
        view=View(-25.0, 0.0, "front, a little round towards the feet"),
        keys=(("start", start), ("end", end)),
        descriptions={
            "start": "lying on the right side on a mat, hips on the floor, propped on the "
            "right forearm flat on the floor with the elbow under the shoulder, left hand on "
            "the hip, legs straight and stacked",
            "end": "hips lifted so the body makes a straight line from head to feet, still on "
            "the flat forearm with the elbow under the shoulder",
        },
        props=(Mat(-0.5, 1.6),),
        highlights=(Highlight("pelvis", at=1.35, length=0.15, width=0.2),),
    )


def _leg_swing() -> Illustration:
    hold = {"wrist_l": (0.12, 0.96, -0.42), "ball_l": (0.13, 0.0, -0.09)}
    poles = {"arm_l": (-1.0, 0.0, 0.3)}
    base = _j(shoulder_flex_r=-10, elbow_r=15)
    start = _p(_j(base, hip_flex_r=-28, knee_r=25, ankle_r=20, shoulder_flex_r=20),
               at=(0.0, 0.93, 0.0), targets=hold, poles=poles)
    mid = _p(_j(base, hip_flex_r=12, knee_r=55, ankle_r=0),
             at=(0.0, 0.93, 0.0), targets=hold, poles=poles)
    end = _p(_j(base, hip_flex_r=50, knee_r=12, ankle_r=5, shoulder_flex_r=-30, pitch=-3),
             at=(0.0, 0.93, 0.0), targets=hold, poles=poles)
    return Illustration(
        id="leg-swing",
        name="Leg swing",
        view=SIDE,
        keys=(("start", start), ("mid", mid), ("end", end)),
        descriptions={
            "start": "standing tall on the left leg, left hand on a chair back, the right "
            "leg swung back",
            "mid": "the right leg swinging through under the body",
            "end": "the right leg swung forward and up, trunk still upright",
        },
        props=(Chair(0.12, 1, -0.42, back_height=0.92),),
        highlights=(Highlight("thigh_r", at=0.12, length=0.2, width=0.15),),
    )


def _hip_flexor_stretch() -> Illustration:
    knee_y = ADULT.shin_r[0] + 0.015  # the kneeling knee rests on a thin cushion

    def pose(thigh_back: float, lean: float) -> Pose:
        # The kneeling knee stays put; the hips swing forward over it on the thigh's arc.
        hip = (math.sin(math.radians(thigh_back)) * ADULT.thigh,
               knee_y + math.cos(math.radians(thigh_back)) * ADULT.thigh)
        return _p(
            _j(pitch=lean, hip_flex_r=lean - thigh_back, knee_r=90 - thigh_back, ankle_r=75,
               ankle_l=-lean, neck_flex=-lean),
            anchor="knee_r",
            at=(0.0, knee_y, 0.09),
            targets={
                "ball_l": (0.62, 0.0, -0.1),
                "wrist_l": (hip[0] + 0.05, hip[1] + 0.08, -0.2),
                "wrist_r": (hip[0] + 0.05, hip[1] + 0.08, 0.2),
            },
            poles={"arm_l": (-0.6, 0.0, 1.0), "arm_r": (-0.6, 0.0, 1.0)},
        )

    return Illustration(
        id="hip-flexor-stretch",
        name="Hip flexor stretch",
        view=SIDE,
        keys=(("start", pose(0.0, 0.0)), ("end", pose(24.0, -4.0))),
        descriptions={
            "start": "kneeling on the right knee on a cushion, left foot flat in front, "
            "trunk upright, hands on hips",
            "end": "hips shifted forward with the trunk upright, stretching the front of "
            "the right hip",
        },
        props=(Mat(-0.14, 0.14, -0.2, 0.25),),
        highlights=(Highlight("thigh_r", at=0.12, front=0.06, length=0.2, width=0.12),),
    )


def _piriformis_stretch() -> Illustration:
    lying = _j(pitch=-90, neck_flex=-6, hip_rot_r=55, hip_abd_r=10)
    poles = {"leg_l": (1.0, 0.0, 0.0), "arm_l": (0.0, 0.3, 1.0), "arm_r": (0.0, 0.3, 1.0)}

    def pose(hip_l: float, knee_l: float, ankle_l: float, hip_r: float, hands: Vec3,
             foot_l: Vec3) -> Pose:
        provisional = _p(_j(lying, hip_flex_l=hip_l, knee_l=knee_l, hip_flex_r=hip_r,
                            knee_r=95), anchor="neck", at=(-0.5, 0.12, 0.0))
        knee = pose_body(provisional).points["knee_l"]
        return _p(
            _j(lying, hip_flex_r=hip_r, ankle_r=70, ankle_l=ankle_l),
            anchor="neck",
            at=(-0.5, 0.0, 0.0),
            ground=True,
            targets={
                "ankle_l": foot_l,
                "ankle_r": (knee[0] - 0.03, knee[1] + 0.09, knee[2] + 0.02),
                "hand_l": (hands[0], hands[1], -hands[2]),
                "hand_r": hands,
            },
            poles={**poles, "leg_r": (0.2, 0.0, 1.0)},
        )

    start = pose(45.0, 95.0, 90.0, 75.0, (0.0, ADULT.hand_r, 0.3), (0.4, 0.08, -0.11))
    end = pose(100.0, 95.0, 60.0, 118.0, (-0.07, 0.36, 0.1), (0.3, 0.44, -0.11))
    return Illustration(
        id="piriformis-stretch",
        name="Piriformis stretch",
        view=View(-20.0, 10.0, "side, from a little above the feet"),
        keys=(("start", start), ("end", end)),
        descriptions={
            "start": "lying on the back, knees bent, right ankle crossed over the left knee "
            "in a figure four",
            "end": "both hands draw the left thigh towards the chest, stretching deep in "
            "the right buttock",
        },
        props=(Mat(-1.0, 0.75),),
        highlights=(Highlight("pelvis", at=0.8, front=-0.1, length=0.16,
                              width=0.14),),
    )


def _single_leg_squat() -> Illustration:
    def pose(pelvis: Vec3, lean: float, free_hip: float, free_knee: float) -> Pose:
        return _p(
            _j(pitch=lean, ankle_r=-lean, neck_flex=-lean * 0.6, hip_flex_l=free_hip,
               knee_l=free_knee, ankle_l=25, shoulder_flex_l=10 + lean * 0.5, elbow_l=25),
            at=pelvis,
            targets={"ball_r": (0.13, 0.0, 0.09), "wrist_r": (0.33, 0.97, 0.24)},
            poles={"arm_r": (-1.0, -0.3, 0.6)},
        )

    start = pose((0.0, 0.935, 0.0), 0.0, 10.0, 75.0)
    end = pose((-0.19, 0.74, 0.0), 32.0, 55.0, 105.0)
    return Illustration(
        id="single-leg-squat",
        name="Single-leg squat",
        view=SIDE,
        keys=(("start", start), ("end", end)),
        descriptions={
            "start": "standing on the right leg, right hand resting on a chair back, left "
            "foot just off the floor",
            "end": "hips sent back and the right knee bent over the toes, pelvis level",
        },
        props=(Chair(0.36, 1, 0.3, back_height=0.95),),
        highlights=(Highlight("pelvis", at=0.8, front=-0.1, side=0.02, length=0.16,
                              width=0.14),),
    )


def _dead_bug() -> Illustration:
    base = _j(_both(ankle=-15), pitch=-90, neck_flex=-4)
    start = _p(_j(base, _both(hip_flex=90, knee=90, shoulder_flex=90, elbow=5)),
               anchor="neck", at=(-0.5, 0.0, 0.0), ground=True)
    end = _p(_j(base, hip_flex_l=90, knee_l=90, hip_flex_r=14, knee_r=3, shoulder_flex_r=90,
                elbow_r=5, shoulder_flex_l=168, elbow_l=5),
             anchor="neck", at=(-0.5, 0.0, 0.0), ground=True)
    return Illustration(
        id="dead-bug",
        name="Dead bug",
        view=SIDE,
        keys=(("start", start), ("end", end)),
        descriptions={
            "start": "lying on the back, arms pointing at the ceiling, hips and knees bent "
            "at right angles",
            "end": "the left arm reaches back overhead while the right leg straightens out "
            "low over the floor, lower back flat",
        },
        props=(Mat(-1.1, 0.9),),
        highlights=(Highlight("belly", at=0.5, front=0.1, length=0.26, width=0.12),),
    )


def _bird_dog() -> Illustration:
    kneel = _j(pitch=78, neck_flex=-12, hip_flex_r=78, knee_r=90, ankle_r=70)
    legs_down = _j(kneel, hip_flex_l=78, knee_l=90, ankle_l=70)
    poles = {"arm_l": (0.0, -1.0, 0.0), "arm_r": (0.0, -1.0, 0.0)}
    placed = pose_body(_p(legs_down, anchor="knee_r", at=(0.0, 0.0, 0.09), ground=True)).points
    reach = ADULT.upper_arm + ADULT.forearm + ADULT.wrist_to_hand

    def under(shoulder: Vec3) -> Vec3:
        return (shoulder[0] + 0.03, ADULT.hand_r, shoulder[2])

    hands_down = {"hand_l": under(placed["shoulder_l"]), "hand_r": under(placed["shoulder_r"])}
    reach_forward = (placed["shoulder_r"][0] + reach - 0.004, placed["shoulder_r"][1] + 0.02,
                     placed["shoulder_r"][2])
    start = _p(legs_down, anchor="knee_r", at=(0.0, 0.0, 0.09), ground=True,
               targets=hands_down, poles=poles)
    end = _p(_j(kneel, hip_flex_l=-10, knee_l=0, ankle_l=60), anchor="knee_r",
             at=(0.0, 0.0, 0.09), ground=True, poles=poles,
             targets={"hand_l": hands_down["hand_l"], "hand_r": reach_forward})
    return Illustration(
        id="bird-dog",
        name="Bird dog",
        view=SIDE,
        keys=(("start", start), ("end", end)),
        descriptions={
            "start": "on hands and knees on a mat, hands under the shoulders, knees under "
            "the hips, back flat",
            "end": "the right arm reaches forward and the left leg back, both level with "
            "the back",
        },
        props=(Mat(-0.75, 0.9),),
        highlights=(
            Highlight("thigh_l", at=0.2, front=-0.05, length=0.22, width=0.13),
            Highlight("belly", at=0.6, front=-0.1, length=0.2, width=0.1),
        ),
    )


def _calf_raise() -> Illustration:
    def pose(heel_up: float, pelvis: Vec3) -> Pose:
        return _p(
            _j(ankle_r=heel_up, hip_flex_l=5, knee_l=80, ankle_l=30, shoulder_flex_l=5,
               elbow_l=15),
            at=pelvis,
            targets={"toe_r": (0.17, ADULT.toe_r, 0.09), "hand_r": (0.55 - ADULT.hand_r, 1.2, 0.2)},
            poles={"arm_r": (-1.0, -0.6, 0.4)},
        )

    return Illustration(
        id="calf-raise",
        name="Calf raise",
        view=SIDE,
        keys=(("start", pose(0.0, (0.0, 0.938, 0.0))), ("end", pose(48.0, (0.095, 1.042, 0.0)))),
        descriptions={
            "start": "standing on the right foot facing a wall, fingertips on the wall, left "
            "foot lifted behind",
            "end": "risen high onto the ball of the right foot, heel lifted, knee straight",
        },
        props=(Wall(0.55, 1),),
        highlights=(Highlight("shin_r", at=0.3, front=-0.05, length=0.2, width=0.1),),
    )


def _step_up() -> Illustration:
    top = 0.2
    right = (0.52, top, 0.09)

    def pose(pelvis: Vec3, lean: float, left: Vec3, left_angle: float) -> Pose:
        return _p(
            _j(_both(elbow=20), pitch=lean, ankle_r=-lean, ankle_l=left_angle - lean,
               neck_flex=-lean * 0.6, shoulder_flex_l=-15 + lean, shoulder_flex_r=25 - lean),
            at=pelvis,
            targets={"ball_r": right, "ball_l": left},
        )

    start = pose((0.0, 0.905, 0.0), 8.0, (0.11, 0.0, -0.09), 0.0)
    mid = pose((0.22, 0.99, 0.0), 22.0, (0.22, 0.26, -0.09), 35.0)
    end = pose((0.4, 1.13, 0.0), 0.0, (0.52, top, -0.09), 0.0)
    return Illustration(
        id="step-up",
        name="Step-up",
        view=SIDE,
        keys=(("start", start), ("mid", mid), ("end", end)),
        descriptions={
            "start": "standing in front of a low step with the whole right foot on it",
            "mid": "leaning slightly forward and pushing through the right foot, the left "
            "foot leaving the floor",
            "end": "standing tall on the step, right leg straight, left foot beside it",
        },
        props=(Box(0.3, 0.75, top),),
        highlights=(Highlight("pelvis", at=0.8, front=-0.1, side=0.02, length=0.16,
                              width=0.14),),
    )


def _lateral_lunge() -> Illustration:
    hands = {"arm_l": (-0.5, -0.5, 1.0), "arm_r": (-0.5, -0.5, 1.0)}

    def pose(pelvis: Vec3, lean: float, left: Vec3, right: Vec3, knee_out: float) -> Pose:
        return _p(
            _j(_both(toe_out=20), pitch=lean, neck_flex=-lean * 0.7, ankle_l=-lean,
               ankle_r=-lean),
            at=pelvis,
            targets={
                "ball_l": left,
                "ball_r": right,
                "wrist_l": (pelvis[0] + 0.28, pelvis[1] + 0.38, pelvis[2] - 0.03),
                "wrist_r": (pelvis[0] + 0.28, pelvis[1] + 0.38, pelvis[2] + 0.03),
            },
            poles={**hands, "leg_r": (1.0, 0.0, knee_out), "leg_l": (1.0, 0.0, 0.1)},
        )

    start = pose((0.0, 0.93, 0.0), 0.0, (0.13, 0.0, -0.1), (0.13, 0.0, 0.1), 0.1)
    mid = pose((-0.04, 0.9, 0.18), 8.0, (0.13, 0.0, -0.1), (0.12, 0.16, 0.62), 0.4)
    end = pose((-0.1, 0.63, 0.63), 20.0, (0.13, 0.0, -0.1), (0.12, 0.0, 1.1), 0.8)
    return Illustration(
        id="lateral-lunge",
        name="Lateral lunge",
        view=FRONT,
        keys=(("start", start), ("mid", mid), ("end", end)),
        descriptions={
            "start": "seen from the front, standing with feet together, hands clasped at "
            "the chest",
            "mid": "a wide step out to the right side",
            "end": "hips sat back over the bent right knee, left leg straight, chest up",
        },
        highlights=(
            Highlight("pelvis", at=1.35, side=0.02, length=0.14, width=0.17),
            Highlight("thigh_l", at=0.45, side=-0.05, length=0.25, width=0.1),
        ),
    )


def _foam_roll() -> Illustration:
    roller = Roller(0.0, 0.08)
    hands = {"hand_l": (-0.4, ADULT.hand_r, -0.2), "hand_r": (-0.4, ADULT.hand_r, 0.2)}
    feet = {"ball_l": (0.62, 0.0, -0.14), "ball_r": (0.62, 0.0, 0.14)}
    poles = {"arm_l": (-1.0, 0.0, 0.3), "arm_r": (-1.0, 0.0, 0.3)}

    def pose(pelvis_x: float, lean: float) -> Pose:
        return _p(
            _j(_both(ankle=-lean), pitch=lean, roll=-8, neck_flex=-lean * 0.45),
            at=(pelvis_x, 0.0, 0.0),
            ground=True,
            roller=(roller.x, roller.radius),
            targets={**hands, **feet},
            poles=poles,
        )

    return Illustration(
        id="foam-roll",
        name="Foam roll",
        view=SIDE,
        keys=(("start", pose(0.07, -43.0)), ("end", pose(-0.07, -48.0))),
        descriptions={
            "start": "sitting on a foam roller with it under the top of the right buttock, "
            "hands on the floor behind, knees bent, leaning a little to the right",
            "end": "the hips rolled slowly back so the roller has moved down the buttock "
            "towards the back of the thigh",
        },
        props=(roller,),
        highlights=(Highlight("pelvis", at=0.8, front=-0.08, side=0.06, length=0.16,
                              width=0.13),),
    )


_BUILDERS = (
    _lateral_band_walk,
    _monster_walk,
    _clamshell,
    _bridge,
    _hamstring_stretch,
    _butterfly_stretch,
    _plank,
    _side_plank,
    _leg_swing,
    _hip_flexor_stretch,
    _piriformis_stretch,
    _single_leg_squat,
    _dead_bug,
    _bird_dog,
    _calf_raise,
    _step_up,
    _lateral_lunge,
    _foam_roll,
)


@lru_cache(maxsize=1)
def _table() -> Mapping[str, Illustration]:
    table: dict[str, Illustration] = {}
    for build in _BUILDERS:
        ill = build()
        check_keys(_timed_keys(ill))
        table[ill.id] = ill
    return MappingProxyType(table)


def _key_times(ill: Illustration) -> list[tuple[str, float]]:
    times = {"start": 0.0, "mid": ill.mid_at, "end": 1.0}
    return [(name, times[name]) for name, _ in ill.keys]


def _timed_keys(ill: Illustration) -> list[tuple[float, Pose]]:
    return [(t, pose) for (_, t), (_, pose) in zip(_key_times(ill), ill.keys, strict=True)]


EXERCISE_IDS: tuple[str, ...] = tuple(_table())  # built once; the ids come from the table


def illustration(exercise_id: str) -> Illustration:
    """Everything drawn for one exercise; ValueError for an id without poses."""
    try:
        return _table()[exercise_id]
    except KeyError:
        raise ValueError(
            f"no illustration for exercise {exercise_id!r}; known: {', '.join(EXERCISE_IDS)}"
        ) from None


def key_pose_names(exercise_id: str) -> tuple[str, ...]:
    """The key poses in movement order: ("start", "end") or ("start", "mid", "end")."""
    return tuple(name for name, _ in illustration(exercise_id).keys)


def key_position(exercise_id: str, name: str) -> float:
    """Where a key pose sits on the 0..1 movement (start 0, end 1, the middle pose between)."""
    for key, position in _key_times(illustration(exercise_id)):
        if key == name:
            return position
    raise ValueError(f"{exercise_id} has no key pose {name!r}")


def key_pose(exercise_id: str, name: str) -> Pose:
    for key, pose in illustration(exercise_id).keys:
        if key == name:
            return pose
    raise ValueError(f"{exercise_id} has no key pose {name!r}")


def pose_at(exercise_id: str, position: float) -> Pose:
    """The pose at `position`: 0.0 the start pose, 1.0 the end pose, smooth in between.

    Positions outside 0..1 are clamped; NaN or infinity is a programming error (ValueError).
    """
    if not math.isfinite(position):
        raise ValueError(f"position must be a finite number, got {position!r}")
    return blend(_timed_keys(illustration(exercise_id)), position)
