"""The core must stay plain Python: importing every core module loads no Qt at all."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import hiprehab.core


def test_importing_every_core_module_loads_no_qt() -> None:
    names = [m.name for m in pkgutil.walk_packages(hiprehab.core.__path__, "hiprehab.core.")]
    assert names, "no core modules found"
    code = (
        "import importlib, json, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_check_command_loads_no_qt() -> None:
    code = (
        "import sys\n"
        "from hiprehab.cli import main\n"
        "try:\n    main(['check', '--help'])\nexcept SystemExit:\n    pass\n"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
