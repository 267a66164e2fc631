"""Building small tables and running one rule kind on them, for the unit tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

from rapportkoll.diagnose import Linear, diagnose
from rapportkoll.findings import Severity, Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds import KINDS
from rapportkoll.model import Cell, Location, Row, Table
from rapportkoll.packs import RuleSpec
from rapportkoll.params import build

PATH = "test.txt"


def table_from_rows(header: list[str], rows: list[list[str]], caption: str = "T", index: int = 0) -> Table:
    """A Table as the text reader would build it from ``header`` and ``rows`` (label first).

    The header sits on line 1 and row i (0-based) on line i + 2, so a cell's line is its row's
    number in header + rows; a cell's field is its 1-based position, the row label being field 1.
    Ragged rows are padded with blanks to the header's width.
    """
    width = len(header)
    built = []
    for i, texts in enumerate(rows):
        if len(texts) > width:
            raise ValueError(f"row {i} {texts!r} is wider than the header {header!r}")
        padded = list(texts) + [""] * (width - len(texts))
        cells = tuple(Cell.read(text, Location(PATH, line=i + 2, field=pos)) for pos, text in enumerate(padded, 1))
        built.append(Row(cells[0], cells[1:]))
    return Table(caption, header[0], tuple(header[1:]), built, Location(PATH, line=1, field=1), index)


def build_params(kind_name: str, params: dict[str, Any]) -> object:
    return build(KINDS[kind_name].params, params, "test")


def evaluate_rule(kind_name: str, params: dict[str, Any], table: Table, others: Iterable[Table] = ()) -> list[Violation]:
    """The violations kind ``kind_name`` finds in ``table`` with ``params`` given as in a rule pack: what it
    finds on its own, then its linear failures as the engine's diagnosis locates and words them."""
    kind = KINDS[kind_name]
    view = TableView.of(table, tuple(others))
    rule = RuleSpec("test.rule", kind, build_params(kind_name, params), Severity.ERROR, ("", ""), "", PATH)
    compiled = kind.compile(view, rule.params)
    groups = diagnose(view, [Linear(rule, None, check) for check in compiled.checks]).groups
    return list(compiled.violations) + [replace(f.violation, suspect=group.suspect)
                                        for group in groups for f in group.failures]


def key(violation: Violation) -> tuple[str, str | None, str | None]:
    """(code, row label, column label) of the cell a violation is about (its first cell)."""
    if not violation.cells:
        return violation.code, None, None
    first = violation.cells[0]
    return violation.code, first.row, first.column


def keys(violations: Iterable[Violation]) -> set[tuple[str, str | None, str | None]]:
    return {key(v) for v in violations}
