"""What the Linux packaging tests share: the files in packaging/linux and the tools they run.

A tool that is missing skips its test with the package to install, on a developer's machine.
packaging/check-linux (run by .ci/run) installs them and sets HIPREHAB_PACKAGING_CHECKS=1, which
turns such a skip into a failure: there every check must run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
LINUX = REPO / "packaging" / "linux"
APP_ID = "io.github.hiprehab.HipRehab"
MIME_TYPE = "application/x-hiprehab-routine"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / f"{APP_ID}.xml"
HICOLOR = LINUX / "icons" / "hicolor"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
REQUIRED = "HIPREHAB_PACKAGING_CHECKS"


def checks_required() -> bool:
    return os.environ.get(REQUIRED, "") not in ("", "0")


def missing(what: str, hint: str) -> NoReturn:
    """Skip (a developer's machine) or fail (packaging/check-linux): `what` is not there."""
    if checks_required():
        pytest.fail(f"{what} is missing ({hint}), and {REQUIRED} asks for every packaging check")
    pytest.skip(f"{what} is missing ({hint})")


def tool(name: str, package: str) -> str:
    """The path of a command-line tool, or skip (fail in CI) naming the package that has it."""
    path = shutil.which(name)
    if path is None:
        missing(name, f"Debian/Ubuntu: apt-get install {package}")
    return path
