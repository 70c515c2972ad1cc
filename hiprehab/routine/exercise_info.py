"""What the "About this exercise" panel says about one exercise of a routine, without Qt.

A routine's exercise carries only what the player needs while it runs; the rest of the library's
text (what it trains, what you should feel, mistakes, easier and harder versions, cautions) is
looked up here by its `use` id, so the panel in the player and on the routine page say the same.
A routine's own instructions and cues win over the library's: the physio wrote them for this
routine. An inline exercise (no `use`), or one whose library cannot be read, shows only its own.
The library's texts are in the language in use where its file translates them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hiprehab.i18n import current_language
from hiprehab.routine.errors import RoutineError
from hiprehab.routine.library import LibraryExercise, default_library
from hiprehab.routine.model import Exercise

LibraryMap = Mapping[str, LibraryExercise]


@dataclass(frozen=True)
class ExerciseInfo:
    """Every text the panel shows; empty strings and tuples are sections left out."""

    name: str
    instructions: str
    cues: tuple[str, ...]
    trains: str = ""
    feel: str = ""
    mistakes: tuple[str, ...] = ()
    easier: str = ""
    harder: str = ""
    cautions: tuple[str, ...] = ()

    @property
    def from_library(self) -> bool:
        return bool(self.trains)


def exercise_info(
    exercise: Exercise, library: LibraryMap | None = None, language: str | None = None
) -> ExerciseInfo:
    """The panel's texts for `exercise`; `library` defaults to the built-in one, `language`
    (the library's texts) to the one in use."""
    instructions = " ".join(exercise.instructions.split())
    known = _known(exercise.library_id, library)
    if known is None:
        return ExerciseInfo(exercise.name, instructions, exercise.cues)
    known = known.in_language(current_language() if language is None else language)
    return ExerciseInfo(
        name=exercise.name,
        instructions=instructions,
        cues=exercise.cues,
        trains=known.trains,
        feel=known.feel,
        mistakes=known.mistakes,
        easier=known.easier,
        harder=known.harder,
        cautions=known.cautions,
    )


def _known(library_id: str | None, library: LibraryMap | None) -> LibraryExercise | None:
    if library_id is None:
        return None
    if library is None:
        try:
            library = default_library()
        except RoutineError:
            return None  # the panel then shows the routine's own texts, as for an inline one
    return library.get(library_id)
