"""The Linux desktop files in packaging/linux: the desktop entry, the AppStream metainfo and the
shared-mime-info definition agree with each other and with the app, and the validators pass."""

from __future__ import annotations

import configparser
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QImageReader

from hiprehab import __version__
from hiprehab.ui.main_window import MIN_SIZE
from tests.packaging.linux_tools import (
    APP_ID,
    DESKTOP,
    METAINFO,
    MIME_TYPE,
    MIME_XML,
    REPO,
    tool,
)

ENTRY = "Desktop Entry"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
RAW = "https://raw.githubusercontent.com/hiprehab/hiprehab/main/"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser[ENTRY]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def texts(root: ET.Element, path: str) -> dict[str, str]:
    """The text of each element at `path` by language ("" for the untranslated one)."""
    return {e.get(LANG, ""): " ".join((e.text or "").split()) for e in root.iterfind(path)}


def test_the_entry_claims_only_routine_files_and_opens_the_one_given() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["MimeType"] == f"{MIME_TYPE};"  # not application/toml: not every TOML file
    assert entry["Exec"] == "hiprehab %f"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "MedicalSoftware" in entry["Categories"]
    assert "exercise" in entry["Keywords"].split(";")


def test_the_entry_speaks_german_too() -> None:
    entry = desktop_entry()
    assert entry["Name"] == "hiprehab"  # a name, the same in every language
    assert entry["GenericName[de]"] == "Hüftübungen"
    assert "Hüftübungen" in entry["Comment[de]"]
    assert "Physiotherapie" in entry["Keywords[de]"].split(";")


def test_the_window_belongs_to_the_entry() -> None:
    """Wayland matches a window to its entry by the desktop file name the app sets, X11 by its
    WM_CLASS, which Qt takes from the application name."""
    app = (REPO / "hiprehab" / "ui" / "app.py").read_text(encoding="utf-8")
    assert f'QGuiApplication.setDesktopFileName("{APP_ID}")' in app
    assert 'QGuiApplication.setApplicationName("hiprehab")' in app
    assert desktop_entry()["StartupWMClass"] == "hiprehab"


def test_desktop_file_validate_passes() -> None:
    validate = tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_old_entry_that_claimed_every_toml_file_is_gone() -> None:
    assert not (REPO / "packaging" / "hiprehab.desktop").exists()
    docs = [REPO / "README.md", REPO / "packaging" / "README.md", *(REPO / "docs").glob("*.md")]
    stale = [str(p.relative_to(REPO)) for p in docs if "hiprehab.desktop" in p.read_text("utf-8")]
    assert stale == []


def test_the_mime_definition_gives_routine_files_their_own_type() -> None:
    root = ET.parse(MIME_XML).getroot()
    (kind,) = root.findall(f"{MIME_NS}mime-type")
    assert kind.get("type") == MIME_TYPE
    assert [e.get("type") for e in kind.iter(f"{MIME_NS}sub-class-of")] == ["application/toml"]
    globs = [(e.get("pattern"), e.get("weight")) for e in kind.iter(f"{MIME_NS}glob")]
    assert globs == [("*.hiprehab.toml", "60")]  # shared-mime-info's *.toml has 50
    comments = texts(kind, f"{MIME_NS}comment")
    assert comments[""] == "hiprehab routine" and comments["de"] == "hiprehab-Übungsprogramm"


def test_the_metainfo_names_the_app_its_entry_and_its_file_type() -> None:
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert [e.text for e in root.iterfind("provides/mediatype")] == [MIME_TYPE]
    assert root.findtext("provides/binary") == "hiprehab"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    assert 'license = "MIT"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert root.findtext("developer/name") == "The hiprehab developers"
    assert root.findtext("url[@type='homepage']") == "https://github.com/hiprehab/hiprehab"


def test_the_metainfo_speaks_german_too() -> None:
    root = metainfo()
    assert set(texts(root, "summary")) == {"", "de"}
    assert texts(root, "name") == {"": "hiprehab"}  # a name, the same in every language
    english = [e for e in root.iterfind("description/*") if LANG not in e.attrib]
    german = [e for e in root.iterfind("description/*") if e.get(LANG) == "de"]
    assert len(german) == len(english) - 1  # every paragraph; the list's items are inside it
    items = root.findall("description/ul/li")
    assert len([i for i in items if i.get(LANG) == "de"]) * 2 == len(items)


def test_the_newest_release_is_this_version() -> None:
    releases = metainfo().findall("releases/release")
    assert releases and releases[0].get("version") == __version__
    dates = [r.get("date", "") for r in releases]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates)
    assert dates == sorted(dates, reverse=True)  # newest first


def test_the_screenshots_are_the_docs_ones_with_captions_in_both_languages() -> None:
    shots = metainfo().findall("screenshots/screenshot")
    assert len(shots) >= 4 and shots[0].get("type") == "default"
    for shot in shots:
        assert set(texts(shot, "caption")) == {"", "de"}
        images = {image.get(LANG, ""): image for image in shot.iterfind("image")}
        assert set(images) == {"", "de"}
        for image in images.values():
            url = image.text or ""
            assert url.startswith(RAW + "docs/screenshots/"), url
            file = REPO / url.removeprefix(RAW)
            assert file.is_file(), url
            size = QImageReader(str(file)).size()
            assert (image.get("width"), image.get("height")) == (
                str(size.width()), str(size.height())
            ), url
        assert Path(images["de"].text or "").stem == Path(images[""].text or "").stem + "-de"


def test_the_metainfo_rates_the_content_and_says_what_the_app_needs() -> None:
    root = metainfo()
    assert root.find("content_rating[@type='oars-1.1']") is not None
    assert sorted(e.text or "" for e in root.iterfind("supports/control")) == [
        "keyboard", "pointing"
    ]
    # the shortest side the main window asks for (it shrinks on a smaller screen)
    length = root.find("requires/display_length")
    assert length is not None and length.get("compare") == "ge"
    assert int(length.text or "") == min(MIN_SIZE.width(), MIN_SIZE.height())


def test_appstreamcli_validate_passes() -> None:
    appstreamcli = tool("appstreamcli", "appstream")
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(METAINFO)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
