"""Write `hiprehab/i18n/cldr_table.py`: the few shapes of numbers the first screen and `hiprehab
check` show, copied from babel's CLDR data for every locale of the shipped languages.

    python scripts/cldr_table.py          # write it (after a babel upgrade or with a new language)
    python scripts/cldr_table.py --check  # exit 1 when it differs from what babel says

Whole numbers from 0 to 999 (counts), whole minutes abbreviated ("12 min", "12 Min.") and a list
of two ("forward and back"): with the table, showing them needs no babel, whose import and locale
data cost tens of milliseconds at start (`hiprehab.i18n.formats`). Every entry is checked against
babel for every number from 0 to 999 before it is written; a locale whose numbers are not plain
digits there is left out (babel formats it).
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import babel
from babel import Locale, localedata
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "hiprehab" / "i18n" / "cldr_table.py"
LOCALE_DIR = ROOT / "hiprehab" / "locale"
NUMBERS = range(1000)  # the whole numbers the table answers for
HEAD = '''"""Made by scripts/cldr_table.py from babel {version}'s CLDR data; do not edit.

For each locale of the shipped languages (`LOCALES`: its shape in `SHAPES`): the plural category
of each whole number from 0 to 999 that is not "other", the abbreviated minutes for each
category, a list of two and the decimal sign. Whole numbers up to 999 are plain digits in them.
"""

from __future__ import annotations

from typing import Any

Shape = dict[str, Any]  # "plural": {{number: category}}, "minutes": {{category: pattern}},
# "list2": pattern, "decimal": the decimal sign

'''


def languages() -> list[str]:
    """English and every language with a catalogue."""
    found = {p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/*.po")}
    return sorted({"en", *found})


def shape(identifier: str) -> dict[str, object] | None:
    """The locale's shapes, or None when its whole numbers are not plain digits."""
    locale = Locale.parse(identifier)
    if any(format_decimal(n, locale=identifier) != str(n) for n in NUMBERS):
        return None
    plural = {n: locale.plural_form(n) for n in NUMBERS if locale.plural_form(n) != "other"}
    minutes: dict[str, str] = {}
    for n in NUMBERS:
        category = plural.get(n, "other")
        said = format_unit(n, "duration-minute", "short", format="#,##0", locale=identifier)
        pattern = said.replace(str(n), "{0}", 1)
        if minutes.setdefault(category, pattern) != pattern or pattern.format(n) != said:
            return None
    return {
        "plural": plural,
        "minutes": dict(sorted(minutes.items())),
        "list2": format_list(["{0}", "{1}"], locale=identifier),
        "decimal": locale.number_symbols["latn"]["decimal"],
    }


def table_text() -> str:
    wanted = set(languages())
    shapes: list[dict[str, object]] = []
    locales: dict[str, int] = {}
    for identifier in sorted(localedata.locale_identifiers()):
        if identifier.split("_")[0] not in wanted:
            continue
        found = shape(identifier)
        if found is None:
            continue
        if found not in shapes:
            shapes.append(found)
        locales[identifier] = shapes.index(found)
    lines = ["SHAPES: tuple[Shape, ...] = ("]
    for found in shapes:
        lines.append(f"    dict(decimal={found['decimal']!r}, list2={found['list2']!r}, "
                     f"plural={found['plural']!r},")  # fmt: skip
        lines.append(f"         minutes={found['minutes']!r}),")
    lines += [")", "", "LOCALES: dict[str, int] = {"]
    lines += textwrap.wrap(
        " ".join(f"{k!r}: {v}," for k, v in locales.items()),
        96,
        initial_indent="    ",
        subsequent_indent="    ",
        break_on_hyphens=False,
    )
    lines += ["}", ""]
    body = "\n".join(lines)
    return HEAD.format(version=babel.__version__) + body


def main(argv: list[str]) -> int:
    text = table_text()
    if "--check" in argv:
        if TABLE.read_text(encoding="utf-8") != text:
            print(f"{TABLE} is not what babel {babel.__version__} says: run {__file__}")
            return 1
        return 0
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
