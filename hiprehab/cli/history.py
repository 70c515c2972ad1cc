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
import textwrap
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from hiprehab.cli.history_text import say, session_table, status_word, week_table
from hiprehab.cli.parsing import ArgumentParser
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
from hiprehab.history.records import HistorySnapshot
from hiprehab.history.store import HistoryStore, StoreError
from hiprehab.i18n import _, ngettext
from hiprehab.i18n.formats import format_date
from hiprehab.paths import AppPaths
from hiprehab.paths_migration import migrate_legacy
from hiprehab.terminal import shown

PROG = "hiprehab history"  # i18n: ignore (the command)
_EMPTY = HistorySnapshot(routines=(), sessions=(), work_periods=())
RUNNING = "running"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        message = _("expected a whole number of 1 or more, found {value}").format(value=repr(text))
        raise argparse.ArgumentTypeError(message)
    return value


def _parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog=PROG,
        description=_("Look at, export or import the exercise history."),
        epilog=_(
            "Your own history is only read by these commands; imports become separate "
            "read-only profiles."
        ),
    )
    # Translators: stands for a subcommand in the usage line ("hiprehab history COMMAND").
    commands = parser.add_subparsers(dest="command", required=True, metavar=_("COMMAND"))
    # Translators: how a date is written on the command line (ISO: 2026-12-02).
    day = _("YYYY-MM-DD")

    def with_profile(sub: ArgumentParser) -> None:
        sub.add_argument(
            "--profile",
            metavar=_("NAME"),
            help=_("an imported profile instead of your own history"),
        )

    listing = commands.add_parser("list", help=_("print the sessions as a table"))
    with_profile(listing)
    listing.add_argument(
        "--since", type=_day, metavar=day, help=_("only the sessions from that day on")
    )

    summary = commands.add_parser("summary", help=_("adherence per week, streak and pain guidance"))
    with_profile(summary)
    summary.add_argument(
        "--weeks", type=_positive, default=8, metavar="N", help=_("weeks shown (8)")
    )

    export = commands.add_parser(
        "export", help=_("write the history as CSV or JSON ('-': standard output)")
    )
    with_profile(export)
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--csv", metavar=_("FILE"), help=_("sessions and work periods for spreadsheets")
    )
    target.add_argument(
        "--json", metavar=_("FILE"), help=_("everything, for another copy of hiprehab")
    )
    export.add_argument(
        "--name", metavar=_("NAME"), help=_("whose history this is (stored in the JSON)")
    )

    importing = commands.add_parser("import", help=_("add someone's JSON export as a profile"))
    importing.add_argument("file", metavar=_("FILE.json"))
    importing.add_argument(
        "--name", metavar=_("NAME"), help=_("the profile's name (default: the name in the file)")
    )
    importing.add_argument(
        "--replace",
        action="store_true",
        help=_(
            "replace an imported profile of the same name (without it, such an import is refused)"
        ),
    )

    commands.add_parser("profiles", help=_("list the imported profiles"))

    advice = commands.add_parser(
        "guidance",
        help=_("pain guidance: colour, whether to see a clinician, advice per routine"),
    )
    with_profile(advice)
    advice.add_argument(
        "--as-of",
        type=_day,
        metavar=day,
        help=_("as of the end of that day (default: now, or an imported profile's export time)"),
    )
    advice.add_argument("--json", action="store_true", help=_("guidance format 1 as JSON"))
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        message = _("expected a date as YYYY-MM-DD, found {value}").format(value=repr(text))
        raise argparse.ArgumentTypeError(message) from None


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


def work_seconds(snapshot: HistorySnapshot) -> dict[int, float]:
    """Seconds of the work periods recorded per session id."""
    totals: dict[int, float] = {}
    for period in snapshot.work_periods:
        totals[period.session_id] = totals.get(period.session_id, 0.0) + period.actual_seconds
    return totals


def _list(paths: AppPaths, args: argparse.Namespace) -> int:
    snapshot = _load(paths, args.profile).snapshot
    sessions = list(snapshot.sessions)
    if args.since is not None:
        since = datetime.combine(args.since, time()).astimezone()
        sessions = [s for s in sessions if s.started_at >= since]
    if not sessions:
        say(
            _("No sessions recorded yet.")
            if not snapshot.sessions
            else _("No sessions since then.")
        )
        return 0
    for line in session_table(sessions, work_seconds(snapshot)):
        say(line)
    if any(s.status == RUNNING for s in sessions):
        say("")
        if args.profile is not None:
            note = _(
                "{status}: still going when this history was exported, or cut short before; "
                "active time is that of the work periods saved so far."
            )
        else:
            note = _(
                "{status}: still going in the app, or the app closed before the session ended "
                "(it is recovered when the app next opens); active time is that of the work "
                "periods saved so far."
            )
        say(note.format(status=status_word(RUNNING)))
    return 0


def _summary(paths: AppPaths, args: argparse.Namespace) -> int:
    loaded = _load(paths, args.profile)
    snapshot, person = loaded.snapshot, loaded.person
    zone = datetime.now().astimezone().tzinfo or UTC
    now = loaded.as_of or datetime.now(zone)
    today = now.astimezone(zone).date()
    weeks = stats.weekly_adherence(snapshot.sessions, start=None, end=today, tz=zone)
    if person:
        say(_("History of {person}").format(person=person))
    if loaded.as_of is not None:
        as_of = _("As of {date}, when it was exported (later weeks are not in it)")
        say(as_of.format(date=format_date(today, "long")))
    recent = weeks[-args.weeks :]
    for line in week_table(recent):
        say(line)
    if any(len(week.routines) > 1 for week in recent):
        note = _(
            "Each routine counts up to its own plan: extra sessions of one do not make up for "
            "another's missed ones."
        )
        for line in textwrap.wrap(note, 80):
            say(line)
    streak = stats.streak(weeks)
    say(
        ngettext(
            "Streak: {count} week in a row on plan",
            "Streak: {count} weeks in a row on plan",
            streak,
        ).format(count=streak)
    )
    for line in guidance_report.text_lines(guidance.evaluate(snapshot.sessions, as_of=now)):
        say(line)
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
            say(line)  # the escapes are JSON's own: the text stays the same JSON
    else:
        for line in guidance_report.text_lines(result):
            say(line)
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
            say(_wrote(len(snapshot.sessions), args.csv), file=sys.stderr)
        return 0
    person = args.name or person
    # a profile passed on keeps the moment its data is from
    exported_at = loaded.as_of or datetime.now(UTC)
    text = json_text(snapshot, person=person, exported_at=exported_at)
    if args.json == "-":
        sys.stdout.write(text)
    else:
        write_text_atomically(_path(args.json), text)
        say(_wrote(len(snapshot.sessions), args.json), file=sys.stderr)
    return 0


def _wrote(count: int, file: str) -> str:
    return ngettext(
        "Wrote {count} session to {file}", "Wrote {count} sessions to {file}", count
    ).format(count=count, file=file)


def _path(name: str) -> Path:
    return Path(name).expanduser()


def _import(paths: AppPaths, args: argparse.Namespace) -> int:
    try:
        result = import_history(_path(args.file), paths, name=args.name, replace=args.replace)
    except ProfileExistsError as exc:
        message = _(
            "there is already an imported profile called {name} ({path}); nothing was "
            "imported. Give this one another name with --name NAME, or add --replace to "
            "replace that profile."
        ).format(name=repr(exc.profile.name), path=exc.profile.path)
        say(_("{prog}: error: {message}").format(prog=PROG, message=message), file=sys.stderr)
        return 1
    count = result.sessions
    if result.replaced:
        done = ngettext(
            "Replaced the profile {name} with {count} session ({path}). It opens read-only, "
            "apart from your own history.",
            "Replaced the profile {name} with {count} sessions ({path}). It opens read-only, "
            "apart from your own history.",
            count,
        )
    else:
        done = ngettext(
            "Imported the profile {name} with {count} session ({path}). It opens read-only, "
            "apart from your own history.",
            "Imported the profile {name} with {count} sessions ({path}). It opens read-only, "
            "apart from your own history.",
            count,
        )
    say(done.format(name=repr(result.profile.name), count=count, path=result.profile.path))
    return 0


def _profiles(paths: AppPaths, args: argparse.Namespace) -> int:
    profiles = list_profiles(paths)
    if not profiles:
        print(_("No imported profiles."))
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
        say(f"{PROG}: {note}", file=sys.stderr)
    try:
        return _COMMANDS[args.command](paths, args)
    except StoreError as exc:
        say(_("{prog}: error: {message}").format(prog=PROG, message=exc), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `hiprehab history list | head`: the reader left; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so Python's final flush does not fail again
        return 0
