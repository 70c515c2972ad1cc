"""Print the bundle's size and fail above the budget packaging/README.md declares.

    python packaging/bundle_size.py [dist/hiprehab]

The size is the sum of the files' own sizes (what a tarball or a package holds; symbolic links
count for nothing), in MB of 1,000,000 bytes. The budget is the README's one line
"Size budget: N MB"; the largest parts are listed so that a grown bundle shows where it grew.
Exit status 0 within the budget, 1 above it, 2 when the bundle or the budget is missing.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
BUDGET_LINE = re.compile(r"^\*\*Size budget: (\d+) MB\*\*", re.MULTILINE)
MB = 1_000_000
SHOWN = 8  # the largest parts listed


def budget_mb(readme: Path = README) -> int:
    """The budget declared in `readme` (one line '**Size budget: N MB**')."""
    found = BUDGET_LINE.findall(readme.read_text(encoding="utf-8"))
    if len(found) != 1:
        raise ValueError(f"{readme} must declare the budget once ('**Size budget: N MB**')")
    return int(found[0])


def file_sizes(folder: Path) -> dict[Path, int]:
    """Every regular file under `folder` with its size; symbolic links are not followed."""
    sizes = {}
    for directory, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(directory, name)
            if not path.is_symlink():
                sizes[path] = path.stat().st_size
    return sizes


def largest_parts(
    folder: Path, sizes: dict[Path, int], count: int = SHOWN
) -> list[tuple[str, int]]:
    """The biggest files and folders two levels down (`_internal/PySide6`), biggest first."""
    parts: dict[str, int] = {}
    for path, size in sizes.items():
        relative = path.relative_to(folder).parts
        key = "/".join(relative[:3] if relative[0] == "_internal" else relative[:2])
        parts[key] = parts.get(key, 0) + size
    return sorted(parts.items(), key=lambda item: -item[1])[:count]


def main(argv: list[str], readme: Path = README) -> int:
    folder = Path(argv[0] if argv else "dist/hiprehab")
    if not folder.is_dir():
        print(f"bundle_size: no bundle at {folder} (run `make bundle`)", file=sys.stderr)
        return 2
    try:
        budget = budget_mb(readme)
    except (OSError, ValueError) as exc:
        print(f"bundle_size: {exc}", file=sys.stderr)
        return 2
    sizes = file_sizes(folder)
    total = sum(sizes.values())
    print(f"bundle {folder}: {total / MB:.1f} MB in {len(sizes)} files (budget {budget} MB)")
    for name, size in largest_parts(folder, sizes):
        print(f"  {size / MB:7.1f} MB  {name}")
    if total > budget * MB:
        print(
            f"bundle_size: {folder} is {total / MB:.1f} MB, over the budget of {budget} MB in "
            f"{readme}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
