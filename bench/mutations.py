"""Mutation benchmark: inject single errors into the example reports and measure detection and localization.

    python bench/mutations.py [--per-shape N] [--seed S] [--json-out FILE]

For each example report, errors of each typical shape are injected at random *checked* cells (numeric
cells of tables some relation rule covers), one at a time, and the report is checked again:

- sign: the sign flipped; transposition: two adjacent digits swapped; typo: one digit changed;
- total: a total of a sum rule replaced by another value (a total not updated after its parts changed);
- blank: the value deleted.

Cells in relations that already fail in the unmodified report are left out (two errors in one
equation cannot be told apart), and so are changes no larger than the rounding tolerance of every
relation the cell is in (undetectable by design; counted separately): a change within twice the
cell's own rounding, or one after which every linear relation checked at the cell still holds.

Measured: detection (a new or changed finding names the cell), unique localization (the suspect is
that cell), localization among alternatives, and exact suggestion (for sign, transposition and typo
the suggestion equals the original text; for total and blank, a value equal to the original within
rounding).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

from rapportkoll.engine import check_report, matching_packs
from rapportkoll.frame import TableView
from rapportkoll.slips import slips
from rapportkoll.model import Cell, Report, Row
from rapportkoll.numbers import format_like, parse
from rapportkoll.readers import read_report
from rapportkoll.suites import load_suite

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))
SHAPES = ("sign", "transposition", "typo", "total", "blank")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-shape", type=int, default=60, help="injections per shape and report")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json-out", type=Path)
    parser.add_argument("--show-misses", action="store_true", help="list each undetected or mislocated injection")
    args = parser.parse_args()
    suite = load_suite()
    rng = random.Random(args.seed)
    totals = {shape: _Tally() for shape in SHAPES}
    started = time.perf_counter()
    for path in EXAMPLES:
        for shape, tally in _run_report(read_report(path), suite, shape_count=args.per_shape, rng=rng).items():
            totals[shape].add(tally)
    elapsed = time.perf_counter() - started
    _print(totals, elapsed)
    if args.show_misses:
        for shape, tally in totals.items():
            for miss in tally.misses:
                print(shape, *miss, sep="\t")
    if args.json_out:
        args.json_out.write_text(json.dumps({s: t.__dict__ for s, t in totals.items()}, indent=2, ensure_ascii=False))


class _Tally:
    def __init__(self) -> None:
        self.injected = self.within_rounding = self.detected = self.localized = 0
        self.among_alternatives = self.exact = 0
        self.misses: list[tuple] = []  # (what, place, table, row, column, original, injected)

    def add(self, other: _Tally) -> None:
        for name, value in other.__dict__.items():
            setattr(self, name, getattr(self, name) + value)


def _run_report(report: Report, suite, shape_count: int, rng: random.Random) -> dict[str, _Tally]:
    baseline = {_signature(f) for f in check_report(report, suite).findings}
    dirty = {(c.location.line, c.location.field) for f in check_report(report, suite).findings for c in _all_cells(f)}
    cells = [(t, i, j) for t, i, j in _checked_cells(report, suite)
             if (t.rows[i].cells[j].location.line, t.rows[i].cells[j].location.field) not in dirty]
    tallies = {}
    for shape in SHAPES:
        tally = _Tally()
        candidates = [c for c in cells if _mutation(c, shape, rng, report, suite) is not None]
        for table, i, j in rng.sample(candidates, min(shape_count, len(candidates))):
            new_text = _mutation((table, i, j), shape, rng, report, suite)
            _measure(report, suite, baseline, table, i, j, new_text, shape, tally)
        tallies[shape] = tally
    return tallies


def _checked_cells(report: Report, suite):
    for table in report.tables:
        rules = [r for pack, _ in matching_packs(table, suite) for r in pack.rules]
        if not any(r.kind.mutations_detected for r in rules):
            continue
        for i, row in enumerate(table.rows):
            for j, cell in enumerate(row.cells):
                if cell.parsed.is_numeric:
                    yield table, i, j


def _mutation(target, shape: str, rng: random.Random, report: Report, suite) -> str | None:
    table, i, j = target
    parsed = table.rows[i].cells[j].parsed
    if shape == "blank":
        return "" if parsed.value else None
    if shape == "total":
        if not _is_sum_total(table, i, suite) or not parsed.value:
            return None
        return format_like(parsed.value + 10 ** -(parsed.decimals or 0) * 37, parsed)
    options = list(slips(parsed, shape))
    return format_like(rng.choice(options), parsed) if options else None


def _is_sum_total(table, i: int, suite) -> bool:
    view = TableView.of(table)
    for pack, _ in matching_packs(table, suite):
        for rule in pack.rules:
            if rule.kind.name == "sum" and rule.params.axis == "rows" and view.row_index(rule.params.total) == i:
                return True
    return False


def _measure(report, suite, baseline, table, i, j, new_text, shape, tally: _Tally) -> None:
    original = table.rows[i].cells[j]
    mutated = _replace_cell(report, table, i, j, new_text)
    checked = check_report(mutated, suite)
    findings = [f for f in checked.findings if _signature(f) not in baseline]
    where = (original.location.line, original.location.field)
    tally.injected += 1
    miss = (f"{where[0]}:{where[1]}", table.caption[:30], table.rows[i].label.text[:30], table.columns[j][:20],
            original.text, new_text)
    if not findings:
        harmless = _within_rounding(original.text, new_text) or _relations_hold(checked, mutated, where)
        tally.within_rounding += harmless
        if not harmless:
            tally.misses.append(("undetected",) + miss)
        return
    if not any(where in {(c.location.line, c.location.field) for c in _all_cells(f)} for f in findings):
        tally.misses.append(("not named",) + miss)
        return
    tally.detected += 1
    suspects = [f.suspect for f in findings if f.suspect]
    hit = [s for s in suspects if (s.cell.location.line, s.cell.location.field) == where]
    if hit:
        tally.localized += 1
        tally.exact += any(_same_value(s.proposed, original.text, shape) for s in hit)
    elif any((a.cell.location.line, a.cell.location.field) == where for f in findings for a in f.alternatives):
        tally.among_alternatives += 1
        tally.misses.append((f"among alternatives: {_named(suspects)}",) + miss)
    else:
        tally.misses.append((f"suspect elsewhere: {_named(suspects)}",) + miss)


def _named(suspects) -> str:
    return ", ".join(f"{s.cell.row[:20]}×{s.cell.column[:12]}→{s.proposed} ({s.reason})" for s in suspects)


def _within_rounding(old: str, new: str) -> bool:
    a, b = parse(old), parse(new)
    return a.value is not None and b.value is not None and abs(a.value - b.value) <= 2 * a.half_unit


def _relations_hold(checked, report: Report, where: tuple[int, int]) -> bool:
    """Whether every linear relation checked at the cell still holds within its rounding after the change
    (-0,37 % written -0,47 % in a difference of one-decimal rates allowing ±0,105): undetectable by design."""
    parsed = {(c.location.line, c.location.field): c.parsed for t in report.tables for r in t.rows for c in r.cells}
    reading = [r for t in checked.tables for r in t.relations
               if r.coefficients is not None and where in {(loc.line, loc.field) for loc in r.cells}]
    for relation in reading:
        operands = [parsed[(loc.line, loc.field)] for loc in relation.cells]
        residual = sum(c * (p.value if p.is_numeric else 0.0) for c, p in zip(relation.coefficients, operands))
        tolerance = sum(abs(c) * p.half_unit for c, p in zip(relation.coefficients, operands) if p.is_numeric)
        if abs(residual) > tolerance + 1e-9 * max(1.0, max(abs(p.value or 0.0) for p in operands)):
            return False
    return bool(reading)


def _same_value(proposed: str, original: str, shape: str) -> bool:
    if shape in ("sign", "transposition", "typo"):
        return proposed == original
    a, b = parse(proposed), parse(original)
    return a.value is not None and b.value is not None and abs(a.value - b.value) <= 10 * b.half_unit


def _replace_cell(report: Report, table, i: int, j: int, text: str) -> Report:
    row = table.rows[i]
    cells = list(row.cells)
    cells[j] = Cell.read(text, cells[j].location)
    rows = list(table.rows)
    rows[i] = Row(row.label, tuple(cells))
    tables = [replace(t, rows=rows) if t is table else t for t in report.tables]
    return Report(report.path, tables, report.prose, report.problems)


def _all_cells(finding):
    return finding.cells + tuple(c for r in finding.related for c in r.cells)


def _signature(finding) -> tuple:
    first = finding.cells[0].location if finding.cells else finding.table_location
    return finding.code, finding.rule, first.line, first.field, finding.expected, finding.actual


def _print(totals: dict[str, _Tally], elapsed: float) -> None:
    header = f"{'shape':<14}{'injected':>9}{'rounding':>9}{'detected':>10}{'localized':>10}{'in alt.':>9}{'exact':>8}"
    print(header)
    overall = _Tally()
    for shape, t in totals.items():
        overall.add(t)
        print(_row(shape, t))
    print(_row("all", overall))
    print(f"\n{elapsed:.1f} s; percentages of injected errors beyond rounding "
          f"(detected) and of detected ones (localized, exact)")


def _row(name: str, t: _Tally) -> str:
    counted = t.injected - t.within_rounding
    det = t.detected / counted if counted else 0
    loc = t.localized / t.detected if t.detected else 0
    alt = t.among_alternatives / t.detected if t.detected else 0
    exact = t.exact / t.localized if t.localized else 0
    return f"{name:<14}{t.injected:>9}{t.within_rounding:>9}{det:>10.1%}{loc:>10.1%}{alt:>9.1%}{exact:>8.1%}"


if __name__ == "__main__":
    sys.exit(main())
