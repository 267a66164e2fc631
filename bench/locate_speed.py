"""Localization speed: diagnose a 20 × 7 table with three failing relations (median of many runs).

    python bench/locate_speed.py [--runs N] [--slips 1,5,20]

The table is Herrljunga's investment statement (18 projects + total = 19 rows, label + 6 value
columns, i.e. 20 × 7 with the header). One mistyped "Totalt anslag" cell breaks three relations
at once: its column's total, Totalt anslag = budget + ombudgetering, and Avvikelse = anslag − utfall.

Then a generated 60-row driftredovisning (bench/scale.py) with 1, 5 and 20 slips, checked by its
declared relations (each nämnd's sum, the grand total, Avvikelse = Budget − Prognos): the culprit
search should grow with the failures, not with their combinations (target: 20 slips < 200 ms).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from rapportkoll.diagnose import Linear, diagnose
from rapportkoll.engine import matching_packs
from rapportkoll.frame import TableView
from rapportkoll.model import Cell, Row
from rapportkoll.packs import pack_from_mapping
from rapportkoll.readers import read_report
from rapportkoll.suites import load_suite
from scale import declared, generate

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "herrljunga-ks-delarsrapport-2023.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--slips", default="1,5,20")
    args = parser.parse_args()
    investment(args.runs)
    for count in (int(n) for n in args.slips.split(",") if n):
        generated(count, max(5, args.runs // 10))


def investment(runs: int) -> None:
    suite = load_suite()
    table = next(t for t in read_report(EXAMPLE).tables if t.corner.startswith("Investeringsredovisning"))
    row = table.rows[3]  # Förstudie kommunhuset: 0 + 129 = 129
    cells = list(row.cells)
    cells[2] = Cell.read("192", cells[2].location)  # 129 -> 192, a transposition in Totalt anslag
    rows = list(table.rows)
    rows[3] = Row(row.label, tuple(cells))
    table = replace(table, rows=rows)
    pack = next(p for p, _ in matching_packs(table, suite))
    groups = diagnosed(table, pack)
    failing = sum(len(g.failures) for g in groups)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        diagnosed(table, pack)
        timings.append(time.perf_counter() - started)
    suspect = groups[0].suspect
    print(f"table {len(table.rows) + 1} x {len(table.columns) + 1}, failing relations {failing}, groups {len(groups)}")
    print(f"suspect {suspect.cell.row} x {suspect.cell.column}: {suspect.cell.text} -> {suspect.proposed} "
          f"({suspect.reason}, {suspect.confidence})")
    print(f"diagnosis median {statistics.median(timings) * 1000:.2f} ms, max {max(timings) * 1000:.2f} ms "
          f"over {runs} runs (target < 50 ms)")


def generated(slips: int, runs: int, rows: int = 60) -> None:
    """Diagnosis of the generated table with ``slips`` slips, by its declared relations."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "drift.tsv"
        path.write_text(generate(rows, 4, slips), encoding="utf-8")
        table = read_report(path).tables[0]
    pack = pack_from_mapping(declared([row.label.text for row in table.rows], list(table.columns)), "generated")
    timings, cpu, groups = [], [], []
    for _ in range(runs):  # CPU time beside wall time: on a shared machine the wall time is mostly others' load
        started, cpu_started = time.perf_counter(), time.process_time()
        groups = diagnosed(table, pack)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    failing = sum(len(g.failures) for g in groups)
    located = sum(1 for g in groups if g.suspect)
    print(f"generated {rows} rows, {slips} slips: failing relations {failing}, groups {groups and len(groups)}, "
          f"with a suspect {located}; median {statistics.median(timings) * 1000:.1f} ms "
          f"(CPU {statistics.median(cpu) * 1000:.1f} ms), "
          f"max {max(timings) * 1000:.1f} ms over {runs} runs (target < 200 ms at 20 slips)")


def diagnosed(table, pack) -> list:
    """The groups of the table's linear rules: compiled on a fresh view and diagnosed, as a check does."""
    view = TableView.of(table)
    linear = [Linear(rule, pack, check) for rule in pack.rules for check in rule.kind.compile(view, rule.params).checks]
    return diagnose(view, linear).groups


if __name__ == "__main__":
    main()
