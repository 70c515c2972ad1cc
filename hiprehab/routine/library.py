"""The exercise library: one `<id>.toml` per exercise, which routine entries name with `use`.

Library files ship with the app, but they are still checked strictly (every fault of every
file at once) so that a mistake in the content shows up as a clear message in a test or in
`hiprehab check`, not as a half-filled exercise in the player. Reading and parsing a file and
the checked reads of its keys are shared with the routine loader through `tomlfile.py` and
`fields.py`; this module adds only what a library entry must hold. The routine loader
(`loader.py`) imports this one for `use`, never the other way round.

An entry keeps its texts in every language its file has (`[translations.<code>]`); the cached
library is the same in every language, and `LibraryExercise.in_language` gives the texts of one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType

from hiprehab import resources
from hiprehab.i18n import _, ngettext
from hiprehab.routine.errors import Problem, RoutineError
from hiprehab.routine.fields import (
    DOSING_KEYS,
    MAX_TEXT_CHARS,
    Fields,
    Report,
    describe,
    is_integer,
    is_number,
    quote,
    show_number,
)
from hiprehab.routine.model import SIDES, Dosing, Sides
from hiprehab.routine.rules import as_sides, check_dosing, check_format, check_reps_or_hold
from hiprehab.routine.tomlfile import parse_toml, read_text_file
from hiprehab.routine.translations import (
    NO_TRANSLATIONS,
    Rule,
    Translations,
    check_translations,
    frozen,
    list_in,
    text_in,
)

LIBRARY_KEYS = (
    "format", "id", "name", "trains", "sides", "illustration", "instructions",
    "cues", "mistakes", "easier", "harder", "feel", "cautions", "directions", "dosing", "range",
    "translations",
)  # fmt: skip
RANGE_KEYS = ("sets", "reps", "hold")
_TEXT_KEYS = ("name", "trains", "instructions", "easier", "harder", "feel")
_LIST_COUNTS = {"cues": (2, 4), "mistakes": (1, 4), "cautions": (0, 4), "directions": (2, 2)}
# The keys a library file's `[translations.<code>]` may give, checked as the English ones.
TRANSLATED = {
    **{key: Rule(MAX_TEXT_CHARS) for key in _TEXT_KEYS},
    **{
        key: Rule(MAX_TEXT_CHARS, is_list=True, low=low, high=high)
        for key, (low, high) in _LIST_COUNTS.items()
    },
}
_ID = re.compile(r"[a-z0-9-]+")


@dataclass(frozen=True)
class DoseRange:
    """The sourced dose range of an exercise (`[range]`), inclusive at both ends.

    Progression and regression never step a dose outside it. `reps` or `hold` is None when the
    sources give no range for it, and then that part of the dose is never stepped.
    """

    sets: tuple[int, int]
    reps: tuple[int, int] | None = None
    hold: tuple[float, float] | None = None

    def allows(self, sets: int, reps: int | None, hold: float) -> bool:
        """Whether a dose lies inside the range (parts without a range are not judged)."""
        if not self.sets[0] <= sets <= self.sets[1]:
            return False
        if self.reps is not None and reps is not None and not self.reps[0] <= reps <= self.reps[1]:
            return False
        return self.hold is None or self.hold[0] <= hold <= self.hold[1]


@dataclass(frozen=True)
class LibraryExercise:
    """One library exercise: what it is, how to do it, and its default dosing."""

    id: str
    name: str
    trains: str
    sides: Sides
    illustration: str  # assets/illustrations/<illustration>-start.svg and friends
    instructions: str
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    easier: str
    harder: str
    dosing: Dosing  # rest None: the routine's timing.rest_between_sets
    dose_range: DoseRange
    feel: str = ""  # what the user should feel while doing it (every shipped file has it)
    cautions: tuple[str, ...] = ()  # when to take care or leave it out
    directions: tuple[str, ...] = ()  # with sides "each": what its two halves are called
    translations: Translations = field(default_factory=lambda: NO_TRANSLATIONS)  # {code: texts}

    def in_language(self, language: str) -> LibraryExercise:
        """This exercise with its texts in `language` where its file translates them (each
        translated list replaces the whole English one), else in English."""
        texts = self.translations.get(language)
        if not texts:
            return self
        return replace(
            self,
            name=text_in(texts, "name", self.name),
            trains=text_in(texts, "trains", self.trains),
            instructions=text_in(texts, "instructions", self.instructions),
            easier=text_in(texts, "easier", self.easier),
            harder=text_in(texts, "harder", self.harder),
            feel=text_in(texts, "feel", self.feel),
            cues=list_in(texts, "cues", self.cues),
            mistakes=list_in(texts, "mistakes", self.mistakes),
            cautions=list_in(texts, "cautions", self.cautions),
            directions=list_in(texts, "directions", self.directions),
        )


def load_library(folder: Path) -> dict[str, LibraryExercise]:
    """Every `*.toml` in `folder`, by id in sorted order; RoutineError lists all faulty files."""
    if not folder.is_dir():
        raise RoutineError(str(folder), [Problem(_("the exercise library folder is missing"))])
    exercises: dict[str, LibraryExercise] = {}
    failures: list[RoutineError] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            exercises[path.stem] = load_library_exercise(path)
        except RoutineError as exc:
            failures.append(exc)
    if len(failures) == 1:
        raise failures[0]
    if failures:
        problems = [
            Problem(p.message, p.line, p.column, _in_file(Path(exc.source).name, p.path))
            for exc in failures
            for p in exc.problems
        ]
        raise RoutineError(str(folder), problems)
    return dict(sorted(exercises.items()))


def _in_file(name: str, place: str | None) -> str:
    return f"{name}: {place}" if place else name


@cache
def default_library() -> Mapping[str, LibraryExercise]:
    """The built-in library, loaded once (read-only) for callers that pass none of their own."""
    try:
        folder = resources.library_dir()
    except FileNotFoundError as exc:
        raise RoutineError(_("exercise library"), [Problem(str(exc))]) from None
    return MappingProxyType(load_library(folder))


def load_library_exercise(path: Path) -> LibraryExercise:
    """One library file, checked strictly; its `id` must be its file name without `.toml`."""
    source = str(path)
    text = read_text_file(path, "library").removeprefix("\ufeff")
    document = parse_toml(text, source)
    report = Report(text)
    exercise = (
        _check_entry(report, document, path.stem)
        if check_format(report, document, "library")
        else None
    )
    if report.problems or exercise is None:
        raise RoutineError(source, report.in_file_order())
    return exercise


def _check_entry(
    report: Report, document: Mapping[str, object], stem: str
) -> LibraryExercise | None:
    fields = Fields(report, document, (), "", LIBRARY_KEYS)
    required = _("every library file has it")
    ident = fields.text("id", "", required=required)
    if ident and ident != stem:
        message = _("expected {expected} (the file name without .toml), found {found}")
        fields.fail("id", message.format(expected=quote(stem), found=quote(ident)))
    if stem and not _ID.fullmatch(stem):
        message = _("the file name {name} may use only a-z, 0-9 and -").format(name=quote(stem))
        report.add((), None, message)
    illustration = fields.text("illustration", "", required=required)
    if illustration and not _ID.fullmatch(illustration):
        message = _("expected a name made of a-z, 0-9 and -, found {found}")
        fields.fail("illustration", message.format(found=quote(illustration)))
    values = {key: fields.text(key, "", required=required) for key in _TEXT_KEYS}
    sides = fields.choice("sides", SIDES, None)
    if sides is None and "sides" not in fields:
        fields.missing("sides", required)
    cues = fields.strings("cues", (), *_LIST_COUNTS["cues"])
    mistakes = fields.strings("mistakes", (), *_LIST_COUNTS["mistakes"])
    for key in ("cues", "mistakes"):
        if key not in fields:
            fields.missing(key, required)

    dosing_table = fields.table_at("dosing")
    if dosing_table is None and "dosing" not in fields:
        fields.missing("dosing", _("a [dosing] table with at least sets"))
    dosing_fields = Fields(report, dosing_table or {}, ("dosing",), "dosing", DOSING_KEYS)
    if dosing_table is not None and "sets" not in dosing_fields:
        dosing_fields.missing("sets")
    dosing = check_dosing(dosing_fields, Dosing())
    if dosing_table is not None:
        check_reps_or_hold(dosing_fields, dosing)
    dose_range = _check_range(fields)
    cautions = fields.strings("cautions", (), *_LIST_COUNTS["cautions"])
    directions = _check_directions(fields, sides)
    translations = check_translations(fields, TRANSLATED, header="[translations.{code}]")
    for code, texts in translations.items():
        translated = texts.get("directions")
        if isinstance(translated, tuple):  # two non-empty texts: the English key's other rules
            fault = _directions_fault(translated, sides)
            if fault:
                where = ("translations", code, "directions")
                report.add(where, f"translations.{code}: directions", fault)
            texts["directions"] = tuple(name.strip() for name in translated)
        said = texts.get("cautions")
        if isinstance(said, tuple) and len(said) != len(cautions):  # none may be left out
            message = ngettext(
                "expected {count} caution, as many as the English cautions",
                "expected {count} cautions, as many as the English cautions",
                len(cautions),
            ).format(count=len(cautions))
            where = ("translations", code, "cautions")
            report.add(where, f"translations.{code}: cautions", message)
    if report.problems or dose_range is None:
        return None
    return LibraryExercise(
        id=ident,
        name=values["name"],
        trains=values["trains"],
        sides=as_sides(sides) or "both",
        illustration=illustration,
        instructions=values["instructions"],
        cues=cues,
        mistakes=mistakes,
        easier=values["easier"],
        harder=values["harder"],
        dosing=dosing,
        dose_range=dose_range,
        feel=values["feel"],
        cautions=cautions,
        directions=directions,
        translations=frozen(translations),
    )


def _check_directions(fields: Fields, sides: str | None) -> tuple[str, ...]:
    """`directions`: two different words said and shown instead of "left side"/"right side"
    (e.g. ["forward", "back"] for a walk out and back); only with sides = "each"."""
    names = fields.strings("directions", (), *_LIST_COUNTS["directions"])
    if "directions" not in fields or "directions" in fields.bad:
        return ()
    fault = _directions_fault(names, sides)
    if fault:
        fields.fail("directions", fault)
        return ()
    return tuple(name.strip() for name in names)


def _directions_fault(names: tuple[str, ...], sides: str | None) -> str:
    """What is wrong with two checked direction names (non-empty texts), else ""."""
    if sides != "each":
        return _('directions needs sides = "each" (two halves to name)')
    if names[0].strip().lower() == names[1].strip().lower():
        return _("expected two different names, found {name} twice").format(name=quote(names[0]))
    return ""


def _check_range(fields: Fields) -> DoseRange | None:
    """The `[range]` table: `sets` (required), `reps` and `hold`, each `[low, high]`."""
    table = fields.table_at("range")
    if table is None:
        if "range" not in fields:
            fields.missing("range", _("a [range] table with at least sets = [low, high]"))
        return None
    inner = Fields(fields.report, table, ("range",), "range", RANGE_KEYS)
    if "sets" not in inner:
        inner.missing("sets")
    sets = _pair(inner, "sets", 20, whole=True)
    reps = _pair(inner, "reps", 200, whole=True)
    hold = _pair(inner, "hold", 600, whole=False)
    if sets is None or inner.bad:
        return None
    return DoseRange(
        sets=(int(sets[0]), int(sets[1])),
        reps=None if reps is None else (int(reps[0]), int(reps[1])),
        hold=hold,
    )


def _pair(fields: Fields, key: str, high: float, *, whole: bool) -> tuple[float, float] | None:
    """`[low, high]` with 0 <= low <= high <= `high`; None when absent or refused."""
    if key not in fields:
        return None
    value = fields.table[key]
    check = is_integer if whole else is_number
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(check(v) for v in value)
        or not 0 <= value[0] <= value[1] <= high
    ):
        if whole:
            message = _(
                "expected [low, high], two integers from 0 to {high} in order, found {found}"
            )
        else:
            message = _(
                "expected [low, high], two numbers from 0 to {high} in order, found {found}"
            )
        fields.fail(key, message.format(high=show_number(high), found=describe(value)))
        return None
    return (value[0], value[1])
