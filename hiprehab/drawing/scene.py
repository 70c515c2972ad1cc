"""What an illustration is made of besides the body: camera, props, highlighted muscles, words.

These are plain data; `pose_data.py` fills them in from each exercise's pose file and `figure.py`
draws them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hiprehab.drawing.body import Pose


@dataclass(frozen=True)
class View:
    """An orthographic camera. `yaw` turns the scene about the vertical in degrees (-90 looks a
    figure facing +x in the face; negative values bring its front towards the viewer);
    `elevation` looks down from above (0 = eye level, so the floor is a line)."""

    yaw: float = 0.0
    elevation: float = 0.0
    name: str = "side"


@dataclass(frozen=True)
class Mat:
    """An exercise mat on the floor, from x0 to x1 (and z0 to z1 across)."""

    x0: float
    x1: float
    z0: float = -0.4
    z1: float = 0.4


@dataclass(frozen=True)
class BandEnd:
    """A place on a limb: `joint`, moved the fraction `along` towards `toward`."""

    joint: str
    toward: str = ""
    along: float = 0.0


@dataclass(frozen=True)
class Band:
    """A resistance band looped round two limbs (ankles, or just above the knees)."""

    a: BandEnd
    b: BandEnd


@dataclass(frozen=True)
class Strap:
    """A band or towel held in both hands and looped round the sole of one foot."""

    hands: tuple[str, str]
    foot: str  # the ball of that foot, e.g. "ball_r"


@dataclass(frozen=True)
class Box:
    """A step or low bench: x0..x1 along the floor, `height` tall, z0..z1 across."""

    x0: float
    x1: float
    height: float
    z0: float = -0.25
    z1: float = 0.25


@dataclass(frozen=True)
class Chair:
    """A plain chair seen from its side: the back post stands at x, the seat reaches `facing`
    (+1 towards +x, -1 towards -x); it stands at depth z."""

    x: float
    facing: int = 1
    z: float = 0.0
    back_height: float = 0.9
    seat_height: float = 0.46
    seat_depth: float = 0.42


@dataclass(frozen=True)
class Wall:
    """A wall whose face is the plane x = `x`, the wall lying on the side `facing` away (+1: the
    wall fills x > `x`)."""

    x: float
    facing: int = 1
    height: float = 1.9


@dataclass(frozen=True)
class Roller:
    """A foam roller lying on the floor across the picture (its axis towards the viewer)."""

    x: float
    radius: float = 0.075
    z: float = 0.0


Prop = Mat | Band | Strap | Box | Chair | Wall | Roller


@dataclass(frozen=True)
class Highlight:
    """The working muscle: a glow on `segment`, `at` a fraction along it, pushed `front` metres
    towards its front (negative: its back) and `outward` metres towards its outside; `length` and
    `width` are the glow's size in metres along and across the segment."""

    segment: str
    at: float = 0.5
    front: float = 0.0
    outward: float = 0.0
    length: float = 0.2
    width: float = 0.12


@dataclass(frozen=True)
class Illustration:
    """Everything needed to draw one exercise at any point of its movement."""

    id: str
    name: str
    view: View
    keys: tuple[tuple[str, Pose], ...]  # ("start", pose), optional ("mid", pose), ("end", pose)
    descriptions: Mapping[str, str]  # per key pose: what it shows, for screen readers
    props: tuple[Prop, ...] = ()
    highlights: tuple[Highlight, ...] = ()
    mid_at: float = 0.5  # where the middle key pose sits on the 0..1 movement
