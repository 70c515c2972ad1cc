"""Blending key poses into smooth movement.

Each number in a pose (joint angle, anchor place, reach target) follows a monotone cubic curve
through the key poses: it eases out of the start, passes the middle pose without stopping when the
movement carries on, never overshoots a key, and eases into the end.
"""

from __future__ import annotations

from collections.abc import Sequence

from hiprehab.drawing.body import Pose
from hiprehab.drawing.vec import Vec3


def check_keys(keys: Sequence[tuple[float, Pose]]) -> None:
    """Raise ValueError when key poses cannot be blended (a programming error in pose data)."""
    if len(keys) < 2:
        raise ValueError("a movement needs at least a start and an end pose")
    times = [t for t, _ in keys]
    rising = all(a < b for a, b in zip(times, times[1:], strict=False))
    if times[0] != 0.0 or times[-1] != 1.0 or not rising:
        raise ValueError(f"key positions must rise from 0 to 1, got {times}")
    first = keys[0][1]
    for _, pose in keys[1:]:
        placing = (pose.anchor, pose.ground, pose.roller)
        if placing != (first.anchor, first.ground, first.roller):
            raise ValueError("all key poses of a movement must be placed the same way")
        if set(pose.targets) != set(first.targets):
            raise ValueError("all key poses of a movement must pin the same hands and feet")


def blend(keys: Sequence[tuple[float, Pose]], position: float) -> Pose:
    """The pose at `position` (0..1, clamped) of the movement through `keys`."""
    position = min(max(position, 0.0), 1.0)
    for t, pose in keys:
        if position == t:
            return pose
    times = [t for t, _ in keys]
    poses = [p for _, p in keys]

    def curve(values: list[float]) -> float:
        return _monotone_cubic(times, values, position)

    def vec(values: list[Vec3]) -> Vec3:
        return (
            curve([v[0] for v in values]),
            curve([v[1] for v in values]),
            curve([v[2] for v in values]),
        )

    names = sorted({n for p in poses for n in p.angles})
    angles = {n: curve([p.angle(n) for p in poses]) for n in names}
    targets = {n: vec([p.targets[n] for p in poses]) for n in sorted(poses[0].targets)}
    limbs = sorted({n for p in poses for n in p.poles})
    poles = {n: vec([_pole(p, n) for p in poses]) for n in limbs}
    return Pose(
        angles=angles,
        anchor=poses[0].anchor,
        at=vec([p.at for p in poses]),
        targets=targets,
        poles=poles,
        ground=poses[0].ground,
        roller=poses[0].roller,
    )


def _pole(pose: Pose, limb: str) -> Vec3:
    default: Vec3 = (-1.0, 0.0, 0.0) if limb.startswith("arm") else (1.0, 0.0, 0.0)
    return pose.poles.get(limb, default)


def _monotone_cubic(times: list[float], values: list[float], t: float) -> float:
    """Fritsch-Carlson style Hermite curve with flat ends (ease in and out)."""
    n = len(times)
    k = 0
    while k < n - 2 and t > times[k + 1]:
        k += 1
    slopes = [
        (values[i + 1] - values[i]) / (times[i + 1] - times[i]) for i in range(n - 1)
    ]
    tangents = [0.0] * n
    for i in range(1, n - 1):
        a, b = slopes[i - 1], slopes[i]
        tangents[i] = 0.0 if a * b <= 0.0 else 2.0 / (1.0 / a + 1.0 / b)
    h = times[k + 1] - times[k]
    s = (t - times[k]) / h
    s2, s3 = s * s, s * s * s
    return (
        (2 * s3 - 3 * s2 + 1) * values[k]
        + (s3 - 2 * s2 + s) * h * tangents[k]
        + (-2 * s3 + 3 * s2) * values[k + 1]
        + (s3 - s2) * h * tangents[k + 1]
    )
