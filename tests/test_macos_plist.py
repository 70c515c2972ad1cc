"""packaging/macos_plist.py: the macOS app's Info.plist says who the app is and that it owns
`*.hiprehab.toml` routine files, and only those (checked as written: plistlib, both ways)."""

from __future__ import annotations

import importlib.util
import plistlib
import re
import runpy
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from hiprehab import __version__

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.hiprehab.HipRehab"  # the id the Linux desktop entry and metainfo use too


def load_module() -> ModuleType:
    """packaging/macos_plist.py, loaded from its file as the spec does (`packaging/` is a folder,
    never the importable `packaging`)."""
    path = ROOT / "packaging" / "macos_plist.py"
    spec = importlib.util.spec_from_file_location("macos_plist", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def plist() -> dict[str, Any]:
    """The entries as macOS reads them: written as an XML plist and read back."""
    entries = load_module().bundle_info_plist(ROOT)
    data = plistlib.dumps(entries)
    assert data.startswith(b"<?xml") and b"<!DOCTYPE plist" in data
    read: dict[str, Any] = plistlib.loads(data)
    assert read == entries
    binary: dict[str, Any] = plistlib.loads(plistlib.dumps(entries, fmt=plistlib.FMT_BINARY))
    assert binary == entries
    return read


def test_the_app_is_named_versioned_and_a_normal_dock_app(plist: dict[str, Any]) -> None:
    assert plist["CFBundleIdentifier"] == APP_ID
    assert plist["CFBundleName"] == plist["CFBundleDisplayName"] == "hiprehab"
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == __version__
    assert plist["NSHighResolutionCapable"] is True
    # PyInstaller makes a console EXE's app background-only (no Dock icon, no menu bar)
    assert plist["LSBackgroundOnly"] is False
    assert plist["CFBundleDevelopmentRegion"] == "en"
    assert plist["CFBundleLocalizations"][0] == "en" and "de" in plist["CFBundleLocalizations"]


def test_the_routine_type_is_exported_as_a_kind_of_text(plist: dict[str, Any]) -> None:
    (routine,) = plist["UTExportedTypeDeclarations"]
    assert routine["UTTypeIdentifier"] == "io.github.hiprehab.routine"
    assert set(routine["UTTypeConformsTo"]) == {"public.plain-text", "public.data"}
    tags = routine["UTTypeTagSpecification"]
    # extensions are written without the leading dot; never the bare "toml" of every TOML file
    assert tags["public.filename-extension"] == ["hiprehab.toml"]
    assert tags["public.mime-type"] == ["application/x-hiprehab-routine"]
    assert routine["UTTypeIconFile"] == "hiprehab.icns"


def test_the_app_owns_routine_files_and_never_opens_other_toml_files(
    plist: dict[str, Any],
) -> None:
    routine, toml = plist["CFBundleDocumentTypes"]
    assert routine["LSItemContentTypes"] == ["io.github.hiprehab.routine"]
    assert routine["LSHandlerRank"] == "Owner"
    assert routine["CFBundleTypeRole"] in ("Viewer", "Editor")
    assert "CFBundleTypeExtensions" not in routine  # the UTI says it
    # a plain .toml: taken when dropped on the Dock icon, never chosen to open one
    assert toml["CFBundleTypeExtensions"] == ["toml"]
    assert toml["LSHandlerRank"] == "None"
    assert "LSItemContentTypes" not in toml


def test_every_document_icon_is_the_bundles_icon(plist: dict[str, Any]) -> None:
    types = plist["CFBundleDocumentTypes"]
    icons = {t["CFBundleTypeIconFile"] for t in types if "CFBundleTypeIconFile" in t}
    assert icons == {"hiprehab.icns"}
    assert (ROOT / "assets" / "icons" / "hiprehab.icns").is_file()  # what BUNDLE(icon=) copies


def test_the_version_is_read_as_the_build_reads_it(tmp_path: Path) -> None:
    module = load_module()
    assert module.source_version(ROOT) == __version__
    (tmp_path / "hiprehab").mkdir()
    (tmp_path / "hiprehab" / "__init__.py").write_text('"""x"""\n', encoding="utf-8")
    with pytest.raises(ValueError, match="no __version__"):
        module.source_version(tmp_path)


def test_every_catalogue_is_a_language_of_the_app() -> None:
    languages = load_module().source_languages(ROOT)
    found = ROOT.glob("hiprehab/locale/*/LC_MESSAGES/hiprehab.po")
    catalogues = sorted(p.parent.parent.name for p in found)
    assert languages == ["en", *catalogues]


def test_the_mime_type_is_the_one_the_linux_definition_names() -> None:
    """Where the shared-mime-info definition exists on this branch, both name one type."""
    linux = ROOT / "packaging" / "linux" / "io.github.hiprehab.HipRehab.xml"
    if not linux.is_file():
        pytest.skip("no packaging/linux MIME definition on this branch")
    types = re.findall(r'<mime-type type="([^"]+)"', linux.read_text(encoding="utf-8"))
    assert load_module().ROUTINE_MIME in types


def test_the_specs_line_gets_the_same_entries() -> None:
    """The spec's macOS branch runs the file (no import path to set up) and calls the function:
    `runpy.run_path(str(ROOT / "packaging" / "macos_plist.py"))["bundle_info_plist"](ROOT)`."""
    found = runpy.run_path(str(ROOT / "packaging" / "macos_plist.py"))["bundle_info_plist"](ROOT)
    assert found == load_module().bundle_info_plist(ROOT)
