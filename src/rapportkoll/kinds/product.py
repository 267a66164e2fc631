"""Kind `product`: a column equals the product of others, e.g. riskvärde = sannolikhet × konsekvens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from rapportkoll.findings import Suggestion, Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import KindDoc, RuleKind, checked_alone, resolve, rows_of_columns
from rapportkoll.labels import LabelPattern
from rapportkoll.slips import rank, slips
from rapportkoll.numbers import CellKind, format_like, format_number, parse
from rapportkoll.rounding import interval_contains, product_interval


@dataclass(frozen=True)
class ProductParams:
    result: LabelPattern
    factors: tuple[LabelPattern, ...]
    rounded: bool = False


def evaluate(view: TableView, params: ProductParams) -> Iterator[Violation]:
    columns = resolve(view, [("column", pattern) for pattern in (params.result, *params.factors)], "columns")
    if isinstance(columns, Violation):
        yield columns
        return
    values, halves = view.frame.values[:, columns].T, view.frame.halves[:, columns].T
    if not params.rounded:
        halves = halves.copy()
        halves[1:] = 0.0  # scores on a scale (1-4) are exact; only the shown product may be rounded
    low, high = product_interval(values[1:], halves[1:])
    evaluable = ~np.isnan(values).any(axis=0)
    failing = evaluable & ~interval_contains(values[0], halves[0], low, high)
    names = [view.table.columns[j] for j in columns]
    for i in np.flatnonzero(failing):
        yield _violation(view, int(i), columns, names, float(np.prod(values[1:, i])))
    for i in np.flatnonzero(np.isnan(values).sum(axis=0) == 1):
        blank = _lone_blank(view, int(i), columns, values[:, i])
        if blank is not None:
            yield blank


def covers(view: TableView, params: ProductParams) -> Iterator[tuple]:
    return rows_of_columns(view, [params.result, *params.factors])


def _lone_blank(view: TableView, i: int, columns: list[int], operands: np.ndarray) -> Violation | None:
    """A row with one blank among the result and its factors: the value the others call for is missing."""
    k = int(np.flatnonzero(np.isnan(operands))[0])
    if view.cell(i, columns[k]).kind is not CellKind.BLANK:
        return None  # a marker ('-', 'Ej bedömd') says the value is missing on purpose; text is no number
    needed = _needed(operands, k)
    if needed is None:
        return None
    style = view.column_style(columns[k])
    proposed = format_like(needed, style) if style else format_number(needed, 0)
    confidence = "likely"
    if abs(parse(proposed).value - needed) > 1e-9:  # 12 / 5 on a scale of whole scores: the result is off too
        proposed, confidence = format_number(needed, 2), "hint"
    refs = tuple(view.ref(i, j) for j in columns)
    fields = (("row", refs[k].row), ("column", refs[k].column), ("expected", proposed))
    cells = (refs[k],) + refs[:k] + refs[k + 1:]  # the blank cell first: the finding is about it
    return Violation("RK103", cells, fields, needed, None, 0.0, Suggestion(refs[k], proposed, "blank", confidence))


def _needed(operands: np.ndarray, k: int) -> float | None:
    """The value operand ``k`` (0 = the result) must have for result = Π factors, or None if none does."""
    if k == 0:
        return float(np.prod(operands[1:]))
    others = np.prod(np.delete(operands[1:], k - 1))
    return float(operands[0] / others) if others else None


def _violation(view: TableView, i: int, columns: list[int], names: list[str], expected: float) -> Violation:
    refs = tuple(view.ref(i, j) for j in columns)
    result_cell = view.cell(i, columns[0])
    suspect, *alternatives = _suspects(view, i, columns, refs, expected)
    fields = {"result": f"{names[0]} ({view.table.rows[i].label.text})", "actual": result_cell.text,
              "formula": " × ".join(names[1:]), "expected": format_like(expected, result_cell.parsed)}
    return Violation("RK131", refs, tuple(fields.items()), expected, result_cell.value, 0.0, suspect,
                     tuple(alternatives))


def _suspects(view: TableView, i: int, columns: list[int], refs: tuple, expected: float) -> list[Suggestion]:
    """The result, unless a slip in one factor (a flipped sign, a mistyped score) explains the product better;
    where equally typical slips in several cells explain it (a score 3 typed 8, or the product 12 typed 32), the
    first as a hint and the others as its alternatives: the numbers cannot tell them apart."""
    values = np.array([view.cell(i, j).value for j in columns], dtype=float)
    candidates = []
    for k, j in enumerate(columns):
        needed = _needed(values, k)
        parsed, outlier = view.cell(i, j).parsed, view.sign_outlier(i, j)
        for shape in ("sign", "transposition", "typo"):
            if needed is not None and any(abs(needed - s) < 1e-9 for s in slips(parsed, shape)):
                candidates.append((rank(shape, outlier), k, needed, shape))
                break
    if not candidates:
        return [Suggestion(refs[0], format_like(expected, view.cell(i, columns[0]).parsed), "unknown", "likely")]
    best = min(candidates)
    tied = sorted(c for c in candidates if c[0] == best[0])
    confidence = "exact" if len(tied) == 1 else "hint"
    return [Suggestion(refs[k], format_like(needed, view.cell(i, columns[k]).parsed), shape, confidence)
            for _, k, needed, shape in tied]


KIND = RuleKind(
    name="product",
    codes=("RK131", "RK103"),
    params=ProductParams,
    compile=checked_alone(evaluate, covers),
    mutations_detected=True,
    doc=KindDoc(
        summary="A column equals the product of the `factors` columns in every row. Scores on a scale "
                "(sannolikhet, konsekvens) are exact; with `rounded: true` each operand stands for its rounding "
                "interval instead.",
        why="Risk matrices in internal-control plans rank risks by R×K; a wrong product puts a risk in the "
            "wrong class and changes which controls the board hears about.",
        failing="Digitalisering\t3\t4\t16  (3 × 4 = 12)",
        passing="Kompetensförsörjning\t4\t4\t16",
        example="- id: internkontroll.rxk\n  kind: product\n  result: '*RxK #3'\n"
                "  factors: ['*RxK #1', '*RxK #2']",
    ),
)
