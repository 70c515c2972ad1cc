"""Argument parsers that speak the user's language, help and usage errors included.

argparse's own words ("usage:", "options", "show this help message and exit", "error:", "the
following arguments are required: ...") come from the standard library's gettext domain, which
knows nothing of hiprehab's catalogue, so a German user would read German help with English
frames. `ArgumentParser` here supplies those words itself, through `hiprehab.i18n`, using only
argparse's public interface: it adds `-h` (and `--version`) with translated help, puts every
argument into groups with translated titles, gives the formatter a translated "usage:" prefix,
and says argparse's error messages again in the user's words (`argparse_words`). Build a
parser after the language is chosen: its words are looked up when it is made.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

from hiprehab.i18n import N_, _, ngettext


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with "usage: " in the user's language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],  # argparse's mutually exclusive groups
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            # Translators: starts the usage line ("usage: hiprehab check ..."); keep the space.
            prefix = _("usage: ")
        super().add_usage(usage, actions, groups, prefix)


class RawDescriptionHelpFormatter(HelpFormatter, argparse.RawDescriptionHelpFormatter):
    """The same, keeping the line breaks of the description and epilog."""


class ArgumentParser(argparse.ArgumentParser):
    """An `argparse.ArgumentParser` whose help, usage and errors are in the user's language.

    `version`, when given, adds `--version` printing it. Sub-parsers made with
    `add_subparsers().add_parser` are of this class too (argparse makes them of the parent's).
    """

    def __init__(self, *args: Any, version: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False  # added below, with its help in the user's language
        super().__init__(*args, **kwargs)
        self.positionals = self.add_argument_group(_("positional arguments"))
        self.options = self.add_argument_group(_("options"))
        self.options.add_argument(
            "-h", "--help", action="help", help=_("show this help message and exit")
        )
        if version is not None:
            self.options.add_argument(
                "--version",
                action="version",
                version=version,
                help=_("show program's version number and exit"),
            )

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """Like argparse's, into the group of positional arguments or of options."""
        is_option = bool(args) and isinstance(args[0], str) and args[0][:1] in self.prefix_chars
        group = self.options if is_option else self.positionals
        return group.add_argument(*args, **kwargs)

    def add_mutually_exclusive_group(self, *, required: bool = False) -> Any:
        """Options of which one at most may be given, shown among the options."""
        return self.options.add_mutually_exclusive_group(required=required)

    def add_subparsers(self, **kwargs: Any) -> Any:
        """Subcommands, under a title of their own ("commands") unless given one."""
        kwargs.setdefault("title", _("commands"))
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        """Usage and the error on stderr, in the user's words; exit status 2."""
        self.print_usage(sys.stderr)
        line = _("{prog}: error: {message}").format(prog=self.prog, message=argparse_words(message))
        self.exit(2, line + "\n")


# argparse's messages (Python 3.11 to 3.13) and ours for them, with the varying parts by name;
# compiled when an error is first said (re keeps them), not at every start.
_MESSAGES: tuple[tuple[str, str], ...] = (
    (
        r"the following arguments are required: (?P<arguments>.+)",  # i18n: ignore
        N_("the following arguments are required: {arguments}"),
    ),
    (
        r"unrecognized arguments: (?P<arguments>.*)",  # i18n: ignore
        N_("unrecognized arguments: {arguments}"),
    ),
    (
        r"one of the arguments (?P<arguments>.+) is required",  # i18n: ignore
        N_("one of the arguments {arguments} is required"),
    ),
    (
        r"not allowed with argument (?P<argument>.+)",  # i18n: ignore
        N_("not allowed with argument {argument}"),
    ),
    (
        r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",  # i18n: ignore
        N_("invalid choice: {value} (choose from {choices})"),
    ),
    (
        r"invalid (?P<type>\S+) value: (?P<value>.+)",  # i18n: ignore
        N_("invalid {type} value: {value}"),
    ),
    (r"expected one argument", N_("expected one argument")),  # i18n: ignore
    (
        r"expected at most one argument",  # i18n: ignore
        N_("expected at most one argument"),
    ),
    (
        r"expected at least one argument",  # i18n: ignore
        N_("expected at least one argument"),
    ),
    (
        r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",  # i18n: ignore
        N_("ambiguous option: {option} could match {matches}"),
    ),
    (
        r"ignored explicit argument (?P<value>.+)",  # i18n: ignore
        N_("ignored explicit argument {value}"),
    ),
)
_ARGUMENT = r"argument (?P<argument>\S+): (?P<message>.+)"  # i18n: ignore
_EXPECTED_COUNT = r"expected (?P<count>\d+) arguments?"  # i18n: ignore


def argparse_words(message: str) -> str:
    """An error message argparse made, in the user's words; one it does not know (such as ours,
    raised as `argparse.ArgumentTypeError` and already translated) as it is."""
    argument = re.fullmatch(_ARGUMENT, message, re.S)
    if argument:
        return _("argument {argument}: {message}").format(
            argument=argument["argument"], message=argparse_words(argument["message"])
        )
    count = re.fullmatch(_EXPECTED_COUNT, message)
    if count:
        number = int(count["count"])
        return ngettext("expected {count} argument", "expected {count} arguments", number).format(
            count=number
        )
    for pattern, words in _MESSAGES:
        found = re.fullmatch(pattern, message, re.S)
        if found:
            parts = found.groupdict()
            return _(words).format(**parts) if parts else _(words)
    return message
