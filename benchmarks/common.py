"""Shared pieces: a measured value with its target, medians, and the report table."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """One result. `target` is None for informational rows (no BENCH line)."""

    name: str
    value: float
    unit: str
    target: float | None = None
    note: str = ""
    bench: bool = False  # an informational row that still gets a BENCH line (no verdict)

    @property
    def passed(self) -> bool:
        return self.target is None or self.value <= self.target

    def bench_line(self) -> str:
        if self.target is None:
            return f"BENCH {self.name} {_number(self.value)} {self.unit} target - INFO"
        verdict = "PASS" if self.passed else "FAIL"
        return (
            f"BENCH {self.name} {_number(self.value)} {self.unit} target {self.target:g} {verdict}"
        )


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def _number(value: float) -> str:
    return f"{value:.4f}" if value < 10 else f"{value:.1f}"


def table(measures: Sequence[Measure]) -> str:
    """A plain-text table: name, value, unit, target, result, note."""
    header = ("measure", "value", "unit", "target", "result", "note")
    rows = [
        (
            m.name,
            _number(m.value),
            m.unit,
            f"<= {m.target:g}" if m.target is not None else "-",
            ("PASS" if m.passed else "FAIL") if m.target is not None else "info",
            m.note,
        )
        for m in measures
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header) - 1)]
    lines = []
    for r in (header, *rows):
        cells = [r[i].ljust(widths[i]) for i in range(len(widths))]
        lines.append("  ".join(cells) + "  " + r[-1])
    lines.insert(1, "-" * max(len(line) for line in lines))
    return "\n".join(line.rstrip() for line in lines)
