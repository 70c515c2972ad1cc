"""docs/routine-format.de.md, the German format page under Help > Routine format, keeps up with the
English one: every key the English tables list, every library exercise (with its German name
where the library has one), examples that `hiprehab check` accepts and the real German output
`hiprehab --lang de check` gives for them, and a place in the wheel."""

from __future__ import annotations

import io
import json
import re
import tomllib
from pathlib import Path

import pytest

from hiprehab import resources
from hiprehab.cli import check as check_cmd
from hiprehab.launch import main
from hiprehab.routine.library import default_library
from tests.routine.picture_bytes import picture_for

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ROOT / "docs" / "routine-format.md"
GERMAN = ROOT / "docs" / "routine-format.de.md"
MISTAKES = "# hip.hiprehab.toml: a routine with mistakes"
TRANSLATION_MISTAKES = "# hip-de.hiprehab.toml: translation tables with mistakes"
TRANSLATED = "[translations."


def table_keys(doc: Path) -> set[str]:
    """The `backticked` words in the first column of every table of `doc`."""
    keys: set[str] = set()
    for line in doc.read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            keys.update(re.findall(r"`([^`]+)`", line.split("|")[1]))
    return keys


def blocks(doc: Path, language: str) -> list[str]:
    """The fenced code blocks of `doc` written in `language` ("" for plain ones)."""
    found: list[str] = []
    current: list[str] | None = None
    keep = False
    for line in doc.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            if current is None:
                current, keep = [], line[3:].strip() == language
            else:
                if keep:
                    found.append("\n".join(current) + "\n")
                current = None
        elif current is not None:
            current.append(line)
    return found


def check(*argv: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = check_cmd.run(list(argv), out=out)
    return status, out.getvalue().splitlines()


def check_in(
    language: str, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, list[str]]:
    """`hiprehab --lang LANGUAGE check ARGV...`, as the page shows it: status and output lines."""
    capsys.readouterr()
    status = main(["--lang", language, "check", *argv])
    return status, capsys.readouterr().out.splitlines()


def block_starting(doc: Path, language: str, start: str) -> str:
    (found,) = [b for b in blocks(doc, language) if b.startswith(start)]
    return found


def translations_example(doc: Path) -> str:
    (example,) = [
        b for b in blocks(doc, "toml") if TRANSLATED in b and not b.startswith(TRANSLATION_MISTAKES)
    ]
    return example


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_german_page_lists_every_key_the_english_one_does() -> None:
    english = table_keys(ENGLISH)
    assert {"format", "[[exercise]]", "sessions_per_week", "seconds_per_rep", "trains"} <= english
    assert {"bird-dog", "[range]", "directions"} <= english  # the library's tables count too
    missing = english - table_keys(GERMAN)
    assert not missing, f"docs/routine-format.de.md lacks {sorted(missing)}"


def test_the_german_page_lists_every_library_exercise_with_its_german_name() -> None:
    text = GERMAN.read_text(encoding="utf-8")
    for ident, exercise in default_library().items():
        row = re.search(rf'^\| `{re.escape(ident)}` \| (.+) \| `"(\w+)"` \|$', text, re.MULTILINE)
        assert row is not None, ident
        assert row[2] == exercise.sides, ident
        data = tomllib.loads((resources.library_dir() / f"{ident}.toml").read_text("utf-8"))
        german = data.get("translations", {}).get("de", {}).get("name")
        if german is not None:  # the library's German texts and this page use one name
            assert row[1] == german, ident


def test_the_german_page_has_every_example_of_the_english_one() -> None:
    for language in ("toml", "", "sh", "json"):
        assert len(blocks(GERMAN, language)) >= len(blocks(ENGLISH, language)), language
    # the files with mistakes are the same files, so their lines and columns are the same too
    for start in (MISTAKES, TRANSLATION_MISTAKES):
        assert block_starting(GERMAN, "toml", start) == block_starting(ENGLISH, "toml", start)
    # the translations example is the English one; only its comments are in German
    assert translations_example(GERMAN).split("#")[0] == translations_example(ENGLISH).split("#")[0]


def test_every_german_routine_example_passes_check(tmp_path: Path) -> None:
    examples = [
        b for b in blocks(GERMAN, "toml") if not b.startswith(MISTAKES) and TRANSLATED not in b
    ]
    assert len(examples) >= 6
    for number, block in enumerate(examples):
        folder = tmp_path / f"example{number}"
        folder.mkdir()
        for picture in re.findall(r'^illustration = "(.+)"$', block, flags=re.MULTILINE):
            (folder / picture).parent.mkdir(parents=True, exist_ok=True)
            (folder / picture).write_bytes(picture_for(picture))
        status, lines = check(write(folder, "routine.toml", block))
        assert status == 0, (block, lines)


def test_the_translations_example_uses_only_the_keys_the_page_allows() -> None:
    example = translations_example(GERMAN)
    data = tomllib.loads(example)
    assert set(data["translations"]["de"]) <= {"title", "description"}
    translated = [e["translations"]["de"] for e in data["exercise"] if "translations" in e]
    assert translated and all(set(t) <= {"name", "instructions", "cues"} for t in translated)
    # the table is written before the first [[exercise]], so it stays a top-level one
    assert example.index("[translations.de]") < example.index("[[exercise]]")


def test_the_translations_example_passes_check(tmp_path: Path) -> None:
    status, lines = check(write(tmp_path, "routine.toml", translations_example(GERMAN)))
    assert status == 0, lines


def test_the_german_page_shows_the_real_german_output_for_a_good_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (worked,) = [b for b in blocks(GERMAN, "toml") if 'title = "Rechenbeispiel"' in b]
    write(tmp_path, "worked-example.hiprehab.toml", worked)
    shown = block_starting(GERMAN, "", "worked-example.hiprehab.toml")
    assert check_in("de", capsys, "worked-example.hiprehab.toml") == (0, [shown.strip()])
    (json_line,) = check_in("de", capsys, "--json", "worked-example.hiprehab.toml")[1]
    (shown_json,) = [line for line in blocks(GERMAN, "json")[0].splitlines() if "Rechen" in line]
    assert json.loads(json_line) == json.loads(shown_json)


def test_the_german_page_shows_the_real_german_output_for_its_files_with_mistakes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, start, output in (
        # its first problem is one with the whole file
        ("hip.hiprehab.toml", MISTAKES, "hip.hiprehab.toml: "),
        ("hip-de.hiprehab.toml", TRANSLATION_MISTAKES, "hip-de.hiprehab.toml:"),
    ):
        write(tmp_path, name, block_starting(GERMAN, "toml", start))
        shown = block_starting(GERMAN, "", output)
        assert check_in("de", capsys, name) == (1, shown.splitlines()), name
    # the lines that show which words stay as written are lines of that same output
    _, lines = check_in("de", capsys, "hip.hiprehab.toml")
    assert set(block_starting(GERMAN, "", "hip.hiprehab.toml:3:1:").splitlines()) <= set(lines)
    # bad.hiprehab.toml in the JSON example has hip.hiprehab.toml's mistake on line 14, and only
    # that one
    (hip_json,) = check_in("de", capsys, "--json", "hip.hiprehab.toml")[1]
    json_lines = blocks(GERMAN, "json")[0].splitlines()
    (shown_bad,) = [line for line in json_lines if '"bad.hiprehab.toml"' in line]
    (problem,) = json.loads(shown_bad)["errors"]
    assert problem["line"] == 14
    assert problem in json.loads(hip_json)["errors"]


@pytest.mark.parametrize(
    ("doc", "language"), [(ENGLISH, "en"), (GERMAN, "de")], ids=["English", "German"]
)
def test_each_page_shows_the_real_output_for_files_that_cannot_be_read(
    doc: Path,
    language: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    broken = 'format = 1\ntitle = "Broken\n'  # the quote is never closed
    write(tmp_path, "hip.hiprehab.toml", broken)
    shown = block_starting(doc, "", "hip.hiprehab.toml:2:16:")
    assert check_in(language, capsys, "hip.hiprehab.toml") == (1, shown.splitlines())
    (tmp_path / "pictures").mkdir()
    latin = b'format = 1\ntitle = "Notes"\n# Caf\xc3\xa9 \xe9\n'
    (tmp_path / "notes.hiprehab.toml").write_bytes(latin)
    (tmp_path / "big.hiprehab.toml").write_bytes(b"# " + b"x" * 5_000_056 + b"\n")
    files = ("old.hiprehab.toml", "", "pictures", "notes.hiprehab.toml", "big.hiprehab.toml")
    shown = block_starting(doc, "", "old.hiprehab.toml:")
    assert check_in(language, capsys, *files) == (1, shown.splitlines())


def test_every_translated_page_goes_into_the_wheel() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    pages = sorted(ENGLISH.parent.glob("routine-format*.md"))
    assert GERMAN in pages
    for page in pages:
        name = f"docs/{page.name}"
        assert included.get(name) == f"hiprehab/{name}", name
