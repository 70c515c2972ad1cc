"""Where the user's data and settings live. The one module that decides it.

`HIPREHAB_HOME` overrides everything (tests point it at a temporary folder); otherwise the
platform's usual application-data and configuration folders are used.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "hiprehab"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path  # history database, the user's routines, imported profiles
    config_dir: Path  # settings

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
    def log_dir(self) -> Path:
        """The app's log files (kept next to the data until the paths follow platformdirs)."""
        return self.data_dir / "log"

    @property
    def log_file(self) -> Path:
        """The current log; older ones are `hiprehab.log.1` and so on beside it."""
        return self.log_dir / "hiprehab.log"

    def ensure(self) -> None:
        """Create the folders; raises OSError naming the folder when that is impossible."""
        for folder in (self.data_dir, self.config_dir, self.routines_dir):
            folder.mkdir(parents=True, exist_ok=True)

    @classmethod
    def from_environment(
        cls, env: Mapping[str, str] | None = None, platform: str | None = None
    ) -> AppPaths:
        env = os.environ if env is None else env
        platform = sys.platform if platform is None else platform
        home_override = env.get("HIPREHAB_HOME")
        if home_override:
            base = Path(home_override).expanduser()
            return cls(data_dir=base / "data", config_dir=base / "config")
        home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
        if platform.startswith("win"):
            appdata = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
            local = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
            return cls(data_dir=local / APP_NAME, config_dir=appdata / APP_NAME)
        if platform == "darwin":
            support = home / "Library" / "Application Support" / APP_NAME
            return cls(data_dir=support, config_dir=home / "Library" / "Preferences" / APP_NAME)
        data = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share")
        config = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
        return cls(data_dir=data / APP_NAME, config_dir=config / APP_NAME)
