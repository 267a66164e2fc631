"""Discovery speed: find the relations of drift tables from 61 × 8 up to 10⁵ rows and 200 columns.

    python bench/discovery_speed.py [--shape 61x8|20x200|2000x50|10000x8|100000x8 ...] [--runs N] [--seed S]

The table is built the way a hierarchical drift statement is laid out: nämnder, each a row
followed by its nine verksamheter (the nämnd is their sum), then a grand total (61 × 8: six
nämnder, 6 × 10 + 1 rows). Its value columns repeat a group of eight: Budget, Prognos, Avvikelse
(Prognos − Budget), Utfall föregående år, Förändring (Prognos − föregående år), Intäkter,
Kostnader and Netto (Intäkter + Kostnader), numbered after the first group and cut to the width
asked for (a cut group keeps its leading columns, which need no others). Amounts are drawn at
random in whole tkr and derived from one another as printed, so every relation holds exactly (the
table checks clean: `--write DIR` keeps it for timing `rapportkoll check`) and the benchmark
measures the search, not luck.

It times `rapportkoll.discovery.discover` on the table as the text reader reads it, checks that
every built relation was found (a fast wrong answer is not a result) and exits 1 otherwise. The
grand total is asked for only where it has at most 40 nämnder (discovery's widest block).
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
from rapportkoll.bounds import Limits, using
from rapportkoll.readers import read_report

PARTS = 9
GROUP = ("Budget 2024", "Prognos 2024", "Avvikelse", "Utfall 2023", "Förändring", "Intäkter", "Kostnader",
         "Netto")
DERIVED = {"Avvikelse", "Förändring", "Netto"}
SHAPES = {"61x8": (6, 8), "20x200": (2, 200), "2000x50": (200, 50), "10000x8": (1000, 8), "100000x8": (10000, 8)}


def columns(width: int) -> list[str]:
    """``width`` column names: the group of eight, then numbered copies ('Budget 2024 (2)')."""
    names = [name if k == 0 else f"{name} ({k + 1})" for k in range(-(-width // len(GROUP))) for name in GROUP]
    return names[:width]


def amounts(rng: random.Random, width: int) -> list[float]:
    """One verksamhet's values in whole tkr, with the column relations holding."""
    values = []
    while len(values) < width:
        values += _group(rng)
    return values[:width]


def _group(rng: random.Random) -> list[float]:
    budget = round(rng.uniform(-60_000, -2_000))
    forecast = round(budget * rng.uniform(0.9, 1.1))
    last_year = round(budget * rng.uniform(0.85, 1.05))
    income = round(rng.uniform(500, 20_000))
    costs = round(rng.uniform(-80_000, -3_000))
    return [budget, forecast, forecast - budget, last_year, forecast - last_year, income, costs, income + costs]


def table_text(rng: random.Random, units: int, width: int) -> str:
    lines = ["Driftredovisning per nämnd", "", "\t".join(["Belopp i tkr"] + columns(width))]
    grand = [0.0] * width
    for unit in range(1, units + 1):
        parts = [amounts(rng, width) for _ in range(PARTS)]
        # Sum the printed (rounded) parts: a report's totals add up the figures it shows.
        total = [sum(round(p[k]) for p in parts) for k in range(width)]
        grand = [g + t for g, t in zip(grand, total)]
        lines.append(_row(f"Nämnd {unit}", total))
        lines.extend(_row(f"Verksamhet {unit}.{n}", p) for n, p in enumerate(parts, 1))
    lines.append(_row("Summa nämnder", grand))
    return "\n".join(lines) + "\n"


def _row(label: str, values: list[float]) -> str:
    return "\t".join([label] + [format_number(v, 0) for v in values])


def measure(shape: str, runs: int, seed: int) -> bool:
    """Print the timing of discovery on one shape; whether every built relation was found."""
    units, width = SHAPES[shape]
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "drift.txt"
        path.write_text(table_text(random.Random(seed), units, width), encoding="utf-8")
        # the large shapes are past a report's default limits (10 000 rows, 64 columns), as a user's would be
        with using(Limits(rows=units * 10 + 10, columns=width + 1, cells=(units * 10 + 10) * (width + 1),
                          text=1 << 30)):
            table = read_report(path).tables[0]
    times = []
    for _ in range(runs + 1):  # the first run warms up and is not timed
        started = time.perf_counter()
        found = discover(table, (table,))
        times.append(time.perf_counter() - started)
    times = times[1:] or times
    sums = {f.params["total"] for f in found if f.kind == "sum"}
    wanted = {f"Nämnd {u}" for u in range(1, units + 1)} | ({"Summa nämnder"} if units <= 40 else set())
    derived = {f.params["result"] for f in found if f.kind in ("difference", "equation")}
    ok = wanted <= sums and {name for name in columns(width) if name.split(" (")[0] in DERIVED} <= derived
    print(f"{shape}: {len(table.rows)} rows × {len(table.columns)} value columns; {len(found)} relations; "
          f"discover() median {statistics.median(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms over {len(times)} runs" + ("" if ok else " — MISSING relations"))
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="repeatable; default 61x8")
    parser.add_argument("--runs", type=int, default=None, help="timed runs (default 50 for 61x8, else 3)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--write", type=Path, help="also write each table as DIR/drift-SHAPE.txt")
    args = parser.parse_args()
    for shape in args.write and (args.shape or ["61x8"]) or ():
        args.write.mkdir(parents=True, exist_ok=True)
        (args.write / f"drift-{shape}.txt").write_text(table_text(random.Random(args.seed), *SHAPES[shape]),
                                                       encoding="utf-8")
    results = [measure(shape, args.runs if args.runs is not None else (50 if shape == "61x8" else 3), args.seed)
               for shape in args.shape or ["61x8"]]
    if not all(results):
        print("MISSING relations: a fast wrong answer is not a result", file=sys.stderr)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
