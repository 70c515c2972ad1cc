"""`hiprehab history ...`: list, summarise, export and import the exercise history (no Qt).

The user's own history is only ever read here (opened read-only), so running a command while the
app records a session changes nothing; imports go into profiles of their own. Reading never
recovers anything, so a session still marked running may be one in progress or one whose app
died: `list` says so, with the time of the work periods recorded so far.

An imported profile is summarised as of when it was exported (`exchange.profiles.as_of`), so
the weeks after the export do not count as missed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TextIO

from hiprehab.history import guidance, guidance_report, stats
from hiprehab.history.exchange.csv_format import csv_text
from hiprehab.history.exchange.files import write_text_atomically
from hiprehab.history.exchange.json_format import json_text
from hiprehab.history.exchange.profiles import (
    PERSON_KEY,
    ProfileExistsError,
    as_of,
    find_profile,
    import_history,
    list_profiles,
)
from hiprehab.history.records import HistorySnapshot, SessionRecord
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.paths import AppPaths
from hiprehab.paths_migration import migrate_legacy
from hiprehab.terminal import shown

PROG = "hiprehab history"
_EMPTY = HistorySnapshot(routines=(), sessions=(), work_periods=())
RUNNING_OR_INTERRUPTED = "running or interrupted"


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
    importing.add_argument(
        "--replace",
        action="store_true",
        help="replace an imported profile of the same name (without it, such an import is refused)",
    )

    commands.add_parser("profiles", help="list the imported profiles")

    advice = commands.add_parser(
        "guidance", help="pain guidance: colour, whether to see a clinician, advice per routine"
    )
    with_profile(advice)
    advice.add_argument(
        "--as-of",
        type=_day,
        metavar="YYYY-MM-DD",
        help="as of the end of that day (default: now, or an imported profile's export time)",
    )
    advice.add_argument("--json", action="store_true", help="guidance format 1 as JSON")
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, found {text!r}") from None


@dataclass(frozen=True)
class Loaded:
    """A history as read: its records, whose it is, and the moment an import is shown as of."""

    snapshot: HistorySnapshot
    person: str | None
    as_of: datetime | None  # when an imported profile was exported; None for one's own


def _load(paths: AppPaths, profile: str | None) -> Loaded:
    """The chosen history's records and whose they are, read without changing anything."""
    if profile is not None:
        found = find_profile(paths, profile)
        with HistoryStore.open(found.path, read_only=True) as store:
            person = store.meta(PERSON_KEY) or found.name
            return Loaded(store.snapshot(), person, as_of(store))
    if not paths.history_db.exists():
        return Loaded(_EMPTY, None, None)
    with HistoryStore.open(paths.history_db, read_only=True) as store:
        return Loaded(store.snapshot(), store.meta(PERSON_KEY), None)


def _say(text: str, file: TextIO | None = None) -> None:
    """Print one line, with any outside text in it made safe for a terminal (`shown`)."""
    print(shown(text), file=file)


def _clip(text: str, width: int) -> str:
    """Outside text on one line, safe for a terminal, at most `width` characters."""
    text = shown(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def _minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _pain(value: int | None) -> str:
    return "-" if value is None else str(value)


def work_seconds(snapshot: HistorySnapshot) -> dict[int, float]:
    """Seconds of the work periods recorded per session id."""
    totals: dict[int, float] = {}
    for period in snapshot.work_periods:
        totals[period.session_id] = totals.get(period.session_id, 0.0) + period.actual_seconds
    return totals


def print_table(
    sessions: Sequence[SessionRecord],
    out: TextIO,
    work: Mapping[int, float] | None = None,
) -> None:
    """The sessions as a table. A session marked running is shown as "running or interrupted"
    (a read-only look cannot tell a live session from one whose app died) with the time of its
    work periods so far (`work`: seconds per session id), since its active time is only
    written when it ends.
    """
    width = len(RUNNING_OR_INTERRUPTED) if any(s.status == "running" for s in sessions) else 11
    header = (
        f"{'ID':>4}  {'Started':<16}  {'Routine':<24}  {'Status':<{width}}  {'Sets':>7}  "
        f"{'Active':>6}  {'Pain b/a/m':<10}  Note"
    )
    _say(header, file=out)
    for s in sessions:
        planned = "?" if s.planned_work_periods is None else str(s.planned_work_periods)
        pains = "/".join(_pain(v) for v in (s.pain_before, s.pain_after, s.pain_next_morning))
        started = s.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        status, active = s.status, s.active_seconds
        if status == "running":
            status = RUNNING_OR_INTERRUPTED
            active = (work or {}).get(s.id, 0.0)
        line = (
            f"{s.id:>4}  {started:<16}  {_clip(s.routine_title, 24):<24}  {status:<{width}}  "
            f"{f'{s.completed_work_periods}/{planned}':>7}  {_minutes(active):>6}  "
            f"{pains:<10}  {_clip(s.note, 40)}"
        )
        _say(line.rstrip(), file=out)


def _list(paths: AppPaths, args: argparse.Namespace) -> int:
    snapshot = _load(paths, args.profile).snapshot
    sessions = list(snapshot.sessions)
    if args.since is not None:
        since = datetime.combine(args.since, time()).astimezone()
        sessions = [s for s in sessions if s.started_at >= since]
    if not sessions:
        _say("No sessions recorded yet." if not snapshot.sessions else "No sessions since then.")
        return 0
    print_table(sessions, sys.stdout, work_seconds(snapshot))
    if any(s.status == "running" for s in sessions):
        when = (
            "still going when this history was exported, or cut short before"
            if args.profile is not None
            else "still going in the app, or the app closed before the session ended (it is "
            "recovered when the app next opens)"
        )
        _say("")
        _say(
            f"{RUNNING_OR_INTERRUPTED}: {when}; active time is that of the work periods "
            "saved so far."
        )
    return 0


def _summary(paths: AppPaths, args: argparse.Namespace) -> int:
    loaded = _load(paths, args.profile)
    snapshot, person = loaded.snapshot, loaded.person
    zone = datetime.now().astimezone().tzinfo or UTC
    now = loaded.as_of or datetime.now(zone)
    today = now.astimezone(zone).date()
    weeks = stats.weekly_adherence(snapshot.sessions, start=None, end=today, tz=zone)
    if person:
        _say(f"History of {person}")
    if loaded.as_of is not None:
        print(f"As of {today.isoformat()}, when it was exported (later weeks are not in it)")
    print("Week       Monday      Planned  Done  Plan   Sets")
    recent = weeks[-args.weeks :]
    for week in recent:
        ratio = "-" if week.ratio is None else f"{100 * week.ratio:.0f}%"
        share = "-" if week.work_share is None else f"{100 * week.work_share:.0f}%"
        _say(
            f"{week.label:<9}  {week.monday.isoformat()}  {week.planned:>7}  "
            f"{week.done:>4.1f}  {ratio:>4}  {share:>5}"
        )
        for r in week.routines if len(week.routines) > 1 else ():
            own = f"{100 * r.done / r.planned:.0f}%"
            _say(f"  {_clip(r.title, 19):<19}  {r.planned:>7}  {r.done:>4.1f}  {own:>4}")
    if any(len(week.routines) > 1 for week in recent):
        print("Each routine counts up to its own plan: extra sessions of one do not make up")
        print("for another's missed ones.")
    print(f"Streak: {stats.streak(weeks)} week(s) in a row on plan")
    for line in guidance_report.text_lines(guidance.evaluate(snapshot.sessions, as_of=now)):
        _say(line)
    return 0


def _guidance(paths: AppPaths, args: argparse.Namespace) -> int:
    loaded = _load(paths, args.profile)
    if args.as_of is not None:
        as_of = guidance_report.end_of_day(args.as_of)
    else:
        as_of = loaded.as_of or datetime.now(UTC)
    result = guidance.evaluate(loaded.snapshot.sessions, as_of=as_of)
    if args.json:
        for line in guidance_report.json_text(result).splitlines():
            _say(line)  # the escapes are JSON's own: the text stays the same JSON
    else:
        for line in guidance_report.text_lines(result):
            _say(line)
    return 0


def _export(paths: AppPaths, args: argparse.Namespace) -> int:
    loaded = _load(paths, args.profile)
    snapshot, person = loaded.snapshot, loaded.person
    if args.csv is not None:
        text = csv_text(snapshot)
        if args.csv == "-":
            sys.stdout.write(text)
        else:
            write_text_atomically(_path(args.csv), text, encoding="utf-8-sig")
            _say(f"Wrote {len(snapshot.sessions)} sessions to {args.csv}", file=sys.stderr)
        return 0
    person = args.name or person
    # a profile passed on keeps the moment its data is from
    exported_at = loaded.as_of or datetime.now(UTC)
    text = json_text(snapshot, person=person, exported_at=exported_at)
    if args.json == "-":
        sys.stdout.write(text)
    else:
        write_text_atomically(_path(args.json), text)
        _say(f"Wrote {len(snapshot.sessions)} sessions to {args.json}", file=sys.stderr)
    return 0


def _path(name: str) -> Path:
    return Path(name).expanduser()


def _import(paths: AppPaths, args: argparse.Namespace) -> int:
    try:
        result = import_history(_path(args.file), paths, name=args.name, replace=args.replace)
    except ProfileExistsError as exc:
        _say(
            f"{PROG}: error: there is already an imported profile called "
            f"{exc.profile.name!r} ({exc.profile.path}); nothing was imported. Give this one "
            "another name with --name NAME, or add --replace to replace that profile.",
            file=sys.stderr,
        )
        return 1
    verb = "Replaced" if result.replaced else "Imported"
    _say(
        f"{verb} the profile {result.profile.name!r} with {result.sessions} sessions "
        f"({result.profile.path}). It opens read-only, apart from your own history."
    )
    return 0


def _profiles(paths: AppPaths, args: argparse.Namespace) -> int:
    profiles = list_profiles(paths)
    if not profiles:
        print("No imported profiles.")
    for profile in profiles:
        print(f"{shown(profile.name)}\t{shown(str(profile.path))}")
    return 0


_COMMANDS = {
    "list": _list,
    "summary": _summary,
    "export": _export,
    "import": _import,
    "profiles": _profiles,
    "guidance": _guidance,
}


def run(argv: list[str]) -> int:
    """Run `hiprehab history` with `argv`; 0 on success, 1 with a message for user errors."""
    args = _parser().parse_args(argv)
    paths = AppPaths.from_environment()
    for note in migrate_legacy(paths):  # data in older versions' folders moves here once
        _say(f"{PROG}: {note}", file=sys.stderr)
    try:
        return _COMMANDS[args.command](paths, args)
    except StoreError as exc:
        _say(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `hiprehab history list | head`: the reader left; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so Python's final flush does not fail again
        return 0
