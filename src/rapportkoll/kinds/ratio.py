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
from rapportkoll.kinds.spec import KindDoc, RuleKind, resolve
from rapportkoll.labels import LabelPattern
from rapportkoll.numbers import format_like
from rapportkoll.rounding import interval_contains, quotient_interval


@dataclass(frozen=True)
class RatioParams:
    result: LabelPattern
    numerator: LabelPattern
    denominator: LabelPattern
    denominator_minus: LabelPattern | None = None


def evaluate(view: TableView, params: RatioParams) -> Iterator[Violation]:
    patterns = [params.result, params.numerator, params.denominator]
    if params.denominator_minus is not None:
        patterns.append(params.denominator_minus)
    columns = resolve(view, [("column", pattern) for pattern in patterns], "columns")
    if isinstance(columns, Violation):
        yield columns
        return
    values, halves = view.frame.values[:, columns].T, view.frame.halves[:, columns].T
    base, base_half = values[2].copy(), halves[2].copy()
    if len(columns) == 4:
        base, base_half = base - values[3], base_half + halves[3]
    low, high = quotient_interval(values[1], halves[1], base, base_half)
    evaluable = ~np.isnan(values).any(axis=0) & ~np.isnan(low)
    failing = evaluable & ~interval_contains(values[0], halves[0], 100 * low, 100 * high)
    names = [view.table.columns[j] for j in columns]
    for i in np.flatnonzero(failing):
        yield _violation(view, int(i), columns, names, 100 * float(values[1, i] / base[i]))


def _violation(view: TableView, i: int, columns: list[int], names: list[str], expected: float) -> Violation:
    refs = tuple(view.ref(i, j) for j in columns)
    result_cell = view.cell(i, columns[0])
    base = names[2] if len(names) == 3 else f"({names[2]} − {names[3]})"
    proposed = format_like(expected, result_cell.parsed)
    fields = {"result": f"{names[0]} ({view.table.rows[i].label.text})", "actual": result_cell.text,
              "formula": f"{names[1]} / {base}", "expected": proposed}
    return Violation("RK151", refs, tuple(fields.items()), expected, result_cell.value, 0.0,
                     Suggestion(refs[0], proposed, "unknown", "likely"))


KIND = RuleKind(
    name="ratio",
    codes=("RK151",),
    params=RatioParams,
    evaluate=evaluate,
    doc=KindDoc(
        summary="A percentage column equals 100 × `numerator` / `denominator` in every row (the denominator less "
                "`denominator_minus`, when given). Each operand stands for its rounding interval; rows whose base "
                "interval includes zero are not checked.",
        why="A change in percent that was not recomputed after the amounts changed tells the reader a different "
            "story than the table; with only this year's amount and the change printed, the base is their difference.",
        failing="Kommunstyrelsen\t-37 264\t-1 578\t44 %  (-1 578 / (-37 264 − -1 578) = 4,4 %)",
        passing="Kommunstyrelsen\t-37 264\t-1 578\t4,4 %",
        example="- id: drift.forandring-procent\n  kind: ratio\n  result: Förändring 2012/2013 (%)\n"
                "  numerator: Förändring 2012/2013 (tkr)\n  denominator: Utfall 2013\n"
                "  denominator_minus: Förändring 2012/2013 (tkr)",
    ),
)
