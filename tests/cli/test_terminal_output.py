"""No command-line output carries a control, bidi or format character from outside text.

Titles, notes, person and profile names, file names and the file content quoted in error
messages all come from files someone else wrote; printed raw, an escape sequence retitles the
terminal or clears it, and U+202E reverses the text after it.
"""

from __future__ import annotations

import io
import os
import tempfile
import unicodedata
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiprehab.cli import check as check_cmd
from hiprehab.cli import history as history_cmd
from hiprehab.history.exchange.profiles import PERSON_KEY
from hiprehab.history.store import HistoryStore
from hiprehab.paths import AppPaths
from tests.history.history_child import sample_routine

T0 = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
NASTY = "\x1b]0;pwned\x07\x1b[2J\x9b2J\x7f\u202e\u2066\u200f\u061c\ufeff\u2028\n\r\t\x00"

hostile_text = st.text(
    alphabet=st.one_of(st.sampled_from(NASTY), st.characters(codec="utf-8")), min_size=1
).filter(lambda text: text.strip() != "")


def unsafe_characters(text: str) -> list[str]:
    """Characters of the output that a terminal could act on; its own newlines and the tab
    between the columns of `profiles` excepted (a tab in outside text is shown as `\\t`)."""
    return [
        char
        for line in text.split("\n")
        for char in line
        if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Zl", "Zp"}
        and char not in "\t\u200c\u200d"
    ]


def _history_output(folder: Path, title: str, note: str, person: str, *argv: str) -> str:
    """The stdout and stderr of `hiprehab history ARGV` over a history holding the texts."""
    home = folder / "home"
    with mock.patch.dict(os.environ, {"HIPREHAB_HOME": str(home)}):
        paths = AppPaths.from_environment()
        paths.profiles_dir.mkdir(parents=True, exist_ok=True)
        for db in (paths.history_db, paths.profiles_dir / "someone.sqlite3"):
            with HistoryStore.open(db) as store:
                store.set_meta(PERSON_KEY, person)
                for day in range(2):
                    started = T0 + timedelta(days=day)
                    session = store.start_session(
                        sample_routine(title=title), started_at=started, pain_before=7
                    )
                    if day == 0:
                        store.finish_session(
                            session, status="completed", active_seconds=60, paused_seconds=0,
                            ended_at=started + timedelta(minutes=5),
                        )  # fmt: skip
                        store.set_pain_after(session, 8)
                    store.set_note(session, note)
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            history_cmd.run(list(argv))
    return out.getvalue() + err.getvalue()


HISTORY_COMMANDS = [
    ["list"],
    ["list", "--profile", "someone"],
    ["summary"],
    ["summary", "--profile", "someone"],
    ["guidance", "--as-of", "2026-11-04"],
    ["profiles"],
]


@pytest.mark.parametrize("argv", HISTORY_COMMANDS, ids=" ".join)
def test_history_output_escapes_a_hostile_title_note_and_name(
    tmp_path: Path, argv: list[str]
) -> None:
    output = _history_output(tmp_path, f"Hip{NASTY}title", f"note{NASTY}", f"Eve{NASTY}", *argv)
    assert unsafe_characters(output) == []
    assert "\\u001b" in output  # shown, not obeyed


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=hostile_text, note=hostile_text, person=hostile_text)
def test_no_history_output_carries_a_control_character(title: str, note: str, person: str) -> None:
    for argv in HISTORY_COMMANDS:
        with tempfile.TemporaryDirectory() as folder:
            output = _history_output(Path(folder), title, note, person, *argv)
        assert unsafe_characters(output) == [], argv


def _check_output(folder: Path, name: str, text: str, *options: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    check_cmd.run([*options, str(path)], out=out)
    return out.getvalue()


def _toml_string(text: str) -> str:
    return (
        '"'
        + "".join(
            char if char.isalnum() or char == " " else f"\\U{ord(char):08x}"
            for char in text
            if not 0xD800 <= ord(char) <= 0xDFFF
        )
        + '"'
    )


def test_check_escapes_a_title_use_id_and_file_name(tmp_path: Path) -> None:
    ok = f'format = 1\ntitle = {_toml_string("Hip" + NASTY)}\n[[exercise]]\nname = "A"\nreps = 1\n'
    bad = f'format = 1\ntitle = "T"\n[[exercise]]\nuse = {_toml_string("x" + NASTY)}\n'
    for text in (ok, bad):
        for options in ((), ("--json",)):
            output = _check_output(tmp_path, "evil\x1b[2J\u202e.toml", text, *options)
            assert unsafe_characters(output) == [], output
            assert "\\u202e" in output


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=hostile_text, junk=hostile_text, as_json=st.booleans())
def test_no_check_output_carries_a_control_character(
    tmp_path: Path, title: str, junk: str, as_json: bool
) -> None:
    options = ("--json",) if as_json else ()
    good = f'format = 1\ntitle = {_toml_string(title)}\n[[exercise]]\nname = "A"\nreps = 1\n'
    for text in (good, junk, f"format = 1\n{junk} = 1\n", f"format = 1\ntitle = {junk}\n"):
        assert unsafe_characters(_check_output(tmp_path, "r.toml", text, *options)) == []
