"""The `hiprehab` command: opens the app, or runs a subcommand that needs no display.

Subcommands live in their own modules and are imported only when asked for, so that
`hiprehab check` never loads Qt; a start without arguments (the desktop's launcher) does not
even build the argument parser.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from hiprehab import __version__
from hiprehab.i18n import (
    N_,
    _,
    available_languages,
    choose_language,
    system_languages,
    use_language,
)

if TYPE_CHECKING:
    from hiprehab.cli.parsing import ArgumentParser

LANG_OPTION = "--lang"
HELP_WIDTH = 78  # the free text of the help, which keeps its own line breaks

# name: (module, what it does, marked for translation and translated where shown)
SUBCOMMANDS = {
    "check": ("hiprehab.cli.check", N_("validate routine files and estimate their length")),
    "history": ("hiprehab.cli.history", N_("export or import the exercise history")),
}


def _top_parser() -> ArgumentParser:
    import textwrap

    from hiprehab.cli.parsing import ArgumentParser, RawDescriptionHelpFormatter

    commands = "\n".join(
        f"  {name:<10}{_(words)}" for name, (_module, words) in SUBCOMMANDS.items()
    )
    epilog = "\n".join(
        [
            _("subcommands:"),
            commands,
            "",
            # Translators: SUBCOMMAND stands for "check" or "history".
            _("Run 'hiprehab SUBCOMMAND --help' for a subcommand's options."),
            *textwrap.wrap(
                _("hiprehab is not medical advice; see a clinician for pain that worries you."),
                HELP_WIDTH,
            ),
        ]
    )
    parser = ArgumentParser(
        prog="hiprehab",
        description=textwrap.fill(
            _("Guided home exercise routines for runners with hip pain."), HELP_WIDTH
        ),
        epilog=epilog,
        formatter_class=RawDescriptionHelpFormatter,
        version=f"hiprehab {__version__}",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help=_("show the app's log on the terminal as well (it is always written to the log file)"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_(
            "check that the window, routines, drawings, history, sounds and voice work on this "
            "computer, print one line per part and exit (non-zero if a part failed)"
        ),
    )
    parser.add_argument(
        LANG_OPTION,
        # Translators: stands for a language code in the help ("--lang CODE").
        metavar=_("CODE"),
        help=_(
            "the language to use, e.g. 'de' or 'en' (default: the app's setting, else the "
            "system's); works before any subcommand too"
        ),
    )
    parser.add_argument(
        "routine",
        nargs="?",
        # Translators: stands for a routine file in the usage line ("hiprehab [ROUTINE]").
        metavar=_("ROUTINE"),
        help=_("a routine file (NAME.hiprehab.toml, or any .toml) to open in the app"),
    )
    return parser


def take_language(args: list[str]) -> tuple[str | None, list[str]]:
    """`--lang CODE` or `--lang=CODE` from anywhere before `--` (it applies to every
    subcommand too), and the arguments without it."""
    rest: list[str] = []
    requested = None
    items = iter(args)
    for arg in items:
        if arg == "--":
            rest.append(arg)
            rest.extend(items)
            break
        if arg == LANG_OPTION:
            requested = next(items, "")
        elif arg.startswith(LANG_OPTION + "="):
            requested = arg.partition("=")[2]
        else:
            rest.append(arg)
    return requested, rest


def set_language(requested: str | None) -> str:
    """Use `requested`, else the system's language, where a catalogue exists; says so on
    stderr when the requested one has none."""
    available = available_languages()
    code, region = choose_language(requested, system_languages(os.environ), available)
    use_language(code, region=region)
    if requested and requested != "system" and requested.split("_")[0] != code:
        print(
            _("hiprehab: there is no translation for {language}; using {fallback}").format(
                language=repr(requested), fallback=code
            ),
            file=sys.stderr,
        )
    return code


def main(argv: Sequence[str] | None = None) -> int:
    requested, args = take_language(list(sys.argv[1:] if argv is None else argv))
    if args and args[0] in SUBCOMMANDS:
        set_language(requested)
        module_name = SUBCOMMANDS[args[0]][0]
        module = __import__(module_name, fromlist=["run"])
        result: int = module.run(args[1:])
        return result
    set_language(requested)  # the window weighs its own setting too when none is asked for
    if not args:
        from hiprehab.ui.app import run_app  # Qt is imported only for the window

        return run_app(None, language=requested)
    parser = _top_parser()
    options = parser.parse_args(args)
    if options.self_test:
        if options.routine:
            parser.error(_("--self-test takes no routine file"))
        from hiprehab.ui.self_test import run_self_test  # Qt is imported only here

        return run_self_test(verbose=options.verbose)
    from hiprehab.ui.app import run_app  # Qt is imported only for the window

    return run_app(options.routine, verbose=options.verbose, language=requested)


def gui_main() -> int:
    """Entry point for the windowed launcher (no console on Windows)."""
    return main()
