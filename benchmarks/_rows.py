"""The rows every benchmark reports, so one runner can gather them into one table.

A benchmark measures figures (medians of several runs), each optionally against a baseline
measured in the same run and a target. It never raises on a missed target: it reports the
row with `met = False` and lets the caller decide. With `--jsonl` a benchmark prints one JSON
object per row on stdout (read by `benchmarks/run.py`); without, it prints the table itself.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace

JSONL_FLAG = "--jsonl"
MISSED = "MISSED"


@dataclass(frozen=True)
class Row:
    """One measured figure. `met` is None when the figure has no target (shown for context)."""

    figure: str
    value: float
    unit: str = "ms"
    baseline: float | None = None  # same unit, measured in the same run
    baseline_is: str = ""  # what the baseline measures, in a few words
    target: str = ""  # as shown in the table, e.g. "< 300 ms"
    met: bool | None = None
    benchmark: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, line: str) -> Row:
        data = json.loads(line)
        if not isinstance(data, dict):
            raise ValueError(f"not a row: {line!r}")
        return cls(**data)


def median_ms(action: Callable[[], object], runs: int = 5) -> float:
    """The median wall time of `runs` calls of `action`, in milliseconds."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    if not unit and value.is_integer():
        return str(int(value))  # a count or a yes (1) / no (0) check
    text = f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return f"{text} {unit}".rstrip()


def _verdict(met: bool | None) -> str:
    return "-" if met is None else ("yes" if met else MISSED)


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table (it reads well in a terminal and pastes into the README)."""
    header = ("benchmark", "figure", "value", "baseline", "ratio", "target", "met?")
    cells = [
        (
            row.benchmark,
            row.figure,
            _number(row.value, row.unit),
            f"{_number(row.baseline, row.unit)} ({row.baseline_is})"
            if row.baseline is not None and row.baseline_is
            else _number(row.baseline, row.unit),
            "-" if row.ratio is None else f"{row.ratio:.2f}x",
            row.target or "-",
            _verdict(row.met),
        )
        for row in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]

    def line(values: Iterable[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"

    return "\n".join([line(header), line("-" * w for w in widths), *(line(c) for c in cells)])


def report(benchmark: str, rows: Sequence[Row], argv: Sequence[str] | None = None) -> int:
    """Print the rows (JSON lines with `--jsonl`, else a table); 1 if a target was missed."""
    args = sys.argv[1:] if argv is None else argv
    rows = [replace(row, benchmark=benchmark) for row in rows]
    if JSONL_FLAG in args:
        for row in rows:
            print(row.to_json())
    else:
        print(table(rows))
    return 1 if any(row.met is False for row in rows) else 0
