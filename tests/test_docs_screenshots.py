"""The screenshots the docs show exist, and every screenshot is shown somewhere.

README.md and docs/*.md are read for image links into docs/screenshots/ (relative to each file);
`make screenshots` remakes the pictures, docs/screenshots.md lists them all.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHOTS = REPO / "docs" / "screenshots"
LINK = re.compile(r"\]\(([^)\s]*screenshots/[^)\s]+\.png)\)")


def _documents() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def _references() -> dict[Path, list[str]]:
    """Each screenshot a document links to (resolved) -> the documents that link to it."""
    found: dict[Path, list[str]] = {}
    for document in _documents():
        for link in LINK.findall(document.read_text(encoding="utf-8")):
            target = (document.parent / link).resolve()
            found.setdefault(target, []).append(document.relative_to(REPO).as_posix())
    return found


def test_every_linked_screenshot_exists() -> None:
    missing = {
        target.relative_to(REPO).as_posix() if target.is_relative_to(REPO) else str(target): docs
        for target, docs in _references().items()
        if not target.is_file()
    }
    assert not missing, f"linked but not in the tree: {missing}"


def test_every_screenshot_is_linked() -> None:
    linked = set(_references())
    unused = sorted(p.name for p in SHOTS.glob("*.png") if p.resolve() not in linked)
    assert not unused, f"screenshots no document shows (link them or delete them): {unused}"


def test_the_check_sees_links() -> None:
    assert len(_references()) >= 30
