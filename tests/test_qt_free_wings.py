"""Only the ui wing may use Qt: every other module imports with Qt, pyqtgraph and numpy absent.

The import contracts in pyproject.toml (lint-imports) forbid the imports by name; this test
also catches a module that would load them indirectly, by importing every Qt-free module in a
fresh interpreter where those packages cannot be found at all.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import hiprehab

QT_FREE = ("routine", "session", "drawing", "history", "cli")
TOP_LEVEL = (
    "hiprehab.launch",
    "hiprehab.paths",
    "hiprehab.paths_legacy",
    "hiprehab.paths_migration",
    "hiprehab.resources",
    "hiprehab.safety",
    "hiprehab.terminal",
)
BLOCKED = ("PySide6", "shiboken6", "pyqtgraph", "numpy")

BLOCKER = f"""
import importlib.abc, sys
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {BLOCKED!r}:
            raise ImportError(f'{{name}} is not available here')
        return None
sys.meta_path.insert(0, Blocker())
"""


def qt_free_modules() -> list[str]:
    names = list(TOP_LEVEL)
    for wing in QT_FREE:
        package = __import__(f"hiprehab.{wing}", fromlist=["__path__"])
        names.append(package.__name__)
        names += [m.name for m in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")]
    return names


def test_every_qt_free_module_imports_without_qt_pyqtgraph_or_numpy() -> None:
    names = qt_free_modules()
    assert len(names) > 30, names
    code = BLOCKER + (
        "import importlib, json\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {BLOCKED!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


def test_the_blocker_really_blocks() -> None:
    """The check above would pass vacuously if the blocker let Qt through."""
    code = BLOCKER + "import hiprehab.ui.theme\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode != 0 and "PySide6 is not available here" in out.stderr


def test_check_command_loads_no_qt() -> None:
    code = (
        "import sys\n"
        "from hiprehab.launch import main\n"
        "try:\n    main(['check', '--help'])\nexcept SystemExit:\n    pass\n"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert hiprehab.__version__
