"""Kind `ratio`: a percentage column equals one column over another, e.g. Förändring % = Förändring / föregående år.

A ratio is not linear, so its tolerance is not a sum of half-units: each operand may lie anywhere
in its rounding interval, and the shown percentage must meet the interval of quotients they give.
The base may be a column or a column less another (the previous year's figure is often not
printed, only this year's and the change: base = Utfall − Förändring).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from rapportkoll.findings import Suggestion, Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import KindDoc, RuleKind, checked_alone, resolve, rows_of_columns
from rapportkoll.labels import LabelPattern
from rapportkoll.numbers import format_like
from rapportkoll.rounding import interval_contains, quotient_interval


@dataclass(frozen=True)
class RatioParams:
    result: LabelPattern
    numerator: LabelPattern
    denominator: LabelPattern
    denominator_minus: LabelPattern | None = None
    absolute_base: bool = False


def percent_bounds(values: np.ndarray, halves: np.ndarray, absolute_base: bool = False
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest percentage the operands allow within their rounding; NaN where the base may be 0.

    ``values``/``halves`` rows: numerator, denominator[, denominator_minus]. Many reports divide a
    change by the absolute value of last year's figure, so that a cost that grew shows a negative
    change (−500 / |−9 300| = −5,4 %) where the signed base gives +5,4 %.
    """
    base, base_half = values[1], halves[1]
    if len(values) == 3:
        base, base_half = base - values[2], base_half + halves[2]
    if absolute_base:
        base = np.abs(base)
    low, high = quotient_interval(values[0], halves[0], base, base_half)
    return 100 * low, 100 * high


def evaluate(view: TableView, params: RatioParams) -> Iterator[Violation]:
    patterns = [params.result, params.numerator, params.denominator]
    if params.denominator_minus is not None:
        patterns.append(params.denominator_minus)
    columns = resolve(view, [("column", pattern) for pattern in patterns], "columns")
    if isinstance(columns, Violation):
        yield columns
        return
    values, halves = view.frame.values[:, columns].T, view.frame.halves[:, columns].T
    low, high = percent_bounds(values[1:], halves[1:], params.absolute_base)
    evaluable = ~np.isnan(values).any(axis=0) & ~np.isnan(low)
    failing = evaluable & ~interval_contains(values[0], halves[0], low, high)
    names = [view.table.columns[j] for j in columns]
    for i in np.flatnonzero(failing):
        tolerance = float((high[i] - low[i]) / 2 + halves[0, i])
        yield _violation(view, int(i), columns, names, float((low[i] + high[i]) / 2), tolerance,
                         params.absolute_base)


def covers(view: TableView, params: RatioParams) -> Iterator[tuple]:
    patterns = [params.result, params.numerator, params.denominator]
    return rows_of_columns(view, patterns + ([params.denominator_minus] if params.denominator_minus else []))


def _violation(view: TableView, i: int, columns: list[int], names: list[str], expected: float,
               tolerance: float, absolute_base: bool) -> Violation:
    cells = tuple({j: view.ref(i, j) for j in columns}.values())  # the change may be numerator and subtrahend
    result_cell = view.cell(i, columns[0])
    base = names[2] if len(names) == 3 else f"({names[2]} − {names[3]})"
    base = f"|{base}|" if absolute_base else base
    proposed = format_like(expected, result_cell.parsed)
    fields = {"result": f"{names[0]} ({view.table.rows[i].label.text})", "actual": result_cell.text,
              "formula": f"{names[1]} / {base}", "expected": proposed}
    return Violation("RK151", cells, tuple(fields.items()), expected, result_cell.value, tolerance,
                     Suggestion(cells[0], proposed, "unknown", "likely"))


KIND = RuleKind(
    name="ratio",
    codes=("RK151",),
    params=RatioParams,
    compile=checked_alone(evaluate, covers),
    mutations_detected=True,
    doc=KindDoc(
        summary="A percentage column equals 100 × `numerator` / `denominator` in every row (the denominator less "
                "`denominator_minus`, when given; its absolute value with `absolute_base: true`). Each operand "
                "stands for its rounding interval; rows whose base interval includes zero are not checked.",
        why="A change in percent that was not recomputed after the amounts changed tells the reader a different "
            "story than the table; with only this year's amount and the change printed, the base is their difference.",
        failing="Kommunstyrelsen\t-37 264\t-1 578\t44 %  (-1 578 / (-37 264 − -1 578) = 4,4 %)",
        passing="Kommunstyrelsen\t-37 264\t-1 578\t4,4 %",
        example="- id: drift.forandring-procent\n  kind: ratio\n  result: Förändring 2012/2013 (%)\n"
                "  numerator: Förändring 2012/2013 (tkr)\n  denominator: Utfall 2013\n"
                "  denominator_minus: Förändring 2012/2013 (tkr)",
    ),
)
