"""The README's Debian/Ubuntu package list is packaging/debian-packages.txt, which CI installs."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIST = REPO / "packaging" / "debian-packages.txt"


def _declared() -> list[str]:
    return [line.strip() for line in LIST.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_package_list_is_one_package_per_line() -> None:
    packages = _declared()
    assert packages and len(packages) == len(set(packages))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", name) for name in packages)
    # the xcb platform of Qt 6 fails to load without these (the faults found on a fresh machine)
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"} <= set(
        packages
    )


def test_the_readme_shows_exactly_the_list() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```sh\n(sudo apt-get install [^`]*?)\n```", readme)
    assert match is not None, "README.md has no apt-get install block"
    shown = match.group(1).replace("\\\n", " ").split()[3:]
    assert shown == _declared()


def test_ci_installs_the_list() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "cat packaging/debian-packages.txt" in script and "xargs apt-get install" in script
    assert "xvfb-run -a .venv/bin/hiprehab --self-test" in script
