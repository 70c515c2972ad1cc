"""Words for the screen in the language in use, or in English for the files other programs read.

The guidance JSON (a reason's `text`) and the history export (an adjustment's `change`) carry a
few sentences for a person reading the file. Those stay English whatever language the app
speaks, like the rest of the format (docs/guidance-format.md, docs/history-format.md); the same
sentences on screen are in the language in use. A function that words such a sentence takes a
`Words` and asks it, so one wording serves both: `IN_USE` (the default) or `ENGLISH`.

The methods are named as gettext's functions (`words._(...)`, `words.ngettext(...)`), so the
catalogue's extraction finds the sentences marked where they are written.
"""

from __future__ import annotations

from typing import Protocol

from hiprehab.i18n import catalogue, formats


class Words(Protocol):
    """Looks a marked sentence up, and writes a number, in one language."""

    def _(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, count: int) -> str: ...

    def number(self, value: float, digits: int = 0) -> str:
        """`value` rounded to `digits` decimals, in the language's form."""
        ...


class _InUse:
    """The language the app speaks now (hiprehab.i18n), asked at the moment of wording."""

    def _(self, message: str) -> str:
        return catalogue._(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return catalogue.ngettext(singular, plural, count)

    def number(self, value: float, digits: int = 0) -> str:
        return formats.format_number(value, digits)


class _English:
    """English as the message ids have it, and numbers as the files have always written them."""

    def _(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return singular if count == 1 else plural

    def number(self, value: float, digits: int = 0) -> str:
        return str(round(value)) if digits == 0 else f"{value:.{digits}f}"


IN_USE: Words = _InUse()
ENGLISH: Words = _English()
