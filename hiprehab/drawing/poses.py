"""Key poses of every library exercise, and the movement between them.

Each exercise is described by a data file, `assets/poses/<id>.toml` (read by `pose_data`; the
format is in docs/pose-format.md): the camera, the props, the working muscle, and two or three
key poses of the one body model (`body.Pose`: joint angles, where the body is, which hands and
feet are planted). `pose_at` blends the key poses into a smooth movement for the player. A file
is read the first time its exercise is drawn, and kept.

Unilateral exercises are drawn working the right side (the side nearer the viewer in side views,
or named in the description); the player mirrors the picture for the left side.
"""

from __future__ import annotations

import math
from functools import cache

from hiprehab import resources
from hiprehab.drawing.body import Pose
from hiprehab.drawing.motion import blend
from hiprehab.drawing.pose_data import exercise_ids, load_illustration
from hiprehab.drawing.scene import Illustration

__all__ = [
    "EXERCISE_IDS",
    "Pose",
    "illustration",
    "key_pose",
    "key_pose_names",
    "key_position",
    "pose_at",
]

#: Every exercise with a drawing, in the order of `assets/poses/index.toml`.
EXERCISE_IDS: tuple[str, ...] = exercise_ids(resources.poses_dir())


@cache
def _load(exercise_id: str) -> Illustration:
    return load_illustration(resources.poses_dir() / f"{exercise_id}.toml")


def illustration(exercise_id: str) -> Illustration:
    """Everything drawn for one exercise; ValueError for an id without poses."""
    if exercise_id not in EXERCISE_IDS:
        raise ValueError(
            f"no illustration for exercise {exercise_id!r}; known: {', '.join(EXERCISE_IDS)}"
        )
    return _load(exercise_id)


def _key_times(ill: Illustration) -> list[tuple[str, float]]:
    times = {"start": 0.0, "mid": ill.mid_at, "end": 1.0}
    return [(name, times[name]) for name, _ in ill.keys]


def _timed_keys(ill: Illustration) -> list[tuple[float, Pose]]:
    return [(t, pose) for (_, t), (_, pose) in zip(_key_times(ill), ill.keys, strict=True)]


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
