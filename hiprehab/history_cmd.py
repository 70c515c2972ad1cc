"""`hiprehab history ...`: list, summarise, export and import the exercise history (no Qt).

The user's own history is only ever read here (opened read-only), so running a command while the
app records a session changes nothing; imports go into profiles of their own.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TextIO

from hiprehab.core import history_io, stats
from hiprehab.core.history import HistorySnapshot, HistoryStore, SessionRecord, StoreError
from hiprehab.core.paths import AppPaths

PROG = "hiprehab history"
_EMPTY = HistorySnapshot(routines=(), sessions=(), work_periods=())


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Look at, export or import the exercise history.",
        epilog="Your own history is only read by these commands; imports become separate "
        "read-only profiles.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_profile(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--profile", metavar="NAME", help="an imported profile instead of your own history"
        )

    listing = commands.add_parser("list", help="print the sessions as a table")
    with_profile(listing)
    listing.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD")

    summary = commands.add_parser("summary", help="adherence per week, streak and pain guidance")
    with_profile(summary)
    summary.add_argument("--weeks", type=_positive, default=8, metavar="N", help="weeks shown (8)")

    export = commands.add_parser("export", help="write the history as CSV or JSON ('-': stdout)")
    with_profile(export)
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--csv", metavar="FILE", help="sessions and work periods for spreadsheets")
    target.add_argument("--json", metavar="FILE", help="everything, for another copy of hiprehab")
    export.add_argument("--name", help="whose history this is (stored in the JSON)")

    importing = commands.add_parser("import", help="add someone's JSON export as a profile")
    importing.add_argument("file", metavar="FILE.json")
    importing.add_argument("--name", help="the profile's name (default: the name in the file)")

    commands.add_parser("profiles", help="list the imported profiles")
    return parser


def _load(paths: AppPaths, profile: str | None) -> tuple[HistorySnapshot, str | None]:
    """The chosen history's records and whose they are, read without changing anything."""
    if profile is not None:
        found = history_io.find_profile(paths, profile)
        with HistoryStore.open(found.path, read_only=True) as store:
            return store.snapshot(), store.meta(history_io.PERSON_KEY) or found.name
    if not paths.history_db.exists():
        return _EMPTY, None
    with HistoryStore.open(paths.history_db, read_only=True) as store:
        return store.snapshot(), store.meta(history_io.PERSON_KEY)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _pain(value: int | None) -> str:
    return "-" if value is None else str(value)


def print_table(sessions: Sequence[SessionRecord], out: TextIO) -> None:
    header = (
        f"{'ID':>4}  {'Started':<16}  {'Routine':<24}  {'Status':<11}  {'Sets':>7}  "
        f"{'Active':>6}  {'Pain b/a/m':<10}  Note"
    )
    print(header, file=out)
    for s in sessions:
        planned = "?" if s.planned_work_periods is None else str(s.planned_work_periods)
        pains = "/".join(_pain(v) for v in (s.pain_before, s.pain_after, s.pain_next_morning))
        started = s.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        line = (
            f"{s.id:>4}  {started:<16}  {_clip(s.routine_title, 24):<24}  {s.status:<11}  "
            f"{f'{s.completed_work_periods}/{planned}':>7}  {_minutes(s.active_seconds):>6}  "
            f"{pains:<10}  {_clip(s.note, 40)}"
        )
        print(line.rstrip(), file=out)


def _list(paths: AppPaths, args: argparse.Namespace) -> int:
    snapshot, _ = _load(paths, args.profile)
    sessions = list(snapshot.sessions)
    if args.since is not None:
        since = datetime.combine(args.since, time()).astimezone()
        sessions = [s for s in sessions if s.started_at >= since]
    if not sessions:
        print("No sessions recorded yet." if not snapshot.sessions else "No sessions since then.")
        return 0
    print_table(sessions, sys.stdout)
    return 0


def _summary(paths: AppPaths, args: argparse.Namespace) -> int:
    snapshot, person = _load(paths, args.profile)
    zone = datetime.now().astimezone().tzinfo or UTC
    today = datetime.now(zone).date()
    weeks = stats.weekly_adherence(snapshot.sessions, start=None, end=today, tz=zone)
    if person:
        print(f"History of {person}")
    print("Week       Monday      Planned  Done  Plan   Sets")
    for week in weeks[-args.weeks :]:
        ratio = "-" if week.ratio is None else f"{100 * week.ratio:.0f}%"
        share = "-" if week.work_share is None else f"{100 * week.work_share:.0f}%"
        print(
            f"{week.label:<9}  {week.monday.isoformat()}  {week.planned:>7}  "
            f"{week.done:>4.1f}  {ratio:>4}  {share:>5}"
        )
    print(f"Streak: {stats.streak(weeks)} week(s) in a row on plan")
    guidance = stats.pain_guidance(snapshot.sessions)
    print(f"Pain guidance ({guidance.colour}): {guidance.title}")
    print(f"  {guidance.explanation}")
    if guidance.red_flag_advice:
        print(guidance.red_flag_advice)
    return 0


def _export(paths: AppPaths, args: argparse.Namespace) -> int:
    snapshot, person = _load(paths, args.profile)
    if args.csv is not None:
        text = history_io.csv_text(snapshot)
        if args.csv == "-":
            sys.stdout.write(text)
        else:
            history_io.write_text_atomically(_path(args.csv), text, encoding="utf-8-sig")
            print(f"Wrote {len(snapshot.sessions)} sessions to {args.csv}", file=sys.stderr)
        return 0
    person = args.name or person
    text = history_io.json_text(snapshot, person=person, exported_at=datetime.now(UTC))
    if args.json == "-":
        sys.stdout.write(text)
    else:
        history_io.write_text_atomically(_path(args.json), text)
        print(f"Wrote {len(snapshot.sessions)} sessions to {args.json}", file=sys.stderr)
    return 0


def _path(name: str) -> Path:
    return Path(name).expanduser()


def _import(paths: AppPaths, args: argparse.Namespace) -> int:
    result = history_io.import_history(_path(args.file), paths, name=args.name)
    verb = "Replaced" if result.replaced else "Imported"
    print(
        f"{verb} the profile {result.profile.name!r} with {result.sessions} sessions "
        f"({result.profile.path}). It opens read-only, apart from your own history."
    )
    return 0


def _profiles(paths: AppPaths, args: argparse.Namespace) -> int:
    profiles = history_io.list_profiles(paths)
    if not profiles:
        print("No imported profiles.")
    for profile in profiles:
        print(f"{profile.name}\t{profile.path}")
    return 0


_COMMANDS = {
    "list": _list,
    "summary": _summary,
    "export": _export,
    "import": _import,
    "profiles": _profiles,
}


def run(argv: list[str]) -> int:
    """Run `hiprehab history` with `argv`; 0 on success, 1 with a message for user errors."""
    args = _parser().parse_args(argv)
    paths = AppPaths.from_environment()
    try:
        return _COMMANDS[args.command](paths, args)
    except StoreError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `hiprehab history list | head`: the reader left; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so Python's final flush does not fail again
        return 0
