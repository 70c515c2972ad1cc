"""The table `hiprehab.i18n.formats` answers the first screen's numbers from says what babel says.

`scripts/cldr_table.py --check` (in `make translations-check`) compares every locale; here a few
of each shipped language, every whole number the table answers for.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from babel.lists import format_list as babel_list
from babel.numbers import format_decimal
from babel.units import format_unit as babel_unit

from hiprehab.i18n import format_locale, use_language
from hiprehab.i18n.cldr_table import LOCALES
from hiprehab.i18n.formats import QUICK_BELOW, format_list, format_number, format_unit

SAMPLES = [("en", None), ("en", "US"), ("en", "GB"), ("en", "DE"), ("en", "IN"), ("de", None),
           ("de", "AT"), ("de", "CH")]  # fmt: skip


@pytest.fixture(params=SAMPLES, ids=lambda s: "_".join(filter(None, s)))
def locale(request: pytest.FixtureRequest) -> Iterator[str]:
    code, region = request.param
    use_language(code, region=region)
    assert format_locale() in LOCALES
    yield format_locale()
    use_language("en")


def test_whole_numbers_minutes_and_pairs_are_what_babel_says(locale: str) -> None:
    for n in range(QUICK_BELOW):
        assert format_number(n) == format_decimal(n, locale=locale)
        assert format_unit(n, "duration-minute") == babel_unit(
            n, "duration-minute", length="short", format="#,##0", locale=locale
        )
    assert format_list(["forward", "back"]) == babel_list(["forward", "back"], locale=locale)


def test_what_the_table_does_not_answer_goes_to_babel(locale: str) -> None:
    assert format_number(1234) == format_decimal(1234, locale=locale)
    assert format_number(2.5, 1) == format_decimal(2.5, format="#,##0.0", locale=locale)
    assert format_unit(12, "duration-minute", "long") == babel_unit(
        12, "duration-minute", length="long", format="#,##0", locale=locale
    )
    assert format_list(["a", "b", "c"]) == babel_list(["a", "b", "c"], locale=locale)


def test_counts_and_minutes_need_no_babel() -> None:
    code = (
        "import sys\n"
        "from hiprehab.i18n import use_language\n"
        "from hiprehab.i18n.formats import format_list, format_number, format_unit\n"
        "for code, region in (('en', 'US'), ('de', 'AT')):\n"
        "    use_language(code, region=region)\n"
        "    print(format_number(7), format_unit(12, 'duration-minute'), format_list(['a', 'b']))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["7 12 min a and b", "7 12 Min. a und b", "[]"]
