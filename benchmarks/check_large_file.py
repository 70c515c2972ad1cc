"""How long `hiprehab check` takes on a 5 MB routine-like file, against a small one in the same run.

The size rule refuses files over 1 MiB before reading or parsing them, so the big file must be
answered about as fast as the small one, and in any case in under a second. Run:
    .venv/bin/python benchmarks/check_large_file.py
Exit status 0 when that holds, 1 when it does not.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def best_time(path: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    """The fastest of RUNS calls (the least disturbed by other work on the machine)."""
    best = float("inf")
    result = None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "hiprehab", "check", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        small, big = Path(folder) / "small.toml", Path(folder) / "big.toml"
        write_small(small)
        write_big(big)
        small_s, small_result = best_time(small)
        big_s, big_result = best_time(big)
        print(f"small file: {small.stat().st_size:>9,} bytes  {small_s * 1000:7.1f} ms")
        print(f"  -> exit {small_result.returncode}: {small_result.stdout.strip()}")
        print(f"big file:   {big.stat().st_size:>9,} bytes  {big_s * 1000:7.1f} ms")
        print(f"  -> exit {big_result.returncode}: {big_result.stdout.strip()}")
        print(f"ratio big/small: {big_s / small_s:.2f} (best of {RUNS} runs each)")
        refused = big_result.returncode == 1 and "too large" in big_result.stdout
        if not refused or big_s >= LIMIT_SECONDS or small_result.returncode != 0:
            print(f"FAIL: the big file must be refused in under {LIMIT_SECONDS} s")
            return 1
        print("ok")
        return 0


if __name__ == "__main__":
    sys.exit(main())
