"""The drawings stay byte-identical: SHA-256 of every exercise's SVG at fixed positions.

The digests in `data/pose_svg_digests.json` were recorded from the pose tables before they moved
from Python code into `assets/poses/*.toml`; any change to the pose data, the loader or the
drawing code that moves a single number shows up here. After a deliberate change of a drawing,
record them again with `python tests/drawing/test_pose_digests.py --write` and say why in the
commit.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from hiprehab.drawing import figure, poses

DIGESTS = Path(__file__).resolve().parent / "data" / "pose_svg_digests.json"
POSITIONS = (0.0, 0.1, 0.125, 0.25, 0.37, 0.5, 0.625, 0.75, 0.9, 1.0)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def catalogue() -> list[dict[str, Any]]:
    """What the contact sheet is drawn from: ids in order, names, key poses and positions."""
    return [
        {
            "id": exercise_id,
            "name": poses.illustration(exercise_id).name,
            "keys": {
                name: poses.key_position(exercise_id, name)
                for name in poses.key_pose_names(exercise_id)
            },
        }
        for exercise_id in poses.EXERCISE_IDS
    ]


def drawings(exercise_id: str) -> dict[str, str]:
    """Digest of each SVG: plain at every sample and key position, mirrored, and unhighlighted."""
    ill = poses.illustration(exercise_id)
    positions = sorted({*POSITIONS, *(figure.key_position(ill, n) for n, _ in ill.keys)})
    out = {f"{p!r}": _sha(figure.render_svg(exercise_id, p)) for p in positions}
    out["mirrored 0.37"] = _sha(figure.render_svg(exercise_id, 0.37, mirrored=True))
    out["plain 0.625"] = _sha(figure.render_svg(exercise_id, 0.625, highlight=False))
    return out


def record() -> dict[str, Any]:
    return {
        "catalogue": catalogue(),
        "svg_sha256": {i: drawings(i) for i in poses.EXERCISE_IDS},
    }


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DIGESTS.read_text(encoding="utf-8"))
    return data


def test_catalogue_is_unchanged(recorded: dict[str, Any]) -> None:
    assert catalogue() == recorded["catalogue"]


@pytest.mark.parametrize("exercise_id", poses.EXERCISE_IDS)
def test_drawings_are_byte_identical(exercise_id: str, recorded: dict[str, Any]) -> None:
    assert drawings(exercise_id) == recorded["svg_sha256"][exercise_id]


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python tests/drawing/test_pose_digests.py --write")
    DIGESTS.write_text(json.dumps(record(), indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {DIGESTS}")
