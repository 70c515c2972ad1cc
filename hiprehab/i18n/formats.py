"""Dates, times, numbers and units in the current language's locale, through babel.

Babel is imported on first use, not at start-up: its locale data loads in tens of milliseconds
and the first screen shows no formatted number.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from typing import Literal

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
    from babel.units import format_unit as babel_unit

    pattern = "#,##0" if digits == 0 else "#,##0." + "0" * digits
    number = round(value) if digits == 0 else value
    return babel_unit(number, unit, length=length, format=pattern, locale=format_locale())


def format_list(items: list[str], style: Literal["standard", "or"] = "standard") -> str:
    """'a, b and c' / 'a, b und c'."""
    from babel.lists import format_list as babel_list

    return babel_list(items, style=style, locale=format_locale())
