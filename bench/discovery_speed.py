"""Discovery speed: find the relations of a 60-row × 8-column drift table (median of many runs).

    python bench/discovery_speed.py [--runs N] [--seed S]

The table is built the way a hierarchical drift statement is laid out: six nämnder, each a row
followed by its nine verksamheter (the nämnd is their sum), then a grand total, so 6 × 10 + 1 =
61 rows under the header. Its eight value columns are Budget, Prognos, Avvikelse (Prognos −
Budget), Utfall föregående år, Förändring (Prognos − föregående år), Intäkter, Kostnader and
Netto (Intäkter + Kostnader). Amounts are drawn at random in tkr and printed rounded to whole
tkr, so every total is rounding-consistent and the benchmark measures the search, not luck.

It times `rapportkoll.discovery.discover` on the table as the text reader reads it, checks that
every built relation was found (a fast wrong answer is not a result) and exits 1 otherwise.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rapportkoll.discovery import discover
from rapportkoll.numbers import format_number
from rapportkoll.readers import read_report

UNITS, PARTS = 6, 9
COLUMNS = ("Budget 2024", "Prognos 2024", "Avvikelse", "Utfall 2023", "Förändring", "Intäkter", "Kostnader",
           "Netto")


def amounts(rng: random.Random) -> list[float]:
    """One verksamhet's eight values, exact (before printing), with the column relations holding."""
    budget = rng.uniform(-60_000, -2_000)
    forecast = budget * rng.uniform(0.9, 1.1)
    last_year = budget * rng.uniform(0.85, 1.05)
    income = rng.uniform(500, 20_000)
    costs = rng.uniform(-80_000, -3_000)
    return [budget, forecast, forecast - budget, last_year, forecast - last_year, income, costs, income + costs]


def table_text(rng: random.Random) -> str:
    lines = ["Driftredovisning per nämnd", "", "\t".join(("Belopp i tkr",) + COLUMNS)]
    grand = [0.0] * len(COLUMNS)
    for unit in range(1, UNITS + 1):
        parts = [amounts(rng) for _ in range(PARTS)]
        # Sum the printed (rounded) parts: a report's totals add up the figures it shows.
        total = [sum(round(p[k]) for p in parts) for k in range(len(COLUMNS))]
        grand = [g + t for g, t in zip(grand, total)]
        lines.append(_row(f"Nämnd {unit}", total))
        lines.extend(_row(f"Verksamhet {unit}.{n}", p) for n, p in enumerate(parts, 1))
    lines.append(_row("Summa nämnder", grand))
    return "\n".join(lines) + "\n"


def _row(label: str, values: list[float]) -> str:
    return "\t".join([label] + [format_number(v, 0) for v in values])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "drift.txt"
        path.write_text(table_text(random.Random(args.seed)), encoding="utf-8")
        table = read_report(path).tables[0]
    found = discover(table, (table,))  # warm-up
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        discover(table, (table,))
        times.append(time.perf_counter() - started)

    sums = {f.params["total"] for f in found if f.kind == "sum"}
    wanted = {f"Nämnd {u}" for u in range(1, UNITS + 1)} | {"Summa nämnder"}
    derived = {f.params["result"] for f in found if f.kind in ("difference", "equation")}
    ok = wanted <= sums and {"Avvikelse", "Förändring", "Netto"} <= derived
    print(f"table: {len(table.rows)} rows × {len(table.columns)} value columns (+ label)")
    print(f"found: {len(found)} relations — sums of {sorted(sums)}, derived columns {sorted(derived)}")
    print(f"discover(): median {statistics.median(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms over {args.runs} runs (target < 100 ms)")
    if not ok:
        print("MISSING relations: a fast wrong answer is not a result", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
