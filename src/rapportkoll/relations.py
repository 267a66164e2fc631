"""Linear relations over a table (sums, equations, differences), evaluated vectorised per axis.

A relation says: result = Σ cᵢ·termᵢ, along rows (one check per column) or along columns
(one check per row). Kinds compile their params to checks (plain data) and word the failures
with a pure function each; locating the culprit is the diagnosis' job (diagnose.py), done once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from typing import Iterator, Literal

import numpy as np

from rapportkoll.frame import TableView
from rapportkoll.findings import CellRef, Suggestion, Violation
from rapportkoll.locate import Instance, Operand, written_like
from rapportkoll.numbers import format_like, format_tolerance
from rapportkoll.rounding import within

Axis = Literal["rows", "columns"]


@dataclass(frozen=True)
class LinearRelation:
    axis: Axis
    result: int
    terms: tuple[tuple[int, float], ...]
    blanks_as_zero: bool = False
    # The rows (or columns) it reads, the result first, and Σ coefficients·operands = 0 (the result −1).
    operands: tuple[int, ...] = field(init=False, repr=False, compare=False)
    coefficients: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        operands, coefficients = zip(*self.terms) if self.terms else ((), ())
        object.__setattr__(self, "operands", (self.result, *operands))
        object.__setattr__(self, "coefficients", (-1.0, *coefficients))


@dataclass(frozen=True)
class Failure:
    """One position (column for row relations, row for column relations) where the relation fails."""

    position: int
    expected: float
    actual: float
    residual: float
    tolerance: float
    blank: tuple[int, int] | None = None  # the (row, column) of a blank operand a value belongs in


def evaluate(view: TableView, relation: LinearRelation, positions: list[int] | None = None) -> list[Failure]:
    """Positions where the relation fails beyond rounding; positions with a missing operand are skipped
    (``positions`` None means every position)."""
    return evaluate_all(view, [(relation, positions)])[0]


def evaluate_all(view: TableView, relations: list[tuple[LinearRelation, list[int] | None]]) -> list[list[Failure]]:
    """The failures of every relation of a table, each list in the order of ``relations``.

    The residuals and tolerances of all relations along one axis come from one sparse product
    (segment sums over the operands' rows, or columns): a table of many relations costs about what
    a plain numpy evaluation costs. Only positions outside the tolerance are then examined exactly.
    """
    failures: list[list[Failure]] = [[] for _ in relations]
    by_axis: dict[str, list[int]] = {"rows": [], "columns": []}
    for k, (relation, _) in enumerate(relations):
        by_axis[relation.axis].append(k)
    for axis, chosen in by_axis.items():
        if not chosen:
            continue
        outside = _outside(view, axis, [relations[k] for k in chosen])
        for row in np.flatnonzero(outside.any(axis=1)):
            relation = relations[chosen[row]][0]
            failures[chosen[row]] = _confirm(view, relation, list(relation.operands),
                                             np.array(relation.coefficients), np.flatnonzero(outside[row]))
    return failures


def _outside(view: TableView, axis: Axis, relations: list[tuple[LinearRelation, list[int] | None]]) -> np.ndarray:
    """Relations × positions: True where the residual exceeds the tolerance at a position checked.

    Row relations are many (a sum per nämnd) and each reads a few rows: segment sums over the rows
    they read. Column relations are few and read every row: one matrix product with the table.
    """
    frame = view.frame
    sizes = np.fromiter((len(relation.operands) for relation, _ in relations), dtype=int, count=len(relations))
    total = int(sizes.sum())  # a known count lets fromiter fill one array instead of growing it
    index = np.fromiter(chain.from_iterable(relation.operands for relation, _ in relations), dtype=int, count=total)
    weights = np.fromiter(chain.from_iterable(relation.coefficients for relation, _ in relations), dtype=float,
                          count=total)
    if axis == "rows":
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        residual = np.add.reduceat(weights[:, None] * frame.dense[index], starts, axis=0)
        tolerance = np.add.reduceat(np.abs(weights)[:, None] * frame.halves[index], starts, axis=0)
    else:
        owners = np.repeat(np.arange(len(relations)), sizes)
        shape = (frame.values.shape[1], len(relations))
        coefficients, magnitudes = np.zeros(shape), np.zeros(shape)
        np.add.at(coefficients, (index, owners), weights)
        np.add.at(magnitudes, (index, owners), np.abs(weights))
        residual, tolerance = (frame.dense @ coefficients).T, (frame.halves @ magnitudes).T
    return (np.abs(residual) > tolerance) & _checked_at(relations, residual.shape)


def checkable_all(view: TableView, relations: list[tuple[LinearRelation, list[int] | None]]) -> list[np.ndarray]:
    """`checkable` for every relation of a table (``positions`` None: every position), in their order.

    One reduction over the operands of all relations along an axis, as `_outside` evaluates them: a long
    table's 10⁴ relations cost ~30 µs each one by one.
    """
    found: list[np.ndarray] = [np.empty(0, dtype=int)] * len(relations)
    for axis in ("rows", "columns"):
        chosen = [k for k, (relation, _) in enumerate(relations) if relation.axis == axis]
        if not chosen:
            continue
        able = _checkable_each(view, axis, [relations[k][0] for k in chosen])
        for row, k in enumerate(chosen):
            named = relations[k][1]
            positions = np.arange(able.shape[1]) if named is None else np.asarray(named, dtype=int)
            found[k] = positions[able[row, positions]]
    return found


def _checkable_each(view: TableView, axis: Axis, relations: list[LinearRelation]) -> np.ndarray:
    """Relations × positions: where each relation's operands can be read (`_checkable`'s rule, all at once)."""
    values, _, blank = _oriented(view, axis)
    sizes = [len(relation.operands) for relation in relations]
    index = np.fromiter(chain.from_iterable(r.operands for r in relations), dtype=int, count=sum(sizes))
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    unread = np.logical_or.reduceat(np.isnan(values[index]) & ~blank[index], starts, axis=0)
    blanks = np.add.reduceat(blank[index].astype(np.int64), starts, axis=0)
    as_zero = np.array([relation.blanks_as_zero for relation in relations])[:, None]
    results = np.array([relation.result for relation in relations])
    return ~unread & np.where(as_zero, ~blank[results], blanks <= 1)


def _checked_at(relations: list[tuple[LinearRelation, list[int] | None]], shape: tuple[int, int]) -> np.ndarray:
    """Relations × positions: True where a relation is checked (every position, or those it names)."""
    checked = np.zeros(shape, dtype=bool)
    # positions are distinct, so as many as the axis has are all of them (a sum over every numeric column)
    every = [positions is None or len(positions) == shape[1] for _, positions in relations]
    checked[every] = True
    named = [(k, positions) for k, (_, positions) in enumerate(relations) if not every[k]]
    if named:
        rows = np.repeat([k for k, _ in named], [len(positions) for _, positions in named])
        checked[rows, np.fromiter(chain.from_iterable(p for _, p in named), dtype=int, count=len(rows))] = True
    return checked


def failing_positions(view: TableView, relation: LinearRelation, positions: list[int] | None = None) -> set[int]:
    """The positions `evaluate` reports, without making a `Failure` of each: a sign convention's test reads
    only where each reading fails (the wrong one fails in every row of a long table)."""
    outside = np.flatnonzero(_outside(view, relation.axis, [(relation, positions)])[0])
    if not outside.size:
        return set()
    failing = _exact(view, relation, list(relation.operands), np.array(relation.coefficients), outside)[0]
    return set(outside[failing].tolist())


def _confirm(view: TableView, relation: LinearRelation, index: list[int], coeffs: np.ndarray,
             positions: np.ndarray) -> list[Failure]:
    """The exact test at the given positions at once: operands present, and the residual beyond rounding."""
    failing, block, residual, tolerance, empty = _exact(view, relation, index, coeffs, positions)
    failures = []
    for k in np.flatnonzero(failing):
        lone_blank = None
        if not relation.blanks_as_zero and empty[:, k].any():
            lone_blank = cell_at(relation, index[int(np.flatnonzero(empty[:, k])[0])], int(positions[k]))
        failures.append(Failure(int(positions[k]), float(block[0, k] + residual[k]), float(block[0, k]),
                                float(residual[k]), float(tolerance[k]), lone_blank))
    return failures


def _exact(view: TableView, relation: LinearRelation, index: list[int], coeffs: np.ndarray, positions: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(failing, operands with blanks as 0, residual, tolerance, blank) at the positions: the exact test."""
    values, halves, blank = _oriented(view, relation.axis)
    at = np.ix_(index, positions)
    block, half, empty = values[at], halves[at], blank[at]
    checkable = _checkable(relation, empty, np.isnan(block))
    block = np.where(empty, 0.0, block)  # a blank a checkable position has is read as 0
    residual, tolerance = coeffs @ block, np.abs(coeffs) @ half
    failing = checkable & ~within(residual, tolerance, np.abs(block).max(axis=0, initial=0.0))
    return failing, block, residual, tolerance, empty


def _checkable(relation: LinearRelation, empty: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Which positions (columns of operands × positions) can be checked; their blank operands count as 0.

    Blank parts of a sum are zero. Elsewhere one blank operand is taken as 0 too, so a blank where
    the other operands call for a value is found; two blanks leave nothing to check. Text never counts.
    """
    checkable = ~(missing & ~empty).any(axis=0)
    if relation.blanks_as_zero:
        return checkable & ~empty[0]
    return checkable & (empty.sum(axis=0) <= 1)


def _oriented(view: TableView, axis: Axis) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    frame = view.frame
    if axis == "rows":
        return frame.values, frame.halves, frame.blank
    return frame.values.T, frame.halves.T, frame.blank.T


def cell_at(relation: LinearRelation, index: int, position: int) -> tuple[int, int]:
    """(row, column) of operand ``index`` (a row for row relations) at ``position``."""
    return (index, position) if relation.axis == "rows" else (position, index)


def instance(view: TableView, relation: LinearRelation, position: int) -> Instance | None:
    """The equation one position of a relation checks, over located cells; None when not evaluable."""
    operands = []
    pairs = [(relation.result, -1.0)] + list(relation.terms)
    places = [cell_at(relation, index, position) for index, _ in pairs]
    if not checkable(view, relation, [position]).size:
        return None
    for (i, j), (_, coeff) in zip(places, pairs):
        operands.append(Operand((i, j), view.ref(i, j), view.cell(i, j).parsed, coeff, view.sign_outlier(i, j),
                                view.column_style(j), view.row_peers(i, j)))
    residual = sum(op.coeff * op.value for op in operands)
    tolerance = sum(abs(op.coeff) * op.parsed.half_unit for op in operands if op.parsed.is_numeric)
    return Instance(tuple(operands), residual, tolerance, sums_parts=relation.blanks_as_zero)


def checkable(view: TableView, relation: LinearRelation, positions: list[int]) -> np.ndarray:
    """The positions a relation can be checked at: its operands numbers, or blanks it may read as 0."""
    values, _, blank = _oriented(view, relation.axis)
    positions = np.asarray(positions, dtype=int)
    at = np.ix_([relation.result] + [t for t, _ in relation.terms], positions)
    return positions[_checkable(relation, blank[at], np.isnan(values[at]))]


@dataclass(frozen=True)
class LinearCheck:
    """A relation a rule checks in one table, where, and the labels its findings name: plain data.

    ``where`` names each position along the other axis (the columns of a row relation); ``words``
    are the kind's own fields (the parts of a sum, a formula); ``opposite`` holds the positions where
    the other sign convention fails too (a difference: where neither fits, the failure is no sign error).
    """

    relation: LinearRelation
    positions: tuple[int, ...] | None
    result: str
    where: tuple[str, ...]
    words: tuple[tuple[str, str], ...] = ()
    opposite: frozenset[int] = frozenset()

    def result_at(self, failure: Failure) -> str:
        """'Summa (Utfall 2024)': the result's label and the position where it fails."""
        return f"{self.result} ({self.where[failure.position]})"


@dataclass(frozen=True)
class Cited:
    """The parts every linear finding shares: the cells it cites and its numbers as the report prints them."""

    cells: tuple[CellRef, ...]
    fields: tuple[tuple[str, str], ...]
    expected: float
    actual: float
    tolerance: float

    def violation(self, code: str, fields: tuple[tuple[str, str], ...]) -> Violation:
        return Violation(code, self.cells, self.fields + fields, self.expected, self.actual, self.tolerance)


def cite(checked: Instance, failure: Failure, suspect: Suggestion | None) -> Cited:
    """The cells and printed numbers of a failing instance; a blank part is cited only as the culprit."""
    result = checked.operands[0]
    named = suspect.cell.location if suspect else None
    cells = tuple(op.ref for op in checked.operands
                  if op.parsed.is_numeric or op is result or op.ref.location == named)
    fields = (("actual", result.ref.text), ("expected", format_like(failure.expected, result.parsed)),
              ("tolerance", format_tolerance(failure.tolerance)))
    return Cited(cells, fields, failure.expected, failure.actual, failure.tolerance)


def word_blank(checked: Instance, failure: Failure, suspect: Suggestion | None) -> Violation:
    """RK103, for every linear kind: a blank where the relation calls for a value, with the value located."""
    operand = next(op for op in checked.operands if op.key == failure.blank)
    blank = operand.ref
    if suspect and suspect.cell.location == blank.location:
        needed = suspect.proposed
    else:  # another cell is the likelier culprit: the value the others call for, all the same
        needed = format_like(-checked.residual / operand.coeff, written_like(operand))
    fields = (("row", blank.row), ("column", blank.column), ("expected", needed))
    cells = (blank,) + tuple(op.ref for op in checked.operands if op.ref.location != blank.location)
    return Violation("RK103", cells, fields, failure.expected, failure.actual, failure.tolerance)


def formula(labels: Iterator[tuple[str, float]]) -> str:
    """'A + B − C' for the terms of a relation, as the finding prints it."""
    text = ""
    for label, coeff in labels:
        sign = "-" if coeff < 0 else "+"
        factor = "" if abs(coeff) == 1 else f"{abs(coeff):g}·"
        text += f" {sign} {factor}{label}" if text else f"{'-' if coeff < 0 else ''}{factor}{label}"
    return text
