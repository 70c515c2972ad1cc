"""Which language to use: the one asked for (`--lang`, the app's setting), else the first of the
system's languages that has a catalogue, else English.

The system's languages come from the environment in gettext's order (LANGUAGE, a colon-separated
list, then LC_ALL, LC_MESSAGES and LANG); the window adds Qt's view of the system, which also
covers Windows and macOS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from hiprehab.i18n.catalogue import SOURCE_LANGUAGE

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[_-][A-Za-z]{4})?(?:[_-]([A-Za-z]{2}|\d{3}))?(?![A-Za-z])")


def split_tag(tag: str) -> tuple[str, str | None] | None:
    """'de_AT.UTF-8' -> ('de', 'AT'); 'de-Latn-AT' (Qt's tags have a script) -> ('de', 'AT');
    'C' and 'POSIX' (no language chosen) -> None."""
    tag = tag.strip()
    if tag in ("", "C", "POSIX") or tag.startswith(("C.", "POSIX.")):
        return None
    match = _TAG.match(tag)
    if match is None:
        return None
    region = match.group(2)
    return match.group(1).lower(), region.upper() if region else None


def system_languages(environ: Mapping[str, str]) -> list[str]:
    """The languages the environment asks for, most wanted first, as tags ('de_AT.UTF-8')."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return [tag for tag in value.split(":") if tag]
    return []


def choose_language(
    requested: str | None, system: Iterable[str], available: Sequence[str]
) -> tuple[str, str | None]:
    """(language, region): `requested` if it is available ('system' or None: not requested),
    else the first available system language, else English. The region is kept only from a
    tag of the chosen language."""
    if requested and requested != "system":
        parts = split_tag(requested)
        if parts is not None and parts[0] in available:
            return parts
    tags = [parts for tag in system if (parts := split_tag(tag)) is not None]
    for code, region in tags:
        if code in available:
            return code, region
    english = next((region for code, region in tags if code == SOURCE_LANGUAGE), None)
    return SOURCE_LANGUAGE, english
