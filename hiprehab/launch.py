"""The `hiprehab` command: opens the app, or runs a subcommand that needs no display.

Subcommands live in their own modules and are imported only when asked for, so that
`hiprehab check` never loads Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from hiprehab import __version__

SUBCOMMANDS = {
    "check": ("hiprehab.cli.check", "validate routine files and estimate their length"),
    "history": ("hiprehab.cli.history", "export or import the exercise history"),
}


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hiprehab",
        description="Guided home exercise routines for runners with hip pain.",
        epilog="subcommands:\n"
        + "\n".join(f"  {name:<10}{help_}" for name, (_, help_) in SUBCOMMANDS.items())
        + "\n\nRun 'hiprehab SUBCOMMAND --help' for a subcommand's options.\n"
        "hiprehab is not medical advice; see a clinician for pain that worries you.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"hiprehab {__version__}")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="show the app's log on the terminal as well (it is always written to the log file)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that the window, routines, drawings, history, sounds and voice work on this "
        "computer, print one line per part and exit (non-zero if a part failed)",
    )
    parser.add_argument("routine", nargs="?", help="a routine file (.toml) to open in the app")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        module_name = SUBCOMMANDS[args[0]][0]
        module = __import__(module_name, fromlist=["run"])
        result: int = module.run(args[1:])
        return result
    parser = _top_parser()
    options = parser.parse_args(args)
    if options.self_test:
        if options.routine:
            parser.error("--self-test takes no routine file")
        from hiprehab.ui.self_test import run_self_test  # Qt is imported only here

        return run_self_test(verbose=options.verbose)
    from hiprehab.ui.app import run_app  # Qt is imported only for the window

    return run_app(options.routine, verbose=options.verbose)


def gui_main() -> int:
    """Entry point for the windowed launcher (no console on Windows)."""
    return main()
