"""How long `hiprehab check` takes on a 5 MB routine-like file, against a small one in the same run.

The size rule refuses files over 1 MiB before reading or parsing them, so the big file must be
answered about as fast as the small one, and in any case in under a second. Run:
    .venv/bin/python benchmarks/check_large_file.py
Exit status 0 when that holds, 1 when it does not; `--jsonl` prints the rows for run.py.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from _rows import Row, median_ms, report

BIG_BYTES = 5 * 1000 * 1000
LIMIT_SECONDS = 1.0
RUNS = 5

HEAD = 'format = 1\ntitle = "Hip strength"\n\n[timing]\nprepare = 5\n'
ENTRY = '\n[[exercise]]\nuse = "clamshell"\nsets = 3\nreps = 15\ncues = ["Slow", "Hips stacked"]\n'


def write_small(path: Path) -> None:
    path.write_text(HEAD + ENTRY, encoding="utf-8")


def write_big(path: Path) -> None:
    """A routine-like file of at least BIG_BYTES (far more than 100 exercises)."""
    copies = BIG_BYTES // len(ENTRY) + 1
    path.write_text(HEAD + ENTRY * copies, encoding="utf-8")


def median_time(path: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    """The median of RUNS calls, in milliseconds, and the last call's result."""
    result: subprocess.CompletedProcess[str] | None = None

    def call() -> None:
        nonlocal result
        result = subprocess.run(
            [sys.executable, "-m", "hiprehab", "check", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )

    ms = median_ms(call, RUNS)
    assert result is not None
    return ms, result


def measure() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        small, big = Path(folder) / "small.toml", Path(folder) / "big.toml"
        write_small(small)
        write_big(big)
        small_ms, small_result = median_time(small)
        big_ms, big_result = median_time(big)
        size = big.stat().st_size
    refused = big_result.returncode == 1 and "too large" in big_result.stdout
    return [
        Row(
            f"`hiprehab check` on a {size / 1e6:.0f} MB file",
            big_ms,
            baseline=small_ms,
            baseline_is="small file",
            target=f"< {LIMIT_SECONDS * 1000:.0f} ms",
            met=big_ms < LIMIT_SECONDS * 1000,
        ),
        Row(
            "big file refused as too large (exit 1), small one accepted: 1 = yes",
            1.0 if refused and small_result.returncode == 0 else 0.0,
            unit="",
            target="= 1",
            met=refused and small_result.returncode == 0,
        ),
    ]


def main() -> int:
    return report("check_large_file", measure())


if __name__ == "__main__":
    sys.exit(main())
