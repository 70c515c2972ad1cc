"""docs/architecture.md is the map of the code: every module of the package is named on it."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def the_map() -> str:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    match = re.search(r"## The map\n```\n(.*?)```", text, re.S)
    assert match, "docs/architecture.md has no '## The map' code block"
    return match.group(1)


def test_every_module_is_on_the_map() -> None:
    words = set(re.findall(r"[a-z_]+", the_map()))
    modules = [
        p for p in (REPO / "hiprehab").rglob("*.py") if p.name not in ("__init__.py", "__main__.py")
    ]
    assert len(modules) > 80
    missing = sorted(str(p.relative_to(REPO)) for p in modules if p.stem not in words)
    assert missing == [], f"add these to the map in docs/architecture.md: {missing}"


def test_every_package_is_on_the_map() -> None:
    packages = sorted(
        str(p.parent.relative_to(REPO)) for p in (REPO / "hiprehab").rglob("__init__.py")
    )
    for package in packages[1:]:  # hiprehab itself is the frame of the map
        assert package in the_map() or f"{Path(package).name}/" in the_map(), package
