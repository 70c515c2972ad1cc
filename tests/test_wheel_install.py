"""The built wheel carries the routines and assets, and `hiprehab check` works from it.

The wheel is built in-process with hatchling, unpacked into a folder outside the source tree
and run from a third folder, so nothing can be found through the checkout by accident.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hiprehab import __version__

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("dist")
    builder = WheelBuilder(str(REPO_ROOT))
    wheel = Path(next(iter(builder.build(directory=str(out), versions=["standard"]))))
    assert wheel.name.startswith(f"hiprehab-{__version__}-")
    return wheel


@pytest.fixture(scope="module")
def unpacked_wheel(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    return target


def test_wheel_contains_routines_and_assets(unpacked_wheel: Path) -> None:
    pkg = unpacked_wheel / "hiprehab"
    assert sorted(p.name for p in (pkg / "routines").glob("*.hiprehab.toml"))
    assert len(list((pkg / "routines" / "library").glob("*.toml"))) >= 18
    assert (pkg / "assets").is_dir()
    assert (pkg / "docs" / "routine-format.md").is_file()
    assert (pkg / "docs" / "routine-format.de.md").is_file()  # Help > Routine format in German
    # the German catalogue, compiled by the build (hatch_build.py): no .mo is kept in git
    assert (pkg / "locale" / "de" / "LC_MESSAGES" / "hiprehab.mo").is_file()


def test_the_installed_wheel_speaks_german(unpacked_wheel: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "Hip"\n', encoding="utf-8")
    code = "import sys\nfrom hiprehab.launch import main\nsys.exit(main(sys.argv[1:]))\n"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(unpacked_wheel)
    result = subprocess.run(
        [sys.executable, "-c", code, "--lang", "de", "check", str(broken)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Schlüssel "format" fehlt' in result.stdout, result.stdout


def test_check_from_installed_wheel_outside_the_source_tree(
    unpacked_wheel: Path, tmp_path: Path
) -> None:
    routines = sorted((unpacked_wheel / "hiprehab" / "routines").glob("*.hiprehab.toml"))
    code = (
        "import sys, hiprehab.resources as r\n"
        "print(r.routines_dir())\n"
        "from hiprehab.launch import main\n"
        "sys.exit(main(['check', *sys.argv[1:]]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(unpacked_wheel)
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, routines)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    first_line, *ok_lines = result.stdout.splitlines()
    assert Path(first_line).is_relative_to(unpacked_wheel), first_line
    assert len(ok_lines) == len(routines)
    assert all(": ok: " in line for line in ok_lines)


def test_drawings_from_installed_wheel_outside_the_source_tree(
    unpacked_wheel: Path, tmp_path: Path
) -> None:
    """The pose files travel in the wheel and every exercise draws from them."""
    assert (unpacked_wheel / "hiprehab" / "assets" / "poses" / "index.toml").is_file()
    code = (
        "import hiprehab.resources as r\n"
        "from hiprehab.drawing import figure, poses\n"
        "print(r.poses_dir())\n"
        "for i in poses.EXERCISE_IDS:\n"
        "    assert figure.render_svg(i, 0.5).startswith('<?xml')\n"
        "print(len(poses.EXERCISE_IDS))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(unpacked_wheel)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    folder, count = result.stdout.splitlines()
    assert Path(folder).is_relative_to(unpacked_wheel), folder
    assert int(count) == 18


def test_run_from_the_zipped_wheel_itself(wheel: Path, tmp_path: Path) -> None:
    """Imported straight from the zip file (zipimport), the data is extracted to real folders
    through importlib.resources, and those are gone when the process ends."""
    code = (
        "import sys, hiprehab, hiprehab.resources as r\n"
        "assert '.whl' in hiprehab.__file__, hiprehab.__file__\n"
        "folders = [r.routines_dir(), r.library_dir(), r.poses_dir(), r.sounds_dir()]\n"
        "assert all(f.is_dir() for f in folders), folders\n"
        "assert r.routine_format_doc().is_file()\n"
        "print(r.routines_dir())\n"
        "from hiprehab.launch import main\n"
        "sys.exit(main(['check', str(r.routines_dir() / 'gentle-start.hiprehab.toml')]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(wheel)
    env["TMPDIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    folder, ok = result.stdout.splitlines()
    assert Path(folder).is_relative_to(tmp_path) and ": ok: " in ok
    assert not Path(folder).exists()  # the extracted copy was removed at exit
