"""Where hiprehab 0.x kept the data and settings, so `paths_migration` can find them. Nothing else
uses these rules: new data always goes to `AppPaths.from_environment()`.

The rules are the old ones verbatim (hand-written per OS). They differ from the platformdirs
folders on macOS, where settings went to ~/Library/Preferences (a folder for .plist files).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from hiprehab.paths import APP_NAME, AppPaths


def legacy_paths(
    current: AppPaths, env: Mapping[str, str] | None = None, platform: str | None = None
) -> AppPaths:
    """`current` with the data and config folders older versions used on `platform` (the running
    system by default). With `HIPREHAB_HOME` set the layout never changed: `current` itself."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if env.get("HIPREHAB_HOME"):
        return current
    home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
    if platform.startswith("win"):
        appdata = Path(env.get("APPDATA") or home / "AppData" / "Roaming")  # i18n: ignore
        local = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")  # i18n: ignore
        data, config = local / APP_NAME, appdata / APP_NAME
    elif platform == "darwin":
        data = home / "Library" / "Application Support" / APP_NAME  # i18n: ignore
        config = home / "Library" / "Preferences" / APP_NAME  # i18n: ignore
    else:
        data = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / APP_NAME
        config = Path(env.get("XDG_CONFIG_HOME") or home / ".config") / APP_NAME
    return replace(current, data_dir=data, config_dir=config)
