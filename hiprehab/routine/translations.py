"""`[translations.<code>]` tables: a routine's or a library exercise's texts in other languages.

The English keys of a file are its texts in the source language. A table `[translations.de]`
(in a routine also `[exercise.translations.de]` right after an entry's keys) gives some of them
in another language, and the loaders take each text from the language in use where the table
has that key, else the English key (docs/routine-format.md, "Translations"). The tables are
checked like every other table, every fault at once: the shape of the language code, unknown
keys (with the nearest key), types, empty texts, and lists by the same rules as their English
keys. Which keys a table may have, and their limits, are the loaders' (`Rule`s).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from hiprehab.i18n import _
from hiprehab.routine.fields import Fields, describe, did_you_mean, quote

TRANSLATIONS_KEY = "translations"
# A language code as gettext and the app know them: `de`, `fr`, `gsw`.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")

Text = str | tuple[str, ...]
# One language's texts, by the English key they replace.
Texts = Mapping[str, Text]
# Every language's texts, by language code.
Translations = Mapping[str, Texts]
NO_TRANSLATIONS: Translations = MappingProxyType({})


@dataclass(frozen=True)
class Rule:
    """How one translated key is checked: a text (`low` and `high` unused) or a list of
    `low` to `high` texts (no upper limit: None), each of at most `limit` characters."""

    limit: int
    is_list: bool = False
    low: int = 0
    high: int | None = None


def check_translations(
    fields: Fields,
    rules: Mapping[str, Rule],
    *,
    header: str,
    elsewhere: Mapping[str, str] | None = None,
) -> dict[str, dict[str, Text]]:
    """The `translations` table of the table `fields` reads, checked: {code: {key: text}}.

    `header` is how such a table's header is written ("[translations.{code}]"); `elsewhere` maps
    keys that belong in another translations table to where, in the user's words, for a clearer
    "unknown key". Both may hold `{code}`, which becomes the language code.
    A language whose table has faults is left out (the faults stop the file anyway).
    """
    outer = fields.table_at(TRANSLATIONS_KEY, header=header.format(code="<code>"))
    if outer is None:
        return {}
    prefix = f"{fields.place}: " if fields.place else ""
    keys = (*fields.keys, TRANSLATIONS_KEY)
    found: dict[str, dict[str, Text]] = {}
    for code, table in outer.items():
        place = f"{prefix}{TRANSLATIONS_KEY}.{code}"
        if not LANGUAGE_CODE.fullmatch(code):
            message = _(
                'expected a language code of 2 or 3 lowercase letters (such as "de"), found {code}'
            ).format(code=quote(code))
            suggestion = [code.lower()] if LANGUAGE_CODE.fullmatch(code.lower()) else []
            fields.report.add((*keys, code), place, message + did_you_mean(code, suggestion))
            continue
        if not isinstance(table, dict):
            message = _("expected a table ({header}), found {found}").format(
                header=header.format(code=code), found=describe(table)
            )
            fields.report.add((*keys, code), place, message)
            continue
        hints = {key: hint.format(code=code) for key, hint in (elsewhere or {}).items()}
        inner = Fields(fields.report, table, (*keys, code), place, tuple(rules), hints)
        texts: dict[str, Text] = {}
        for key, rule in rules.items():
            value = _read(inner, key, rule)
            if value is not None:
                texts[key] = value
        if not inner.bad:
            found[code] = texts
    return found


def _read(fields: Fields, key: str, rule: Rule) -> Text | None:
    if rule.is_list:
        return fields.strings(key, None, rule.low, rule.high, item_limit=rule.limit)
    return fields.text(key, None, limit=rule.limit)


def frozen(translations: Mapping[str, Mapping[str, Text]]) -> Translations:
    """Read-only copies, for a value that is shared (the cached exercise library)."""
    if not translations:
        return NO_TRANSLATIONS
    return MappingProxyType(
        {code: MappingProxyType(dict(texts)) for code, texts in translations.items()}
    )


def text_in(texts: Texts, key: str, default: str) -> str:
    """The translated text of `key`, else `default` (the English, or what stands in for it)."""
    value = texts.get(key)
    return value if isinstance(value, str) else default


def list_in(texts: Texts, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """The translated list of `key`, which replaces the whole English list, else `default`."""
    value = texts.get(key)
    return value if isinstance(value, tuple) else default
