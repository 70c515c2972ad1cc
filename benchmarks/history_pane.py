"""How fast the History page opens and switches ranges on five years of daily sessions.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/history_pane.py [--years 5] [--json]

It fills a fresh store in a temporary folder (through the store's import, one transaction),
then times, in one process: an empty pyqtgraph plot shown and painted (the yardstick), opening
the History page (constructing HistoryView and its first paint), and switching ranges. Each is
repeated and the median reported, with the ratio to the empty plot. Target: opening < 0.3 s.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

TARGET_OPEN_SECONDS = 0.3


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)

    import pyqtgraph as pg

    from hiprehab.core.history import HistoryStore
    from hiprehab.core.paths import AppPaths
    from hiprehab.ui.history_demo import bulk_fill, demo_routine, generate_sessions
    from hiprehab.ui.history_view import HistoryView

    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="hiprehab-bench-") as folder:
        paths = AppPaths(Path(folder) / "data", Path(folder) / "config")
        paths.ensure()
        now = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
        first = now - timedelta(days=round(365.25 * args.years))
        sessions = generate_sessions(
            random.Random(1),
            first_day=first.replace(hour=0, minute=0, second=0),
            days=(now - first).days,
            daily=True,
            skip_chance=0.0,
        )
        start = time.perf_counter()
        store = HistoryStore.open(paths.history_db, now=lambda: now)
        periods = bulk_fill(store, demo_routine(sessions_per_week=7), sessions)
        results["fill_seconds"] = time.perf_counter() - start
        results["sessions"] = len(sessions)
        results["work_periods"] = periods

        def empty_plot() -> None:
            widget = pg.PlotWidget()
            widget.resize(1200, 800)
            widget.show()
            app.processEvents()
            widget.close()
            widget.deleteLater()

        views: list[HistoryView] = []

        def open_page() -> None:
            view = HistoryView(store, paths, now=lambda: now)
            view.resize(1200, 900)
            view.show()
            app.processEvents()
            views.append(view)

        empty_plot()  # warm-up: first-use costs of Qt and pyqtgraph are not the pane's
        empty = _timed(empty_plot, args.repeat)
        opened = _timed(open_page, args.repeat)
        view = views[-1]
        switches: dict[str, float] = {}
        names = ("4 weeks", "1 year", "All", "3 months")
        for index, name in enumerate(names):
            times = []
            for _ in range(args.repeat):
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

        refreshed = _timed(refresh, args.repeat)
        for v in views:
            v.close()
            v.deleteLater()
        app.processEvents()
        store.close()

    base = statistics.median(empty)
    results.update(
        empty_plot_seconds=base,
        open_seconds_first=opened[0],
        open_seconds_median=statistics.median(opened),
        open_ratio=statistics.median(opened) / base,
        refresh_seconds_median=statistics.median(refreshed),
        switch_seconds=switches,
        switch_ratio_max=max(switches.values()) / base,
        target_open_seconds=TARGET_OPEN_SECONDS,
        target_met=opened[0] < TARGET_OPEN_SECONDS,
    )
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(
            f"store: {results['sessions']} sessions, {results['work_periods']} work periods, "
            f"filled in {results['fill_seconds']:.2f} s (one transaction, add_snapshot)"
        )
        print(f"empty pyqtgraph plot, shown and painted: {1000 * base:7.1f} ms")
        print(
            f"open History page (first / median):     {1000 * opened[0]:7.1f} / "
            f"{1000 * statistics.median(opened):.1f} ms  "
            f"(x{statistics.median(opened) / base:.1f} the empty plot; target < "
            f"{1000 * TARGET_OPEN_SECONDS:.0f} ms: {'met' if results['target_met'] else 'MISSED'})"
        )
        refresh_ms = 1000 * statistics.median(refreshed)
        print(f"refresh after a session (median):       {refresh_ms:7.1f} ms")
        for name, seconds in switches.items():
            print(
                f"switch to {name!r:<12} (median):       {1000 * seconds:7.1f} ms "
                f"(x{seconds / base:.1f})"
            )
    return 0 if results["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
