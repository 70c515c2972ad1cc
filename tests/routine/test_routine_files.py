"""Copying routine files into the user's folder, listing and removing them (no Qt)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hiprehab.routine.errors import RoutineError
from hiprehab.routine.model import Exercise, Routine
from hiprehab.routine.user_files import (
    RoutineFileError,
    import_routine,
    is_inside,
    list_user_routines,
    load_entries,
    remove_user_routine,
    routine_name,
)


def physio_folder(tmp_path: Path, name: str = "hips.toml", text: str = "routine") -> Path:
    folder = tmp_path / "mail"
    (folder / "img").mkdir(parents=True, exist_ok=True)
    (folder / "img" / "a.png").write_bytes(b"png-a")
    (folder / "b.svg").write_text("<svg/>")
    source = folder / name
    source.write_text(text)
    return source


def test_copy_gets_its_own_folder_with_its_pictures(tmp_path: Path) -> None:
    source = physio_folder(tmp_path)
    mine = tmp_path / "user" / "routines"
    images = [source.parent / "img" / "a.png", source.parent / "b.svg"]
    copy = import_routine(source, images, mine)
    assert copy == mine / "hips" / "hips.hiprehab.toml"
    assert copy.read_text() == "routine"
    assert (copy.parent / "img" / "a.png").read_bytes() == b"png-a"
    assert (copy.parent / "b.svg").read_text() == "<svg/>"
    assert list_user_routines(mine) == [copy]
    assert [p.name for p in mine.iterdir()] == ["hips"]  # no staging folder left behind


def test_same_file_twice_reuses_the_copy_and_a_changed_one_gets_a_new_folder(
    tmp_path: Path,
) -> None:
    source = physio_folder(tmp_path)
    mine = tmp_path / "routines"
    first = import_routine(source, [], mine)
    assert import_routine(source, [], mine) == first
    assert import_routine(first, [], mine) == first  # already one of the user's
    source.write_text("routine, version 2")
    second = import_routine(source, [], mine)
    assert second == mine / "hips-2" / "hips.hiprehab.toml"
    assert first.read_text() == "routine"
    assert list_user_routines(mine) == [first, second]


def test_a_routine_file_keeps_its_name_in_the_users_folder(tmp_path: Path) -> None:
    source = physio_folder(tmp_path, name="knee.hiprehab.toml")
    copy = import_routine(source, [], tmp_path / "routines")
    assert copy == tmp_path / "routines" / "knee" / "knee.hiprehab.toml"
    assert import_routine(source, [], tmp_path / "routines") == copy


def test_routine_name_drops_the_routine_ending_in_any_case() -> None:
    assert routine_name(Path("a/knee.hiprehab.toml")) == "knee"
    assert routine_name(Path("KNEE.HipRehab.TOML")) == "KNEE"
    assert routine_name(Path("knee.toml")) == "knee"
    assert routine_name(Path("knee.v2.toml")) == "knee.v2"
    assert routine_name(Path("knee.txt")) == "knee"
    assert routine_name(Path(".hiprehab.toml")) == ".hiprehab"  # nothing before the ending


def test_copies_older_versions_named_plain_toml_are_listed_and_reused(tmp_path: Path) -> None:
    """No lost routine: `NAME/NAME.toml` copies and loose `*.toml` files from before routine
    files had their own name still list, and opening the same file again finds the old copy."""
    source = physio_folder(tmp_path)
    mine = tmp_path / "routines"
    (mine / "hips").mkdir(parents=True)
    old = mine / "hips" / "hips.toml"
    old.write_text(source.read_text())
    loose = mine / "by-hand.toml"
    loose.write_text("")
    new = mine / "knee.hiprehab.toml"
    new.write_text("")
    assert list_user_routines(mine) == [loose, old, new]
    assert import_routine(source, [], mine) == old
    assert list_user_routines(mine) == [loose, old, new]
    remove_user_routine(old, mine)
    assert not (mine / "hips").exists()


def test_odd_file_names_become_safe_folder_names(tmp_path: Path) -> None:
    source = physio_folder(tmp_path, name="My hips (week 2)!.toml")
    copy = import_routine(source, [], tmp_path / "routines")
    assert copy.parent.name == "My-hips-week-2"


def test_a_picture_outside_the_routines_folder_is_refused(tmp_path: Path) -> None:
    source = physio_folder(tmp_path)
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"x")
    with pytest.raises(RoutineFileError, match="outside the routine's folder"):
        import_routine(source, [outside], tmp_path / "routines")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder_is_a_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    source = physio_folder(tmp_path)
    mine = tmp_path / "routines"
    mine.mkdir()
    mine.chmod(0o500)
    try:
        with pytest.raises(RoutineFileError, match=str(mine)):
            import_routine(source, [], mine)
    finally:
        mine.chmod(0o700)
    assert list(mine.iterdir()) == []


def test_missing_picture_is_a_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    source = physio_folder(tmp_path)
    mine = tmp_path / "routines"
    with pytest.raises(RoutineFileError, match="cannot copy"):
        import_routine(source, [source.parent / "gone.png"], mine)
    assert list(mine.iterdir()) == []


def test_listing_skips_hidden_entries_and_finds_loose_files(tmp_path: Path) -> None:
    mine = tmp_path / "routines"
    assert list_user_routines(mine) == []
    (mine / ".import-x").mkdir(parents=True)
    (mine / ".import-x" / "half.toml").write_text("")
    (mine / "loose.toml").write_text("")
    (mine / "notes.txt").write_text("")
    assert list_user_routines(mine) == [mine / "loose.toml"]


def test_remove_deletes_the_folder_or_the_loose_file_only(tmp_path: Path) -> None:
    source = physio_folder(tmp_path)
    mine = tmp_path / "routines"
    copy = import_routine(source, [source.parent / "img" / "a.png"], mine)
    loose = mine / "loose.toml"
    loose.write_text("")
    remove_user_routine(copy, mine)
    assert not copy.parent.exists()
    remove_user_routine(loose, mine)
    assert list(mine.iterdir()) == []
    assert source.exists()  # the original is never touched
    with pytest.raises(ValueError):
        remove_user_routine(source, mine)
    with pytest.raises(ValueError):
        remove_user_routine(mine, mine)


def test_is_inside(tmp_path: Path) -> None:
    assert is_inside(tmp_path / "a" / "b", tmp_path)
    assert not is_inside(tmp_path / ".." / "x", tmp_path)


def test_load_entries_keeps_broken_files_with_their_problems(tmp_path: Path) -> None:
    good, bad, gone = tmp_path / "good.toml", tmp_path / "bad.toml", tmp_path / "gone.toml"
    routine = Routine(
        title="Good",
        exercises=(Exercise("Bridge", "both", 1, 5, 0, 3, 30),),
    )

    def load(path: Path) -> Routine:
        if path == good:
            return routine
        if path == gone:
            raise FileNotFoundError(2, "No such file or directory", str(path))
        raise RoutineError(str(path), [])

    entries = load_entries([good, bad, gone], builtin=False, load=load)
    assert entries[0].routine is routine and entries[0].title == "Good"
    assert entries[1].routine is None and entries[1].error is not None
    assert entries[1].title == "bad.toml"
    assert "no such file" in entries[2].error.problems[0].message  # type: ignore[union-attr]


def test_routines_folder_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    source = physio_folder(tmp_path)
    mine = tmp_path / "routines"
    mine.write_text("not a folder")
    with pytest.raises(RoutineFileError, match="cannot write to your routines folder"):
        import_routine(source, [], mine)
