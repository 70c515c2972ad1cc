"""The catalogue in use: German where it exists, English otherwise, and formats to match."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hiprehab.i18n import (
    _,
    available_languages,
    current_language,
    format_locale,
    language_name,
    ngettext,
    use_language,
)
from hiprehab.i18n.formats import format_date, format_number, format_unit


def test_german_is_shipped_and_named_in_its_own_words() -> None:
    assert available_languages()[:1] == ("en",)
    assert "de" in available_languages()
    assert language_name("de") == "Deutsch"
    assert language_name("xx") == "xx"


def test_a_language_without_a_catalogue_falls_back_to_english() -> None:
    assert use_language("xx") == "en"
    assert current_language() == "en"
    assert _("no such message") == "no such message"


def test_region_refines_the_formats_only() -> None:
    assert use_language("de", region="AT") == "de"
    assert format_locale() == "de_AT"
    assert current_language() == "de"


def test_plurals_follow_the_count_in_english() -> None:
    assert ngettext("{n} rep", "{n} reps", 1) == "{n} rep"
    assert ngettext("{n} rep", "{n} reps", 2) == "{n} reps"


@pytest.mark.usefixtures("german")
def test_dates_numbers_and_units_in_german() -> None:
    assert format_date(date(2026, 12, 2)) == "02.12.2026"
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_unit(12, "duration-minute", "long") == "12 Minuten"


def test_dates_numbers_and_units_in_english() -> None:
    assert format_date(date(2026, 12, 2)) == "Dec 2, 2026"
    assert format_number(1234.5, 1) == "1,234.5"
    assert format_unit(1, "duration-minute", "long") == "1 minute"


def test_an_empty_locale_folder_offers_english_only(tmp_path: Path) -> None:
    assert available_languages(tmp_path) == ("en",)
    assert use_language("de", locale_dir=tmp_path) == "en"


def test_a_region_babel_does_not_know_formats_in_the_language() -> None:
    use_language("en", region="XX")  # LANG=en_XX.UTF-8 on a system
    assert format_date(date(2026, 12, 2)) == "Dec 2, 2026"
    use_language("de", region="XX")
    assert format_number(1234.5, 1) == "1.234,5"
