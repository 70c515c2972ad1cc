"""A valid export as data, and hostile variations of it, for the hostile-import tests."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

HASH = "a" * 64


def valid_export() -> dict[str, Any]:
    """The smallest export hiprehab accepts: one routine, one session with one work period."""
    return {
        "format": "hiprehab-history",
        "format_version": 1,
        "exported_at": "2027-01-20T12:00:00Z",
        "app_version": "0.1.0",
        "person": "Anna",
        "routines": [
            {
                "hash": HASH,
                "title": "Hips",
                "source": "/home/anna/routines/hips.toml",
                "sessions_per_week": 3,
                "first_used_at": "2026-12-28T07:00:00Z",
                "text": "format = 1\n",
            }
        ],
        "sessions": [
            {
                "id": 1,
                "routine_hash": HASH,
                "started_at": "2026-12-28T07:00:00Z",
                "ended_at": "2026-12-28T07:20:00Z",
                "status": "completed",
                "active_seconds": 1100.0,
                "paused_seconds": 12.0,
                "pain_before": 2,
                "pain_after": 3,
                "pain_next_morning": None,
                "morning_asked": False,
                "note": "fine",
                "planned_work_periods": 1,
                "work_periods": [
                    {
                        "exercise_id": "bridge",
                        "exercise_name": "Bridge",
                        "set_number": 1,
                        "side": "none",
                        "planned_seconds": 45.0,
                        "actual_seconds": 45.0,
                        "status": "completed",
                        "ended_at": "2026-12-28T07:03:00Z",
                    }
                ],
            }
        ],
        "adjustments": [],
    }


def _changed(change: Callable[[dict[str, Any]], None]) -> bytes:
    data = copy.deepcopy(valid_export())
    change(data)
    return json.dumps(data).encode("utf-8")


def _session(key: str, value: object) -> bytes:
    return _changed(lambda d: d["sessions"][0].__setitem__(key, value))


def _period(key: str, value: object) -> bytes:
    return _changed(lambda d: d["sessions"][0]["work_periods"][0].__setitem__(key, value))


def _routine(key: str, value: object) -> bytes:
    return _changed(lambda d: d["routines"][0].__setitem__(key, value))


def _adjustment(**changes: object) -> bytes:
    step = {
        "routine_hash": HASH,
        "exercise_index": 0,
        "library_id": "bridge",
        "field": "sets",
        "old": 2,
        "new": 3,
        "direction": "progress",
        "text": "one more set",
        "created_at": "2027-01-02T07:00:00Z",
        "undone_at": None,
        **changes,
    }
    return _changed(lambda d: d.__setitem__("adjustments", [step]))


def _duplicate_session(d: dict[str, Any]) -> None:
    d["sessions"].append(copy.deepcopy(d["sessions"][0]))


DEEP = 100_000
HOSTILE_CONTENTS: dict[str, bytes] = {
    "empty file": b"",
    "not json": b"hello",
    "a list, not an object": b"[]",
    "bad utf-8": b'{"format": "hiprehab-history\xff\xfe"}',
    "deep nesting": b"[" * DEEP + b"]" * DEEP,
    "deep nesting in a note": _session("note", "@@").replace(b'"@@"', b"[" * DEEP + b"]" * DEEP),
    "5000-digit integer": _session("id", 0).replace(b'"id": 0', b'"id": ' + b"9" * 5000),
    "huge integer id": _session("id", 2**70),
    "sessions not a list": _changed(lambda d: d.__setitem__("sessions", {"a": 1})),
    "missing routines": _changed(lambda d: d.pop("routines")),
    "missing started_at": _changed(lambda d: d["sessions"][0].pop("started_at")),
    "id as text": _session("id", "1"),
    "note as number": _session("note", 5),
    "huge note": _session("note", "x" * 2_000_001),
    "huge adjustment text": _adjustment(text="x" * 2_000_001),
    "NUL byte in a note": _session("note", "a@b").replace(b"a@b", b"a\x00b"),
    "NUL byte between values": _session("note", "a").replace(b', "morning', b',\x00 "morning'),
    "duplicate session ids": _changed(_duplicate_session),
    "negative seconds": _session("active_seconds", -1),
    "infinite seconds": _session("active_seconds", 1e999),
    "pain 11": _session("pain_after", 11),
    "unknown status": _session("status", "paused"),
    "unknown work status": _period("status", "maybe"),
    "unknown side": _period("side", "middle"),
    "year 1": _session("started_at", "0001-01-01T00:00:00Z"),
    "year 999": _session("started_at", "0999-06-01T00:00:00Z"),
    "+14:00 near year 1": _session("started_at", "0001-01-01T00:00:00+14:00"),
    "-14:00 near year 9999": _session("ended_at", "9999-12-31T23:00:00-14:00"),
    "time without a zone": _session("started_at", "2026-12-28T07:00:00"),
    "ended before started": _session("ended_at", "2026-12-28T06:00:00Z"),
    "routine first used in year 5": _routine("first_used_at", "0005-01-01T00:00:00Z"),
    "unknown routine": _session("routine_hash", "b" * 64),
    "sessions per week 0": _routine("sessions_per_week", 0),
    "format from the future": _changed(lambda d: d.__setitem__("format_version", 99)),
    "adjustment at +14:00 in year 1": _adjustment(created_at="0001-01-01T00:00:00+14:00"),
    "adjustment in year 999": _adjustment(created_at="0999-01-01T00:00:00Z"),
    "adjustment with a huge exercise index": _adjustment(exercise_index=2**70),
    "adjustment with a 400-digit value": _adjustment(new=10**400),
    "exported in year 1": _changed(lambda d: d.__setitem__("exported_at", "0001-01-01T00:00:00Z")),
}
