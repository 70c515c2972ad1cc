"""Where the user's data and settings live. The one module that decides it.

`HIPREHAB_HOME` overrides everything (tests point it at a temporary folder): every folder is then
inside that one. Otherwise platformdirs gives the platform's usual folders, so hiprehab follows
the XDG rules on Linux, AppData on Windows and ~/Library on macOS like other apps do. Data from
the folders older versions used is moved here once at start (`hiprehab.paths_migration`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs, PlatformDirsABC

APP_NAME = "hiprehab"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path  # history database, the user's routines, imported profiles
    config_dir: Path  # settings
    state_dir: Path  # what the app keeps for itself between runs (the log)
    log_dir: Path  # the app's log files
    cache_dir: Path  # anything that can be made again

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def routines_dir(self) -> Path:
        """The user's own routines (files they opened are copied here with their images)."""
        return self.data_dir / "routines"

    @property
    def profiles_dir(self) -> Path:
        """Imported histories of other people, one read-only database each."""
        return self.data_dir / "profiles"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.ini"

    @property
    def log_file(self) -> Path:
        """The current log; older ones are `hiprehab.log.1` and so on beside it."""
        return self.log_dir / "hiprehab.log"

    def ensure(self) -> None:
        """Create the folders; raises OSError naming the folder when that is impossible."""
        for folder in (self.data_dir, self.config_dir, self.routines_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)

    @classmethod
    def in_folder(cls, base: Path) -> AppPaths:
        """Everything inside one folder: the layout `HIPREHAB_HOME` selects."""
        state = base / "state"
        return cls(
            data_dir=base / "data",
            config_dir=base / "config",
            state_dir=state,
            log_dir=state / "log",
            cache_dir=base / "cache",
        )

    @classmethod
    def from_environment(
        cls,
        env: Mapping[str, str] | None = None,
        platform_dirs: type[PlatformDirsABC] | None = None,
    ) -> AppPaths:
        """The folders for this user: `HIPREHAB_HOME` (looked up in `env`, os.environ by
        default) or the platform's usual ones. `platform_dirs` is a platformdirs class (`Unix`,
        `Windows`, `MacOS`; the running system's by default), which reads its own variables
        (XDG_*, APPDATA ...) from os.environ."""
        env = os.environ if env is None else env
        home_override = env.get("HIPREHAB_HOME")
        if home_override:
            return cls.in_folder(Path(home_override).expanduser())
        kind = PlatformDirs if platform_dirs is None else platform_dirs
        # The history is large and SQLite with a write-ahead log must not roam between machines:
        # data, state and cache stay local. Settings follow the user (Windows: AppData\Roaming).
        local = kind(APP_NAME, appauthor=False, roaming=False)
        roaming = kind(APP_NAME, appauthor=False, roaming=True)
        return cls(
            data_dir=local.user_data_path,
            config_dir=roaming.user_config_path,
            state_dir=local.user_state_path,
            log_dir=local.user_log_path,
            cache_dir=local.user_cache_path,
        )
