"""Dates, times, numbers and units in the current language's locale, through babel.

Babel is imported on first use, not at start-up: it and its locale data load in tens of
milliseconds. What the first screen and `hiprehab check` show (counts, whole minutes
abbreviated, a list of two) is answered from `cldr_table`, babel's own data for the shipped
languages' locales copied by scripts/cldr_table.py, for whole numbers from 0 to 999; anything
else, or another locale, goes to babel.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from typing import Any, Literal

from hiprehab.i18n.catalogue import format_locale as _chosen_locale


def format_locale() -> str:
    """The locale to format in: the chosen one ('de_AT'), or its language alone when babel has
    no data for that region ('en_XX' from a system babel does not know -> 'en')."""
    return _known(_chosen_locale())


@cache
def _known(name: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return name.split("_")[0]
    return name


QUICK_BELOW = 1000  # the table answers for whole numbers from 0 to 999


def _quick_shape(value: int | float) -> dict[str, Any] | None:
    """The table's shapes for the locale in use, when `value` is a whole number it answers for."""
    if not (isinstance(value, int) and 0 <= value < QUICK_BELOW):
        return None
    from hiprehab.i18n.cldr_table import LOCALES, SHAPES

    index = LOCALES.get(_chosen_locale())  # every locale in the table is one babel knows
    return None if index is None else SHAPES[index]


def format_date(day: date, style: str = "medium") -> str:
    """A date as the locale writes it: 'short', 'medium' ('2 Dec 2026', '02.12.2026'), 'long'
    or 'full' (with the weekday)."""
    from babel.dates import format_date as babel_date

    return babel_date(day, format=style, locale=format_locale())


def format_skeleton(moment: date | datetime, skeleton: str) -> str:
    """A date in the locale's own order for a CLDR skeleton: 'MMMd' -> 'Dec 2' / '2. Dez.',
    'EEEMMMd' adds the weekday, 'yMMM' the month and year."""
    from babel.dates import format_skeleton as babel_skeleton

    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    return babel_skeleton(skeleton, moment, locale=format_locale())


def format_time(moment: datetime | time, style: str = "short") -> str:
    """A clock time as the locale writes it ('14:05', '2:05 PM')."""
    from babel.dates import format_time as babel_time

    return babel_time(moment, format=style, locale=format_locale())


def format_datetime(moment: datetime, style: str = "medium") -> str:
    from babel.dates import format_datetime as babel_datetime

    return babel_datetime(moment, format=style, locale=format_locale())


def format_number(value: int | float, digits: int = 0) -> str:
    """A number with the locale's decimal sign and grouping, rounded to `digits` decimals
    (always shown: 2.50 with digits=2)."""
    if digits == 0 and _quick_shape(round(value)) is not None:
        return str(round(value))  # what babel says for these: plain digits
    from babel.numbers import format_decimal

    if digits == 0:
        return format_decimal(round(value), locale=format_locale())
    pattern = "#,##0." + "0" * digits
    return format_decimal(value, format=pattern, locale=format_locale())


def format_percent(fraction: float) -> str:
    """A fraction as a whole percentage in the locale's form ('85%', '85 %')."""
    from babel.numbers import format_percent as babel_percent

    return babel_percent(fraction, locale=format_locale())


def format_unit(
    value: int | float,
    unit: str,
    length: Literal["short", "long", "narrow"] = "short",
    digits: int = 0,
) -> str:
    """A measure with its unit, plural and spacing as the locale has them: ('length-kilometer',
    '12.5 km'), ('duration-minute', long: '12 minutes', '12 Minuten')."""
    number = round(value) if digits == 0 else value
    shape = _quick_shape(number) if (unit, length) == ("duration-minute", "short") else None
    if shape is not None:
        category = shape["plural"].get(number, "other")
        return str(shape["minutes"][category]).format(number)
    from babel.units import format_unit as babel_unit

    pattern = "#,##0" if digits == 0 else "#,##0." + "0" * digits
    return babel_unit(number, unit, length=length, format=pattern, locale=format_locale())


def format_list(items: list[str], style: Literal["standard", "or"] = "standard") -> str:
    """'a, b and c' / 'a, b und c'."""
    shape = _quick_shape(0) if len(items) == 2 and style == "standard" else None
    if shape is not None:
        return str(shape["list2"]).format(*items)
    from babel.lists import format_list as babel_list

    return babel_list(items, style=style, locale=format_locale())
