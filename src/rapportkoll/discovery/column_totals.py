"""Wide column relations: a total or a result column derived from four or more of the columns before it.

"Kommun | Landsting | Begravningsavgift | Kyrkoavgift | TOTAL" and a note's "… | Summa" over its asset
classes add four or five columns, more than the search over pairs and triples of columns tries; a
driftredovisning's "Årets resultat" may be "Kommunbidrag + Intäkter + Kostnader − Disposition av
resultat". The header names the derived column, so only its operands are read from the layout: the
columns since the previous total column (for a total) or the nearest six (for a result), less the "Därav"
columns that detail one of them. A total adds them all; a result takes each with a sign or leaves it out,
and is kept only where one such reading alone holds (policy.result_column).
"""

from __future__ import annotations

import functools
from itertools import product

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.amounts import Roles
from rapportkoll.discovery.evidence import Evidence, measure
from rapportkoll.discovery.found import BREAKDOWN, RESULT_WORDS, SUM_OF, Found, column_names
from rapportkoll.frame import TableView
from rapportkoll.rounding import within

_WIDEST_FOUND_ELSEWHERE = 3  # relations of two and three operand columns are found by the search over triples
_WIDEST_SIGNED = 6  # 3⁶ sign readings of the columns before a result column, at most


def column_totals(view: TableView, roles: Roles, derived: set[str]) -> list[Found]:
    """Each total- or result-headed column derived from the columns before it, where nothing derives it yet."""
    headers = list(view.table.columns)
    names = column_names(headers)  # a header printed twice is named by position
    columns = roles.additive
    found = []
    totals = [j for j in columns if SUM_OF.search(headers[j])]
    for result in totals:
        previous = max((t for t in totals if t < result), default=-1)
        parts = [j for j in columns if previous < j < result and not BREAKDOWN.search(headers[j])]
        if names[result] not in derived and len(parts) > _WIDEST_FOUND_ELSEWHERE:
            found += _total(view, result, parts, names)
    for result in (j for j in columns if RESULT_WORDS.search(headers[j]) and j not in totals):
        operands = [j for j in columns if j < result and not BREAKDOWN.search(headers[j])][-_WIDEST_SIGNED:]
        if names[result] not in derived and len(operands) > _WIDEST_FOUND_ELSEWHERE:
            found += _signed(view, result, operands, names)
    return found


def _total(view: TableView, result: int, parts: list[int], names: list[str]) -> list[Found]:
    evidence = _evidence(view, result, parts, np.ones(len(parts)))
    return [_found(names, result, parts, np.ones(len(parts)), evidence)] if policy.total_column(evidence) else []


def _signed(view: TableView, result: int, operands: list[int], names: list[str]) -> list[Found]:
    """The one reading (each operand added, subtracted or left out, four at least) that holds, if only one does."""
    if len(operands) > _WIDEST_SIGNED:
        return []
    values, halves = view.frame.values.T, view.frame.halves.T
    signs = _sign_readings(len(operands))
    filled = np.nan_to_num(values[operands])
    residual = signs @ filled - np.nan_to_num(values[result])
    tolerance = np.abs(signs) @ halves[operands] + halves[result]
    holding = np.flatnonzero(within(residual, tolerance, np.abs(filled).max(axis=0)).sum(axis=1)
                             >= policy.COLUMN_FITS)
    readings = [(s, e) for s in signs[holding] if policy.result_column(e := _evidence(view, result, operands, s))]
    return [_found(names, result, operands, *readings[0])] if len(readings) == 1 else []


@functools.cache
def _sign_readings(count: int) -> np.ndarray:
    """Each way to add, subtract or leave out ``count`` operands that keeps more than three of them."""
    readings = [s for s in product((1.0, -1.0, 0.0), repeat=count) if np.count_nonzero(s) > _WIDEST_FOUND_ELSEWHERE]
    return np.array(readings).reshape(-1, count)


def _evidence(view: TableView, result: int, operands: list[int], signs: np.ndarray) -> Evidence:
    used = [j for j, s in zip(operands, signs) if s]
    rows = [result, *used]
    coeffs = np.array([-1.0] + [s for s in signs if s])
    return measure(view.frame.values.T[rows], view.frame.halves.T[rows], coeffs, min_nonzero=3)


def _found(names: list[str], result: int, operands: list[int], signs, evidence: Evidence) -> Found:
    plus = [names[j] for j, s in zip(operands, signs) if s > 0]
    minus = [names[j] for j, s in zip(operands, signs) if s < 0]
    text = f"{names[result]} = " + " + ".join(plus) + "".join(f" − {name}" for name in minus)
    params = {"axis": "columns", "result": names[result], "plus": plus, **({"minus": minus} if minus else {})}
    return Found("equation", params, evidence, text, text)
