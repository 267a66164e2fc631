"""Relation recall, published slips and false alarms on the annotated real tables (tests/realworld/).

The measuring stick is the annotations (what a careful reader sees, ANNOTATIONS.md), never the
tool's own output. An annotated linear relation counts as checked when every position of it is
implied by the equations the engine evaluated in that file (it lies in their linear span: a total
checked as subtotals plus a grand total counts); a ratio when the engine compared the same cells.
A published slip is found when a finding cites its cell (named as the culprit, and with the
corrected value where the annotation gives one). A finding that cites no slip cell is a false alarm.

    python bench/recall.py [--suite delarsrapport|generic] [--json FILE] [--tables]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from realworld.annotations import Annotation, Key, annotated_files, equations, kind_of, load, ratio_positions  # noqa: E402

from rapportkoll.findings import Severity  # noqa: E402
from rapportkoll.model import Location  # noqa: E402
from rapportkoll.numbers import parse  # noqa: E402
from rapportkoll.run import check_paths  # noqa: E402
from rapportkoll.suites import load_suite  # noqa: E402


@dataclass
class TableScore:
    name: str
    relations: int = 0
    checked: int = 0
    missed: list[str] = field(default_factory=list)
    slips: int = 0
    slips_found: int = 0
    slips_corrected: int = 0
    slips_missed: list[str] = field(default_factory=list)
    false_errors: list[str] = field(default_factory=list)
    false_warnings: list[str] = field(default_factory=list)
    unread: int = 0  # read problems: a rewriting a reader refused


def score(annotation: Annotation, suite, path: Path | None = None, origin: Origin | None = None) -> TableScore:
    """The tool on the annotated file, or on ``path``, a rewriting of it whose cells ``origin`` maps back to
    the annotated cells (with the sign the rewriting gave them; None for a cell of its own)."""
    origin = origin or _native
    result = check_paths([path or annotation.path], suite)
    linear = [r for check in result.checks for r in check.relations if r.coefficients is not None]
    compared = {frozenset(_keys(origin, r.cells)) for check in result.checks for r in check.relations
                if r.coefficients is None}
    # A blank or '-' part adds nothing: whether a rule names it does not change what is checked.
    blank = _blank_keys(annotation)
    span = _Span([_signed(origin, r.cells, r.coefficients, blank) for r in linear])
    table = TableScore(annotation.path.name, unread=len(result.problems))
    for number, relation in enumerate(annotation.relations):
        checked = _checked(annotation, number, relation, span, compared)
        if checked is None:
            continue  # no position shows numbers: nothing anyone could check
        table.relations += 1
        if checked:
            table.checked += 1
        else:
            table.missed.append(_describe(relation))
    _slips(annotation, result, table, origin)
    return table


Origin = Callable[[Location], "tuple[Key, int] | None"]


def _native(location: Location) -> tuple[Key, int]:
    return (location.line, location.field), 1


def _keys(origin: Origin, locations) -> list[Key]:
    return [found[0] for found in map(origin, locations) if found is not None]


def _signed(origin: Origin, locations, coefficients, blank: set[Key]) -> dict[Key, float]:
    """A checked equation in the annotated cells' terms: a cell printed with its sign flipped flips its coefficient."""
    mapped = (origin(loc) for loc in locations)
    return {found[0]: c * found[1] for found, c in zip(mapped, coefficients) if found and found[0] not in blank}


def _checked(annotation: Annotation, number: int, relation: dict, span: "_Span", compared: set) -> bool | None:
    """Whether every position of an annotated relation is checked; None when it has no position with numbers."""
    if kind_of(relation) == "ratio":
        spec = relation["ratio"]
        grid = annotation.grid(spec.get("table"))
        names = [spec["result"], spec["numerator"], spec["denominator"]] + ([spec["less"]] if spec.get("less") else [])
        columns = [grid.column(c) for c in names]
        rows = [i for i, _ in ratio_positions(annotation, number)]
        return all(frozenset(grid.key(i, j) for j in columns) in compared for i in rows) if rows else None
    found = equations(annotation, number)
    return all(span.implies({key: c for (_, key, c), half in zip(eq.terms, eq.halves) if half})
               for eq in found) if found else None


def _blank_keys(annotation: Annotation) -> set[tuple[int, int]]:
    return {grid.key(i, j) for grid in annotation.grids.values() for i, row in enumerate(grid.cells)
            for j in range(len(row)) if not grid.parsed(i, j).is_numeric}


def _slips(annotation: Annotation, result, table: TableScore, origin: Origin) -> None:
    slip_cells = annotation.slip_cells()
    # The tables' findings: the text and the document are measured by bench/prose.py.
    alarms = [f for f in result.findings if f.severity is not Severity.INFO and f.origin not in ("prose", "lint")]
    for key, slip in slip_cells.items():
        table.slips += 1
        citing = [f for f in alarms if key in _keys(origin, (c.location for c in _cells(f)))]
        named = [f for f in citing if f.suspect and (origin(f.suspect.cell.location) or (None,))[0] == key]
        sign = next((origin(f.suspect.cell.location)[1] for f in named), 1)
        if not citing:
            table.slips_missed.append(f"{slip['row']} / {slip['column']}")
            continue
        table.slips_found += 1
        wanted = slip.get("corrected")
        if wanted is None or any(parse(f.suspect.proposed).value == sign * parse(str(wanted)).value for f in named):
            table.slips_corrected += 1
    for finding in alarms:
        if not set(_keys(origin, (c.location for c in _cells(finding)))) & slip_cells.keys():
            where = f"{finding.code} {finding.rule} at {finding.cells[0].row if finding.cells else finding.table}"
            (table.false_errors if finding.severity is Severity.ERROR else table.false_warnings).append(where)


def _cells(finding):
    yield from finding.cells
    for related in finding.related:
        yield from related.cells


class _Span:
    """The linear span of the checked equations, for asking whether an annotated one is implied.

    An orthonormal basis of the span is found once (SVD); an equation is implied when projecting it on the
    basis leaves nothing. A least-squares solve per question took seconds on a table of many checked rows."""

    def __init__(self, rows: list[dict]) -> None:
        self.columns: dict = {}
        for row in rows:
            for key in row:
                self.columns.setdefault(key, len(self.columns))
        matrix = np.zeros((len(rows), len(self.columns)))
        for i, row in enumerate(rows):
            for key, coeff in row.items():
                matrix[i, self.columns[key]] = coeff
        if not len(matrix):
            self.basis = matrix
            return
        _, singular, vt = np.linalg.svd(matrix, full_matrices=False)
        self.basis = vt[singular > 1e-9 * max(singular.max(initial=0.0), 1.0)]

    def implies(self, equation: dict) -> bool:
        if any(key not in self.columns for key in equation) or not len(self.basis):
            return False
        target = np.zeros(len(self.columns))
        for key, coeff in equation.items():
            target[self.columns[key]] = coeff
        return bool(np.abs(target - self.basis.T @ (self.basis @ target)).max() < 1e-6)


def _describe(relation: dict) -> str:
    kind = kind_of(relation)
    spec = relation[kind]
    head = spec.get("total") or spec.get("result") or spec.get("row")
    return f"{kind} {head}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default="delarsrapport")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--tables", action="store_true", help="one line per table")
    args = parser.parse_args()
    suite = load_suite(args.suite)
    annotations = [load(path) for path in annotated_files()]
    scores = [score(annotation, suite) for annotation in annotations]
    if args.tables:
        for s in scores:
            print(f"{s.name:60} {s.checked:3}/{s.relations:<3} slips {s.slips_found}/{s.slips}"
                  f" false E{len(s.false_errors)} W{len(s.false_warnings)}"
                  + (f"  missed: {'; '.join(s.missed)}" if s.missed else ""))
    totals = _totals(scores)
    totals["by_round"] = _by_round(annotations, scores)
    print(json.dumps(totals, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps({"suite": args.suite, "totals": totals,
                                         "tables": [s.__dict__ for s in scores]}, ensure_ascii=False, indent=2),
                             encoding="utf-8")


def _by_round(annotations: list[Annotation], scores: list[TableScore]) -> dict:
    """Recall and slips per held-out round (the sidecar's `held_out`, e.g. 'corpus-d, 2026-11-30') and on the tables
    developed on: a held-out round's first figure says how the tool does on tables nobody tuned it to."""
    rounds: dict[str, list[TableScore]] = {}
    for annotation, table in zip(annotations, scores):
        held_out = annotation.data.get("held_out")
        rounds.setdefault(str(held_out).split(",")[0] if held_out else "developed on", []).append(table)
    shown = ("files", "relations", "checked", "recall", "slips", "slips_found")
    totals = {name: _totals(tables) for name, tables in sorted(rounds.items())}
    return {name: {key: figures[key] for key in shown} for name, figures in totals.items()}


def _totals(scores: list[TableScore]) -> dict:
    relations, checked = sum(s.relations for s in scores), sum(s.checked for s in scores)
    slips = sum(s.slips for s in scores)
    clean = [s for s in scores if not s.slips]
    return {
        "files": len(scores),
        "relations": relations, "checked": checked, "recall": round(checked / relations, 4) if relations else None,
        "slips": slips, "slips_found": sum(s.slips_found for s in scores),
        "slips_corrected": sum(s.slips_corrected for s in scores),
        "slips_missed": [f"{s.name}: {m}" for s in scores for m in s.slips_missed],
        "false_errors": sum(len(s.false_errors) for s in scores),
        "false_warnings": sum(len(s.false_warnings) for s in scores),
        "false_errors_on_clean_files": sum(len(s.false_errors) for s in clean),
        "false_warnings_on_clean_files": sum(len(s.false_warnings) for s in clean),
        "clean_files": len(clean),
    }


if __name__ == "__main__":
    main()
