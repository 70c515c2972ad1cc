"""How long `hiprehab check` takes on every built-in routine, against `python -c "import tomli"`.

Run: .venv/bin/python benchmarks/check_builtin.py [--runs 9] [--jsonl]

Each run is a fresh process: `hiprehab check routines/*.toml` as a physio types it (the
installed `hiprehab` command beside this Python, else `python -m hiprehab`); the baseline,
Python starting and importing the TOML parser and nothing else; and the floor, which imports
what any command line of this design uses (the TOML parser with typing, pathlib, dataclasses,
argparse and gettext) and does nothing: the part of the target our own code cannot take back.
They alternate, so a busy moment of the machine falls on all; the figures are the medians.
Compiled modules are cached as an installed app has them. Target: at most twice the baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from _rows import JSONL_FLAG, Row, report

ROOT = Path(__file__).resolve().parent.parent
RUNS = 9
TARGET_RATIO = 2.0
FLOOR_MODULES = ("tomli", "typing", "pathlib", "dataclasses", "argparse", "gettext")


def hiprehab_command() -> list[str]:
    installed = Path(sys.executable).with_name("hiprehab")
    return [str(installed)] if installed.is_file() else [sys.executable, "-m", "hiprehab"]


def timed(command: Sequence[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Milliseconds from start to exit, the processor time it used (ms), and the exit status."""
    began = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _pid, status, used = os.wait4(child.pid, 0)
    took = (time.perf_counter() - began) * 1000
    child.returncode = os.waitstatus_to_exitcode(status)
    return took, (used.ru_utime + used.ru_stime) * 1000, child.returncode


def measure(runs: int) -> list[Row]:
    routines = sorted(str(p) for p in (ROOT / "routines").glob("*.toml"))
    check = [*hiprehab_command(), "check", *routines]
    baseline = [sys.executable, "-c", "import tomli"]
    floor = [sys.executable, "-c", f"import {', '.join(FLOOR_MODULES)}"]
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled modules cached, as when installed
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        timed(check, env)  # the first runs write the caches
        timed(baseline, env)
        times: dict[str, list[float]] = {"check": [], "baseline": [], "floor": []}
        cpu: dict[str, list[float]] = {"check": [], "baseline": [], "floor": []}
        statuses = set()
        for _ in range(runs):
            for name, command in (("baseline", baseline), ("floor", floor), ("check", check)):
                took, used, status = timed(command, env)
                times[name].append(took)
                cpu[name].append(used)
                if name == "check":
                    statuses.add(status)
    check_ms, base_ms = statistics.median(times["check"]), statistics.median(times["baseline"])
    return [
        Row(
            f"`hiprehab check` of the {len(routines)} built-in routines (median of {runs})",
            check_ms,
            baseline=base_ms,
            baseline_is='python -c "import tomli"',
            target=f"<= {TARGET_RATIO:g}x",
            met=check_ms <= TARGET_RATIO * base_ms,
        ),
        Row(  # how much of the target the libraries alone take
            f'the floor: python -c "import {", ".join(FLOOR_MODULES)}" (median)',
            statistics.median(times["floor"]),
            baseline=base_ms,
            baseline_is='python -c "import tomli"',
        ),
        Row(  # steadier than the wall clock on a busy machine
            "`hiprehab check`: processor time (median)",
            statistics.median(cpu["check"]),
            baseline=statistics.median(cpu["baseline"]),
            baseline_is='python -c "import tomli"',
        ),
        Row(
            "every built-in routine valid (exit 0): 1 = yes",
            1.0 if statuses == {0} else 0.0,
            unit="",
            target="= 1",
            met=statuses == {0},
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of each command")
    parser.add_argument(JSONL_FLAG, action="store_true", help="rows as JSON lines, for run.py")
    args = parser.parse_args(argv)
    return report("check_builtin", measure(args.runs), [JSONL_FLAG] if args.jsonl else [])


if __name__ == "__main__":
    sys.exit(main())
