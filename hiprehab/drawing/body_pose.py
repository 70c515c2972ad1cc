"""What a body pose may say: the joint angles, reach targets and limbs a `Pose` can name.

It is the input the rest of the body model reads: `kinematics` bends the limbs by it, `body`
places the whole figure. The world axes are described in `body`'s module docstring.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hiprehab.drawing.vec import Vec3

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


def limb_of(point: str) -> str:
    """The limb ("leg_l", "arm_r", ...) a body point belongs to."""
    part, side = point.rsplit("_", 1)
    return ("arm_" if part in ("wrist", "elbow", "hand", "shoulder") else "leg_") + side
