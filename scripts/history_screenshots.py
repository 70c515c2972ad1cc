"""Screenshots of the History page with eight weeks of realistic data, light and dark.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/history_screenshots.py [--out DIR]

Writes `history-light.png` and `history-dark.png` (default: docs/screenshots). The data is the
scripted rehab block of `history_demo.eight_weeks`, recorded through the real store in a
throwaway folder, with a fixed "now" so the pictures do not change from run to run. The lead's
screenshot script can call `take_history_screenshots(out)` inside its own QApplication.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 25, 20, 30, tzinfo=UTC)  # a Wednesday evening
SIZE = (1280, 900)


def take_history_screenshots(out: Path, themes: tuple[str, ...] = ("light", "dark")) -> list[Path]:
    """Save one screenshot of the History page per theme; needs a QApplication."""
    from PySide6.QtWidgets import QApplication

    from hiprehab.history.demo import demo_routine, eight_weeks, fill_store
    from hiprehab.history.store import HistoryStore
    from hiprehab.paths import AppPaths
    from hiprehab.ui.history.view import HistoryView
    from hiprehab.ui.theme import ThemeManager

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("take_history_screenshots needs a QApplication")
    out.mkdir(parents=True, exist_ok=True)
    manager = ThemeManager(app)
    saved = []
    with tempfile.TemporaryDirectory(prefix="hiprehab-history-shots-") as folder:
        paths = AppPaths.in_folder(Path(folder))
        paths.ensure()
        with HistoryStore.open(paths.history_db, now=lambda: NOW) as store:
            fill_store(store, demo_routine("Hip strength, 3 times a week"), eight_weeks(NOW))
            for theme in themes:
                manager.apply(theme)
                view = HistoryView(store, paths, now=lambda: NOW, tz=UTC)
                view.resize(*SIZE)
                view.show()
                app.processEvents()
                target = out / f"history-{theme}.png"
                if not view.grab().save(str(target)):
                    raise OSError(f"could not save {target}")
                saved.append(target)
                view.close()
                view.deleteLater()
                app.processEvents()
    manager.apply("system")
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    for path in take_history_screenshots(args.out):
        print(path)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
