"""The annotations of the real tables (ANNOTATIONS.md): loaded, resolved to cells, and checked by arithmetic.

Independent of rapportkoll's engine on purpose: a single-table TSV is split by hand and only the
number parser is shared, so the relations a reader annotated are measured against the tool, never
taken from it. Cells are keyed by their place in the file, (line, field), which is also how the
tool's own cell locations name them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from rapportkoll.numbers import CellKind, Parsed, parse

FOLDER = Path(__file__).resolve().parent
NOTE_HEADERS = {"not", "noter", "nothänvisning", "ref"}
RELATION_KINDS = ("sum", "equation", "ratio", "equal")
Key = tuple[int, int]  # (line, field) of a cell in its file, both 1-based, the row label being field 1


@dataclass
class Grid:
    """One table as the file prints it: labels, column headers and cell texts with their places."""

    caption: str
    columns: list[str]
    labels: list[str] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)
    keys: list[list[Key]] = field(default_factory=list)

    def row(self, label: str) -> int:
        return _occurrence(self.labels, label, "row", self.caption)

    def column(self, label: str) -> int:
        return _occurrence(self.columns, label, "column", self.caption)

    def key(self, row: int, column: int) -> Key:
        return self.keys[row][column]

    def parsed(self, row: int, column: int) -> Parsed:
        return parse(self.cells[row][column])


def _occurrence(labels: list[str], wanted: str, what: str, table: str) -> int:
    """Index of a label written as printed, ' #k' naming its k-th occurrence."""
    head, sep, tail = wanted.rstrip().rpartition(" #")  # " #2" is the 2nd empty label
    name, k = (head, int(tail)) if sep and tail.isdigit() else (wanted, 1)
    name = name.strip()
    found = [i for i, label in enumerate(labels) if label.strip() == name]
    if len(found) < k:
        raise KeyError(f"{table}: no {what} '{wanted}'")
    return found[k - 1]


def read_grids(path: Path) -> dict[str, Grid]:
    """The tables of a file by caption: a TSV split by hand; a multi-table text export via the reader."""
    if path.suffix == ".tsv":
        return {"": _tsv_grid(path)}
    from rapportkoll.readers import read_report

    grids = {}
    for table in read_report(path).tables:
        grid = Grid(table.caption or table.title, list(table.columns))
        for row in table.rows:
            grid.labels.append(row.label.text)
            grid.cells.append([cell.text for cell in row.cells])
            grid.keys.append([(cell.location.line, cell.location.field) for cell in row.cells])
        grids.setdefault(grid.caption, grid)
    return grids


def _tsv_grid(path: Path) -> Grid:
    header, *rows = path.read_text(encoding="utf-8").split("\n")
    columns = header.split("\t")[1:]
    grid = Grid("", columns)
    for number, line in enumerate(rows, start=2):
        if not line.strip():
            continue
        label, *cells = line.split("\t")
        grid.labels.append(label)
        grid.cells.append((cells + [""] * len(columns))[: len(columns)])
        grid.keys.append([(number, j + 2) for j in range(len(columns))])
    return grid


@dataclass(frozen=True)
class Equation:
    """One position of an annotated linear relation: Σ coeff·cell = 0 over cells keyed by place."""

    relation: int
    terms: tuple[tuple[str, Key, float], ...]  # (table caption, cell key, coefficient)
    values: tuple[float, ...]
    halves: tuple[float, ...]

    @property
    def residual(self) -> float:
        return sum(c * v for (_, _, c), v in zip(self.terms, self.values))

    @property
    def tolerance(self) -> float:
        return sum(abs(c) * h for (_, _, c), h in zip(self.terms, self.halves))

    def holds(self, replaced: dict[Key, float] | None = None) -> bool:
        values = [replaced.get(key, v) if replaced else v for (_, key, _), v in zip(self.terms, self.values)]
        residual = sum(c * v for (_, _, c), v in zip(self.terms, values))
        return abs(residual) <= self.tolerance * (1 + 1e-9) + 1e-9


@dataclass
class Annotation:
    path: Path
    data: dict
    grids: dict[str, Grid]

    @property
    def relations(self) -> list[dict]:
        return self.data.get("relations") or []

    @property
    def slips(self) -> list[dict]:
        return self.data.get("slips") or []

    def grid(self, caption: str | None) -> Grid:
        if caption is None and len(self.grids) == 1:
            return next(iter(self.grids.values()))
        if caption not in self.grids:
            raise KeyError(f"{self.path.name}: no table '{caption}' (tables: {sorted(self.grids)})")
        return self.grids[caption]

    def slip_cells(self) -> dict[Key, dict]:
        return {self.grid(s.get("table")).key(*self._place(s)): s for s in self.slips}

    def _place(self, slip: dict) -> tuple[int, int]:
        grid = self.grid(slip.get("table"))
        return grid.row(slip["row"]), grid.column(slip["column"])


def load(stem_or_path: str | Path) -> Annotation:
    """The annotation of one table file (``<stem>.yaml`` beside ``<stem>.tsv`` or ``<stem>.txt``)."""
    path = Path(stem_or_path)
    sidecar = path.with_suffix(".yaml") if path.suffix else FOLDER / f"{path}.yaml"
    data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    table = next(p for p in (sidecar.with_suffix(".tsv"), sidecar.with_suffix(".txt")) if p.exists())
    return Annotation(table, data, read_grids(table))


def annotated_files() -> list[Path]:
    return sorted(p for p in FOLDER.glob("*.yaml"))


def kind_of(relation: dict) -> str:
    kinds = [k for k in RELATION_KINDS if k in relation]
    if len(kinds) != 1:
        raise ValueError(f"a relation names exactly one of {RELATION_KINDS}: {relation}")
    return kinds[0]


def equations(annotation: Annotation, number: int) -> list[Equation]:
    """Every evaluable position of linear relation ``number`` (sum, equation, equal) as an equation."""
    relation = annotation.relations[number]
    kind = kind_of(relation)
    spec = relation[kind]
    if kind == "sum":
        return _sum_equations(annotation, number, spec)
    if kind == "equation":
        return _column_equations(annotation, number, spec)
    if kind == "equal":
        return _equal_equations(annotation, number, spec)
    return []


def _sum_equations(annotation: Annotation, number: int, spec: dict) -> list[Equation]:
    grid = annotation.grid(spec.get("table"))
    total = grid.row(spec["total"])
    signed = [(grid.row(p), 1.0) for p in spec.get("parts") or []]
    signed += [(grid.row(p), -1.0) for p in spec.get("minus") or []]
    columns = [grid.column(c) for c in spec["columns"]] if spec.get("columns") else _amount_columns(grid, total)
    found = []
    for j in columns:
        operands = [(total, -1.0)] + signed
        equation = _equation(grid, number, [(i, j, c) for i, c in operands], blank_parts=True)
        if equation:
            found.append(equation)
    return found


def _column_equations(annotation: Annotation, number: int, spec: dict) -> list[Equation]:
    grid = annotation.grid(spec.get("table"))
    result = grid.column(spec["result"])
    signed = [(grid.column(c), 1.0) for c in spec.get("plus") or []]
    signed += [(grid.column(c), -1.0) for c in spec.get("minus") or []]
    rows = [grid.row(r) for r in spec["rows"]] if spec.get("rows") else range(len(grid.labels))
    found = []
    for i in rows:
        operands = [(result, -1.0)] + signed
        equation = _equation(grid, number, [(i, j, c) for j, c in operands], blank_parts=False)
        if equation:
            found.append(equation)
    return found


def _equal_equations(annotation: Annotation, number: int, spec: dict) -> list[Equation]:
    here, there = annotation.grid(spec.get("table")), annotation.grid(spec.get("other_table"))
    a = (here, here.row(spec["row"]), here.column(spec["column"]))
    b = (there, there.row(spec["other_row"]), there.column(spec["other_column"]))
    cells = [(grid, i, j, coeff) for (grid, i, j), coeff in ((a, -1.0), (b, 1.0))]
    parsed = [grid.parsed(i, j) for grid, i, j, _ in cells]
    if not all(p.is_numeric for p in parsed):
        return []
    terms = tuple((grid.caption, grid.key(i, j), c) for grid, i, j, c in cells)
    return [Equation(number, terms, tuple(p.value for p in parsed), tuple(p.half_unit for p in parsed))]


def _equation(grid: Grid, number: int, operands: list[tuple[int, int, float]], blank_parts: bool) -> Equation | None:
    """The equation at one position, or None where a cell shows no number (blank parts of a sum are 0)."""
    values, halves = [], []
    for k, (i, j, _) in enumerate(operands):
        parsed = grid.parsed(i, j)
        if parsed.is_numeric:
            values.append(parsed.value)
            halves.append(parsed.half_unit)
        elif blank_parts and k > 0 and parsed.kind in (CellKind.BLANK, CellKind.MARKER):
            values.append(0.0)
            halves.append(0.0)
        else:
            return None
    terms = tuple((grid.caption, grid.key(i, j), c) for i, j, c in operands)
    return Equation(number, terms, tuple(values), tuple(halves))


def _amount_columns(grid: Grid, total: int) -> list[int]:
    """Where a row total holds by default: columns that are neither notes nor percentages."""
    return [j for j, name in enumerate(grid.columns)
            if name.strip().casefold() not in NOTE_HEADERS and grid.parsed(total, j).kind is not CellKind.PERCENT]


def ratio_positions(annotation: Annotation, number: int) -> list[tuple[int, bool]]:
    """(row, holds) for every evaluable row of a ratio relation, by interval arithmetic."""
    spec = annotation.relations[number]["ratio"]
    grid = annotation.grid(spec.get("table"))
    columns = _ratio_columns(grid, spec)
    rows = [grid.row(r) for r in spec["rows"]] if spec.get("rows") else range(len(grid.labels))
    found = []
    for i in rows:
        parsed = [grid.parsed(i, j) for j in columns]
        if all(p.is_numeric for p in parsed):
            found.append((i, _ratio_holds(parsed)))
    return found


def _ratio_columns(grid: Grid, spec: dict) -> list[int]:
    """Result, numerator, denominator and (optionally) less, in that order."""
    names = [spec["result"], spec["numerator"], spec["denominator"]] + ([spec["less"]] if spec.get("less") else [])
    return [grid.column(name) for name in names]


def _ratio_problems(annotation: Annotation, number: int, slips: dict[Key, dict]) -> list[str]:
    """Rows where a ratio fails and no slip in the row explains it (a corrected slip must make it hold)."""
    spec = annotation.relations[number]["ratio"]
    grid = annotation.grid(spec.get("table"))
    found = []
    for i, holds in ratio_positions(annotation, number):
        if holds:
            continue
        cells = [(grid.key(i, j), grid.parsed(i, j)) for j in _ratio_columns(grid, spec)]
        fixes = {key: parse(str(slips[key]["corrected"])) for key, _ in cells
                 if key in slips and slips[key].get("corrected") is not None}
        if not any(key in slips for key, _ in cells):
            found.append(f"relation {number + 1} (ratio) fails in row {grid.labels[i]} and no slip is annotated")
        elif fixes and not _ratio_holds([fixes.get(key, parsed) for key, parsed in cells]):
            found.append(f"relation {number + 1} (ratio) still fails in row {grid.labels[i]} with the slips corrected")
    return found


def _ratio_holds(parsed: list[Parsed]) -> bool:
    result, numerator, denominator, *less = parsed
    base_low = denominator.value - denominator.half_unit - (less[0].value + less[0].half_unit if less else 0.0)
    base_high = denominator.value + denominator.half_unit - (less[0].value - less[0].half_unit if less else 0.0)
    if base_low <= 0 <= base_high:
        return True  # a base that may be zero bounds nothing
    quotients = [100 * (numerator.value + s * numerator.half_unit) / b for s in (-1, 1) for b in (base_low, base_high)]
    return min(quotients) - result.half_unit <= result.value <= max(quotients) + result.half_unit


def problems(annotation: Annotation) -> list[str]:
    """What is wrong with an annotation: unknown labels, relations failing with no slip to explain them."""
    found: list[str] = []
    try:
        slips = annotation.slip_cells()
    except KeyError as error:
        return [str(error)]
    for key, slip in slips.items():
        grid = annotation.grid(slip.get("table"))
        i, j = annotation._place(slip)
        if str(slip.get("printed", "")).strip() != grid.cells[i][j].strip():
            found.append(f"slip at {slip['row']} / {slip['column']}: printed '{slip.get('printed')}' but the file "
                         f"has '{grid.cells[i][j]}'")
    corrected = {key: parse(str(s["corrected"])).value for key, s in slips.items() if s.get("corrected") is not None}
    for number, relation in enumerate(annotation.relations):
        try:
            found.extend(_relation_problems(annotation, number, relation, slips, corrected))
        except (KeyError, ValueError) as error:
            found.append(f"relation {number + 1}: {error}")
    return found


def _relation_problems(annotation, number, relation, slips, corrected) -> list[str]:
    kind = kind_of(relation)
    if kind == "ratio":
        return _ratio_problems(annotation, number, slips)
    broken = []
    for equation in equations(annotation, number):
        if equation.holds():
            continue
        keys = {key for _, key, _ in equation.terms}
        if not keys & slips.keys():
            broken.append(f"relation {number + 1} ({kind}) fails at {sorted(keys)}: residual "
                          f"{equation.residual:g}, rounding allows ±{equation.tolerance:g}, and no slip is annotated")
        elif keys & corrected.keys() and not equation.holds(corrected):
            broken.append(f"relation {number + 1} ({kind}) still fails at {sorted(keys)} with the slips corrected")
    return broken
