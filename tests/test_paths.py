"""The folders for data, settings, state, log and cache: platformdirs' rules for Linux, Windows and
macOS (each rule set run here through its platformdirs class), the HIPREHAB_HOME override, and
the rules older versions used (paths_legacy), which only the migration reads.
"""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import platformdirs.windows
import pytest
from platformdirs import PlatformDirs
from platformdirs.macos import MacOS
from platformdirs.unix import Unix
from platformdirs.windows import Windows

from hiprehab.paths import AppPaths
from hiprehab.paths_legacy import legacy_paths

XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
WINDOWS_FOLDERS = {
    "CSIDL_APPDATA": r"C:\Users\Sam\AppData\Roaming",
    "CSIDL_LOCAL_APPDATA": r"C:\Users\Sam\AppData\Local",
}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user without HIPREHAB_HOME and without XDG variables, whose home is a temporary folder."""
    monkeypatch.delenv("HIPREHAB_HOME", raising=False)
    for name in XDG:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def windows_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    """The known folders a Windows machine would report (platformdirs asks Windows for them)."""
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", WINDOWS_FOLDERS.__getitem__)


def windows(path: Path) -> PureWindowsPath:
    return PureWindowsPath(str(path))


def test_linux_follows_the_xdg_defaults(home: Path) -> None:
    paths = AppPaths.from_environment(platform_dirs=Unix)
    assert paths.data_dir == home / ".local" / "share" / "hiprehab"
    assert paths.config_dir == home / ".config" / "hiprehab"
    assert paths.state_dir == home / ".local" / "state" / "hiprehab"
    assert paths.log_dir == paths.state_dir / "log"
    assert paths.cache_dir == home / ".cache" / "hiprehab"
    assert paths.history_db == paths.data_dir / "history.sqlite3"
    assert paths.settings_file == home / ".config" / "hiprehab" / "settings.ini"


def test_linux_follows_the_xdg_variables(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in XDG:
        monkeypatch.setenv(name, str(home / name.lower()))
    paths = AppPaths.from_environment(platform_dirs=Unix)
    assert paths.data_dir == home / "xdg_data_home" / "hiprehab"
    assert paths.config_dir == home / "xdg_config_home" / "hiprehab"
    assert paths.log_dir == home / "xdg_state_home" / "hiprehab" / "log"
    assert paths.cache_dir == home / "xdg_cache_home" / "hiprehab"


def test_windows_keeps_data_local_and_lets_settings_roam(windows_folders: None, home: Path) -> None:
    paths = AppPaths.from_environment(platform_dirs=Windows)
    local = PureWindowsPath(r"C:\Users\Sam\AppData\Local\hiprehab")
    assert windows(paths.data_dir) == local
    assert windows(paths.history_db) == local / "history.sqlite3"
    assert windows(paths.settings_file) == PureWindowsPath(
        r"C:\Users\Sam\AppData\Roaming\hiprehab\settings.ini"
    )
    assert windows(paths.state_dir) == local
    assert windows(paths.log_dir) == local / "Logs"
    assert windows(paths.cache_dir) == local / "Cache"


def test_macos_keeps_settings_out_of_the_preferences_folder(home: Path) -> None:
    paths = AppPaths.from_environment(platform_dirs=MacOS)
    support = home / "Library" / "Application Support" / "hiprehab"
    assert paths.data_dir == support
    assert paths.settings_file == support / "settings.ini"  # ~/Library/Preferences is for .plist
    assert paths.state_dir == support
    assert paths.log_dir == home / "Library" / "Logs" / "hiprehab"
    assert paths.cache_dir == home / "Library" / "Caches" / "hiprehab"


def test_the_running_system_s_rules_by_default(home: Path) -> None:
    assert AppPaths.from_environment() == AppPaths.from_environment(platform_dirs=PlatformDirs)


@pytest.mark.parametrize("kind", [Unix, Windows, MacOS])
def test_hiprehab_home_puts_everything_in_one_folder(
    kind: type[PlatformDirs], tmp_path: Path, windows_folders: None
) -> None:
    paths = AppPaths.from_environment({"HIPREHAB_HOME": str(tmp_path / "h")}, platform_dirs=kind)
    assert paths == AppPaths.in_folder(tmp_path / "h")
    assert paths.data_dir == tmp_path / "h" / "data"
    assert paths.settings_file == tmp_path / "h" / "config" / "settings.ini"
    assert paths.log_dir == tmp_path / "h" / "state" / "log"
    assert paths.cache_dir == tmp_path / "h" / "cache"


def test_hiprehab_home_is_read_from_the_environment_and_may_start_with_a_tilde(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIPREHAB_HOME", "~/rehab")
    assert AppPaths.from_environment() == AppPaths.in_folder(home / "rehab")


def test_ensure_creates_the_folders_the_app_writes_to(tmp_path: Path) -> None:
    paths = AppPaths.in_folder(tmp_path / "h")
    paths.ensure()
    for folder in (paths.data_dir, paths.config_dir, paths.routines_dir, paths.log_dir):
        assert folder.is_dir()
    assert not paths.cache_dir.exists()  # made by whoever first caches something
    paths.ensure()  # again: nothing to do


def test_legacy_linux_folders_are_today_s(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The old hand-written rules and platformdirs agree on Linux: nothing has to move there."""
    current = AppPaths.from_environment(platform_dirs=Unix)
    assert legacy_paths(current, platform="linux") == current
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "d"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "c"))
    current = AppPaths.from_environment(platform_dirs=Unix)
    assert legacy_paths(current, platform="linux") == current


def test_legacy_windows_folders_are_today_s(windows_folders: None, home: Path) -> None:
    current = AppPaths.from_environment(platform_dirs=Windows)
    env = {"APPDATA": WINDOWS_FOLDERS["CSIDL_APPDATA"]}
    env["LOCALAPPDATA"] = WINDOWS_FOLDERS["CSIDL_LOCAL_APPDATA"]
    legacy = legacy_paths(current, env, platform="win32")
    assert windows(legacy.data_dir) == windows(current.data_dir)
    assert windows(legacy.config_dir) == windows(current.config_dir)


def test_legacy_macos_settings_were_in_the_preferences_folder(home: Path) -> None:
    current = AppPaths.from_environment(platform_dirs=MacOS)
    legacy = legacy_paths(current, platform="darwin")
    assert legacy.data_dir == current.data_dir
    assert legacy.settings_file == home / "Library" / "Preferences" / "hiprehab" / "settings.ini"
    assert legacy.log_dir == current.log_dir  # older versions had no state, log or cache folder


def test_legacy_is_today_s_layout_under_hiprehab_home(tmp_path: Path) -> None:
    env = {"HIPREHAB_HOME": str(tmp_path)}
    current = AppPaths.from_environment(env)
    for platform in ("linux", "win32", "darwin"):
        assert legacy_paths(current, env, platform) == current
