"""What `make bundle` leaves out (packaging/bundle_contents.py) and its size check
(packaging/bundle_size.py): the rules, on PyInstaller-style lists, without building.

Building the bundle takes minutes; `packaging/check-bundle` (CI) builds it and runs it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel import localedata
from babel.core import get_global

REPO = Path(__file__).resolve().parent.parent


def _load(name: str) -> ModuleType:
    # by path: the folder is named like the `packaging` distribution, which wins the import
    spec = importlib.util.spec_from_file_location(name, REPO / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


contents = _load("bundle_contents")
bundle_size = _load("bundle_size")
LANGUAGES = ("en", "de")


def _out(step: str, destination: str) -> bool:
    return bool(contents.left_out_by(step, destination, LANGUAGES))


# ----- the rules ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "destination",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",  # Windows' wheels have no Qt/ level
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",  # a folder no rule names
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/translations/qtbase_de.qm",
        "babel/locale-data/root.dat",
        "babel/locale-data/de_CH.dat",
        "babel/locale-data/en_150.dat",
        "babel/global.dat",
    ],
)
def test_what_the_app_uses_stays(destination: str) -> None:
    assert not any(_out(step, destination) for step in contents.STEPS)


@pytest.mark.parametrize(
    ("step", "destination"),
    [
        ("media-backend", "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so"),
        ("media-backend", "PySide6\\plugins\\multimedia\\windowsmediaplugin.dll"),
        ("qt-plugins", "PySide6/Qt/plugins/platforms/libqeglfs.so"),
        ("qt-plugins", "PySide6/Qt/plugins/platforms/libqvnc.so"),
        ("qt-plugins", "PySide6\\plugins\\platforms\\qdirect2d.dll"),
        ("qt-plugins", "PySide6/Qt/plugins/platformthemes/libqgtk3.so"),
        ("qt-plugins", "PySide6/Qt/plugins/imageformats/libqpdf.so"),
        ("qt-plugins", "PySide6/Qt/plugins/imageformats/libqtiff.so"),
        ("qt-plugins", "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so"),
        ("qt-plugins", "PySide6/Qt/plugins/texttospeech/libqtexttospeech_mock.so"),
        ("qt-plugins", "PySide6/Qt/plugins/tls/libqopensslbackend.so"),
        ("qt-plugins", "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so"),
        ("qt-plugins", "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so"),
        ("qt-translations", "PySide6/Qt/translations/qt_de.qm"),
        ("qt-translations", "PySide6/Qt/translations/qtbase_fr.qm"),
        ("qt-translations", "PySide6/Qt/translations/qtmultimedia_de.qm"),
        ("qt-translations", "PySide6/Qt/translations/qtbase_deu.qm"),  # not a region of de
        ("babel-data", "babel/locale-data/fr.dat"),
        ("babel-data", "babel/locale-data/es_419.dat"),
        ("babel-data", "babel/locale-data/dsb.dat"),  # begins with d, is not German
    ],
)
def test_what_the_app_never_uses_goes_in_its_step(step: str, destination: str) -> None:
    assert _out(step, destination)
    assert not any(_out(other, destination) for other in contents.STEPS if other != step)


def test_babel_finds_every_parent_of_the_locales_kept() -> None:
    """babel reads a locale with its parents (de_AT: de, root; en_IN: en_001, en, root): every
    one of them is kept for every locale of ours it has, regions included."""
    exceptions = get_global("parent_exceptions")
    kept = [
        name
        for name in localedata.locale_identifiers()
        if not _out("babel-data", f"babel/locale-data/{name}.dat")
    ]
    assert {"en", "en_US", "en_GB", "en_IN", "de", "de_AT", "de_CH"} <= set(kept)
    for name in kept:
        while name != "root":
            parent = exceptions.get(name) or (name.rpartition("_")[0] or "root")
            assert not _out("babel-data", f"babel/locale-data/{parent}.dat"), (name, parent)
            name = parent


def test_the_languages_shipped_are_english_and_each_catalogue() -> None:
    languages = contents.shipped_languages(REPO)
    assert languages[0] == "en"
    catalogues = {p.parent.parent.name for p in (REPO / "hiprehab" / "locale").glob("*/*/*.po")}
    assert set(languages) == {"en"} | catalogues
    assert "de" in languages


def test_only_the_apps_own_mypyc_helpers_are_bundled() -> None:
    runtime = contents.runtime_requirements()
    assert {"pyside6", "babel", "pyqtgraph", "tomli"} <= {name.lower() for name in runtime}
    assert "mypy" not in runtime and "pytest" not in runtime  # extras are not needed to run
    helpers = contents.mypyc_helpers(runtime)
    assert not set(helpers) & set(contents.mypyc_helpers(["mypy"]))
    assert set(helpers) == set(contents.mypyc_helpers(["tomli"]))


def test_steps_can_be_skipped_by_name() -> None:
    assert contents.chosen_steps({}) == contents.STEPS
    skipped = contents.chosen_steps({"HIPREHAB_BUNDLE_SKIP": "strip, babel-data"})
    assert skipped == tuple(s for s in contents.STEPS if s not in ("strip", "babel-data"))
    assert contents.chosen_steps({"HIPREHAB_BUNDLE_SKIP": "all"}) == ()
    with pytest.raises(SystemExit, match="no step bable"):
        contents.chosen_steps({"HIPREHAB_BUNDLE_SKIP": "bable"})


# ----- libraries left without a user ----------------------------------------------------------
LINKS = {
    "/src/libqffmpeg.so": ["libQt6Quick.so.6", "libavcodec.so.61", "libc.so.6"],
    "/src/libQt6Quick.so.6": ["libQt6Qml.so.6", "libQt6Gui.so.6"],
    "/src/libQt6Qml.so.6": ["libQt6Network.so.6"],
    "/src/QtNetwork.abi3.so": ["libQt6Network.so.6"],
    "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
    "/src/_hashlib.so": ["libcrypto.so.3"],
    "/src/libssl.so.3": ["libcrypto.so.3"],
}


def _entry(destination: str, kind: str = "BINARY") -> tuple[str, str, str]:
    return (destination, f"/src/{destination.rsplit('/', 1)[-1]}", kind)


def test_a_library_only_a_removed_plugin_needed_goes_with_it() -> None:
    plugin = _entry("PySide6/Qt/plugins/multimedia/libqffmpeg.so")
    kept = [
        _entry("PySide6/Qt/lib/libQt6Quick.so.6"),
        _entry("PySide6/Qt/lib/libQt6Qml.so.6"),
        _entry("PySide6/Qt/lib/libavcodec.so.61"),
        _entry("PySide6/Qt/lib/libQt6Gui.so.6"),
        _entry("PySide6/Qt/lib/libQt6Network.so.6"),
        _entry("PySide6/QtGui.abi3.so", "EXTENSION"),
        _entry("PySide6/QtNetwork.abi3.so", "EXTENSION"),
        _entry("libunrelated.so.1"),  # nothing removed links to it: not even looked at
    ]
    stays, orphans = contents.drop_orphans(kept, [plugin], lambda path: LINKS.get(path, []))
    assert {e[0] for e in orphans} == {
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libavcodec.so.61",
    }
    # still linked by bindings that stay
    assert {"PySide6/Qt/lib/libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Network.so.6"} <= {
        e[0] for e in stays
    }
    assert "libunrelated.so.1" in {e[0] for e in stays}


def test_libraries_a_plugin_loads_at_run_time_go_unless_something_links_to_them() -> None:
    kept = [_entry("libssl.so.3"), _entry("libcrypto.so.3"), _entry("_hashlib.so", "EXTENSION")]
    removed = [_entry("PySide6/Qt/plugins/tls/libqopensslbackend.so")]
    loaded = contents._loaded_by(removed)
    stays, orphans = contents.drop_orphans(kept, removed, lambda p: LINKS.get(p, []), loaded)
    assert [e[0] for e in orphans] == ["libssl.so.3"]
    assert "libcrypto.so.3" in {e[0] for e in stays}  # Python's hashlib links to it


def test_leave_out_reports_each_step_and_takes_the_links_away(tmp_path: Path) -> None:
    plugin = tmp_path / "libqvnc.so"
    plugin.write_bytes(b"x" * 1000)
    library = tmp_path / "libQt6Vnc.so.6"
    library.write_bytes(b"v" * 100)
    catalogue = tmp_path / "qt_fr.qm"
    catalogue.write_bytes(b"y" * 10)
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqvnc.so", str(plugin), "BINARY"),
        ("PySide6/Qt/lib/libQt6Vnc.so.6", str(library), "BINARY"),
    ]
    datas = [
        ("PySide6/Qt/translations/qt_fr.qm", str(catalogue), "DATA"),
        # PyInstaller lists its links to libraries with the data files
        ("libQt6Vnc.so.6", "PySide6/Qt/lib/libQt6Vnc.so.6", "SYMLINK"),
    ]
    kept_binaries, kept_datas, report = contents.leave_out(
        binaries, datas, contents.STEPS, LANGUAGES,
        lambda path: ["libQt6Vnc.so.6"] if path == str(plugin) else [],
    )
    assert kept_binaries == [] and kept_datas == []
    assert [(r.step, r.files, r.size) for r in report] == [
        ("media-backend", 0, 0),
        ("qt-plugins", 3, 1100),  # the plug-in, the library only it used, the link to that
        ("qt-translations", 1, 10),
        ("babel-data", 0, 0),
    ]


def test_only_pythons_own_libraries_are_stripped() -> None:
    binaries = [
        _entry("libpython3.11.so.1.0"),
        _entry("python3.11/lib-dynload/_decimal.cpython-311-x86_64-linux-gnu.so", "EXTENSION"),
        _entry("libpython3.12.so"),
        # from wheels: auditwheel's patchelf and strip do not mix (numpy's OpenBLAS breaks)
        _entry("numpy.libs/libscipy_openblas64_-32a4b2a6.so"),
        _entry("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", "EXTENSION"),
        _entry("PySide6/Qt/lib/libQt6Core.so.6"),
        ("libpython3.11.so", "libpython3.11.so.1.0", "SYMLINK"),
    ]
    assert contents.to_strip(binaries) == [
        "libpython3.11.so.1.0",
        "python3.11/lib-dynload/_decimal.cpython-311-x86_64-linux-gnu.so",
        "libpython3.12.so",
    ]


# ----- the size and its budget ----------------------------------------------------------------
def test_the_readme_declares_a_budget_of_200_mb_at_most() -> None:
    assert 0 < bundle_size.budget_mb() <= 200


def test_the_size_counts_files_not_links_and_fails_above_the_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "hiprehab"
    (bundle / "_internal" / "PySide6").mkdir(parents=True)
    (bundle / "_internal" / "PySide6" / "libQt6Core.so.6").write_bytes(b"q" * 1_500_000)
    (bundle / "hiprehab").write_bytes(b"e" * 600_000)
    (bundle / "_internal" / "libQt6Core.so.6").symlink_to("PySide6/libQt6Core.so.6")
    readme = tmp_path / "README.md"
    readme.write_text("# x\n\n**Size budget: 3 MB**\n", encoding="utf-8")
    assert bundle_size.main([str(bundle)], readme) == 0
    shown = capsys.readouterr().out
    assert "2.1 MB in 2 files (budget 3 MB)" in shown
    assert "1.5 MB  _internal/PySide6" in shown
    readme.write_text("**Size budget: 2 MB**\n", encoding="utf-8")
    assert bundle_size.main([str(bundle)], readme) == 1
    assert "over the budget of 2 MB" in capsys.readouterr().err
    readme.write_text("**Size budget: 2 MB**\n**Size budget: 3 MB**\n", encoding="utf-8")
    assert bundle_size.main([str(bundle)], readme) == 2  # one declaration, not two
    assert bundle_size.main([str(tmp_path / "none")], readme) == 2
