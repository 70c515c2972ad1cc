"""Layouts take German's longer words: at every stop of the walk (walk.py), with the window at
its smallest (1024x640), no label, button, tab, combo box or column header cuts its words off
(clipping.py) at 100% scaling, and at 200% (the same test, in a child process whose Qt scales
by 2 on a 3840x2160 screen)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from tests.ui.clipping import clipped
from tests.ui.walk import POPUPS, STOPS, Walk

ROOT = Path(__file__).resolve().parents[2]
SCALE = "HIPREHAB_WALK_SCALE"  # set in the child: the scale its screen must have
BIG_SCREEN = {
    "screens": [
        {"name": "big", "x": 0, "y": 0, "width": 3840, "height": 2160,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ]
}  # fmt: skip
CHILD_TIMEOUT_S = 300


def cut_off_at(walk: Walk, stop: str) -> list[str]:
    found = []
    for screen in STOPS[stop](walk):
        name = f"{stop}, {screen}" if screen else stop
        found.extend(f"{name}: {fault}" for fault in clipped())
    return list(dict.fromkeys(found))


@pytest.mark.usefixtures("in_german")
@pytest.mark.parametrize("stop", list(STOPS))
@POPUPS
def test_nothing_is_cut_off_in_german(walk: Walk, stop: str) -> None:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    assert screen.devicePixelRatio() == float(os.environ.get(SCALE, "1"))
    found = cut_off_at(walk, stop)
    assert found == [], "Cut off in German:\n" + "\n".join(found)


def test_nothing_is_cut_off_in_german_at_200_percent(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(BIG_SCREEN), encoding="utf-8")
    home = tmp_path / "home"  # the child's own profile folders: never the user's
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
            "QT_SCALE_FACTOR": "2",
            SCALE: "2",
            "PYTHONWARNINGS": "error",
            "HIPREHAB_HOME": str(home / "hiprehab"),
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_RUNTIME_DIR": str(home / "runtime"),
        }
    )
    test = f"{Path(__file__).relative_to(ROOT)}::test_nothing_is_cut_off_in_german"
    command = [sys.executable, "-m", "pytest", test, "-q", "-p", "no:cacheprovider",
               "--basetemp", str(tmp_path / "child"), "-W", "error"]  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S
    )
    report = [line for line in done.stdout.splitlines() if line.startswith("E  ")]
    assert done.returncode == 0, (
        "Cut off in German at 200%:\n" + "\n".join(report or done.stdout.splitlines()[-40:])
        + done.stderr[-2000:]
    )
