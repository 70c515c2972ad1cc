"""The macOS app's Info.plist entries: who the app is, and that it opens routine files.

PyInstaller writes `hiprehab.app/Contents/Info.plist` from a few keys of its own, updated with
the dict given as `BUNDLE(info_plist=...)`; `packaging/hiprehab.spec` passes
`bundle_info_plist(ROOT)` there on macOS. Standard library only, so the spec (and the tests, on
any system) can run it without the app installed. It is a file in the `packaging/` folder, not a
package: that folder must never become the importable `packaging`, the name of the PyPI library
pip and PyInstaller use.

What the entries declare:
- the app: its id (the same reverse-DNS id as the Linux desktop entry), name, version, the
  languages it speaks (so macOS shows its own dialogs in German too), a sharp Retina drawing,
  and a normal Dock app (`LSBackgroundOnly` false: PyInstaller sets it true for a console EXE,
  which the spec's EXE is so that `hiprehab check` prints);
- the routine file type, exported as the UTI `io.github.hiprehab.routine`: a kind of plain text
  named `*.hiprehab.toml` (MIME type `application/x-hiprehab-routine`, as on Linux); the app is
  its Owner, as a Viewer (it copies a routine and never writes the file back);
- plain `.toml` files with the rank None: never opened by hiprehab on a double-click (hiprehab
  does not claim every pyproject.toml on the Mac), but taken when dropped on its Dock icon.

The pitfall: Launch Services finds a file's type from its *last* extension only (the file
`knee.hiprehab.toml` has the extension `toml`, as `NSURL.pathExtension` says), so a
`public.filename-extension` of `hiprehab.toml` is not what Finder matches a double-click with.
Other apps with two-part extensions declare them anyway (`tar.gz` beside `tgz`) and also
declare the last extension (`gz`) as a type they open. We declare `hiprehab.toml` (the true
name, and what a lookup by the whole suffix finds), do not claim `toml`, and document what a
user sees: on a Mac where `mdls -name kMDItemContentType knee.hiprehab.toml` does not answer
`io.github.hiprehab.routine`, a double-click opens the `.toml` editor, and the routine is opened
with File > Open, by dropping it on the window or the Dock icon, or with "Open With" > "Other…"
(packaging/README.md, "macOS and Windows: opening routine files").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

APP_ID = "io.github.hiprehab.HipRehab"
APP_NAME = "hiprehab"
ROUTINE_UTI = "io.github.hiprehab.routine"
ROUTINE_EXTENSION = "hiprehab.toml"  # as macOS writes extensions: without the leading dot
ROUTINE_MIME = "application/x-hiprehab-routine"
ICON_FILE = "hiprehab.icns"  # assets/icons/hiprehab.icns, copied into Contents/Resources


def info_plist(version: str, languages: list[str]) -> dict[str, Any]:
    """The Info.plist entries for `BUNDLE(info_plist=...)`, for an app of `version` that speaks
    `languages` (codes such as "en", "de")."""
    return {
        "CFBundleIdentifier": APP_ID,
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "en",
        "CFBundleLocalizations": languages,
        "NSHighResolutionCapable": True,
        "LSBackgroundOnly": False,
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "hiprehab routine",
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [ROUTINE_UTI],
                "CFBundleTypeIconFile": ICON_FILE,
            },
            {
                "CFBundleTypeName": "TOML file",
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "None",
                "CFBundleTypeExtensions": ["toml"],
            },
        ],
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": ROUTINE_UTI,
                "UTTypeDescription": "hiprehab routine",
                "UTTypeConformsTo": ["public.plain-text", "public.data"],
                "UTTypeIconFile": ICON_FILE,
                "UTTypeTagSpecification": {
                    "public.filename-extension": [ROUTINE_EXTENSION],
                    "public.mime-type": [ROUTINE_MIME],
                },
            }
        ],
    }


def source_version(root: Path) -> str:
    """`__version__` of the source tree at `root`, read as the wheel's build reads it."""
    text = (root / "hiprehab" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, flags=re.MULTILINE)
    if match is None:
        raise ValueError(f"no __version__ in {root / 'hiprehab' / '__init__.py'}")
    return match.group(1)


def source_languages(root: Path) -> list[str]:
    """English, and every language with a catalogue in the source tree at `root`."""
    locale = root / "hiprehab" / "locale"
    found = {po.parent.parent.name for po in locale.glob("*/LC_MESSAGES/hiprehab.po")}
    return ["en", *sorted(found - {"en"})]


def bundle_info_plist(root: Path) -> dict[str, Any]:
    """What the spec's macOS branch passes as `BUNDLE(info_plist=...)` (`root`: the source
    tree)."""
    return info_plist(source_version(root), source_languages(root))
