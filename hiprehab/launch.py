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
    parser.add_argument("routine", nargs="?", help="a routine file (.toml) to open in the app")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        module_name = SUBCOMMANDS[args[0]][0]
        module = __import__(module_name, fromlist=["run"])
        result: int = module.run(args[1:])
        return result
    options = _top_parser().parse_args(args)
    from hiprehab.ui.app import run_app  # Qt is imported only for the window

    return run_app(options.routine)


def gui_main() -> int:
    """Entry point for the windowed launcher (no console on Windows)."""
    return main()
