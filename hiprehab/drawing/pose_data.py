"""Reading the pose files: one illustration per `assets/poses/<id>.toml`, checked strictly.

Each file holds the camera, props, highlighted muscles and key poses of one library exercise as
numbers and names (the format is described in docs/pose-format.md). This module turns a file into
a `scene.Illustration` and refuses anything it does not know, with a message naming the file and
the key, so a slip in a drawing's data fails loudly instead of drawing a strange picture.
`index.toml` in the same folder lists the exercises in the order they are shown.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from hiprehab.drawing.body import ANGLE_NAMES, LIMBS, TARGET_POINTS, Pose, pose_body
from hiprehab.drawing.motion import check_keys
from hiprehab.drawing.pose_solvers import FLOOR_HEIGHTS, BelowBody, OnBody, Relative, solve
from hiprehab.drawing.scene import (
    Band,
    BandEnd,
    Box,
    Chair,
    Highlight,
    Illustration,
    Mat,
    Prop,
    Roller,
    Strap,
    View,
    Wall,
)
from hiprehab.drawing.vec import Vec3

INDEX_FILE = "index.toml"
KEY_NAMES = ("start", "mid", "end")
PROP_KINDS: Mapping[str, type[Prop]] = MappingProxyType(
    {cls.__name__.lower(): cls for cls in (Mat, Band, Strap, Box, Chair, Wall, Roller)}
)
_SIDED = tuple(dict.fromkeys(name[:-2] for name in ANGLE_NAMES if name.endswith("_r")))
_ANGLE_KEYS = (*ANGLE_NAMES, *_SIDED)
_ANGLES_KNOWN = (
    ", ".join(n for n in ANGLE_NAMES if not n.endswith(("_l", "_r")))
    + f", and {', '.join(_SIDED)} (for both sides, or ending _l or _r for one)"
)
_POSE_KEYS = ("angles", "targets", "poles", "at", "anchor", "ground", "stacked_feet")
_TOP_KEYS = ("name", "view", "mid_at", "props", "highlights", "common", "keys")
_T = TypeVar("_T")


class PoseDataError(ValueError):
    """A pose file cannot be used; the message names the file, the key and the fault."""

    def __init__(self, source: str, place: str, message: str) -> None:
        self.source, self.place = source, place
        super().__init__(f"{source}: {place}: {message}" if place else f"{source}: {message}")


@cache
def _body_names() -> tuple[frozenset[str], frozenset[str]]:
    """The body's point names and segment names."""
    body = pose_body(Pose())
    return frozenset(body.points), frozenset(s.name for s in body.segments)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PoseDataError(str(path), "", f"cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise PoseDataError(str(path), "", f"is not UTF-8 text ({exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PoseDataError(str(path), "", f"is not valid TOML: {exc}") from None


def exercise_ids(folder: Path) -> tuple[str, ...]:
    """The ids listed in the folder's index, each checked to have its file and vice versa."""
    index = folder / INDEX_FILE
    doc = _Doc(str(index))
    data = _read(index)
    doc.keys(data, "", ("exercises",), ("exercises",))
    ids = doc.strings(data["exercises"], "exercises")
    files = {p.stem for p in folder.glob("*.toml") if p.name != INDEX_FILE}
    for i, name in enumerate(ids):
        if name in ids[:i]:
            doc.fail("exercises", f"{name!r} is listed twice")
        if name not in files:
            doc.fail("exercises", f"{name!r} has no file {name}.toml beside the index")
    unlisted = sorted(files - set(ids))
    if unlisted:
        doc.fail("exercises", f"pose file(s) not listed: {', '.join(unlisted)}")
    return tuple(ids)


def load_illustration(path: Path) -> Illustration:
    """The illustration described by one pose file; PoseDataError on any fault."""
    return _Doc(str(path)).illustration(path.stem, _read(path))


class _Doc:
    """Checks the values of one file, naming it in every fault."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, place: str, message: str) -> typing.NoReturn:
        raise PoseDataError(self.source, place, message)

    # ------------------------------------------------------------ plain values

    def keys(self, table: Any, place: str, allowed: tuple[str, ...],
             required: tuple[str, ...] = (), what: str = "key",
             known: str | None = None) -> dict[str, Any]:
        """`table` checked to be a table of only `allowed` keys (`what` they name; `known` lists
        them for a fault, all of `allowed` by default) and every `required` one."""
        if not isinstance(table, dict):
            self.fail(place, f"must be a table, got {_kind(table)}")
        for key in table:
            if key not in allowed:
                listing = known or ", ".join(allowed)
                self.fail(_join(place, key), f"unknown {what}; known: {listing}")
        for key in required:
            if key not in table:
                self.fail(_join(place, key), "missing")
        return table

    def number(self, value: Any, place: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(place, f"must be a number, got {_kind(value)}")
        return float(value)

    def string(self, value: Any, place: str) -> str:
        if not isinstance(value, str) or not value:
            self.fail(place, f"must be a non-empty string, got {_kind(value)}")
        return value

    def strings(self, value: Any, place: str) -> list[str]:
        if not isinstance(value, list) or not value:
            self.fail(place, f"must be a non-empty list of strings, got {_kind(value)}")
        return [self.string(v, f"{place}[{i}]") for i, v in enumerate(value)]

    def numbers(self, value: Any, place: str, count: int) -> tuple[float, ...]:
        if not isinstance(value, list) or len(value) != count:
            self.fail(place, f"must be a list of {count} numbers, got {_kind(value)}")
        return tuple(self.number(v, f"{place}[{i}]") for i, v in enumerate(value))

    def vec(self, value: Any, place: str) -> Vec3:
        x, y, z = self.numbers(value, place, 3)
        return (x, y, z)

    def name_in(self, value: Any, place: str, known: frozenset[str] | tuple[str, ...],
                what: str) -> str:
        name = self.string(value, place)
        if name not in known:
            self.fail(place, f"unknown {what} {name!r}; known: {', '.join(sorted(known))}")
        return name

    # ------------------------------------------------------------ the illustration

    def illustration(self, exercise_id: str, data: Any) -> Illustration:
        self.keys(data, "", _TOP_KEYS, ("name", "view", "keys"))
        props = tuple(
            self.prop(p, f"props[{i}]") for i, p in enumerate(self.tables(data, "props"))
        )
        rollers = [p for p in props if isinstance(p, Roller)]
        roller = (rollers[0].x, rollers[0].radius) if rollers else None
        keys_table = self.keys(data["keys"], "keys", KEY_NAMES, ("start", "end"),
                               what="key pose")
        common = self.keys(data.get("common", {}), "common", _POSE_KEYS)
        keys, descriptions = [], {}
        for name in (n for n in KEY_NAMES if n in keys_table):
            place = f"keys.{name}"
            key = self.keys(keys_table[name], place, ("description", *_POSE_KEYS),
                            ("description",))
            descriptions[name] = self.string(key["description"], f"{place}.description")
            keys.append((name, self.pose(common, key, place, roller)))
        mid_at = self.number(data.get("mid_at", 0.5), "mid_at")
        if "mid_at" in data and "mid" not in keys_table:
            self.fail("mid_at", "there is no mid key pose")
        times = {"start": 0.0, "mid": mid_at, "end": 1.0}
        try:
            check_keys([(times[name], pose) for name, pose in keys])
        except ValueError as exc:
            self.fail("keys", str(exc))
        return Illustration(
            id=exercise_id,
            name=self.string(data["name"], "name"),
            view=self.build(View, data["view"], "view"),
            keys=tuple(keys),
            descriptions=MappingProxyType(descriptions),
            props=props,
            highlights=tuple(
                self.build(Highlight, h, f"highlights[{i}]")
                for i, h in enumerate(self.tables(data, "highlights"))
            ),
            mid_at=mid_at,
        )

    def tables(self, data: dict[str, Any], key: str) -> list[Any]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(key, f"must be a list of tables, got {_kind(value)}")
        return value

    def prop(self, table: Any, place: str) -> Prop:
        if not isinstance(table, dict):
            self.fail(place, f"must be a table, got {_kind(table)}")
        kind = self.name_in(table.get("kind"), f"{place}.kind", tuple(PROP_KINDS), "prop kind")
        fields = {k: v for k, v in table.items() if k != "kind"}
        return self.build(PROP_KINDS[kind], fields, place)

    def build(self, cls: type[_T], table: Any, place: str) -> _T:
        """A scene dataclass from a table: every field checked against its declared type."""
        hints = typing.get_type_hints(cls)
        fields = dataclasses.fields(typing.cast(Any, cls))
        required = tuple(f.name for f in fields if f.default is dataclasses.MISSING)
        self.keys(table, place, tuple(f.name for f in fields), required)
        return cls(**{k: self.field(hints[k], v, _join(place, k)) for k, v in table.items()})

    def field(self, hint: Any, value: Any, place: str) -> Any:
        points, segments = _body_names()
        if hint is float:
            return self.number(value, place)
        if hint is int:
            if isinstance(value, bool) or not isinstance(value, int):
                self.fail(place, f"must be a whole number, got {_kind(value)}")
            return value
        if hint is str:  # free words, a segment of the body, or else a point of it
            if place.endswith(".name"):
                return self.string(value, place)
            if place.endswith(".segment"):
                return self.name_in(value, place, segments, "segment")
            return self.name_in(value, place, points, "body point")
        if hint is BandEnd:
            return self.build(BandEnd, value, place)
        if hint == tuple[str, str]:
            names = self.strings(value, place)
            if len(names) != 2:
                self.fail(place, f"must name 2 body points, got {len(names)}")
            return tuple(self.name_in(n, f"{place}[{i}]", points, "body point")
                         for i, n in enumerate(names))
        raise TypeError(f"no reader for {hint!r}")  # pragma: no cover - a new scene field

    # ------------------------------------------------------------ key poses

    def pose(self, common: dict[str, Any], key: dict[str, Any], place: str,
             roller: tuple[float, float] | None) -> Pose:
        """One key pose: the `common` values with the key's own laid over them."""

        def get(name: str, default: Any) -> tuple[Any, str]:
            if name in key:
                return key[name], f"{place}.{name}"
            return common.get(name, default), f"common.{name}"

        angles = {**self.angles(common.get("angles", {}), "common.angles"),
                  **self.angles(key.get("angles", {}), f"{place}.angles")}
        fixed: dict[str, Vec3] = {}
        relative: dict[str, Relative] = {}
        for where, table in (("common", common), (place, key)):
            for name, value in self.keys(table.get("targets", {}), f"{where}.targets",
                                         TARGET_POINTS, what="reach target").items():
                fixed.pop(name, None)
                relative.pop(name, None)
                target = self.target(name, value, f"{where}.targets.{name}")
                if isinstance(target, tuple):
                    fixed[name] = target
                else:
                    relative[name] = target
        poles: dict[str, Vec3] = {}
        for where, table in (("common", common), (place, key)):
            for name, value in self.keys(table.get("poles", {}), f"{where}.poles",
                                         LIMBS, what="limb").items():
                poles[name] = self.vec(value, f"{where}.poles.{name}")
        at, at_place = get("at", [0.0, 0.94, 0.0])
        anchor, anchor_place = get("anchor", "pelvis")
        ground, ground_place = get("ground", False)
        if not isinstance(ground, bool):
            self.fail(ground_place, f"must be true or false, got {_kind(ground)}")
        stacked, stacked_place = get("stacked_feet", None)
        lift = None if stacked is None else self.number(stacked, stacked_place)
        if lift is not None and ({"ankle_l", "ankle_r"} & (set(fixed) | set(relative))):
            self.fail(stacked_place, "stacked feet place the ankles; drop their targets")
        try:
            pose = Pose(
                angles=MappingProxyType(angles),
                anchor=self.name_in(anchor, anchor_place, _body_names()[0], "body point"),
                at=self.vec(at, at_place),
                targets=MappingProxyType(fixed),
                poles=MappingProxyType(poles),
                ground=ground,
                roller=roller,
            )
            return solve(pose, relative, lift)
        except ValueError as exc:
            self.fail(place, str(exc))

    def angles(self, table: Any, place: str) -> dict[str, float]:
        """Joint angles in degrees; a sided joint named without `_l`/`_r` sets both sides, and a
        one-sided name wins over it whatever the order."""
        self.keys(table, place, _ANGLE_KEYS, what="joint angle", known=_ANGLES_KNOWN)
        both = {f"{name}_{s}": self.number(v, _join(place, name))
                for name, v in table.items() if name in _SIDED for s in ("l", "r")}
        one = {name: self.number(v, _join(place, name))
               for name, v in table.items() if name not in _SIDED}
        return {**both, **one}

    def target(self, name: str, value: Any, place: str) -> Vec3 | Relative:
        """A reach target: [x, y, z], { floor = [x, z] }, { on = point, offset = [x, y, z] } or
        { below = point, offset = [x, z] }."""
        if isinstance(value, list):
            return self.vec(value, place)
        table = self.keys(value, place, ("floor", "on", "below", "offset"))
        forms = [k for k in ("floor", "on", "below") if k in table]
        if len(forms) != 1:
            self.fail(place, "give exactly one of floor, on, below (or a list [x, y, z])")
        form = forms[0]
        if form == "on":
            self.keys(table, place, ("on", "offset"), ("offset",))
            return OnBody(self.name_in(table["on"], f"{place}.on", _body_names()[0],
                                       "body point"), self.vec(table["offset"], f"{place}.offset"))
        height = FLOOR_HEIGHTS.get(name.rsplit("_", 1)[0])
        if height is None:
            self.fail(place, f"{name} cannot rest on the floor; give [x, y, z]")
        if form == "floor":
            self.keys(table, place, ("floor",))
            x, z = self.numbers(table["floor"], f"{place}.floor", 2)
            return (x, height, z)
        self.keys(table, place, ("below", "offset"), ("offset",))
        dx, dz = self.numbers(table["offset"], f"{place}.offset", 2)
        point = self.name_in(table["below"], f"{place}.below", _body_names()[0], "body point")
        return BelowBody(point, (dx, dz), height)


def _join(place: str, key: str) -> str:
    return f"{place}.{key}" if place else key


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {dict: "a table", list: "a list", str: "a string", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)
