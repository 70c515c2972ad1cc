"""The history pane's bridge to the files the core writes and reads (no Qt, no pyqtgraph).

CSV and JSON exports call the very functions behind `hiprehab history export --csv/--json`
(`history.exchange`), so the pane and the command line write identical files, atomically; a
failure raises `HistoryFileError` naming the file and the reason.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hiprehab.history.errors import HistoryFileError
from hiprehab.history.exchange.csv_format import write_csv
from hiprehab.history.exchange.json_format import write_json
from hiprehab.history.exchange.profiles import PERSON_KEY, as_of, list_profiles
from hiprehab.history.store import HistoryStore
from hiprehab.i18n import N_, _
from hiprehab.i18n.formats import format_skeleton

# as_of: when an imported profile was exported, the "now" it is shown at
__all__ = ["HistoryFileError", "as_of", "export_csv", "export_json", "list_profiles"]
__all__ += ["EXPORT_CONTENTS", "routine_choices"]

# What a CSV or JSON export holds, shown (translated: `_(EXPORT_CONTENTS)`) beside the export menu
# (docs/history-format.md says more)
EXPORT_CONTENTS = N_(
    "Holds your sessions, pain scores, notes, routines and adjustments, with each routine's "
    "file name but no folders or paths; no settings and nothing about your computer. "
    "See docs/history-format.md."
)


def routine_choices(store: HistoryStore) -> list[tuple[str, str]]:
    """(content hash, label) for the routine filter; repeated titles get their first-use date.
    The labels are in the language in use."""
    routines = store.routines()
    titles = [r.title for r in routines]
    choices = []
    for r in routines:
        label = r.title
        if titles.count(r.title) > 1:
            label = _("{routine} (from {day})").format(
                routine=r.title, day=format_skeleton(r.first_used_at, "yMMMd")
            )
        choices.append((r.content_hash, label))
    return choices


def export_csv(store: HistoryStore, path: Path) -> None:
    """The history as CSV, as `hiprehab history export --csv FILE` writes it."""
    write_csv(store.snapshot(), path)


def export_json(store: HistoryStore, path: Path, *, exported_at: datetime) -> None:
    """The history as JSON, as `hiprehab history export --json FILE` writes it."""
    person = store.meta(PERSON_KEY)
    write_json(store.snapshot(), path, person=person, exported_at=exported_at)
