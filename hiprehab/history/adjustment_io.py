"""The user's adjustments in the history's JSON export (the `adjustments` array) and back.

Each entry: `routine_hash`, `exercise_index` (0-based), `library_id`, `field` (sets, reps, hold or
version), `old`, `new` (numbers; a version is -1 easier, 0 as written, 1 harder), `direction`
(progress or regress), `text` (the library's words for a version), `change` (the step in words,
for a person reading the file; ignored on import), `created_at` and `undone_at` (UTC ISO 8601 or
null). Exports written before adjustments existed have no array and import with none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from hiprehab.history.adjustment_store import check
from hiprehab.history.adjustments import DIRECTIONS, FIELDS, Adjustment, describe
from hiprehab.history.records import parse_utc
from hiprehab.history.wording import ENGLISH
from hiprehab.i18n import _

_MAX_INTEGER = 2**63 - 1  # SQLite's largest integer
_MAX_TEXT = 2_000_000  # as json_format.MAX_TEXT

Format = Callable[[datetime], str]


def to_json(adjustments: Iterable[Adjustment], fmt: Format) -> list[dict[str, Any]]:
    return [
        {
            "routine_hash": a.routine_hash,
            "exercise_index": a.exercise_index,
            "library_id": a.library_id,
            "field": a.field,
            "old": a.old,
            "new": a.new,
            "direction": a.direction,
            "text": a.text,
            "change": describe(a, ENGLISH),  # for people reading the file: English, as the format
            "created_at": fmt(a.created_at),
            "undone_at": None if a.undone_at is None else fmt(a.undone_at),
        }
        for a in adjustments
    ]


def _moment(value: object, where: str, *, optional: bool = False) -> datetime | None:
    if value is None and optional:
        return None
    try:
        return parse_utc(value)  # type: ignore[arg-type]  # anything not text is refused
    except ValueError as exc:
        message = _("must be an ISO 8601 time with a zone, {error}").format(error=exc)
        raise ValueError(f"{where}: {message}") from None


def _bounded(item: dict[str, Any], where: str) -> None:
    """ValueError for a number SQLite cannot keep or text it should not (a hostile import)."""
    for key in ("exercise_index", "old", "new"):
        value = item[key]
        if isinstance(value, int) and not -_MAX_INTEGER <= value <= _MAX_INTEGER:
            message = _("the number is too large")
            raise ValueError(f"{where}.{key}: {message}")
    for key in ("library_id", "text"):
        value = item.get(key)
        if isinstance(value, str) and len(value) > _MAX_TEXT:
            message = _("too long ({length} characters)").format(length=len(value))
            raise ValueError(f"{where}.{key}: {message}")


def from_json(value: object, routine_hashes: set[str]) -> tuple[Adjustment, ...]:
    """The `adjustments` array read back; ValueError naming the place of the first fault."""
    if value is None:
        return ()
    if not isinstance(value, list):
        message = _("must be a list")
        raise ValueError(f"adjustments: {message}")
    result = []
    for index, item in enumerate(value):
        where = f"adjustments[{index}]"
        if not isinstance(item, dict):
            message = _("must be an object")
            raise ValueError(f"{where}: {message}")
        missing = [
            key
            for key in (
                "routine_hash",
                "exercise_index",
                "library_id",
                "field",
                "old",
                "new",
                "direction",
                "created_at",
            )  # fmt: skip
            if key not in item
        ]
        if missing:
            message = _("missing {key}").format(key=repr(missing[0]))
            raise ValueError(f"{where}: {message}")
        if item["routine_hash"] not in routine_hashes:
            message = _("names no routine in the file")
            raise ValueError(f"{where}.routine_hash: {message}")
        if item["field"] not in FIELDS or item["direction"] not in DIRECTIONS:
            message = _("unknown field or direction")
            raise ValueError(f"{where}: {message}")
        _bounded(item, where)
        created = _moment(item["created_at"], f"{where}.created_at")
        assert created is not None
        adjustment = Adjustment(
            routine_hash=item["routine_hash"],
            exercise_index=item["exercise_index"],
            library_id=item["library_id"],
            field=item["field"],
            old=item["old"],
            new=item["new"],
            direction=item["direction"],
            text=item.get("text", ""),
            created_at=created,
            undone_at=_moment(item.get("undone_at"), f"{where}.undone_at", optional=True),
        )
        try:
            check(adjustment)
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        result.append(adjustment)
    return tuple(result)
