"""What the PyInstaller bundle leaves out, step by step (used by packaging/hiprehab.spec).

PyInstaller collects every Qt plug-in of each Qt module the app imports, every translation of
Qt, every locale of babel and every library those pull in: some 350 MB. Each step below leaves
out one kind of thing the app never uses; the spec applies them in order and prints what each
one removed. `HIPREHAB_BUNDLE_SKIP=step,step` builds without the named steps: to measure one
(packaging/README.md has the table) or to find which one broke something.

A file left out may have been the only user of a library PyInstaller collected for it (the
multimedia back end is the only user of Qt Quick): after each step such orphans go too
(`drop_orphans`). A library any kept file still links to stays.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# (destination in the bundle, source file, PyInstaller's type code)
Entry = tuple[str, str, str]
ImportsOf = Callable[[str], Iterable[str]]  # a binary -> the file names of the libraries it links

STEPS = (
    "dev-tools",  # only the mypyc helpers of the app's own requirements (not mypy's, 37 MB)
    "python-modules",  # Qt bindings and standard modules nothing imports at run time
    "media-backend",  # Qt Multimedia's FFmpeg back end and Qt Quick, which only it needs
    "qt-plugins",  # the plug-ins of other platforms, image formats, networks and input devices
    "qt-translations",  # Qt's own catalogue (qtbase) in the languages we ship, no other
    "babel-data",  # babel's locale data for the languages we ship, with their regions
    "strip",  # the debug symbols of Python's own libraries (Linux; pyenv's keep them)
)

# Modules left out by "python-modules". pyqtgraph tries QtTest and does without it (it needs
# QtOpenGL and QtOpenGLWidgets: the spec names them); nothing imports the next three; readline is
# for interactive prompts; urllib and asyncio only try ssl. _hashlib is hashlib's OpenSSL half:
# the app hashes with sha256, which Python builds in (hashlib.algorithms_guaranteed), so the
# bundle needs no OpenSSL (5 MB) at all.
UNUSED_MODULES = (
    "PySide6.QtTest",
    "PySide6.QtDBus",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtConcurrent",
    "readline",
    "ssl",
    "_hashlib",
)

# Qt plug-in folders the "media-backend" step leaves out. The app plays its cues with
# QSoundEffect and lists outputs with QMediaDevices: Qt Multimedia does both itself (PulseAudio
# or PipeWire; WASAPI; Core Audio) without a media back end, which is only for QMediaPlayer,
# recording and video. Without it Qt logs once "No QtMultimedia backends found".
MEDIA_PLUGIN_GROUPS = frozenset({"multimedia"})

# The "qt-plugins" step: folders left out whole, and folders of which only some plug-ins stay
# (named without "lib" and the extension). Folders named in neither are kept whole (Windows'
# styles, Wayland's and xcb's integrations).
DROPPED_PLUGIN_GROUPS = frozenset(
    {
        "egldeviceintegrations",  # the eglfs platform only
        "generic",  # evdev and tuio input, for eglfs and linuxfb
        "networkinformation",  # QNetworkInformation: unused
        "tls",  # QtNetwork carries only the single-instance local socket: no TLS
        "sqldrivers",  # QtSql is not used (history uses Python's sqlite3)
        "printsupport",
        "qmltooling",
    }
)
KEPT_PLUGINS = {
    # xcb and Wayland on Linux, offscreen for headless runs, the native one elsewhere
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"}),
    # the portal reads the desktop's colour scheme over D-Bus; GTK's theme would load the
    # system's GTK against the bundle's own glib, cairo and pango
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # PNG is built into QtGui; routine pictures are .svg, .png or .jpg
    "imageformats": frozenset({"qjpeg", "qsvg"}),
    "iconengines": frozenset({"qsvgicon"}),  # the window icon is an SVG
    # dead keys and input methods for typing; the virtual keyboard needs Qt Quick
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    # the system's speech engines; "mock" is Qt's silent test engine, flite is not used
    "texttospeech": frozenset(
        {
            "qtexttospeech_speechd",
            "qtexttospeech_sapi",
            "qtexttospeech_winrt",
            "qtexttospeech_darwin",
        }
    ),
}
# The "strip" step: Python's own libraries, as PyInstaller lays them out on Linux. A Python built
# from source (pyenv, CI images) keeps its debug symbols: libpython shrinks from 23 to 6 MB.
# Libraries from wheels are left as their builders made them: auditwheel rewrote their headers
# (patchelf), and strip then writes numpy's OpenBLAS so that it no longer loads ("ELF load
# command address/offset not page-aligned").
_PYTHONS_OWN = re.compile(r"^(libpython3[\d.]*\.so[\d.]*|python3\.\d+/lib-dynload/[^/]+\.so)$")
STRIP_COMMAND = ("strip", "--strip-debug")  # the symbol table stays: tracebacks in gdb keep names


def to_strip(binaries: Iterable[Entry]) -> list[str]:
    """The destinations of Python's own libraries (libpython, lib-dynload) among `binaries`."""
    return [e[0] for e in binaries if e[2] != "SYMLINK" and _PYTHONS_OWN.match(e[0])]


# the steps that filter PyInstaller's lists (the spec does the others: its excludes, strip)
FILTER_STEPS = ("media-backend", "qt-plugins", "qt-translations", "babel-data")
# Libraries a plug-in folder loads at run time without linking to them: PyInstaller's QtNetwork
# hook collects OpenSSL for the "tls" plug-ins. They go with the folder unless a kept binary
# links to them (Python's hashlib keeps libcrypto).
LOADED_BY_PLUGINS = {"tls": re.compile(r"^lib(ssl|crypto)\b", re.IGNORECASE)}
QT_CATALOGUE = "qtbase"  # the one hiprehab.ui.language installs

_PLUGIN = re.compile(r"(?:^|/)PySide6/(?:Qt/)?plugins/([^/]+)/([^/]+)$")
_TRANSLATION = re.compile(r"(?:^|/)PySide6/(?:Qt/)?translations/([^/]+)\.qm$")
_BABEL_LOCALE = re.compile(r"(?:^|/)babel/locale-data/([^/]+)\.dat$")
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


# ----- which steps, which languages -----------------------------------------------------------
def chosen_steps(environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """Every step but those named in HIPREHAB_BUNDLE_SKIP (comma-separated; 'all' for none)."""
    skip = {name.strip() for name in environ.get("HIPREHAB_BUNDLE_SKIP", "").split(",")}
    skip.discard("")
    if "all" in skip:
        return ()
    unknown = skip - set(STEPS)
    if unknown:
        raise SystemExit(
            f"HIPREHAB_BUNDLE_SKIP: no step {', '.join(sorted(unknown))} "
            f"(the steps: {', '.join(STEPS)})"
        )
    return tuple(step for step in STEPS if step not in skip)


def shipped_languages(root: Path) -> tuple[str, ...]:
    """English (the source language) and every language with a catalogue in hiprehab/locale."""
    found = {
        po.parent.parent.name for po in (root / "hiprehab" / "locale").glob("*/LC_MESSAGES/*.po")
    }
    return ("en", *sorted(found - {"en"}))


def runtime_requirements(distribution: str = "hiprehab") -> list[str]:
    """The names of the distributions `distribution` needs to run (no extras)."""
    names = []
    for requirement in importlib.metadata.requires(distribution) or []:
        marker = requirement.partition(";")[2]
        if "extra" in marker:
            continue
        match = _REQUIREMENT_NAME.match(requirement)
        if match:
            names.append(match.group(1))
    return sorted(set(names))


def mypyc_helpers(distributions: Sequence[str]) -> list[str]:
    """The top-level mypyc helper modules ('<hash>__mypyc') shipped by `distributions`.

    mypyc-compiled packages (tomli) import them under a generated name PyInstaller cannot see.
    """
    helpers = set()
    for name in distributions:
        try:
            files = importlib.metadata.files(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for file in files:
            path = PurePosixPath(str(file))
            if len(path.parts) == 1 and "__mypyc." in path.name:
                helpers.add(path.name.split(".")[0])
    return sorted(helpers)


# ----- what each step leaves out --------------------------------------------------------------
def _stem(file_name: str) -> str:
    """'libqxcb.so' -> 'qxcb', 'qwindows.dll' -> 'qwindows'."""
    stem = file_name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def left_out_by(step: str, destination: str, languages: Sequence[str]) -> bool:
    """Whether `step` leaves the file at `destination` (inside the bundle) out."""
    path = destination.replace("\\", "/")
    plugin = _PLUGIN.search(path)
    if step == "media-backend":
        return plugin is not None and plugin.group(1) in MEDIA_PLUGIN_GROUPS
    if step == "qt-plugins":
        if plugin is None:
            return False
        group, name = plugin.groups()
        if group in DROPPED_PLUGIN_GROUPS:
            return True
        kept = KEPT_PLUGINS.get(group)
        return kept is not None and _stem(name) not in kept
    if step == "qt-translations":
        translation = _TRANSLATION.search(path)
        if translation is None:
            return False
        wanted = (f"{QT_CATALOGUE}_{code}" for code in languages)
        name = translation.group(1)
        return not any(name == w or name.startswith(w + "_") for w in wanted)
    if step == "babel-data":
        locale = _BABEL_LOCALE.search(path)
        if locale is None:
            return False
        name = locale.group(1)
        return name != "root" and name.split("_")[0] not in languages
    return False


def drop_orphans(
    kept: list[Entry],
    removed: list[Entry],
    imports_of: ImportsOf,
    loaded: re.Pattern[str] | None = None,
) -> tuple[list[Entry], list[Entry]]:
    """(kept, orphans): the libraries only the removed binaries needed leave `kept`.

    Only a library some removed binary links to (directly or through others), or whose name
    `loaded` matches (one they load at run time), can be an orphan, and only if no binary that
    stays links to it. (`links_to_gone` takes the symbolic links to them away.)
    """
    by_name: dict[str, list[Entry]] = {}
    for entry in kept:
        if entry[2] != "SYMLINK":
            by_name.setdefault(_key(entry[0]), []).append(entry)

    def closure(roots: Iterable[Entry]) -> set[str]:
        seen: set[str] = set()
        todo = [e for e in roots if e[2] != "SYMLINK"]
        while todo:
            entry = todo.pop()
            for library in imports_of(entry[1]):
                name = _key(library)
                if name in seen or name not in by_name:
                    continue
                seen.add(name)
                todo.extend(by_name[name])
        return seen

    candidates = closure(removed)
    if loaded is not None:
        named = {name for name in by_name if loaded.match(name)}
        candidates |= named | closure(e for name in named for e in by_name[name])
    if not candidates:
        return kept, []
    roots = [e for e in kept if e[2] != "SYMLINK" and _key(e[0]) not in candidates]
    orphans = candidates - closure(roots)
    gone = {e[0] for name in orphans for e in by_name[name]}
    return [e for e in kept if e[0] not in gone], [e for e in kept if e[0] in gone]


def links_to_gone(entries: Iterable[Entry], gone: Iterable[Entry]) -> list[Entry]:
    """The symbolic links among `entries` to a file in `gone` (PyInstaller links each library
    kept in a folder from the top level, and lists the links with the data files)."""
    targets = {e[0].replace("\\", "/") for e in gone}
    return [e for e in entries if e[2] == "SYMLINK" and e[1].replace("\\", "/") in targets]


def _key(file_name: str) -> str:
    name = PurePosixPath(file_name.replace("\\", "/")).name
    return name.lower() if os.name == "nt" else name


def _loaded_by(removed: Iterable[Entry]) -> re.Pattern[str] | None:
    """One pattern for the libraries the removed plug-in folders load at run time."""
    groups = {m.group(1) for e in removed if (m := _PLUGIN.search(e[0].replace("\\", "/")))}
    patterns = [LOADED_BY_PLUGINS[g].pattern for g in sorted(groups) if g in LOADED_BY_PLUGINS]
    return re.compile("|".join(patterns), re.IGNORECASE) if patterns else None


@dataclass(frozen=True)
class Removed:
    step: str
    files: int
    size: int  # bytes, of the source files (before stripping)


def leave_out(
    binaries: list[Entry],
    datas: list[Entry],
    steps: Sequence[str],
    languages: Sequence[str],
    imports_of: ImportsOf,
) -> tuple[list[Entry], list[Entry], list[Removed]]:
    """`binaries` and `datas` without what `steps` leave out, and what each step removed."""
    report = []
    for step in (s for s in steps if s in FILTER_STEPS):
        removed_binaries = [e for e in binaries if left_out_by(step, e[0], languages)]
        removed_datas = [e for e in datas if left_out_by(step, e[0], languages)]
        binaries = [e for e in binaries if not left_out_by(step, e[0], languages)]
        datas = [e for e in datas if not left_out_by(step, e[0], languages)]
        binaries, orphans = drop_orphans(
            binaries, removed_binaries, imports_of, _loaded_by(removed_binaries)
        )
        links = links_to_gone(binaries + datas, removed_binaries + orphans)
        binaries = [e for e in binaries if e not in links]
        datas = [e for e in datas if e not in links]
        gone = removed_binaries + removed_datas + orphans + links
        size = sum(
            os.path.getsize(e[1]) for e in gone if e[2] != "SYMLINK" and os.path.isfile(e[1])
        )
        report.append(Removed(step, len(gone), size))
    return binaries, datas, report
