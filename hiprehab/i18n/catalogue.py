"""The gettext catalogue in use, and the functions that look words up in it.

Catalogues are `hiprehab/locale/<lang>/LC_MESSAGES/hiprehab.mo`, compiled from the `.po` files
beside them by the build (`make translations` refreshes the `.pot` and `.po` from the code). The
source language, English, needs no catalogue: its words are the message ids themselves.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

DOMAIN = "hiprehab"
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

# Each language's own name for itself, shown in the language menu; one entry per catalogue.
_NAMES = {"en": "English", "de": "Deutsch"}


class _State:
    """The language in use: its code, its catalogue and the locale babel formats with."""

    language: str = SOURCE_LANGUAGE
    formats: str = SOURCE_LANGUAGE
    translations: gettext.NullTranslations = gettext.NullTranslations()


_state = _State()


@cache
def available_languages(locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """English, then every language whose compiled catalogue is present, sorted by code."""
    found = sorted(
        path.parent.parent.name for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
    )
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


def language_name(code: str) -> str:
    """The language's name in its own words ('Deutsch'); the code itself if it has none."""
    return _NAMES.get(code, code)


def use_language(code: str, *, region: str | None = None, locale_dir: Path = LOCALE_DIR) -> str:
    """Look words up in `code`'s catalogue from now on; returns the language in use, which is
    English when `code` has no catalogue. `region` ('AT' of de_AT) refines dates and numbers."""
    if code != SOURCE_LANGUAGE and code in available_languages(locale_dir):
        with (locale_dir / code / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as file:
            translations: gettext.NullTranslations = gettext.GNUTranslations(file)
    else:
        code = SOURCE_LANGUAGE
        translations = gettext.NullTranslations()
    _state.language = code
    _state.formats = f"{code}_{region}" if region else code
    _state.translations = translations
    return code


def current_language() -> str:
    return _state.language


def format_locale() -> str:
    """The locale babel formats dates and numbers in: the language, with the system's region
    when the system speaks the same language ('de_AT')."""
    return _state.formats


def _(message: str) -> str:
    """`message` in the current language."""
    return _state.translations.gettext(message)


def N_(message: str) -> str:  # noqa: N802 (the name gettext tools look for)
    """Marks `message` for the catalogue without translating it: for words kept in tables and
    translated with `_()` where they are shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of `singular`/`plural` that fits `count` in the current language."""
    return _state.translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where the same English word needs telling apart
    ('back' the direction and 'Back' the button)."""
    return _state.translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    return _state.translations.npgettext(context, singular, plural, count)
