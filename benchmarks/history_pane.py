"""How fast the History page opens and switches ranges on five years of daily sessions.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/history_pane.py [--years 5]
     [--json | --jsonl]

It fills a fresh store in a temporary folder (through the store's import, one transaction), then
measures two things:

- COLD: the first opening in a running app, the one a person waits for. Each run is a fresh
  Python process that builds and shows the real main window on the Library page, as at
  start-up, and then times opening the History page as its tab does: importing
  `hiprehab.ui.history.view` (which brings pyqtgraph and numpy), constructing the page and
  painting it the first time. Target: under 0.3 s (the median of the runs; the fastest run,
  the least disturbed by other work on the machine, is reported too).
- WARM: in this process, with pyqtgraph and the page's modules already imported: an empty
  pyqtgraph plot shown and painted (the yardstick), opening the page again (constructing
  HistoryView and its first paint), refreshing it and switching ranges. Each is repeated and
  the median reported, with the ratio to the empty plot.

The figures are medians; `--jsonl` prints them as rows for `benchmarks/run.py`, without it a
table. Exit status 0 when the cold opening meets the target, 1 when it does not.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _rows import JSONL_FLAG, Row, report

TARGET_OPEN_SECONDS = 0.3
NOW = datetime.now(UTC).replace(microsecond=0)  # the history ends today, as a real one does
ROOT = Path(__file__).resolve().parent.parent


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def cold_child(folder: str) -> None:
    """One cold opening in the real main window, in a process of its own; prints JSON timings.

    The window is built and shown on the Library page as at start-up (HIPREHAB_HOME is
    `folder`); then the History page is opened the way a click on its tab does. The import of
    the page's module is timed on its own first (the tab would import it the same way).
    """
    import importlib

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from hiprehab.paths import AppPaths
    from hiprehab.session.clock import FakeClock
    from hiprehab.ui.app import create_main_window
    from hiprehab.ui.main_window import HISTORY_MODULE
    from hiprehab.ui.player.cues import CuePlayer
    from hiprehab.ui.settings import AppSettings

    class Silent:
        failed = False
        playing = False

        def play(self) -> None: ...
        def stop(self) -> None: ...
        def say(self, text: str) -> None: ...
        def set_volume(self, volume: float) -> None: ...

    paths = AppPaths.from_environment()
    settings = AppSettings(paths.settings_file)
    settings.set_first_run_done()
    settings.set_last_page("library")  # start where a person starts, not on the last run's page
    settings.sync()
    cues = CuePlayer(
        sound_factory=lambda path, notify: Silent(), speech_factory=lambda notify: Silent()
    )
    window = create_main_window(paths, FakeClock(), cues=cues)
    window.resize(1200, 900)
    window.show()
    window.show_page("library")
    app.processEvents()
    preloaded = sorted(m for m in ("pyqtgraph", "numpy", HISTORY_MODULE) if m in sys.modules)

    start = time.perf_counter()
    importlib.import_module(HISTORY_MODULE)
    imported = time.perf_counter()
    window.show_page("history")  # builds the page
    constructed = time.perf_counter()
    app.processEvents()  # lays it out and paints it the first time
    painted = time.perf_counter()

    history_pg = sys.modules.get("hiprehab.ui.history.pg")  # the quick pyqtgraph import
    view = window._ensure_history()
    snapshot = getattr(view, "snapshot", None)
    print(
        json.dumps(
            {
                "import": imported - start,
                "construct": constructed - imported,
                "paint": painted - constructed,
                "total": painted - start,
                "quick_pyqtgraph_import": bool(history_pg and history_pg.quick_import_used()),
                "preloaded": preloaded,
                "page": type(view).__name__,
                "sessions": len(snapshot.sessions) if snapshot is not None else 0,
            }
        )
    )
    window.close()
    if window.store is not None:
        window.store.close()


def cold_runs(folder: str, runs: int, *, bytecode_cache: Path | None) -> list[dict[str, object]]:
    """`runs` cold openings, each in a fresh process.

    With `bytecode_cache`, Python keeps compiled modules there (`PYTHONPYCACHEPREFIX`), as an
    installed app has them, and one untimed run fills it first. Without, the processes get
    this shell's environment unchanged (here `PYTHONDONTWRITEBYTECODE=1`: hiprehab's own
    modules are compiled from source at every start).
    """
    env = dict(os.environ, HIPREHAB_HOME=folder)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if bytecode_cache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode_cache)
    results = []
    for index in range(runs + (1 if bytecode_cache is not None else 0)):
        done = subprocess.run(
            [sys.executable, __file__, "--cold-child", folder],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=120,
        )
        if bytecode_cache is not None and index == 0:
            continue  # filled the cache
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def fill(folder: str, years: float) -> tuple[int, int, float]:
    from hiprehab.history.demo import bulk_fill, demo_routine, generate_sessions
    from hiprehab.history.store import HistoryStore
    from hiprehab.paths import AppPaths

    paths = AppPaths.in_folder(Path(folder))
    paths.ensure()
    first = NOW - timedelta(days=round(365.25 * years))
    sessions = generate_sessions(
        random.Random(1),
        first_day=first.replace(hour=0, minute=0, second=0),
        days=(NOW - first).days,
        daily=True,
        skip_chance=0.0,
    )
    start = time.perf_counter()
    with HistoryStore.open(paths.history_db, now=lambda: NOW) as store:
        periods = bulk_fill(store, demo_routine(sessions_per_week=7), sessions)
    return len(sessions), periods, time.perf_counter() - start


def warm(folder: str, repeat: int) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)

    import pyqtgraph as pg

    from hiprehab.history.store import HistoryStore
    from hiprehab.paths import AppPaths
    from hiprehab.ui.history.view import HistoryView

    paths = AppPaths.in_folder(Path(folder))
    store = HistoryStore.open(paths.history_db, now=lambda: NOW)

    def empty_plot() -> None:
        widget = pg.PlotWidget()
        widget.resize(1200, 800)
        widget.show()
        app.processEvents()
        widget.close()
        widget.deleteLater()

    views: list[HistoryView] = []

    def open_page() -> None:
        view = HistoryView(store, paths, now=lambda: NOW)
        view.resize(1200, 900)
        view.show()
        app.processEvents()
        views.append(view)

    empty_plot()  # warm-up: first-use costs of Qt and pyqtgraph are not the pane's
    open_page()  # the first opening is the cold one, measured in processes of their own
    empty = _timed(empty_plot, repeat)
    opened = _timed(open_page, repeat)
    view = views[-1]
    switches: dict[str, float] = {}
    names = ("4 weeks", "1 year", "All", "3 months")
    for index, name in enumerate(names):
        times = []
        for _ in range(repeat):
            view.set_range(names[index - 1])  # from another range, untimed
            app.processEvents()
            start = time.perf_counter()
            view.set_range(name)
            app.processEvents()
            times.append(time.perf_counter() - start)
        switches[name] = statistics.median(times)

    def refresh() -> None:
        view.refresh()
        app.processEvents()

    refreshed = _timed(refresh, repeat)
    for v in views:
        v.close()
        v.deleteLater()
    app.processEvents()
    store.close()
    base = statistics.median(empty)
    return {
        "empty_plot_seconds": base,
        "open_seconds_median": statistics.median(opened),
        "open_ratio": statistics.median(opened) / base,
        "refresh_seconds_median": statistics.median(refreshed),
        "switch_seconds": switches,
        "switch_ratio_max": max(switches.values()) / base,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=5, help="repeats of each warm timing")
    parser.add_argument("--cold-runs", type=int, default=7, help="fresh processes for COLD")
    parser.add_argument("--json", action="store_true", help="print all the results as JSON")
    parser.add_argument(JSONL_FLAG, action="store_true", help="print the rows as JSON lines")
    parser.add_argument("--cold-child", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cold_child:
        cold_child(args.cold_child)
        return 0

    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="hiprehab-bench-") as folder:
        sessions, periods, fill_seconds = fill(folder, args.years)
        results.update(sessions=sessions, work_periods=periods, fill_seconds=fill_seconds)
        # the cold runs come before this process imports anything heavy
        cold = cold_runs(folder, args.cold_runs, bytecode_cache=Path(folder) / "pycache")
        as_run = cold_runs(folder, args.cold_runs, bytecode_cache=None)
        spoilt = [r for r in cold + as_run if r["preloaded"] or r["page"] != "HistoryView"]
        if spoilt:
            raise SystemExit(f"cold runs that were not cold: {spoilt}")
        results.update(warm(folder, args.repeat))

    def median(runs: list[dict[str, object]], key: str) -> float:
        return statistics.median(float(str(run[key])) for run in runs)

    cold_total = median(cold, "total")
    results.update(
        cold_runs=cold,
        cold_total_median=cold_total,
        cold_total_fastest=min(float(str(run["total"])) for run in cold),
        cold_import_median=median(cold, "import"),
        cold_construct_median=median(cold, "construct"),
        cold_paint_median=median(cold, "paint"),
        cold_as_run_here_runs=as_run,
        cold_as_run_here_total_median=median(as_run, "total"),
        python_dont_write_bytecode=bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
        target_open_seconds=TARGET_OPEN_SECONDS,
        target_met=cold_total < TARGET_OPEN_SECONDS,
    )
    if args.json:
        print(json.dumps(results, indent=2))
        return 0 if results["target_met"] else 1
    return report("history_pane", rows(results, len(cold)), argv)


def rows(results: dict[str, object], runs: int) -> list[Row]:
    """The figures for the table, in ms; the baseline of each is an empty pyqtgraph plot shown
    and painted in this run (a yardstick for this machine's Qt and pyqtgraph speed)."""

    def ms(key: str) -> float:
        return 1000.0 * float(str(results[key]))

    def row(figure: str, value: float, target: str = "", met: bool | None = None) -> Row:
        base = ms("empty_plot_seconds")
        return Row(figure, value, baseline=base, baseline_is="empty plot", target=target, met=met)

    switches = results["switch_seconds"]
    assert isinstance(switches, dict)
    dont_write = "=1" if results["python_dont_write_bytecode"] else " unset"
    return [
        row(
            f"History page, cold first open ({results['sessions']:,} sessions; "
            f"median of {runs} fresh processes)",
            ms("cold_total_median"),
            target=f"< {1000 * TARGET_OPEN_SECONDS:.0f} ms",
            met=bool(results["target_met"]),
        ),
        row("  of which: import the page's modules", ms("cold_import_median")),
        row("  of which: build the page", ms("cold_construct_median")),
        row("  of which: first paint", ms("cold_paint_median")),
        row(
            f"  cold, modules not cached (PYTHONDONTWRITEBYTECODE{dont_write})",
            ms("cold_as_run_here_total_median"),
        ),
        row("  warm reopen (modules already imported)", ms("open_seconds_median")),
        row("  refresh after a session", ms("refresh_seconds_median")),
        row(
            "  switch ranges (the slowest of " + ", ".join(switches) + ")",
            1000.0 * max(float(v) for v in switches.values()),
        ),
    ]


if __name__ == "__main__":
    sys.exit(main())
