"""Run every benchmark, print one table of all their figures, and fail if any target was missed.

    .venv/bin/python benchmarks/run.py                # every benchmarks/*.py (`make benchmarks`)
    .venv/bin/python benchmarks/run.py history_pane   # only the ones named

Each benchmark runs in a process of its own (offscreen Qt unless QT_QPA_PLATFORM is set) with
`--jsonl` and prints its rows as JSON lines; a missed target is a row, not an exception, so one
miss never hides the other figures. A benchmark that crashes or prints no rows becomes a missed
row naming the fault. The exit status is 1 when anything was missed, after the whole table.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from _rows import JSONL_FLAG, MISSED, Row, table

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TIMEOUT_SECONDS = 1800


def discover(folder: Path = HERE) -> list[Path]:
    """The benchmark scripts: every `*.py` here but this runner and the `_` helpers."""
    own = Path(__file__).resolve()
    return sorted(
        p for p in folder.glob("*.py") if p.resolve() != own and not p.name.startswith("_")
    )


def failed_row(name: str, fault: str) -> Row:
    return Row(f"did not finish: {fault}", 0.0, unit="", target="finishes", met=False,
               benchmark=name)  # fmt: skip


def run_one(script: Path, python: str = sys.executable) -> list[Row]:
    """The rows one benchmark script reports; a crash, timeout or bad output is a missed row."""
    name = script.stem
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    try:
        done = subprocess.run(
            [python, str(script), JSONL_FLAG],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [failed_row(name, f"{script} ran longer than {TIMEOUT_SECONDS} s")]
    rows: list[Row] = []
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            try:
                found = Row.from_json(line)
                rows.append(replace(found, benchmark=found.benchmark or name))
            except (ValueError, TypeError) as exc:
                return [failed_row(name, f"{script} printed a bad row ({exc})")]
    missed = any(row.met is False for row in rows)
    if done.returncode != 0 and not missed:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        rows.append(failed_row(name, f"{script} exited {done.returncode}: {last}"))
    elif not rows:
        rows.append(failed_row(name, f"{script} reported no figures"))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--dir", type=Path, default=HERE, help="where the benchmarks are")
    args = parser.parse_args(argv)
    scripts = discover(args.dir)
    known = {s.stem: s for s in scripts}
    unknown = [n for n in args.names if n not in known]
    if unknown:
        print(f"run.py: no benchmark named {', '.join(unknown)} (known: {', '.join(known)})",
              file=sys.stderr)  # fmt: skip
        return 2
    chosen = [known[n] for n in args.names] if args.names else scripts
    rows: list[Row] = []
    for script in chosen:
        print(f"running {script.name} ...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        found = run_one(script)
        rows.extend(found)
        misses = sum(1 for row in found if row.met is False)
        print(f"  {len(found)} figures, {misses} missed, {time.perf_counter() - began:.0f} s",
              file=sys.stderr, flush=True)  # fmt: skip
    print(table(rows))
    missed = [row for row in rows if row.met is False]
    if missed:
        print(f"\n{MISSED}: {len(missed)} of {sum(r.met is not None for r in rows)} targets")
        return 1
    print(f"\nall {sum(r.met is not None for r in rows)} targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
