"""Kind `carry`: an opening balance equals last year's closing balance printed beside it.

A kassaflödesanalys prints likvida medel at the start and at the end of each year, a note on
anläggningstillgångar the ingående and utgående (or bokfört) value of each: this year's opening is
last year's closing, in the column of the year before on the same side (kommun or koncern).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator


from rapportkoll.findings import Suggestion, Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import KindDoc, RuleKind, agree, checked_alone, unresolved
from rapportkoll.labels import LabelPattern
from rapportkoll.numbers import format_like
from rapportkoll.periods import previous_year_pairs


@dataclass(frozen=True)
class CarryParams:
    opening: LabelPattern
    closing: LabelPattern
    columns: tuple[LabelPattern, ...] = ()  # this year's columns where it holds by design (else every year)


def _rows(view: TableView, params: CarryParams) -> tuple[int, int] | Violation:
    opening, closing = view.row_index(params.opening), view.row_index(params.closing)
    if opening is None:
        return unresolved("row", params.opening)
    if closing is None:
        return unresolved("row", params.closing)
    return opening, closing


def _pairs(view: TableView, params: CarryParams) -> Iterator[tuple[int, int, int, int]]:
    """(opening row, this year's column, closing row, last year's column) where both show numbers."""
    rows = _rows(view, params)
    if isinstance(rows, Violation):
        return
    opening, closing = rows
    scope = {j for pattern in params.columns for j in view.column_indices(pattern)}
    for this_year, last_year in previous_year_pairs(list(view.table.columns)):
        if scope and this_year not in scope:
            continue
        if view.cell(opening, this_year).parsed.is_numeric and view.cell(closing, last_year).parsed.is_numeric:
            yield opening, this_year, closing, last_year


def evaluate(view: TableView, params: CarryParams) -> Iterator[Violation]:
    rows = _rows(view, params)
    if isinstance(rows, Violation):
        yield rows
        return
    for i, j, k, m in _pairs(view, params):
        mine, theirs = view.cell(i, j).parsed, view.cell(k, m).parsed
        if agree(mine, theirs):
            continue
        here, there = view.ref(i, j), view.ref(k, m)
        fields = {"opening": f"{here.row} ({here.column})", "closing": f"{there.row} ({there.column})",
                  "actual": here.text, "expected": there.text}
        suspect = Suggestion(here, format_like(theirs.value, mine), "unknown", "hint")
        yield Violation("RK143", (here, there), tuple(fields.items()), theirs.value, mine.value, mine.half_unit + theirs.half_unit, suspect)


def covers(view: TableView, params: CarryParams) -> Iterator[tuple]:
    for i, j, k, m in _pairs(view, params):
        yield view.cell(i, j).location, view.cell(k, m).location


KIND = RuleKind(
    name="carry",
    codes=("RK143",),
    params=CarryParams,
    compile=checked_alone(evaluate, covers),
    mutations_detected=True,
    equality=True,
    doc=KindDoc(
        summary="Row `opening` in the column of a year equals row `closing` in the column of the year before, "
                "on the same side (kommun or koncern), wherever the table prints both years; `columns` limits it "
                "to the named years' columns (a deficit is carried only in a year after a negative result).",
        why="An opening balance that differs from last year's closing means a restatement nobody explained, "
            "or a figure copied from an older draft; either way the reader cannot follow the balance.",
        failing="Likvida medel vid årets början (2019) 57 100, while Likvida medel vid årets slut (2018) is 51 700.",
        passing="Ingående värde (2019) 1 720 = Bokfört värde maskiner (2018) 1 720.",
        example="- id: kf.ingaende-likvida-medel\n  kind: carry\n  opening: Likvida medel vid årets början\n"
                "  closing: Likvida medel vid årets slut",
    ),
)
