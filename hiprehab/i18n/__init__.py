"""Every word the user reads or hears goes through here: gettext for the words, babel for dates,
numbers and units, both in the language chosen at start (`--lang`, the app's setting, else the
system's).

The current language is process state, like a C locale: `use_language` sets it once at start-up
(and again when the user switches it in the app), and every wing asks `_()` for its words at the
moment it shows them. Words kept in module-level tables are marked with `N_()` and translated
where they are used, so a switch takes effect everywhere. Imports nothing from the other wings
and no Qt.
"""

from __future__ import annotations

from hiprehab.i18n.catalogue import (
    N_,
    SOURCE_LANGUAGE,
    _,
    available_languages,
    current_language,
    format_locale,
    language_name,
    ngettext,
    npgettext,
    pgettext,
    use_language,
)
from hiprehab.i18n.choice import choose_language, system_languages

__all__ = [
    "N_",
    "SOURCE_LANGUAGE",
    "_",
    "available_languages",
    "choose_language",
    "current_language",
    "format_locale",
    "language_name",
    "ngettext",
    "npgettext",
    "pgettext",
    "system_languages",
    "use_language",
]
