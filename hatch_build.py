"""Compile the translation catalogues (.po -> .mo) whenever the package is built or installed.

The .mo files are build products, not kept in git; hatchling runs this hook for wheels and for
editable installs alike, so `pip install -e .` in a fresh clone has German at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        for po in sorted(Path(self.root, "hiprehab", "locale").glob("*/LC_MESSAGES/*.po")):
            language = po.parent.parent.name
            with po.open("rb") as source:
                catalog = read_po(source, locale=language)
            with po.with_suffix(".mo").open("wb") as target:
                write_mo(target, catalog)
