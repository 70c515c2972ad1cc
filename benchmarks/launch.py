"""How long `hiprehab` takes to show its main window, and its peak memory then, against a bare
PySide6 window launched the same way in the same run.

Run: .venv/bin/python benchmarks/launch.py [--runs 7] [--jsonl]

Each launch is a fresh Python process (`benchmarks/_launch_child.py`): `app` starts hiprehab as
a user does (`hiprehab.launch.main`, no routine file) on a returning user's profile in the
usual folders (XDG_*_HOME and HOME point into a temporary folder: the welcome answered, eight
weeks of history); `bare` shows an empty QMainWindow of the same size; `floor` shows the same
after importing the libraries the app is built on (Qt's enums, its local socket, SQLite, the TOML
parser, the standard library's dataclasses, typing, pathlib, logging...), the part of the
target no code of ours can take back. The time is from just
before the process is started to the end of the main window's first paint (printed by the
child), so Python's start, the imports, building the window and painting it all count. The
peak resident memory (VmHWM) is read by the child a moment later, once what the app leaves
until its window is painted is done too. Compiled modules are cached as an installed app has
them. The kinds alternate, so a busy moment of the machine falls on both; the figures are
the medians. A private Xvfb (the xcb platform, as on a user's desktop) is used when Xvfb is
installed and no display is set, else the platform in QT_QPA_PLATFORM.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from _rows import JSONL_FLAG, Row, report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHILD = HERE / "_launch_child.py"
RUNS = 7
TARGET_TIME_RATIO = 1.3
TARGET_RSS_RATIO = 1.5
SCREEN = "1920x1080x24"


def profile_env(folder: Path) -> dict[str, str]:
    """The environment of a user whose home and usual folders are inside `folder`."""
    env = dict(os.environ)
    env.pop("HIPREHAB_HOME", None)
    env["HOME"] = str(folder)
    for name, sub in (("DATA", ".local/share"), ("CONFIG", ".config"), ("STATE", ".local/state"),
                      ("CACHE", ".cache")):  # fmt: skip
        env[f"XDG_{name}_HOME"] = str(folder / sub)
    # compiled modules cached as an installed app has them (in a folder of this run's)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def make_profile() -> None:
    """A returning user's profile (run with `profile_env`): the welcome answered, eight weeks
    of history."""
    from hiprehab.history.demo import demo_routine, eight_weeks, fill_store
    from hiprehab.history.store import HistoryStore
    from hiprehab.paths import AppPaths

    paths = AppPaths.from_environment()
    paths.ensure()
    paths.settings_file.write_text("[app]\nfirst_run_done=true\n", encoding="utf-8")
    store = HistoryStore.open(paths.history_db)
    try:
        fill_store(store, demo_routine(), eight_weeks(datetime.now(UTC)))
    finally:
        store.close()


@contextmanager
def display(env: dict[str, str]) -> Iterator[str]:
    """Sets `env` up for a display: a private Xvfb when there is one to start, and yields the
    platform's name."""
    if os.environ.get("DISPLAY") or shutil.which("Xvfb") is None:
        yield env.get("QT_QPA_PLATFORM") or "xcb"
        return
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        env["DISPLAY"] = f":{number}"
        env["QT_QPA_PLATFORM"] = "xcb"
        yield "xcb (Xvfb)"
    finally:
        server.terminate()
        server.wait(timeout=10)


def launch(mode: str, env: Mapping[str, str]) -> tuple[float, float, float]:
    """One launch: seconds to the main window's first frame, the processor time used by then
    (ms) and the peak RSS (MB)."""
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(CHILD), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(env),
        cwd=ROOT,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    took = time.perf_counter() - began
    out, err = child.communicate(timeout=60)
    if not line.startswith("painted ") or not out.startswith("peak "):
        raise RuntimeError(f"{mode} launch showed no window (exit {child.returncode}): {err}")
    return took, float(line.split()[1]), int(out.split()[1]) / 1024


def measure(runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        env = profile_env(Path(folder))
        subprocess.run([sys.executable, __file__, "--make-profile"], env=env, check=True)
        with display(env) as platform:
            launch("app", env)  # the first launches write the bytecode caches and the log
            launch("bare", env)
            launch("floor", env)
            times: dict[str, list[float]] = {"app": [], "bare": [], "floor": []}
            cpu: dict[str, list[float]] = {"app": [], "bare": [], "floor": []}
            peaks: dict[str, list[float]] = {"app": [], "bare": [], "floor": []}
            for _ in range(runs):
                for mode in ("bare", "floor", "app"):
                    took, used, peak = launch(mode, env)
                    times[mode].append(took * 1000)
                    cpu[mode].append(used)
                    peaks[mode].append(peak)
    app_ms, bare_ms = statistics.median(times["app"]), statistics.median(times["bare"])
    app_mb, bare_mb = statistics.median(peaks["app"]), statistics.median(peaks["bare"])
    return [
        Row(
            f"launch to visible main window ({platform}, median of {runs})",
            app_ms,
            baseline=bare_ms,
            baseline_is="bare PySide6 window",
            target=f"<= {TARGET_TIME_RATIO}x",
            met=app_ms <= TARGET_TIME_RATIO * bare_ms,
        ),
        Row(  # how much of the target the libraries alone take
            "launch: a bare window after importing what the app is built on (median)",
            statistics.median(times["floor"]),
            baseline=bare_ms,
            baseline_is="bare PySide6 window",
        ),
        Row(
            "launch: fastest run",
            min(times["app"]),
            baseline=min(times["bare"]),
            baseline_is="bare PySide6 window",
        ),
        Row(  # steadier than the wall clock on a busy machine
            "launch: processor time to the first frame (median)",
            statistics.median(cpu["app"]),
            baseline=statistics.median(cpu["bare"]),
            baseline_is="bare PySide6 window",
        ),
        Row(
            "peak RSS once the main window is shown",
            app_mb,
            unit="MB",
            baseline=bare_mb,
            baseline_is="bare PySide6 window",
            target=f"<= {TARGET_RSS_RATIO}x",
            met=app_mb <= TARGET_RSS_RATIO * bare_mb,
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="launches of each kind")
    parser.add_argument(JSONL_FLAG, action="store_true", help="rows as JSON lines, for run.py")
    parser.add_argument("--make-profile", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.make_profile:
        make_profile()
        return 0
    rows = measure(args.runs)
    return report("launch", rows, [JSONL_FLAG] if args.jsonl else [])


if __name__ == "__main__":
    sys.exit(main())
