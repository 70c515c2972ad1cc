"""Routine files (format 1) -> `Routine`, or a `RoutineError` listing every fault with its place.

A physio edits these files by hand, so the loader reports all faults of a file in one pass (as
Picard's manifest validator does), each with a line number where one can be found cheaply and
what was expected versus what was found. Nothing in a file is ever executed, and pictures it
names must stay inside its own folder.

This module holds only what is particular to routines: which keys a routine has and where they
belong, how an exercise takes its defaults from the exercise library (`use`), and pictures. The
generic steps it shares with the library loader live in `tomlfile.py` (reading, decoding and
parsing a file, and finding the lines of keys) and `fields.py` (checked reads of a table and
their messages), `rules.py` (the rules both formats share) and `translations.py` (the
`[translations.<code>]` tables). Callers import from here: `load_routine`, `load_routine_text`,
and the helpers the library loader used to take from this module, which are re-exported below.

A routine is loaded in one language (by default the one in use): each text comes from that
language's translation table where it has the key, else from the English key, and a `use`
exercise takes the library's texts in that language unless the routine gives its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import tomli  # noqa: F401  # re-exported: tests patch loader.tomli.loads to mimic older tomli

from hiprehab.i18n import _, current_language
from hiprehab.routine import library as exercise_library
from hiprehab.routine.errors import RoutineError
from hiprehab.routine.fields import (
    DOSING_KEYS,
    FORMAT,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
    MAX_TIMING_SECONDS,
    Fields,
    Report,
    describe,
    did_you_mean,
    quote,
)
from hiprehab.routine.library import LibraryExercise
from hiprehab.routine.model import SIDES, Dosing, Exercise, Routine, Sides, Timing
from hiprehab.routine.pictures import PICTURE_SUFFIXES, check_picture
from hiprehab.routine.rules import as_sides, check_dosing, check_format, check_reps_or_hold
from hiprehab.routine.tomlfile import (
    MAX_FILE_BYTES,
    Keys,
    parse_toml,
    read_text_file,
)
from hiprehab.routine.translations import Rule, check_translations, list_in, text_in

__all__ = [
    "DOSING_KEYS",
    "EXERCISE_KEYS",
    "FORMAT",
    "MAX_EXERCISES",
    "MAX_FILE_BYTES",
    "MAX_TIMING_SECONDS",
    "PICTURE_SUFFIXES",
    "SCHEDULE_KEYS",
    "TIMING_KEYS",
    "TOP_KEYS",
    "Fields",  # i18n: ignore
    "LibraryMap",
    "Report",  # i18n: ignore
    "as_sides",
    "check_dosing",
    "check_format",
    "check_picture",
    "check_reps_or_hold",
    "load_routine",
    "load_routine_text",
    "parse_toml",
    "quote",
    "read_text_file",
]

MAX_EXERCISES = 100
MAX_CUES = 20

TOP_KEYS = (
    "format", "title", "description", "author", "schedule", "timing", "exercise", "translations",
)  # fmt: skip
SCHEDULE_KEYS = ("sessions_per_week",)
TIMING_KEYS = ("prepare", "switch_sides", "rest_between_sets", "rest_between_exercises")
EXERCISE_KEYS = (
    "use", "name", "instructions", "cues", "illustration", "sides", "optional", *DOSING_KEYS,
    "translations",
)  # fmt: skip
TOP_TRANSLATED = {"title": Rule(MAX_NAME_CHARS), "description": Rule(MAX_TEXT_CHARS)}
EXERCISE_TRANSLATED = {
    "name": Rule(MAX_NAME_CHARS),
    "instructions": Rule(MAX_TEXT_CHARS),
    "cues": Rule(MAX_NAME_CHARS, is_list=True, high=MAX_CUES),
}


def _top_elsewhere() -> dict[str, str]:
    """Keys written at the top that belong in another table, and where (in the user's words)."""
    return {
        **{key: _("it belongs under [timing]") for key in TIMING_KEYS},
        **{key: _("it belongs under [schedule]") for key in SCHEDULE_KEYS},
        **{key: _("it belongs inside an [[exercise]] table") for key in EXERCISE_KEYS},
    }


# --- the routine -------------------------------------------------------------------------------

LibraryMap = Mapping[str, LibraryExercise]


def load_routine(
    path: Path, library: LibraryMap | None = None, language: str | None = None
) -> Routine:
    """Load and check a routine file; raises RoutineError with every fault found.

    `library` defaults to the built-in exercise library, loaded only when an entry has `use`;
    `language` (default: the one in use) is the language its texts are taken in.
    """
    path = Path(path)
    text = read_text_file(path)
    routine = load_routine_text(
        text, source_name=str(path), base_dir=path.parent, library=library, language=language
    )
    return replace(routine, source=path.resolve())


def load_routine_text(
    text: str,
    *,
    source_name: str,
    base_dir: Path | None,
    library: LibraryMap | None = None,
    language: str | None = None,
) -> Routine:
    """Check routine text that has no file (or whose file was already read).

    `base_dir` is the folder pictures are relative to; with None, an `illustration` cannot be
    checked and is reported as a fault. `language` is as for `load_routine`.
    """
    text = text.removeprefix("\ufeff")
    document = parse_toml(text, source_name)
    report = Report(text)
    access = _LibraryAccess(library, report, current_language() if language is None else language)
    routine = _check_routine(document, report, base_dir, access)
    if report.problems or routine is None:
        raise RoutineError(source_name, report.in_file_order())
    return replace(routine, text=text)


class _LibraryAccess:
    """The library for `use` entries, loaded on first need; a broken library is one problem.
    `language` is the one the routine is loaded in."""

    def __init__(self, library: LibraryMap | None, report: Report, language: str) -> None:
        self._library, self._report, self._failed = library, report, False
        self.language = language

    def get(self, keys: Keys) -> LibraryMap | None:
        if self._library is None and not self._failed:
            try:  # looked up on the module each time, so tests can swap the library
                self._library = exercise_library.default_library()
            except RoutineError as exc:
                self._failed = True
                message = _('the exercise library cannot be loaded, so "use" is unchecked: {error}')
                self._report.add(keys, None, message.format(error=exc))
        return self._library


def _check_routine(
    document: Mapping[str, Any], report: Report, base_dir: Path | None, library: _LibraryAccess
) -> Routine | None:
    if not check_format(report, document, "routine"):
        return None
    top = Fields(report, document, (), "", TOP_KEYS, _top_elsewhere())
    title = top.text(
        "title",
        "",
        required=_('the routine\'s name, e.g. title = "Hip strength"'),
        limit=MAX_NAME_CHARS,
    )
    description = top.text("description", "", empty_ok=True)
    author = top.text("author", "", empty_ok=True, limit=MAX_NAME_CHARS)
    own = check_translations(
        top, TOP_TRANSLATED, header="[translations.{code}]", elsewhere=_exercise_keys_elsewhere()
    ).get(library.language, {})

    schedule = Fields(
        report, top.table_at("schedule") or {}, ("schedule",), "schedule", SCHEDULE_KEYS
    )
    sessions = schedule.integer("sessions_per_week", 1, 14, 3)

    timing_fields = Fields(report, top.table_at("timing") or {}, ("timing",), "timing", TIMING_KEYS)
    defaults = Timing()
    timing = Timing(
        **{
            key: timing_fields.seconds(key, 0, MAX_TIMING_SECONDS, getattr(defaults, key))
            for key in TIMING_KEYS
        }
    )

    exercises = [
        _check_exercise(report, entry, index, timing, base_dir, library)
        for index, entry in enumerate(_exercise_entries(report, document))
    ]
    if report.problems or any(exercise is None for exercise in exercises):
        return None
    return Routine(
        title=text_in(own, "title", title),
        exercises=tuple(exercise for exercise in exercises if exercise is not None),
        timing=timing,
        sessions_per_week=sessions,
        description=text_in(own, "description", description),
        author=author,
        format=FORMAT,
    )


def _exercise_entries(report: Report, document: Mapping[str, Any]) -> list[Any]:
    if "exercise" not in document:
        report.add((), None, _("no exercises: add at least one [[exercise]] table"))
        return []
    entries = document["exercise"]
    if not isinstance(entries, list):
        message = _("expected [[exercise]] tables (an array of tables), found {found}")
        report.add(("exercise",), "exercise", message.format(found=describe(entries)))
        return []
    if not 1 <= len(entries) <= MAX_EXERCISES:
        message = _("expected 1 to {high} exercises, found {count}")
        report.add(("exercise",), None, message.format(high=MAX_EXERCISES, count=len(entries)))
        if len(entries) > MAX_EXERCISES:
            return []  # thousands of exercises: that one line says it
    return entries


def _exercise_label(index: int, entry: Mapping[str, Any]) -> str:
    for key in ("use", "name"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return _("exercise {number} ({name})").format(number=index + 1, name=quote(value))
    return _("exercise {number}").format(number=index + 1)


def _check_exercise(
    report: Report,
    entry: object,
    index: int,
    timing: Timing,
    base_dir: Path | None,
    library: _LibraryAccess,
) -> Exercise | None:
    keys: Keys = ("exercise", index)
    if not isinstance(entry, dict):
        place = _("exercise {number}").format(number=index + 1)
        report.add(keys, place, _("expected a table, found {found}").format(found=describe(entry)))
        return None
    fields = Fields(report, entry, keys, _exercise_label(index, entry), EXERCISE_KEYS)
    use = fields.text("use", None, limit=MAX_NAME_CHARS)
    known: LibraryExercise | None = None
    if use is not None:
        exercises = library.get((*keys, "use"))
        if exercises is not None:
            known = exercises.get(use)
            if known is None:
                message = _("unknown library exercise {id}").format(id=quote(use))
                fields.fail("use", message + did_you_mean(use, list(exercises)))
    elif "use" not in entry and "name" not in entry:
        hint = _('an exercise needs either use = "<library id>" or its own name')
        fields.missing("name", hint)
    name = fields.text("name", None, limit=MAX_NAME_CHARS)
    instructions = fields.text("instructions", None, empty_ok=True)
    cues = fields.strings("cues", None, 0, MAX_CUES, item_limit=MAX_NAME_CHARS)
    own = check_translations(
        fields,
        EXERCISE_TRANSLATED,
        header="[exercise.translations.{code}]",
        elsewhere=_top_keys_elsewhere(),
    ).get(library.language, {})
    sides: Sides | None = as_sides(fields.choice("sides", SIDES, None))
    image = check_picture(fields, "illustration", base_dir)
    optional = fields.boolean("optional", False)

    library_dosing = known is not None and "reps" not in entry and "hold" not in entry
    dosing = check_dosing(fields, known.dosing if known and library_dosing else Dosing())
    if "use" not in entry or known is not None:
        check_reps_or_hold(fields, dosing)
    if fields.bad or (use is not None and known is None):
        return None
    if known is not None:
        known = known.in_language(library.language)
    return Exercise(
        name=text_in(own, "name", name or (known.name if known else "")),
        sides=sides or (known.sides if known else "both"),
        sets=dosing.sets,
        reps=dosing.reps,
        hold=dosing.hold,
        seconds_per_rep=dosing.seconds_per_rep,
        rest=timing.rest_between_sets if dosing.rest is None else dosing.rest,
        instructions=text_in(
            own,
            "instructions",
            instructions if instructions is not None else (known.instructions if known else ""),
        ),
        cues=list_in(own, "cues", cues if cues is not None else (known.cues if known else ())),
        library_id=known.id if known else None,
        illustration=known.illustration if known else None,
        image=image,
        optional=optional,
        directions=known.directions if known else (),
    )


def _exercise_keys_elsewhere() -> dict[str, str]:
    """An exercise's texts written in the routine's own translation table."""
    # Translators: {code} is a language code such as "de", as written in the file.
    hint = _("it belongs in the exercise's own [exercise.translations.{code}] table")
    return dict.fromkeys(EXERCISE_TRANSLATED, hint)


def _top_keys_elsewhere() -> dict[str, str]:
    """The routine's texts written in an exercise's translation table."""
    # Translators: {code} is a language code such as "de", as written in the file.
    hint = _("it belongs in the routine's [translations.{code}] table at the top")
    return dict.fromkeys(TOP_TRANSLATED, hint)
