"""Which language is used: asked for, else the system's, else English."""

from __future__ import annotations

import pytest

from hiprehab.i18n.choice import choose_language, split_tag, system_languages

AVAILABLE = ("en", "de")


@pytest.mark.parametrize(
    ("tag", "parts"),
    [
        ("de_AT.UTF-8", ("de", "AT")),
        ("de-CH", ("de", "CH")),
        ("de", ("de", None)),
        ("de_DE@euro", ("de", "DE")),
        ("es_419", ("es", "419")),
        ("de-Latn-AT", ("de", "AT")),
        ("zh-Hant", ("zh", None)),
        ("C", None),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("", None),
    ],
)
def test_tags_split_into_language_and_region(tag: str, parts: object) -> None:
    assert split_tag(tag) == parts


def test_language_list_comes_first_then_the_locale_variables() -> None:
    environ = {"LANGUAGE": "fr:de_AT", "LC_ALL": "en_GB.UTF-8", "LANG": "es_ES.UTF-8"}
    assert system_languages(environ) == ["fr", "de_AT"]
    assert system_languages({"LC_MESSAGES": "de_DE.UTF-8", "LANG": "en_US"}) == ["de_DE.UTF-8"]
    assert system_languages({"LANG": ""}) == []


def test_asked_for_beats_the_system() -> None:
    assert choose_language("de", ["en_GB"], AVAILABLE) == ("de", None)
    assert choose_language("en", ["de_DE"], AVAILABLE) == ("en", None)


def test_system_is_used_when_nothing_or_system_is_asked_for() -> None:
    assert choose_language(None, ["de_AT.UTF-8"], AVAILABLE) == ("de", "AT")
    assert choose_language("system", ["fr_FR", "de_CH"], AVAILABLE) == ("de", "CH")


def test_english_when_nothing_fits_keeping_an_english_region() -> None:
    assert choose_language("fr", ["fr_FR"], AVAILABLE) == ("en", None)
    assert choose_language(None, ["fr_FR", "en_GB"], AVAILABLE) == ("en", "GB")
    assert choose_language(None, ["C.UTF-8"], AVAILABLE) == ("en", None)
