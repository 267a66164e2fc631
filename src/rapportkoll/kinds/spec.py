"""What every rule kind provides: a params dataclass, a compile function, its wording and its documentation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import numpy as np

from rapportkoll.findings import Violation
from rapportkoll.frame import TableView
from rapportkoll.labels import LabelPattern
from rapportkoll.model import Location
from rapportkoll.numbers import Parsed
from rapportkoll.relations import Cited, Failure, LinearCheck
from rapportkoll.rounding import within


@dataclass(frozen=True)
class KindDoc:
    """The sections every kind documents; docs/rules.md is generated from these."""

    summary: str
    why: str
    failing: str
    passing: str
    example: str


@dataclass(frozen=True)
class Compiled:
    """A rule made concrete for one table: linear checks for the table-wide diagnosis, the findings a
    kind makes on its own (RK902 when a label does not resolve) and the cells those checked."""

    checks: tuple[LinearCheck, ...] = ()
    violations: tuple[Violation, ...] = ()
    covered: tuple[tuple[Location, ...], ...] = ()


@dataclass(frozen=True)
class RuleKind:
    """A kind of rule. Linear kinds compile to checks and word their failures (``word``, a pure
    function) once the diagnosis has located the culprit; the others check on their own.

    ``mutations_detected`` says whether changing one of the cells it relates must make it fail:
    what the mutation benchmark holds the kind to (no default, so a new kind must say).
    """

    name: str
    codes: tuple[str, ...]
    params: type
    compile: Callable[[TableView, object], Compiled]
    doc: KindDoc
    mutations_detected: bool
    word: Callable[[LinearCheck, Failure, Cited], Violation] | None = None
    equality: bool = False  # what it covers are pairs of cells that must be equal (a linear relation)


def checked_alone(evaluate: Callable[[TableView, object], Iterable[Violation]],
                  covers: Callable[[TableView, object], Iterable[tuple[Location, ...]]] | None = None
                  ) -> Callable[[TableView, object], Compiled]:
    """The compile function of a kind that checks on its own: its violations and the cells it covered."""
    def compile(view: TableView, params: object) -> Compiled:
        covered = tuple(covers(view, params)) if covers else ()
        return Compiled(violations=tuple(evaluate(view, params)), covered=covered)
    return compile


# What a rule looks for, by its role, as the Swedish message names it (English: the role itself).
_ROLES_SV = {"row": "raden", "column": "kolumnen", "table": "tabellen", "total": "summan", "part": "delen",
             "result": "resultatet", "term": "termen", "minuend": "termen", "subtrahend": "det som dras ifrån"}


def unresolved(what: str, pattern: LabelPattern) -> Violation:
    """A rule whose label is not in the table: reported, never silently passed."""
    fields = (("what_sv", _ROLES_SV.get(what, "etiketten")), ("what_en", what), ("label", str(pattern)))
    return Violation("RK902", (), fields)


def resolve(view: TableView, named: list[tuple[str, LabelPattern]], axis: str) -> list[int] | Violation:
    """Indices of every named row (or column), or the RK902 violation for the first label not found."""
    indices = []
    for role, pattern in named:
        index = row_or_column(view, pattern, axis)
        if index is None:
            return unresolved(role, pattern)
        indices.append(index)
    return indices


def row_or_column(view: TableView, pattern: LabelPattern, axis: str) -> int | None:
    """Index of the row (row relations) or column (column relations) a label names."""
    if axis == "rows":
        return view.row_index(pattern)
    found = view.column_indices(pattern)
    return found[0] if found else None


def positions(view: TableView, axis: str, scope: tuple[LabelPattern, ...]) -> list[int]:
    """Where a relation is checked: the named columns (or rows), else every column (row) with numbers."""
    if axis == "rows":
        if scope:
            return sorted({j for p in scope for j in view.column_indices(p)})
        return view.numeric_columns()
    if scope:
        return sorted({i for p in scope if (i := view.row_index(p)) is not None})
    return list(range(len(view.table.rows)))


def rows_of_columns(view: TableView, patterns: list[LabelPattern], axis: str = "columns"
                    ) -> Iterator[tuple[Location, ...]]:
    """The cells a row-wise relation of named columns checks: each row where all of them show numbers (with
    ``axis`` "rows", of named rows: each column where all of them do)."""
    operands = resolve(view, [("column" if axis == "columns" else "row", pattern) for pattern in patterns], axis)
    if isinstance(operands, Violation):
        return
    for p in range(len(view.table.rows) if axis == "columns" else len(view.table.columns)):
        cells = [view.cell(p, k) if axis == "columns" else view.cell(k, p) for k in operands]
        if all(cell.parsed.is_numeric for cell in cells):
            yield tuple(cell.location for cell in cells)


def label_of(view: TableView, index: int, axis: str) -> str:
    return view.table.rows[index].label.text if axis == "rows" else view.table.columns[index]


def agree(mine: Parsed, theirs: Parsed) -> bool:
    """Two printed numbers that may stand for the same amount: their rounding intervals meet."""
    tolerance = mine.half_unit + theirs.half_unit
    scale = max(abs(mine.value), abs(theirs.value))
    return bool(within(np.array(mine.value - theirs.value), np.array(tolerance), scale))
