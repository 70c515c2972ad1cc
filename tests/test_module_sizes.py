"""A module has one job and fits on a few screens: none of hiprehab/ is over 400 lines."""

from __future__ import annotations

from pathlib import Path

LIMIT = 400
PACKAGE = Path(__file__).resolve().parent.parent / "hiprehab"


def test_no_module_is_over_the_limit() -> None:
    sizes = {
        str(path.relative_to(PACKAGE.parent)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert len(sizes) > 80
    over = {name: lines for name, lines in sizes.items() if lines > LIMIT}
    assert over == {}, f"split these by job (at most {LIMIT} lines each): {over}"
