"""Imported profiles: names, lookup, refusing and replacing an earlier import, the export time."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hiprehab.history.errors import HistoryFileError
from hiprehab.history.exchange.json_format import json_text, write_json
from hiprehab.history.exchange.profiles import (
    ProfileExistsError,
    as_of,
    find_profile,
    import_history,
    list_profiles,
    slugify,
)
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from tests.history.exchange.sample_history import EXPORTED


def test_an_import_with_a_name_already_taken_is_refused(
    filled: HistoryStore, tmp_path: Path, paths: AppPaths
) -> None:
    """Two patients called Anna: the second import must not silently replace the first."""
    first = tmp_path / "first.json"
    write_json(filled.snapshot(), first, person="Anna", exported_at=EXPORTED)
    import_history(first, paths)
    before = (paths.profiles_dir / "anna.sqlite3").read_bytes()
    other = dataclasses.replace(filled.snapshot(), sessions=filled.snapshot().sessions[:1])
    second = tmp_path / "second.json"
    write_json(dataclasses.replace(other, work_periods=()), second, person="ANNA",
               exported_at=EXPORTED)  # fmt: skip
    with pytest.raises(ProfileExistsError, match="already an imported profile called 'Anna'") as e:
        import_history(second, paths)
    assert e.value.profile.path == paths.profiles_dir / "anna.sqlite3"
    assert isinstance(e.value, HistoryFileError)  # the command line reports it as a user error
    assert (paths.profiles_dir / "anna.sqlite3").read_bytes() == before
    assert sorted(p.name for p in paths.profiles_dir.iterdir()) == ["anna.sqlite3"]
    # under another name it is a profile of its own
    assert import_history(second, paths, name="Anna K").sessions == 1
    assert [p.name for p in list_profiles(paths)] == ["Anna", "Anna K"]


def test_reimporting_the_same_person_replaces_the_profile_when_asked(
    filled: HistoryStore, tmp_path: Path, paths: AppPaths
) -> None:
    export = tmp_path / "export.json"
    write_json(filled.snapshot(), export, person="Anna Berg", exported_at=EXPORTED)
    import_history(export, paths)
    fewer = filled.snapshot()
    fewer = dataclasses.replace(fewer, sessions=fewer.sessions[:2], work_periods=())
    write_json(fewer, export, person="Anna Berg", exported_at=EXPORTED)
    again = import_history(export, paths, replace=True)
    assert again.replaced and again.sessions == 2
    assert [p.name for p in list_profiles(paths)] == ["Anna Berg"]
    with HistoryStore.open(again.profile.path, read_only=True) as copy:
        assert len(copy.sessions()) == 2
    assert sorted(p.name for p in paths.profiles_dir.iterdir()) == ["anna-berg.sqlite3"]


def test_profile_names_and_lookup(filled: HistoryStore, tmp_path: Path, paths: AppPaths) -> None:
    assert list_profiles(paths) == []
    nameless = tmp_path / "from-clinic.json"
    write_json(filled.snapshot(), nameless, person=None, exported_at=EXPORTED)
    named = tmp_path / "x.json"
    write_json(filled.snapshot(), named, person="Zoë Smith", exported_at=EXPORTED)
    import_history(nameless, paths)  # no person in the file: named after the file
    import_history(named, paths)  # the person in the file
    import_history(named, paths, name="Ben Öz")  # an explicit name wins
    profiles = list_profiles(paths)
    assert [(p.name, p.path.name) for p in profiles] == [
        ("Ben Öz", "ben-oz.sqlite3"),
        ("from-clinic", "from-clinic.sqlite3"),
        ("Zoë Smith", "zoe-smith.sqlite3"),
    ]
    assert find_profile(paths, "zoë smith").path.name == "zoe-smith.sqlite3"
    assert find_profile(paths, "zoe-smith").name == "Zoë Smith"
    with pytest.raises(HistoryFileError, match="no imported profile called 'Carl'.*Ben Öz"):
        find_profile(paths, "Carl")


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Anna Müller", "anna-muller"), ("  ", "profile"), ("../../etc", "etc"), ("李", "profile")],
)
def test_slugs_are_safe_file_names(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_own_history_and_old_profiles_have_no_export_time(
    filled: HistoryStore, tmp_path: Path, paths: AppPaths
) -> None:
    assert as_of(filled) is None  # one's own history is shown as of now
    data = json.loads(json_text(filled.snapshot(), person="Old", exported_at=EXPORTED))
    del data["exported_at"]
    source = tmp_path / "old.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    imported_at = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
    result = import_history(source, paths, now=lambda: imported_at)
    with HistoryStore.open(result.profile.path, read_only=True) as copy:
        assert copy.meta("exported_at") is None
        assert as_of(copy) == imported_at  # the best guess left: when it was imported
