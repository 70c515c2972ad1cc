"""packaging/windows/hiprehab.iss, the Inno Setup script, read as Inno Setup reads it: it installs
for the current user only, with no administrator rights, and registers `.hiprehab.toml` routine
files for that user without taking plain `.toml` files from the programs that own them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

from hiprehab import __version__

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "packaging" / "windows" / "hiprehab.iss"
PROG_ID = "io.github.hiprehab.routine"
CLASSES = "Software\\Classes\\"
OPEN_COMMAND = '"{app}\\hiprehab.exe" "%1"'


def defines(text: str) -> dict[str, str]:
    """The preprocessor's `#define Name "value"` lines (the first of each name)."""
    found: dict[str, str] = {}
    for name, value in re.findall(r'^\s*#define (\w+) "([^"]*)"', text, flags=re.MULTILINE):
        found.setdefault(name, value)
    return found


def sections(text: str) -> dict[str, list[str]]:
    """Each [Section]'s lines, with `{#Name}` expanded, comments and preprocessor lines left
    out."""
    names = defines(text)
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = re.sub(r"\{#(\w+)\}", lambda m: names[m.group(1)], raw.strip())
        if not line or line.startswith((";", "#")):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            current = found.setdefault(header.group(1), [])
        elif current is not None:
            current.append(line)
    return found


def parameters(line: str) -> dict[str, str]:
    """`Name: value; Name: "quoted; value"` as Inno Setup splits it ("" is a quote inside)."""
    found: dict[str, str] = {}
    rest = line
    while rest:
        name, _, rest = rest.partition(":")
        rest = rest.lstrip()
        if rest.startswith('"'):
            match = re.match(r'"((?:[^"]|"")*)"', rest)
            assert match, line
            value, rest = match.group(1).replace('""', '"'), rest[match.end() :]
        else:
            value, _, rest = rest.partition(";")
            rest = ";" + rest if rest else ""
        found[name.strip()] = value.strip()
        rest = rest.lstrip()
        assert not rest or rest.startswith(";"), line
        rest = rest[1:].lstrip()
    return found


class Entry(NamedTuple):
    root: str
    subkey: str
    name: str
    data: str
    flags: set[str]


@pytest.fixture(scope="module")
def script() -> dict[str, list[str]]:
    return sections(SCRIPT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def setup(script: dict[str, list[str]]) -> dict[str, str]:
    return dict(line.split("=", 1) for line in script["Setup"])


@pytest.fixture(scope="module")
def registry(script: dict[str, list[str]]) -> list[Entry]:
    entries = []
    for line in script["Registry"]:
        p = parameters(line)
        assert p["ValueType"] == "string", line
        flags = set(p.get("Flags", "").split())
        entries.append(Entry(p["Root"], p["Subkey"], p["ValueName"], p["ValueData"], flags))
    return entries


def value(registry: list[Entry], subkey: str, name: str = "") -> Entry:
    (entry,) = [e for e in registry if e.subkey == CLASSES + subkey and e.name == name]
    return entry


def test_the_parser_reads_inno_setups_quoting() -> None:
    line = 'Root: HKCU; Subkey: "a;b"; ValueData: """x"" ""%1"""; Flags: one two'
    assert parameters(line) == {
        "Root": "HKCU",
        "Subkey": "a;b",
        "ValueData": '"x" "%1"',
        "Flags": "one two",
    }


def test_it_installs_per_user_without_administrator_rights(setup: dict[str, str]) -> None:
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # never asks to become admin
    # %LOCALAPPDATA%\Programs\hiprehab: not %LOCALAPPDATA%\hiprehab, the user's data folder
    assert setup["DefaultDirName"] == "{userpf}\\hiprehab"
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["AppName"] == "hiprehab"
    assert setup["ChangesAssociations"] == "yes"  # Explorer is told the types changed


def test_its_version_is_the_apps(setup: dict[str, str]) -> None:
    assert defines(SCRIPT.read_text(encoding="utf-8"))["AppVersion"] == __version__
    assert setup["AppVersion"] == __version__
    assert setup["OutputBaseFilename"] == f"hiprehab-{__version__}-setup"


def test_it_installs_the_bundle_with_a_start_menu_entry(script: dict[str, list[str]]) -> None:
    (files,) = [parameters(line) for line in script["Files"]]
    assert files["Source"] == "..\\..\\dist\\hiprehab\\*"
    assert files["DestDir"] == "{app}"
    assert {"recursesubdirs", "createallsubdirs"} <= set(files["Flags"].split())
    icons = [parameters(line) for line in script["Icons"]]
    start = [i for i in icons if i["Name"].startswith("{userprograms}\\")]
    assert [i["Filename"] for i in start] == ["{app}\\hiprehab.exe"]


def test_every_registry_entry_is_the_users_own_class(registry: list[Entry]) -> None:
    assert registry
    for entry in registry:
        assert entry.root in ("HKCU", "HKA"), entry  # HKA is HKCU with lowest privileges
        assert entry.subkey.startswith(CLASSES), entry  # never Explorer's UserChoice


def test_routine_files_open_in_hiprehab(registry: list[Entry]) -> None:
    extension = value(registry, ".hiprehab.toml")
    assert extension.data == PROG_ID and "uninsdeletekey" in extension.flags
    mime = value(registry, ".hiprehab.toml", "Content Type")
    assert mime.data == "application/x-hiprehab-routine"
    assert value(registry, ".hiprehab.toml\\OpenWithProgids", PROG_ID).data == ""
    prog_id = value(registry, PROG_ID)
    assert prog_id.data == "{cm:RoutineFile}" and "uninsdeletekey" in prog_id.flags
    assert value(registry, PROG_ID + "\\DefaultIcon").data == "{app}\\hiprehab.exe,0"
    assert value(registry, PROG_ID + "\\shell\\open\\command").data == OPEN_COMMAND


def test_plain_toml_files_are_offered_never_taken(registry: list[Entry]) -> None:
    """hiprehab joins the "Open with" list of .toml files; the .toml key's default (the
    program a double-click uses) is never written, and uninstalling removes only our value."""
    toml = [e for e in registry if e.subkey.startswith(CLASSES + ".toml")]
    assert toml == [value(registry, ".toml\\OpenWithProgids", PROG_ID)]
    (offer,) = toml
    assert offer.flags == {"uninsdeletevalue"}  # not the key: other programs' entries stay
    supported = [e.name for e in registry if e.subkey.endswith("\\SupportedTypes")]
    assert sorted(supported) == [".hiprehab.toml", ".toml"]
    app = value(registry, "Applications\\hiprehab.exe", "FriendlyAppName")
    assert app.data == "hiprehab" and "uninsdeletekey" in app.flags
    assert value(registry, "Applications\\hiprehab.exe\\shell\\open\\command").data == OPEN_COMMAND


def test_the_type_is_named_in_each_language(script: dict[str, list[str]]) -> None:
    languages = [parameters(line)["Name"] for line in script["Languages"]]
    assert languages == ["english", "german"]
    messages = dict(line.split("=", 1) for line in script["CustomMessages"])
    assert messages == {
        "english.RoutineFile": "hiprehab routine",
        "german.RoutineFile": "hiprehab-Programm",
    }
