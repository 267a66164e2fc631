"""Mutation tests on the two real reports: every slip beyond rounding is found, harmless ±1 never.

The *checked cells* are the numeric cells of the tables matched by a pack with relation rules
(sum, equation, difference, product, cross_table). Each mutation rewrites one cell of a copy of the
report in the report's own style ("-5 806", "0,48 %"), re-reads it and checks it.

a. A flipped sign, two swapped adjacent digits and a total off by 7 units of its last digit must
   give a new finding that names the cell. A miss is excused only when the independent oracle below
   shows the change is invisible by construction: every relation the cell is in still holds within
   the rounding its displayed numbers allow (e.g. 0,02 % → -0,02 % next to 1,4 % and 1,4 %; a
   differens shown with two decimals moved by 0,07 next to rates shown with one), the change
   repairs an audited error (0,48 % → -0,48 %), or the cell is in no relation at all. Such misses
   are printed, never silently dropped.
b. Changing a cell by ±1 unit of its last digit gives exactly the original findings when the oracle
   says every relation holds, and a new finding naming the cell when the oracle says one fails;
   the rules and cells of all failing relations also agree between the oracle and the engine.

The oracle is plain Python with exact fractions (no numpy, no rapportkoll.relations): it re-reads
the pack's rule params and recomputes |Σ cᵢ·vᵢ| ≤ Σ |cᵢ|·½·10^-dᵢ (blank sum parts are exact zeros),
the product (scale scores exact unless the rule says `rounded: true`), and cross-table equality
within the two cells' rounding.

By default a seeded sample of about CELLS_PER_REPORT checked cells per report (stratified by table)
is mutated, one random transposition per cell, so the module runs in well under a minute; set
RAPPORTKOLL_MUTATIONS=all to mutate every checked cell with every transposition.
"""

from __future__ import annotations

import os
import random
import re
import time
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache
from itertools import product as cartesian
from pathlib import Path
from typing import Callable, Iterator

import pytest

from rapportkoll.engine import check_report, matching_packs
from rapportkoll.findings import Finding
from rapportkoll.labels import LabelPattern, normalize_label
from rapportkoll.model import Cell, Report, Row, Table
from rapportkoll.numbers import CellKind
from rapportkoll.readers import read_report
from rapportkoll.suites import Suite, load_suite

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
REPORTS = {
    "alingsas": EXAMPLES / "alingsas-ks-delarsbokslut-2024.txt",
    "herrljunga": EXAMPLES / "herrljunga-ks-delarsrapport-2023.txt",
}
RELATION_KINDS = frozenset({"sum", "equation", "difference", "product", "cross_table"})
RELATION_CODES = frozenset({"RK101", "RK103", "RK111", "RK121", "RK122", "RK131", "RK141"})
SEED = 20240831
FULL = os.environ.get("RAPPORTKOLL_MUTATIONS", "").lower() == "all"
CELLS_PER_REPORT = 75  # about 150 cells over both reports

Place = tuple[int, int]  # (line, field) of a cell in the text export


# --------------------------------------------------------------------------- the reports


@lru_cache(maxsize=None)
def suite() -> Suite:
    return load_suite()


@lru_cache(maxsize=None)
def original(name: str) -> tuple[Report, str]:
    path = REPORTS[name]
    return read_report(path), path.read_bytes().decode("utf-8")


@lru_cache(maxsize=None)
def baseline(name: str) -> frozenset:
    report, _ = original(name)
    return frozenset(finding_key(f) for f in check_report(report, suite()).findings)


def finding_key(finding: Finding) -> tuple:
    """What makes a finding the same finding: code, rule and its cells with their texts."""
    return finding.code, finding.rule, tuple((c.location.line, c.location.field, c.text) for c in finding.cells)


def names_cell(finding: Finding, place: Place) -> bool:
    return any((c.location.line, c.location.field) == place for c in finding.cells)


@dataclass(frozen=True)
class Target:
    report: str
    table: int  # index in report.tables
    i: int
    j: int
    line: int
    field: int
    text: str

    @property
    def place(self) -> Place:
        return self.line, self.field


@lru_cache(maxsize=None)
def checked_cells(name: str) -> tuple[Target, ...]:
    report, _ = original(name)
    targets = []
    for t, table in enumerate(report.tables):
        kinds = {rule.kind.name for pack, _ in matching_packs(table, suite()) for rule in pack.rules}
        if not kinds & RELATION_KINDS:
            continue
        for i, row in enumerate(table.rows):
            for j, cell in enumerate(row.cells[: len(table.columns)]):
                if cell.parsed.is_numeric:
                    targets.append(Target(name, t, i, j, cell.location.line, cell.location.field, cell.text))
    return tuple(targets)


@lru_cache(maxsize=None)
def sampled_cells(name: str) -> tuple[Target, ...]:
    """Every checked cell (FULL), else a seeded sample stratified by table (at least 3 per table)."""
    cells = checked_cells(name)
    if FULL or len(cells) <= CELLS_PER_REPORT:
        return cells
    rng = random.Random(f"{SEED}-{name}")
    chosen: list[Target] = []
    for table in sorted({t.table for t in cells}):
        group = [t for t in cells if t.table == table]
        chosen += rng.sample(group, min(len(group), max(3, round(len(group) * CELLS_PER_REPORT / len(cells)))))
    return tuple(sorted(chosen, key=lambda t: t.place))


# --------------------------------------------------------------------------- numbers in the report's style

_NUMBER = re.compile(r"^(?P<sign>[-+\u2212\u2013]?)(?P<int>\d{1,3}(?:(?P<group>[ \u00a0\u202f\u2009])\d{3})+|\d+)"
                     r"(?:,(?P<frac>\d+))?(?P<pct>\s?%)?$")


@dataclass(frozen=True)
class Style:
    minus: str
    group: str | None  # None: never grouped (a 4+ digit number printed without spaces)
    decimals: int
    percent: str

    @classmethod
    def of(cls, text: str) -> Style:
        match = _NUMBER.match(text)
        assert match, f"not a plain number: {text!r}"
        sign = match["sign"] if match["sign"] not in ("", "+") else "-"
        group = match["group"] or (" " if len(match["int"]) <= 3 else None)
        return cls(sign, group, len(match["frac"] or ""), match["pct"] or "")

    def units(self, text: str) -> int:
        """The value in units of the last shown digit: '-5 806' -> -5806, '0,48 %' -> 48."""
        match = _NUMBER.match(text)
        digits = re.sub(r"\D", "", match["int"]) + (match["frac"] or "")
        return -int(digits) if match["sign"] in ("-", "\u2212", "\u2013") else int(digits)

    def text(self, units: int) -> str:
        digits = str(abs(units)).rjust(self.decimals + 1, "0")
        whole, frac = (digits[: -self.decimals], digits[-self.decimals:]) if self.decimals else (digits, "")
        if self.group is not None:
            whole = f"{int(whole):,}".replace(",", self.group)
        return (self.minus if units < 0 else "") + whole + ("," + frac if frac else "") + self.percent


def sign_flips(text: str) -> Iterator[str]:
    style = Style.of(text)
    units = style.units(text)
    if units:
        yield style.text(-units)


def transpositions(text: str) -> Iterator[str]:
    """Every swap of two adjacent, different digits that keeps the number's length."""
    style = Style.of(text)
    units = style.units(text)
    digits = str(abs(units)).rjust(style.decimals + 1, "0")
    for k in range(len(digits) - 1):
        if digits[k] == digits[k + 1]:
            continue
        swapped = digits[:k] + digits[k + 1] + digits[k] + digits[k + 2:]
        if swapped[0] == "0" and len(digits) - style.decimals > 1:
            continue  # '105' -> '015' is not a number as printed
        yield style.text(int(swapped) * (-1 if units < 0 else 1))


def shifted(text: str, delta: int) -> str:
    style = Style.of(text)
    return style.text(style.units(text) + delta)


# --------------------------------------------------------------------------- mutated copies


def mutated_text(source: str, place: Place, old: str, new: str) -> str:
    lines = source.split("\n")
    line, field = place
    fields = lines[line - 1].split("\t")
    raw = fields[field - 1]
    assert raw.strip() == old, (place, raw, old)
    fields[field - 1] = raw[: len(raw) - len(raw.lstrip())] + new + raw[len(raw.rstrip()):]
    lines[line - 1] = "\t".join(fields)
    return "\n".join(lines)


def write_and_read(tmp_path: Path, name: str, target: Target, new: str) -> Report:
    _, source = original(name)
    path = tmp_path / REPORTS[name].name
    path.write_bytes(mutated_text(source, target.place, target.text, new).encode("utf-8"))
    report = read_report(path)
    cell = report.tables[target.table].rows[target.i].cells[target.j]
    assert (cell.location.line, cell.location.field, cell.text) == (target.line, target.field, new)
    return report


def replaced_in_memory(name: str, target: Target, new: str) -> Report:
    """The report as the reader would read the mutated file (cheaper than writing and re-reading)."""
    report, _ = original(name)
    table = report.tables[target.table]
    row = table.rows[target.i]
    cells = list(row.cells)
    cells[target.j] = Cell.read(new, row.cells[target.j].location)
    rows = list(table.rows)
    rows[target.i] = Row(row.label, tuple(cells))
    tables = list(report.tables)
    tables[target.table] = replace(table, rows=rows)
    return replace(report, tables=tables)  # keeps the prose and the contents the text lint reads


# --------------------------------------------------------------------------- the oracle


@dataclass(frozen=True)
class Value:
    exact: Fraction | None  # None: not a number
    half: Fraction
    blank: bool  # empty or an explicit missing-value marker


def value_of(cell: Cell) -> Value:
    blank = cell.kind in (CellKind.BLANK, CellKind.MARKER)
    text = cell.text.strip()
    match = _NUMBER.match(text)
    paren = re.fullmatch(r"\((\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,(\d+))?\)", text)
    if match:
        frac = match["frac"] or ""
        digits = re.sub(r"\D", "", match["int"]) + frac
        exact = Fraction(int(digits), 10 ** len(frac))
        if match["sign"] in ("-", "\u2212", "\u2013"):
            exact = -exact
    elif paren:
        frac = paren[2] or ""
        exact = -Fraction(int(re.sub(r"\D", "", paren[1]) + frac), 10 ** len(frac))
    else:
        return Value(None, Fraction(0), blank)
    return Value(exact, Fraction(1, 2 * 10 ** len(frac)), blank)


@dataclass(frozen=True)
class Instance:
    """One check of one rule: its cells (the numeric ones, as findings cite them) and whether it holds."""

    rule: str
    cells: frozenset[Place]
    holds: bool


_GRIDS: dict[int, tuple[Table, list[list[Value]]]] = {}
_PACKS: dict[tuple, list] = {}


def grid_of(table: Table) -> list[list[Value]]:
    """The exact values of a table; cached for the tables of the original reports (which stay alive)."""
    hit = _GRIDS.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    grid = [[value_of(c) for c in row.cells[: len(table.columns)]] for row in table.rows]
    if any(table is t for name in REPORTS for t in original(name)[0].tables):
        _GRIDS[id(table)] = (table, grid)
    return grid


def packs_of(table: Table, suite: Suite) -> list:
    """Packs matching a table (labels only; a mutated number never changes which packs match)."""
    key = (table.caption, table.corner, table.columns, tuple(r.label.text for r in table.rows), id(suite))
    if key not in _PACKS:
        _PACKS[key] = [pack for pack, _ in matching_packs(table, suite)]
    return _PACKS[key]


class Oracle:
    def __init__(self, report: Report, suite: Suite) -> None:
        self.report = report
        self.suite = suite

    def instances(self) -> list[Instance]:
        found: list[Instance] = []
        for table in self.report.tables:
            grid = grid_of(table)
            for pack in packs_of(table, self.suite):
                for rule in pack.rules:
                    method: Callable | None = getattr(self, f"_{rule.kind.name}", None)
                    if method is not None:
                        found.extend(Instance(rule.id, cells, holds)
                                     for cells, holds in method(table, grid, rule.params))
        return found

    # label resolution, as the packs document it ('@last', '@n', first matching row)
    @staticmethod
    def _row(table: Table, pattern: LabelPattern) -> int | None:
        if "@last" in pattern.alternatives and table.rows:
            return len(table.rows) - 1
        return next((i for i, row in enumerate(table.rows) if pattern.matches(row.label.text)), None)

    @staticmethod
    def _columns(table: Table, pattern: LabelPattern) -> list[int]:
        positional = [int(a[1:]) - 1 for a in pattern.alternatives if a[:1] == "@" and a[1:].isdigit()]
        if positional:
            return [j for j in positional if 0 <= j < len(table.columns)]
        return [j for j, name in enumerate(table.columns) if pattern.matches(name)]

    def _index(self, table: Table, pattern: LabelPattern, axis: str) -> int | None:
        if axis == "rows":
            return self._row(table, pattern)
        found = self._columns(table, pattern)
        return found[0] if found else None

    def _positions(self, table: Table, grid, axis: str, scope) -> list[int]:
        if axis == "rows":
            if scope:
                return sorted({j for p in scope for j in self._columns(table, p)})
            return [j for j in range(len(table.columns)) if any(r[j].exact is not None for r in grid)]
        if scope:
            return sorted({i for p in scope if (i := self._row(table, p)) is not None})
        return list(range(len(table.rows)))

    @staticmethod
    def _linear(table: Table, grid, axis: str, operands: list[tuple[int, int]], position: int,
                blanks_as_zero: bool) -> tuple[frozenset[Place], bool] | None:
        """operands: (index, coefficient), the result first with -1. None when not evaluable.

        Blank parts of a sum are exact zeros and not cited. Elsewhere a single blank operand counts
        as zero and is cited (the value that belongs there is missing); two blanks are not evaluable.
        """
        residual = tolerance = Fraction(0)
        cells = set()
        blanks = 0
        for k, (index, coeff) in enumerate(operands):
            i, j = (index, position) if axis == "rows" else (position, index)
            value = grid[i][j]
            location = table.rows[i].cells[j].location
            if value.exact is None:
                if not value.blank:
                    return None
                if blanks_as_zero:
                    if k == 0:
                        return None
                    continue  # a blank part of a sum is an exact zero
                blanks += 1
                if blanks > 1:
                    return None
                cells.add((location.line, location.field))
                continue
            residual += coeff * value.exact
            tolerance += abs(coeff) * value.half
            cells.add((location.line, location.field))
        return frozenset(cells), abs(residual) <= tolerance

    def _sum(self, table, grid, params):
        total = self._index(table, params.total, params.axis)
        if total is None:
            return
        parts = list(range(total)) if params.above else []
        for pattern in params.parts:
            index = self._index(table, pattern, params.axis)
            if index is None:
                return
            parts.append(index)
        operands = [(total, -1)] + [(p, 1) for p in parts]
        for position in self._positions(table, grid, params.axis, params.columns):
            checked = self._linear(table, grid, params.axis, operands, position, blanks_as_zero=True)
            if checked is not None:
                yield checked

    def _equation(self, table, grid, params):
        result = self._index(table, params.result, params.axis)
        if result is None:
            return
        operands = [(result, -1)]
        for patterns, coeff in ((params.plus, 1), (params.minus, -1)):
            for pattern in patterns:
                index = self._index(table, pattern, params.axis)
                if index is None:
                    return
                operands.append((index, coeff))
        for position in self._positions(table, grid, params.axis, params.columns):
            checked = self._linear(table, grid, params.axis, operands, position, blanks_as_zero=False)
            if checked is not None:
                yield checked

    def _difference(self, table, grid, params):
        result, a, b = (self._index(table, getattr(params, role), params.axis)
                        for role in ("result", "minuend", "subtrahend"))
        if None in (result, a, b):
            return
        checks = []
        for position in self._positions(table, grid, params.axis, params.rows):
            forward = self._linear(table, grid, params.axis, [(result, -1), (a, 1), (b, -1)], position, False)
            backward = self._linear(table, grid, params.axis, [(result, -1), (a, -1), (b, 1)], position, False)
            if forward is not None:
                checks.append((forward[0], forward[1], backward[1]))
        only_backward = sum(1 for _, f, bw in checks if bw and not f)
        only_forward = sum(1 for _, f, bw in checks if f and not bw)
        use_backward = params.convention == "consistent" and only_backward > only_forward
        for cells, fits_forward, fits_backward in checks:
            yield cells, fits_backward if use_backward else fits_forward

    def _product(self, table, grid, params):
        columns = []
        for pattern in (params.result, *params.factors):
            found = self._columns(table, pattern)
            if not found:
                return
            columns.append(found[0])
        for i, row in enumerate(grid):
            values = [row[j] for j in columns]
            if any(v.exact is None for v in values):
                continue
            corners = [Fraction(1)]
            for factor in values[1:]:
                half = factor.half if params.rounded else 0  # scale scores are exact unless `rounded: true`
                ends = (factor.exact - half, factor.exact + half)
                corners = [c * e for c, e in cartesian(corners, ends)]
            low, high = min(corners), max(corners)
            result = values[0]
            holds = not (result.exact + result.half < low or result.exact - result.half > high)
            cells = frozenset((table.rows[i].cells[j].location.line, table.rows[i].cells[j].location.field)
                              for j in columns)
            yield cells, holds

    def _cross_table(self, table, grid, params):
        here = self._row(table, params.row)
        if here is None:
            return
        for other in self.report.tables:
            if other is table or not params.other.explain(other):
                continue
            there = next((i for i, r in enumerate(other.rows) if params.other_row.matches(r.label.text)), None)
            if there is None:
                continue
            keys = {normalize_label(name): k for k, name in enumerate(other.columns)}
            for j, name in enumerate(table.columns):
                k = keys.get(normalize_label(name))
                if k is None:
                    continue
                mine, theirs = table.rows[here].cells[j], other.rows[there].cells[k]
                a, b = value_of(mine), value_of(theirs)
                if a.exact is None or b.exact is None:
                    continue
                cells = frozenset({(mine.location.line, mine.location.field),
                                   (theirs.location.line, theirs.location.field)})
                yield cells, abs(a.exact - b.exact) <= a.half + b.half
            return


def relation_findings(findings: list[Finding]) -> tuple[set[str], set[Place]]:
    """Rules and cells of the relation findings; one finding may stand for several failures (`related`)."""
    relational = [f for f in findings if f.code in RELATION_CODES]
    rules = {f.rule for f in relational} | {r.rule for f in relational for r in getattr(f, "related", ())}
    return rules, {(c.location.line, c.location.field) for f in relational for c in f.cells}


def failing(instances: list[Instance]) -> tuple[set[str], set[Place]]:
    """Rules and cells of the failing relation instances, to compare with relation_findings()."""
    broken = [x for x in instances if not x.holds]
    return {x.rule for x in broken}, {p for x in broken for p in x.cells}


# --------------------------------------------------------------------------- the oracle itself is sound


@pytest.mark.parametrize("name", REPORTS)
def test_oracle_reads_the_numbers_the_engine_reads(name: str) -> None:
    report, _ = original(name)
    wrong = []
    for target in checked_cells(name):
        cell = report.tables[target.table].rows[target.i].cells[target.j]
        value = value_of(cell)
        if value.exact is None or float(value.exact) != cell.value or float(value.half) != cell.parsed.half_unit:
            wrong.append((target.place, cell.text))
        if Style.of(cell.text).text(Style.of(cell.text).units(cell.text)) != cell.text:
            wrong.append((target.place, cell.text, "style does not round-trip"))
    assert wrong == []


@pytest.mark.parametrize("name", REPORTS)
def test_oracle_agrees_with_the_engine_on_the_real_reports(name: str) -> None:
    report, _ = original(name)
    assert failing(Oracle(report, suite()).instances()) == relation_findings(check_report(report, suite()).findings)


@pytest.mark.parametrize("name", REPORTS)
def test_checked_cells_are_in_relations(name: str) -> None:
    report, _ = original(name)
    covered = set().union(*(x.cells for x in Oracle(report, suite()).instances()))
    outside = [(t.place, t.text) for t in checked_cells(name) if t.place not in covered]
    print(f"\n{name}: {len(checked_cells(name))} checked cells, {len(outside)} in no relation: {outside}")
    assert outside == []


# --------------------------------------------------------------------------- a. slips are found


MUTATIONS: dict[str, Callable[[str], Iterator[str]]] = {
    "sign": sign_flips,
    "transposition": transpositions,
    "plus7": lambda text: iter([shifted(text, 7)]),
}


def _excuse(name: str, target: Target, mine: list[Instance]) -> str | None:
    """Why a mutation no finding names is invisible by construction, or None when it should have been found."""
    if not mine:
        return "in no relation"
    if not all(x.holds for x in mine):
        return None
    before = [x for x in Oracle(original(name)[0], suite()).instances() if target.place in x.cells]
    if any(not x.holds for x in before):
        return "repairs an audited error"
    return "within rounding of every relation"


@pytest.mark.parametrize("mutation", MUTATIONS)
@pytest.mark.parametrize("name", REPORTS)
def test_slips_are_found_at_the_cell(name: str, mutation: str, tmp_path: Path) -> None:
    started = time.perf_counter()
    base = baseline(name)
    rng = random.Random(f"{SEED}-{name}-{mutation}")
    tried = detected = localized = corrected = already = 0
    misses, excused = [], []
    broken_before = failing(Oracle(original(name)[0], suite()).instances())[1]
    for target in sampled_cells(name):
        variants = list(MUTATIONS[mutation](target.text))
        if mutation == "transposition" and len(variants) > 1 and not FULL:
            variants = rng.sample(variants, 1)
        for new in variants:
            tried += 1
            already += target.place in broken_before  # in a relation the audited errors already break
            report = write_and_read(tmp_path, name, target, new)
            fresh = [f for f in check_report(report, suite()).findings if finding_key(f) not in base]
            naming = [f for f in fresh if names_cell(f, target.place)]
            if naming:
                detected += 1
                suspects = [f.suspect for f in naming if f.suspect is not None
                            and (f.suspect.cell.location.line, f.suspect.cell.location.field) == target.place]
                if suspects:
                    localized += 1
                    if any(Style.of(target.text).units(s.proposed) == Style.of(target.text).units(target.text)
                           for s in suspects if _NUMBER.match(s.proposed)):
                        corrected += 1
                continue
            mine = [x for x in Oracle(report, suite()).instances() if target.place in x.cells]
            why = _excuse(name, target, mine)
            entry = (target.place, target.text, new, why or [x.rule for x in mine if not x.holds])
            (excused if why else misses).append(entry)
    print(f"\n{name} {mutation}: tried {tried}, detected {detected}, localized {localized} "
          f"(corrected {corrected}), excused {len(excused)}, missed {len(misses)}; "
          f"{already} in an already failing relation; {len(sampled_cells(name))} cells "
          f"in {time.perf_counter() - started:.1f} s")
    for entry in excused:
        print("  undetectable:", entry)
    for entry in misses:
        print("  MISSED:", entry)
    assert misses == []


def test_a_typo_in_a_risk_product_is_found(tmp_path: Path) -> None:
    """Digitalisering 3 × 4 printed as 16 instead of 12 (the product kind's own failing example).

    Risk scores are exact points on a scale; read as rounded (±0,5) they would let 3 × 4 = 16 pass.
    """
    name = "herrljunga"
    target = next(t for t in checked_cells(name) if t.text == "12"
                  and original(name)[0].tables[t.table].columns[t.j].endswith("#3"))
    report = write_and_read(tmp_path, name, target, "16")
    fresh = [f for f in check_report(report, suite()).findings if finding_key(f) not in baseline(name)]
    assert any(f.code == "RK131" and names_cell(f, target.place) for f in fresh), \
        f"3 × 4 = 16 at {target.place} is accepted: are the risk scores treated as rounded (±0,5)?"


# --------------------------------------------------------------------------- b. ±1 is harmless unless it breaks a relation


@pytest.mark.parametrize("name", REPORTS)
def test_plus_minus_one_unit_agrees_with_the_oracle(name: str) -> None:
    started = time.perf_counter()
    base = baseline(name)
    tried = held = broke = 0
    false_alarms, misses, disagreements = [], [], []
    for target in sampled_cells(name):
        for delta in (1, -1):
            new = shifted(target.text, delta)
            tried += 1
            report = replaced_in_memory(name, target, new)
            findings = check_report(report, suite()).findings
            instances = Oracle(report, suite()).instances()
            mine = [x for x in instances if target.place in x.cells]
            if all(x.holds for x in mine):
                held += 1
                extra = {finding_key(f) for f in findings} ^ base
                if extra:
                    false_alarms.append((target.place, target.text, new, sorted(extra)))
            else:
                broke += 1
                fresh = [f for f in findings if finding_key(f) not in base and names_cell(f, target.place)]
                if not fresh:
                    misses.append((target.place, target.text, new, [x.rule for x in mine if not x.holds]))
            if failing(instances) != relation_findings(findings):
                disagreements.append((target.place, target.text, new,
                                      failing(instances), relation_findings(findings)))
    print(f"\n{name} ±1: tried {tried}, all relations hold {held}, a relation fails {broke} "
          f"({len(false_alarms)} false alarms, {len(misses)} missed, {len(disagreements)} disagreements) "
          f"in {time.perf_counter() - started:.1f} s")
    for entry in false_alarms + misses + disagreements:
        print("  ", entry)
    assert (false_alarms, misses, disagreements) == ([], [], [])
