"""Property tests: whatever bytes or TOML documents the loader is fed, it returns a Routine that
keeps every format 1 bound, or raises RoutineError with placed problems; nothing else escapes.

Documents are built as dicts by hypothesis and written out by the tiny TOML writer below, which
also records the line and column of each key it writes, so the loader's places can be checked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiprehab.routine.errors import RoutineError
from hiprehab.routine.library import DoseRange, LibraryExercise
from hiprehab.routine.loader import load_routine, load_routine_text
from hiprehab.routine.model import SIDES, Dosing, Routine, to_us

LIBRARY: Mapping[str, LibraryExercise] = {
    ident: LibraryExercise(
        id=ident,
        name=ident.title(),
        trains="Hips",
        sides=sides,  # type: ignore[arg-type]
        illustration=ident,
        instructions="Move slowly.",
        cues=("Slow", "Steady"),
        mistakes=("Rushing",),
        easier="Less.",
        harder="More.",
        dosing=dosing,
        dose_range=DoseRange(sets=(1, 20)),
    )
    for ident, sides, dosing in [
        ("clam", "each", Dosing(3, 12, 0, 2, 40)),
        ("stretch", "both", Dosing(2, None, 30, 3, None)),
    ]
}
PROPERTY_SETTINGS = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])


# --- a tiny TOML writer ------------------------------------------------------------------------

BARE = re.compile(r"[A-Za-z0-9_-]+")


def toml_string(text: str, style: int) -> str:
    """Basic, literal or multi-line basic string (style 0, 1, 2), escaping what TOML requires."""
    if style == 1 and not re.search(r"['\x00-\x08\x0a-\x1f\x7f]", text):
        return f"'{text}'"
    multiline = style == 2
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n" and multiline:
            out.append("\n")
        elif (ord(char) < 0x20 and char != "\t") or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    body = "".join(out)
    return f'"""{body}"""' if multiline else f'"{body}"'


def toml_key(key: str) -> str:
    return key if BARE.fullmatch(key) else toml_string(key, 0)


def toml_value(value: Any, style: int = 0) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value, style)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


class Writer:
    """Writes a document dict as TOML and remembers the line and column of every key it wrote.

    `indent` (blanks only) goes before every key and table header.
    """

    def __init__(self, indent: str = "") -> None:
        self.parts: list[str] = []
        self.line = 1
        self.indent = indent
        self.places: dict[tuple[str | int, ...], tuple[int, int]] = {}

    def emit(self, text: str) -> None:
        self.parts.append(text + "\n")
        self.line += text.count("\n") + 1

    def pairs(self, table: Mapping[str, Any], where: tuple[str | int, ...], style: int) -> None:
        for key, value in table.items():
            self.places[(*where, key)] = (self.line, len(self.indent) + 1)
            self.emit(f"{self.indent}{toml_key(key)} = {toml_value(value, style)}")

    def document(self, doc: Mapping[str, Any], style: int = 0) -> str:
        is_table = {k: isinstance(v, dict) and bool(v) for k, v in doc.items()}
        is_array = {
            k: isinstance(v, list) and bool(v) and all(isinstance(i, dict) for i in v)
            for k, v in doc.items()
        }
        plain = {k: v for k, v in doc.items() if not is_table[k] and not is_array[k]}
        self.pairs(plain, (), style)
        for key, value in doc.items():
            if is_table[key]:
                self.emit(f"{self.indent}[{toml_key(key)}]")
                self.pairs(value, (key,), style)
        for key, value in doc.items():
            if is_array[key]:
                for index, item in enumerate(value):
                    self.emit(f"# entry {index + 1}\n{self.indent}[[{toml_key(key)}]]")
                    self.pairs(item, (key, index), style)
        return "".join(self.parts)


# --- strategies --------------------------------------------------------------------------------

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.integers(min_value=-5, max_value=700),
    st.floats(),
    st.floats(min_value=-5, max_value=700),
    texts,
    st.dates(),
    st.datetimes(timezones=st.sampled_from([None, UTC])),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
    max_leaves=8,
)


def merged(*parts: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.tuples(*parts).map(lambda ds: {k: v for d in ds for k, v in d.items()})


def optional(key: str, strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(st.just({}), strategy.map(lambda v: {key: v}))


seconds = st.one_of(st.integers(0, 600), st.floats(0, 600), st.sampled_from([0.5, 2.5, 30]))
positive_seconds = st.floats(0.5, 600)
valid_entries = st.one_of(
    merged(  # a library exercise, with or without its own dosing
        st.sampled_from(sorted(LIBRARY)).map(lambda ident: {"use": ident}),
        optional("sets", st.integers(1, 20)),
        optional("rest", seconds),
        optional("reps", st.integers(1, 200)),
        optional("sides", st.sampled_from(SIDES)),
        optional("name", texts.filter(str.strip)),
    ),
    merged(  # an inline exercise
        st.sampled_from(["Bridge", "Wall sit"]).map(lambda name: {"name": name}),
        st.one_of(
            st.integers(1, 200).map(lambda reps: {"reps": reps}),
            positive_seconds.map(lambda hold: {"hold": hold}),
        ),
        optional("sets", st.integers(1, 20)),
        optional("seconds_per_rep", st.floats(0.5, 30)),
        optional("instructions", texts),
        optional("cues", st.lists(texts.filter(str.strip), max_size=3)),
        optional("sides", st.sampled_from(SIDES)),
    ),
)
valid_documents = merged(
    st.just({"format": 1}),
    texts.filter(str.strip).map(lambda title: {"title": title}),
    optional("description", texts),
    optional("schedule", st.integers(1, 14).map(lambda n: {"sessions_per_week": n})),
    optional(
        "timing",
        merged(
            *(optional(key, seconds) for key in ("prepare", "switch_sides", "rest_between_sets"))
        ),
    ),
    st.lists(valid_entries, min_size=1, max_size=4).map(lambda entries: {"exercise": entries}),
)


def key_paths(node: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = [where] if where else []
    if isinstance(node, dict):
        for key, value in node.items():
            paths += key_paths(value, (*where, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            paths += key_paths(value, (*where, index))
    return paths


def mutated(doc: dict[str, Any], pick: int, junk: Any, delete: bool) -> dict[str, Any]:
    """`doc` with one value anywhere in it replaced by `junk` (or deleted)."""
    paths = key_paths(doc)
    path = paths[pick % len(paths)]
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = junk
    return doc


routine_documents = st.one_of(
    valid_documents,
    st.builds(mutated, valid_documents, st.integers(0, 10_000), values, st.booleans()),
    st.builds(
        mutated,
        st.builds(mutated, valid_documents, st.integers(0, 10_000), values, st.booleans()),
        st.integers(0, 10_000),
        values,
        st.booleans(),
    ),
)
exercise_entries = st.one_of(
    valid_entries,
    st.builds(
        lambda entry, junk_key, junk: {**entry, junk_key: junk},
        valid_entries,
        st.sampled_from(["use", "name", "sets", "reps", "hold", "sides", "cues", "rest", "x"]),
        values,
    ),
)


def check_outcome(text: str, load: Any) -> Routine | RoutineError:
    """Run `load`; anything but a Routine or a RoutineError fails the test."""
    try:
        routine = load()
    except RoutineError as exc:
        assert exc.problems
        line_count = text.count("\n") + 1
        for problem in exc.problems:
            assert problem.message.strip()
            assert "Traceback" not in problem.message
            assert problem.line is None or 1 <= problem.line <= line_count + 1
            assert problem.column is None or problem.column >= 1
            assert (problem.line is None) == (problem.column is None), "a place has both"
        return exc
    assert isinstance(routine, Routine)
    assert 1 <= len(routine.exercises) <= 100
    for exercise in routine.exercises:
        assert 1 <= exercise.sets <= 20
        assert exercise.reps is None or 1 <= exercise.reps <= 200
        assert 0 <= exercise.hold <= 600 and 0.5 <= exercise.seconds_per_rep <= 30
        assert 0 <= exercise.rest <= 600 and exercise.sides in SIDES
        assert exercise.reps is not None or exercise.hold > 0
        assert exercise.hold == 0 or to_us(exercise.hold) >= 1000, "a hold is 0 or timed"
    assert isinstance(routine.duration_us(), int) and routine.duration_us() >= 0
    return routine


# --- properties --------------------------------------------------------------------------------

fragments = st.sampled_from(
    [
        b"format = 1\n", b'title = "T"\n', b"[[exercise]]\n", b'use = "clam"\n', b"reps = 5\n",
        b"hold = 3\n", b"[timing]\n", b"sets = ", b"\xef\xbb\xbf", b"\r\n", b"\n", b"=", b"[", b"]",
        b'"', b"'''", b'"""', b"#", b"\xff", b"\xc3", b"\xe2\x82\xac", b"nan", b"1e400", b"{",
        b"}", b",", b".", b"\x00", b"\t",
    ]
)  # fmt: skip
byte_documents = st.one_of(st.binary(max_size=200), st.lists(fragments, max_size=30).map(b"".join))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "routine.toml"


@PROPERTY_SETTINGS
@given(data=byte_documents)
def test_any_bytes_give_a_routine_or_a_routine_error(scratch: Path, data: bytes) -> None:
    scratch.write_bytes(data)
    text = data.decode("utf-8", errors="replace")
    check_outcome(text, lambda: load_routine(scratch, library=LIBRARY))


@PROPERTY_SETTINGS
@given(doc=st.dictionaries(texts, values, max_size=6), style=st.integers(0, 2))
def test_any_toml_document_gives_a_routine_or_a_routine_error(
    doc: dict[str, Any], style: int
) -> None:
    text = Writer().document(doc, style)
    outcome = check_outcome(
        text, lambda: load_routine_text(text, source_name="d", base_dir=None, library=LIBRARY)
    )
    if isinstance(outcome, RoutineError):  # the writer writes valid TOML: never a syntax fault
        assert not outcome.problems[0].message.startswith("not valid TOML"), text


@PROPERTY_SETTINGS
@given(doc=routine_documents, style=st.integers(0, 2))
def test_routine_like_documents_give_a_routine_or_a_routine_error(
    doc: dict[str, Any], style: int
) -> None:
    text = Writer().document(doc, style)
    check_outcome(
        text, lambda: load_routine_text(text, source_name="d", base_dir=None, library=LIBRARY)
    )


@PROPERTY_SETTINGS
@given(
    entries=st.lists(exercise_entries, min_size=1, max_size=4),
    target=st.integers(0, 3),
    style=st.integers(0, 2),
    indent=st.sampled_from(["", " ", "\t", "  \t "]),
)
def test_a_bad_value_is_reported_at_the_line_and_column_it_was_written(
    entries: list[dict[str, Any]], target: int, style: int, indent: str
) -> None:
    entries = [dict(entry) for entry in entries]
    target %= len(entries)
    entries[target]["sets"] = 0  # the one fault this test follows
    writer = Writer(indent)
    text = writer.document({"format": 1, "title": "T", "exercise": entries}, style)
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text, source_name="d", base_dir=None, library=LIBRARY)
    sets_faults = [
        p
        for p in caught.value.problems
        if p.path is not None
        and p.path.startswith(f"exercise {target + 1}")
        and p.path.endswith(": sets")
    ]
    assert len(sets_faults) == 1, caught.value.problems
    place = (sets_faults[0].line, sets_faults[0].column)
    assert place == writer.places[("exercise", target, "sets")], text
