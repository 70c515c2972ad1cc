"""Tiny 3D vector helpers on plain tuples, so the figure code needs no numpy and stays fast."""

from __future__ import annotations

import math

Vec3 = tuple[float, float, float]


def add(a: Vec3, b: Vec3) -> Vec3:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec3, b: Vec3) -> Vec3:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec3, k: float) -> Vec3:
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec3, b: Vec3) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec3, b: Vec3) -> Vec3:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def length(a: Vec3) -> float:
    return math.sqrt(dot(a, a))


def unit(a: Vec3) -> Vec3:
    n = length(a)
    if n == 0.0:
        raise ValueError("cannot normalise a zero vector")
    return (a[0] / n, a[1] / n, a[2] / n)


def lerp(a: Vec3, b: Vec3, t: float) -> Vec3:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def combo(*terms: tuple[Vec3, float]) -> Vec3:
    """The sum of vector * weight over all terms (a linear combination)."""
    x = y = z = 0.0
    for v, k in terms:
        x += v[0] * k
        y += v[1] * k
        z += v[2] * k
    return (x, y, z)


def turn(x: Vec3, y: Vec3, degrees: float) -> tuple[Vec3, Vec3]:
    """Rotate the orthonormal pair (x, y) in their plane so that x turns towards y.

    Naming a rotation as "this axis turns towards that one" keeps joint angles readable and
    sidesteps left- and right-handed sign conventions.
    """
    if degrees == 0.0:
        return x, y
    r = math.radians(degrees)
    c, s = math.cos(r), math.sin(r)
    return combo((x, c), (y, s)), combo((y, c), (x, -s))


def rotate_about(v: Vec3, axis: Vec3, degrees: float) -> Vec3:
    """Rodrigues' rotation of v about the unit vector axis (right-hand rule)."""
    r = math.radians(degrees)
    c, s = math.cos(r), math.sin(r)
    return combo((v, c), (cross(axis, v), s), (axis, dot(axis, v) * (1.0 - c)))


def angle_between(a: Vec3, b: Vec3) -> float:
    """Angle between two vectors in degrees."""
    c = dot(a, b) / (length(a) * length(b))
    return math.degrees(math.acos(min(max(c, -1.0), 1.0)))
