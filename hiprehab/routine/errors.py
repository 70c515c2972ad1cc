"""Errors a user can cause, carrying enough detail to fix the fault in one pass; their messages
are in the user's language (made when the fault is found)."""

from __future__ import annotations

from dataclasses import dataclass

from hiprehab.i18n import _, ngettext


@dataclass(frozen=True)
class Problem:
    """One fault in a routine file.

    `path` names the place inside the document (for example `exercise 2 ("bridge"): sets`);
    `line` and `column` are 1-based and set together: where the syntax error is, or where the
    faulty key (or its table's header) starts; both are None when a fault has no place.
    """

    message: str
    line: int | None = None
    column: int | None = None
    path: str | None = None

    def describe(self) -> str:
        """The message prefixed with its place in the document, for humans."""
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message


class RoutineError(Exception):
    """A routine file could not be loaded; `problems` lists every fault found, in file order."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = list(problems)
        first = self.problems[0].describe() if self.problems else _("unknown problem")
        more = len(self.problems) - 1
        if more > 0:
            first = ngettext(
                "{problem} (and {count} more)", "{problem} (and {count} more)", more
            ).format(problem=first, count=more)
        super().__init__(f"{source}: {first}")
