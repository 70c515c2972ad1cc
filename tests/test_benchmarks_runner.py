"""`benchmarks/run.py`: every benchmark runs, one table shows all rows, a miss fails at the end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNNER = REPO / "benchmarks" / "run.py"


def row(figure: str, value: float, met: bool | None, baseline: float | None = None) -> str:
    target = "" if met is None else "< 10 ms"
    return json.dumps(
        {"figure": figure, "value": value, "unit": "ms", "baseline": baseline,
         "target": target, "met": met}  # fmt: skip
    )


def script(folder: Path, name: str, lines: list[str], exit_code: int = 0) -> None:
    body = "".join(f"print({line!r})\n" for line in lines)
    (folder / f"{name}.py").write_text(
        f"import sys\nassert '--jsonl' in sys.argv\n{body}sys.exit({exit_code})\n"
    )


def run(folder: Path, *names: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUNNER), "--dir", str(folder), *names],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_miss_is_marked_every_benchmark_still_runs_and_the_run_fails(tmp_path: Path) -> None:
    script(tmp_path, "a_misses", [row("slow thing", 25.0, False, 5.0)], exit_code=1)
    script(tmp_path, "b_crashes", ["starting"], exit_code=3)
    script(tmp_path, "c_fine", [row("fast thing", 2.0, True, 4.0), row("context", 7.0, None)])
    (tmp_path / "_helper.py").write_text("raise SystemExit('helpers are not benchmarks')\n")
    done = run(tmp_path)
    assert done.returncode == 1, done.stderr
    out = done.stdout
    lines = [line for line in out.splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in lines[0].split("|")[1:-1]]
    assert header == ["benchmark", "figure", "value", "baseline", "ratio", "target", "met?"]
    slow = next(line for line in lines if "slow thing" in line)
    assert "a_misses" in slow and "25.0 ms" in slow and "5.00x" in slow and "MISSED" in slow
    crashed = next(line for line in lines if "b_crashes" in line)
    assert "exited 3" in crashed and "MISSED" in crashed
    fast = next(line for line in lines if "fast thing" in line)
    assert "0.50x" in fast and "yes" in fast
    assert "context" in out and "_helper" not in out
    assert out.rstrip().endswith("MISSED: 2 of 3 targets")


def test_all_met_exits_0_and_names_select_benchmarks(tmp_path: Path) -> None:
    script(tmp_path, "fine", [row("fast thing", 2.0, True)])
    script(tmp_path, "other", [row("slow thing", 25.0, False)], exit_code=1)
    done = run(tmp_path, "fine")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "fast thing" in done.stdout and "slow thing" not in done.stdout
    assert done.stdout.rstrip().endswith("all 1 targets met")


def test_an_unknown_name_or_no_rows_is_reported(tmp_path: Path) -> None:
    script(tmp_path, "silent", [])
    done = run(tmp_path, "nosuch")
    assert done.returncode == 2 and "no benchmark named nosuch" in done.stderr
    done = run(tmp_path)
    assert done.returncode == 1 and "reported no figures" in done.stdout


def test_the_real_benchmarks_are_all_found() -> None:
    names = sorted(p.stem for p in (REPO / "benchmarks").glob("*.py"))
    assert {"history_pane", "check_large_file", "illustration_frames"} <= set(names)
    done = run(REPO / "benchmarks", "nosuch")
    for name in ("history_pane", "check_large_file", "illustration_frames"):
        assert name in done.stderr
    assert "_rows" not in done.stderr and "run," not in done.stderr
