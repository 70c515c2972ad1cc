"""Routine format 1, an exercise's own picture: relative to the routine file, .svg/.png/.jpg,
existing, and never outside the routine's folder (no absolute paths, `..` or links out)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hiprehab.routine.errors import Problem, RoutineError
from hiprehab.routine.loader import load_routine, load_routine_text
from tests.routine.picture_bytes import picture_for, png

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")


def routine_file(folder: Path, picture: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "routine.toml"
    path.write_text(
        'format = 1\ntitle = "T"\n[[exercise]]\nname = "Wall sit"\nhold = 30\n'
        f"illustration = {picture!r}\n",
        encoding="utf-8",
    )
    return path


def picture_problem(path: Path) -> Problem:
    with pytest.raises(RoutineError) as caught:
        load_routine(path, library={})
    (problem,) = caught.value.problems
    assert problem.path == 'exercise 1 ("Wall sit"): illustration'
    assert problem.line == 6
    return problem


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The routine's folder, with pictures inside and one more outside it."""
    inside = tmp_path / "routine"
    (inside / "pics").mkdir(parents=True)
    for name in ("wall-sit.svg", "pics/photo.png", "pics/PHOTO.JPG", "pics/photo.jpg"):
        (inside / name).write_bytes(picture_for(name))
    (tmp_path / "outside.png").write_bytes(png())
    return inside


@pytest.mark.parametrize(
    "picture",
    ["wall-sit.svg", "pics/photo.png", "pics/photo.jpg", "pics/PHOTO.JPG", "./wall-sit.svg"],
)
def test_pictures_inside_the_folder_are_resolved(folder: Path, picture: str) -> None:
    (exercise,) = load_routine(routine_file(folder, picture), library={}).exercises
    assert exercise.image == (folder / picture).resolve()
    assert exercise.image is not None and exercise.image.is_absolute()
    assert exercise.illustration is None  # that is for library drawings


def test_dotdot_that_stays_inside_is_fine(folder: Path) -> None:
    (exercise,) = load_routine(routine_file(folder, "pics/../wall-sit.svg"), library={}).exercises
    assert exercise.image == (folder / "wall-sit.svg").resolve()


@pytest.mark.parametrize(
    ("picture", "message"),
    [
        ("wall-sit.gif", 'expected a .svg, .png or .jpg picture, found ".gif"'),
        ("wall-sit", "expected a .svg, .png or .jpg picture, found no extension"),
        ("wall-sit.svg.txt", 'expected a .svg, .png or .jpg picture, found ".txt"'),
    ],
)
def test_wrong_extension(folder: Path, picture: str, message: str) -> None:
    assert picture_problem(routine_file(folder, picture)).message == message


@pytest.mark.parametrize(
    "picture", ["/etc/passwd.png", "C:/Users/me/photo.png", "c:photo.png", "//server/share/p.png"]
)
def test_absolute_paths_are_refused(folder: Path, picture: str) -> None:
    message = picture_problem(routine_file(folder, picture)).message
    assert message.endswith("is an absolute path; give a path relative to the routine's folder")


def test_backslashes_are_refused_with_a_hint(folder: Path) -> None:
    message = picture_problem(routine_file(folder, "pics\\photo.png")).message
    assert "forward slashes" in message


@pytest.mark.parametrize("picture", ["../outside.png", "pics/../../outside.png", ".."])
def test_dotdot_escapes_are_refused(folder: Path, picture: str) -> None:
    message = picture_problem(routine_file(folder, picture)).message
    assert "outside the routine's folder" in message or "expected a .svg" in message


def test_dotdot_escape_to_an_existing_file_says_outside(folder: Path) -> None:
    problem = picture_problem(routine_file(folder, "../outside.png"))
    assert problem.message == '"../outside.png" points outside the routine\'s folder'


@needs_symlinks
def test_symlink_escape_is_refused(folder: Path) -> None:
    (folder / "link.png").symlink_to(folder.parent / "outside.png")
    problem = picture_problem(routine_file(folder, "link.png"))
    assert problem.message == '"link.png" is a link that leads outside the routine\'s folder'


@needs_symlinks
def test_symlinked_folder_escape_is_refused(folder: Path) -> None:
    (folder / "shared").symlink_to(folder.parent, target_is_directory=True)
    problem = picture_problem(routine_file(folder, "shared/outside.png"))
    assert "link that leads outside" in problem.message


@needs_symlinks
def test_symlink_inside_the_folder_is_fine(folder: Path) -> None:
    (folder / "alias.svg").symlink_to(folder / "wall-sit.svg")
    (exercise,) = load_routine(routine_file(folder, "alias.svg"), library={}).exercises
    assert exercise.image == (folder / "wall-sit.svg").resolve()


@needs_symlinks
def test_a_link_loop_is_a_problem_not_a_crash(folder: Path) -> None:
    (folder / "loop.png").symlink_to(folder / "loop.png")
    assert "loop.png" in picture_problem(routine_file(folder, "loop.png")).message


def test_missing_picture(folder: Path) -> None:
    problem = picture_problem(routine_file(folder, "pics/nope.png"))
    assert problem.message.startswith('picture "pics/nope.png" not found in ')


def test_a_folder_is_not_a_picture(folder: Path) -> None:
    (folder / "album.png").mkdir()
    assert picture_problem(routine_file(folder, "album.png")).message == '"album.png" is not a file'


def test_a_control_character_is_refused(folder: Path) -> None:
    path = routine_file(folder, "x.png")
    path.write_text(path.read_text().replace("'x.png'", '"pic\\u0000.png"'))
    assert picture_problem(path).message == '"pic\\u0000.png" contains a control character'


def test_text_without_a_folder_cannot_use_pictures() -> None:
    text = 'format = 1\ntitle = "T"\n[[exercise]]\nname = "A"\nhold = 3\nillustration = "a.png"\n'
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text, source_name="editor", base_dir=None, library={})
    (problem,) = caught.value.problems
    assert "saved as a file" in problem.message


def test_text_with_a_folder_resolves_pictures(folder: Path) -> None:
    text = (
        'format = 1\ntitle = "T"\n[[exercise]]\nname = "A"\nhold = 3\n'
        'illustration = "wall-sit.svg"\n'
    )
    routine = load_routine_text(text, source_name="editor", base_dir=folder, library={})
    assert routine.exercises[0].image == (folder / "wall-sit.svg").resolve()


def test_use_entry_may_have_its_own_picture_too(folder: Path) -> None:
    from hiprehab.routine.library import default_library

    library = default_library()
    path = folder / "r.toml"
    path.write_text(
        'format = 1\ntitle = "T"\n[[exercise]]\nuse = "clamshell"\nillustration = "wall-sit.svg"\n',
        encoding="utf-8",
    )
    (exercise,) = load_routine(path, library=library).exercises
    assert exercise.image == (folder / "wall-sit.svg").resolve()
    assert exercise.illustration == library["clamshell"].illustration
