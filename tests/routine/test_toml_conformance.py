"""TOML's own conformance files (../shared/toml-test, see its README) through ONE call of
`hiprehab check --json`: none of them is a routine, so every one must be rejected cleanly.

- invalid/: exit 1 and an error with a line and a column (errors at the end of the document and
  bad UTF-8 included);
- valid/: exit 1 and a clear message of what a routine lacks (never a syntax complaint);
- never a traceback, a hang or a crash.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TOML_TEST = Path(REPO_ROOT).parent / "shared" / "toml-test"

# CI always has ../shared beside the checkout: there a missing suite is a failure, not a skip.
if not (TOML_TEST / "valid").is_dir():
    if os.environ.get("CI"):
        raise RuntimeError(f"TOML conformance files not found in {TOML_TEST}")
    pytestmark = pytest.mark.skip(reason=f"TOML conformance files not found in {TOML_TEST}")

WHAT_A_ROUTINE_LACKS = ('missing key "format"', 'missing key "title"', "no exercises")


def toml_files(kind: str) -> list[str]:
    return sorted(str(p.relative_to(TOML_TEST)) for p in (TOML_TEST / kind).rglob("*.toml"))


@pytest.fixture(scope="module")
def checked() -> tuple[subprocess.CompletedProcess[str], dict[str, dict[str, Any]]]:
    files = toml_files("invalid") + toml_files("valid")
    result = subprocess.run(
        [sys.executable, "-m", "hiprehab", "check", "--json", *files],
        cwd=TOML_TEST,
        capture_output=True,
        text=True,
        timeout=120,
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["file"] for row in rows] == files, "one JSON line per file, in order"
    return result, {row["file"]: row for row in rows}


def test_the_suite_is_there() -> None:
    assert "conformance" in (TOML_TEST / "README.md").read_text(encoding="utf-8")
    assert len(toml_files("invalid")) > 100
    assert len(toml_files("valid")) > 100


def test_every_file_is_rejected_without_a_traceback(
    checked: tuple[subprocess.CompletedProcess[str], dict[str, dict[str, Any]]],
) -> None:
    result, rows = checked
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    accepted = [name for name, row in rows.items() if row["ok"] or not row["errors"]]
    assert accepted == []
    half_placed = [  # FILE:LINE:COLUMN or FILE, never a line without its column
        (name, error)
        for name, row in rows.items()
        for error in row["errors"]
        if (error["line"] is None) != (error["column"] is None)
    ]
    assert half_placed == []


def test_every_invalid_file_has_an_error_with_line_and_column(
    checked: tuple[subprocess.CompletedProcess[str], dict[str, dict[str, Any]]],
) -> None:
    _, rows = checked
    unplaced = [
        name
        for name in toml_files("invalid")
        if not any(
            isinstance(e["line"], int) and e["line"] >= 1 and isinstance(e["column"], int)
            and e["column"] >= 1
            for e in rows[name]["errors"]
        )
    ]  # fmt: skip
    assert unplaced == []


def test_bad_utf8_and_end_of_document_errors_are_placed(
    checked: tuple[subprocess.CompletedProcess[str], dict[str, dict[str, Any]]],
) -> None:
    _, rows = checked
    at_end = rows[str(Path("invalid/encoding/bad-utf8-at-end.toml"))]["errors"][0]
    assert at_end["message"].startswith("not valid UTF-8 text")
    lines = (TOML_TEST / "invalid/encoding/bad-utf8-at-end.toml").read_bytes().count(b"\n")
    assert at_end["line"] >= lines  # the bad byte is on the last line
    for name in toml_files("invalid"):
        text = (TOML_TEST / name).read_bytes()
        error = rows[name]["errors"][0]
        assert error["line"] <= text.count(b"\n") + 1, name


def test_every_valid_file_says_what_a_routine_lacks(
    checked: tuple[subprocess.CompletedProcess[str], dict[str, dict[str, Any]]],
) -> None:
    _, rows = checked
    unclear = []
    for name in toml_files("valid"):
        messages = [e["message"] for e in rows[name]["errors"]]
        if any(m.startswith(("not valid TOML", "not valid UTF-8")) for m in messages):
            unclear.append((name, "called a valid TOML file invalid"))
        elif not any(m.startswith(WHAT_A_ROUTINE_LACKS) for m in messages):
            unclear.append((name, messages))
    assert unclear == []
