"""Installed the way a desktop does it (into a temporary XDG_DATA_HOME, then update-mime-database),
the MIME definition makes a routine file application/x-hiprehab-routine and leaves every other
TOML file application/toml. Qt reads the MIME database once per process, and only from the
XDG folders it was started with, so each question goes to a child process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.packaging.linux_tools import APP_ID, MIME_TYPE, MIME_XML, REPO, tool

ASK = """
import json, sys
from PySide6.QtCore import QLocale, QMimeDatabase
db = QMimeDatabase()
answer = {}
for path in sys.argv[1:]:
    by_name = db.mimeTypeForFile(path, QMimeDatabase.MatchMode.MatchExtension)
    answer[path] = [by_name.name(), db.mimeTypeForFile(path).name()]
routine = db.mimeTypeForName("application/x-hiprehab-routine")
answer["parents"] = routine.parentMimeTypes()
QLocale.setDefault(QLocale("de"))
answer["comment de"] = routine.comment()
print(json.dumps(answer))
"""


def mime_types(data_home: Path, files: list[Path]) -> dict[str, Any]:
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    env.setdefault("XDG_DATA_DIRS", "/usr/local/share:/usr/share")
    result = subprocess.run(
        [sys.executable, "-c", ASK, *map(str, files)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def routine_and_project(folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    routine = folder / "knee.hiprehab.toml"
    shutil.copy(sorted((REPO / "routines").glob("*.toml"))[0], routine)  # a built-in routine
    project = folder / "pyproject.toml"
    shutil.copy(REPO / "pyproject.toml", project)
    return routine, project


def test_installed_it_names_routine_files_and_only_them(tmp_path: Path) -> None:
    update = tool("update-mime-database", "shared-mime-info")
    data_home = tmp_path / "data"
    (data_home / "mime" / "packages").mkdir(parents=True)
    shutil.copy(MIME_XML, data_home / "mime" / "packages" / f"{APP_ID}.xml")
    done = subprocess.run(
        [update, str(data_home / "mime")], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert (data_home / "mime" / "mime.cache").is_file()
    routine, project = routine_and_project(tmp_path / "files")

    answer = mime_types(data_home, [routine, project])
    assert answer[str(routine)] == [MIME_TYPE, MIME_TYPE]  # by its name; and read as a file
    assert answer[str(project)] == ["application/toml", "application/toml"]
    assert answer["parents"] == ["application/toml"]  # TOML editors still offer to open it
    assert answer["comment de"] == "hiprehab-Übungsprogramm"


def test_without_it_a_routine_file_is_just_toml(tmp_path: Path) -> None:
    """The control: the answer above comes from the definition, not from Qt or the system."""
    routine, _ = routine_and_project(tmp_path / "files")
    answer = mime_types(tmp_path / "empty", [routine])
    assert answer[str(routine)] == ["application/toml", "application/toml"]
