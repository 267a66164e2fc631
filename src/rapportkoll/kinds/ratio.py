"""Kind `ratio`: a percentage equals one amount over another, e.g. Förändring % = Förändring / föregående år.

A ratio is not linear, so its tolerance is not a sum of half-units: each operand may lie anywhere
in its rounding interval, and the shown percentage must meet the interval of quotients they give.
The base may be a column or a column less another (the previous year's figure is often not
printed, only this year's and the change: base = Utfall − Förändring). Operands are columns checked
in every row, or with `axis: rows` rows checked in every column (a five-year summary: "Eget kapital
per invånare (kr)" = 1 000 000 × "Eget kapital (mnkr)" / "Folkmängd", `scale: 1000000`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Literal

import numpy as np

from rapportkoll.findings import Suggestion, Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import KindDoc, RuleKind, checked_alone, label_of, resolve, rows_of_columns
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
    axis: Literal["rows", "columns"] = "columns"
    scale: float = 100.0  # 100 for a percentage; negative where costs printed negative give a positive share
    base_slack: float = 0.0  # a share the base may be off besides its rounding (a population counted another day)


def percent_bounds(values: np.ndarray, halves: np.ndarray, absolute_base: bool = False, scale: float = 100.0,
                   base_slack: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest ``scale`` × quotient the operands allow within their rounding; NaN where the base may be 0.

    ``values``/``halves`` rows: numerator, denominator[, denominator_minus]. Many reports divide a
    change by the absolute value of last year's figure, so that a cost that grew shows a negative
    change (−500 / |−9 300| = −5,4 %) where the signed base gives +5,4 %.
    """
    base, base_half = values[1], halves[1]
    if len(values) == 3:
        base, base_half = base - values[2], base_half + halves[2]
    if absolute_base:
        base = np.abs(base)
    base_half = base_half + base_slack * np.abs(base)
    low, high = quotient_interval(values[0], halves[0], base, base_half)
    return (scale * low, scale * high) if scale > 0 else (scale * high, scale * low)


def evaluate(view: TableView, params: RatioParams) -> Iterator[Violation]:
    found = _operands(view, params)
    if isinstance(found, Violation):
        yield found
        return
    values, halves = _oriented(view, found, params.axis)
    low, high = percent_bounds(values[1:], halves[1:], params.absolute_base, params.scale, params.base_slack)
    evaluable = ~np.isnan(values).any(axis=0) & ~np.isnan(low)
    failing = evaluable & ~interval_contains(values[0], halves[0], low, high)
    names = [label_of(view, k, params.axis) for k in found]
    for p in np.flatnonzero(failing):
        tolerance = float((high[p] - low[p]) / 2 + halves[0, p])
        # The change may be numerator and subtrahend: each cell is cited once.
        cells = tuple({k: view.ref(*_cell(k, int(p), params.axis)) for k in found}.values())
        result = view.cell(*_cell(found[0], int(p), params.axis))
        yield _violation(result, cells, names, float((low[p] + high[p]) / 2), tolerance, params)


def _operands(view: TableView, params: RatioParams) -> list[int] | Violation:
    patterns = [params.result, params.numerator, params.denominator]
    if params.denominator_minus is not None:
        patterns.append(params.denominator_minus)
    role = "row" if params.axis == "rows" else "column"
    return resolve(view, [(role, pattern) for pattern in patterns], params.axis)


def scale_text(scale: float) -> str:
    """The factor as a formula shows it: '1 000 000 × ', '−100 × ', nothing for 1."""
    if abs(scale) == 1:
        return "" if scale > 0 else "−"
    return f"{'−' if scale < 0 else ''}{abs(scale):,.0f} × ".replace(",", " ")


def _oriented(view: TableView, operands: list[int], axis: str) -> tuple[np.ndarray, np.ndarray]:
    """Values and halves as operands × positions."""
    if axis == "rows":
        return view.frame.values[operands], view.frame.halves[operands]
    return view.frame.values[:, operands].T, view.frame.halves[:, operands].T


def _cell(operand: int, position: int, axis: str) -> tuple[int, int]:
    return (operand, position) if axis == "rows" else (position, operand)


def covers(view: TableView, params: RatioParams) -> Iterator[tuple]:
    patterns = [params.result, params.numerator, params.denominator]
    return rows_of_columns(view, patterns + ([params.denominator_minus] if params.denominator_minus else []),
                           params.axis)


def _violation(result_cell, cells: tuple, names: list[str], expected: float, tolerance: float,
               params: RatioParams) -> Violation:
    result = cells[0]
    base = names[2] if len(names) == 3 else f"({names[2]} − {names[3]})"
    base = f"|{base}|" if params.absolute_base else base
    factor = "" if params.scale == 100 else scale_text(params.scale)
    proposed = format_like(expected, result_cell.parsed)
    where = result.column if params.axis == "rows" else result.row
    fields = {"result": f"{names[0]} ({where})", "actual": result_cell.text,
              "formula": f"{factor}{names[1]} / {base}", "expected": proposed}
    return Violation("RK151", cells, tuple(fields.items()), expected, result_cell.value, tolerance,
                     Suggestion(result, proposed, "unknown", "likely"))


KIND = RuleKind(
    name="ratio",
    codes=("RK151",),
    params=RatioParams,
    compile=checked_alone(evaluate, covers),
    mutations_detected=True,
    doc=KindDoc(
        summary="A percentage column equals 100 × `numerator` / `denominator` in every row (the denominator less "
                "`denominator_minus`, when given; its absolute value with `absolute_base: true`), or with "
                "`axis: rows` a row of the others in every column; `scale` replaces the 100 (1000000 for kr per "
                "invånare of an amount in mnkr), and `base_slack` lets the base be off by that share besides its "
                "rounding (a per-invånare figure computed on the population of another date). Each operand stands "
                "for its rounding interval; positions whose base interval includes zero are not checked.",
        why="A change in percent that was not recomputed after the amounts changed tells the reader a different "
            "story than the table; with only this year's amount and the change printed, the base is their difference.",
        failing="Kommunstyrelsen\t-37 264\t-1 578\t44 %  (-1 578 / (-37 264 − -1 578) = 4,4 %)",
        passing="Kommunstyrelsen\t-37 264\t-1 578\t4,4 %",
        example="- id: drift.forandring-procent\n  kind: ratio\n  result: Förändring 2012/2013 (%)\n"
                "  numerator: Förändring 2012/2013 (tkr)\n  denominator: Utfall 2013\n"
                "  denominator_minus: Förändring 2012/2013 (tkr)",
    ),
)
