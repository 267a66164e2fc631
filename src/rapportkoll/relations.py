"""Linear relations over a table (sums, equations, differences), evaluated vectorised per axis.

A relation says: result = Σ cᵢ·termᵢ, along rows (one check per column) or along columns
(one check per row). Kinds compile their params to this and only word the findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Literal

import numpy as np

from rapportkoll.frame import TableView
from rapportkoll.findings import Violation
from rapportkoll.locate import Instance, Operand, locate
from rapportkoll.numbers import format_like, format_tolerance
from rapportkoll.rounding import within

Axis = Literal["rows", "columns"]


@dataclass(frozen=True)
class LinearRelation:
    axis: Axis
    result: int
    terms: tuple[tuple[int, float], ...]
    blanks_as_zero: bool = False


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
    """Positions where the relation fails beyond rounding; positions with a missing operand are skipped.

    The residual and tolerance of every position come from two products over the relation's own
    rows (a row relation reads only them, so a table of many relations stays linear) or over the
    table's columns; only positions outside the tolerance are then examined cell by cell
    (``positions`` None means every position).
    """
    frame = view.frame
    index = [relation.result] + [t for t, _ in relation.terms]
    coeffs = np.array([-1.0] + [c for _, c in relation.terms])
    if relation.axis == "rows":
        residual, tolerance = coeffs @ frame.dense[index], np.abs(coeffs) @ frame.halves[index]
    else:
        c, w = np.zeros(frame.values.shape[1]), np.zeros(frame.values.shape[1])
        np.add.at(c, index, coeffs)
        np.add.at(w, index, np.abs(coeffs))
        residual, tolerance = frame.dense @ c, frame.halves @ w
    outside = np.abs(residual) > tolerance
    if positions is not None:
        chosen = np.zeros_like(outside)
        chosen[positions] = True
        outside &= chosen
    return _confirm(view, relation, index, coeffs, np.flatnonzero(outside))


def _confirm(view: TableView, relation: LinearRelation, index: list[int], coeffs: np.ndarray,
             positions: np.ndarray) -> list[Failure]:
    """The exact test at the given positions at once: operands present, and the residual beyond rounding."""
    values, halves, blank = _oriented(view, relation.axis)
    at = np.ix_(index, positions)
    block, half, empty = values[at], halves[at], blank[at]
    checkable = _checkable(relation, empty, np.isnan(block))
    block = np.where(empty, 0.0, block)  # a blank a checkable position has is read as 0
    residual, tolerance = coeffs @ block, np.abs(coeffs) @ half
    failing = checkable & ~within(residual, tolerance, np.abs(block).max(axis=0, initial=0.0))
    failures = []
    for k in np.flatnonzero(failing):
        lone_blank = None
        if not relation.blanks_as_zero and empty[:, k].any():
            lone_blank = cell_at(relation, index[int(np.flatnonzero(empty[:, k])[0])], int(positions[k]))
        failures.append(Failure(int(positions[k]), float(block[0, k] + residual[k]), float(block[0, k]),
                                float(residual[k]), float(tolerance[k]), lone_blank))
    return failures


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
                                view.column_style(j)))
    residual = sum(op.coeff * op.value for op in operands)
    tolerance = sum(abs(op.coeff) * op.parsed.half_unit for op in operands if op.parsed.is_numeric)
    return Instance(tuple(operands), residual, tolerance, sums_parts=relation.blanks_as_zero)


def checkable(view: TableView, relation: LinearRelation, positions: list[int]) -> np.ndarray:
    """The positions a relation can be checked at: its operands numbers, or blanks it may read as 0."""
    values, _, blank = _oriented(view, relation.axis)
    positions = np.asarray(positions, dtype=int)
    at = np.ix_([relation.result] + [t for t, _ in relation.terms], positions)
    return positions[_checkable(relation, blank[at], np.isnan(values[at]))]


def describe(view: TableView, relation: LinearRelation, failure: Failure) -> dict[str, object]:
    """The shared parts of a failed relation's finding: cells, numbers as the report prints them, suspect."""
    checked = instance(view, relation, failure.position)
    result = checked.operands[0]
    explanation = locate([checked]) if view.localise else None
    suspect = explanation.changes[0] if explanation else None
    named = suspect.cell.location if suspect else None  # a blank part cited only when it is the likely culprit
    return {
        "cells": tuple(op.ref for op in checked.operands
                       if op.parsed.is_numeric or op is result or op.ref.location == named),
        "expected": failure.expected,
        "actual": failure.actual,
        "tolerance": failure.tolerance,
        "suspect": suspect,
        "fields": {
            "actual": result.ref.text,
            "expected": format_like(failure.expected, result.parsed),
            "tolerance": format_tolerance(failure.tolerance),
        },
    }


@dataclass(frozen=True)
class BoundRelation:
    """A relation a rule checks in one table, where, and how the rule words a failure."""

    relation: LinearRelation
    positions: list[int] | None
    word: Callable[[Failure], Violation]


def violations(bound: list[BoundRelation] | Violation, view: TableView) -> Iterator[Violation]:
    """What a linear kind reports on its own: each failure worded by its rule."""
    if isinstance(bound, Violation):
        yield bound
        return
    for item in bound:
        for failure in evaluate(view, item.relation, item.positions):
            yield word(view, item, failure)


def word(view: TableView, item: BoundRelation, failure: Failure) -> Violation:
    """A failure in the rule's own words, or as a blank where the relation calls for a value."""
    if failure.blank is None:
        return item.word(failure)
    checked = instance(view, item.relation, failure.position)
    explanation = locate([checked])
    i, j = failure.blank
    blank_ref = view.ref(i, j)
    needed = explanation.changes[0].proposed if explanation else ""
    fields = (("row", blank_ref.row), ("column", blank_ref.column), ("expected", needed))
    suspect = explanation.changes[0] if explanation else None
    cells = (blank_ref,) + tuple(op.ref for op in checked.operands if op.ref.location != blank_ref.location)
    return Violation("RK103", cells, fields, failure.expected, failure.actual, failure.tolerance, suspect)


def formula(labels: Iterator[tuple[str, float]]) -> str:
    """'A + B − C' for the terms of a relation, as the finding prints it."""
    text = ""
    for label, coeff in labels:
        sign = "-" if coeff < 0 else "+"
        factor = "" if abs(coeff) == 1 else f"{abs(coeff):g}·"
        text += f" {sign} {factor}{label}" if text else f"{'-' if coeff < 0 else ''}{factor}{label}"
    return text
