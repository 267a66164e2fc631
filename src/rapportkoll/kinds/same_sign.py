"""Kind `same_sign`: an amount that never changes sign keeps it along its row (costs in every year and column).

No sum covers a five-year summary's "Verksamhetens kostnader", so a cost printed −2 087,0 among four positive
years passes every arithmetic check; a reader sees it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from rapportkoll.findings import Suggestion, Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import KindDoc, RuleKind, checked_alone, positions, resolve
from rapportkoll.labels import LabelPattern
from rapportkoll.numbers import format_like

MIN_AGREEING = 3  # the sign the others share must be plain before one figure is called out of line


@dataclass(frozen=True)
class SameSignParams:
    row: LabelPattern
    columns: tuple[LabelPattern, ...] = ()


def evaluate(view: TableView, params: SameSignParams) -> Iterator[Violation]:
    row = resolve(view, [("row", params.row)], "rows")
    if isinstance(row, Violation):
        yield row
        return
    i, columns = row[0], positions(view, "rows", params.columns)
    values = view.frame.values[i, columns]
    signs = np.sign(np.nan_to_num(values))
    positive, negative = int((signs > 0).sum()), int((signs < 0).sum())
    if min(positive, negative) == 0 or max(positive, negative) < MIN_AGREEING or positive == negative:
        return
    usual = 1.0 if positive > negative else -1.0
    others = [view.cell(i, j).text for j, s in zip(columns, signs) if s == usual]
    for j in (j for j, s in zip(columns, signs) if s == -usual):
        cell = view.cell(i, j)
        ref = view.ref(i, j)
        fields = (("row", view.table.rows[i].label.text), ("column", view.table.columns[j]), ("actual", cell.text),
                  ("others", ", ".join(others)))
        proposed = format_like(-cell.value, cell.parsed)
        yield Violation("RK221", (ref,), fields, -cell.value, cell.value, 0.0, Suggestion(ref, proposed, "sign", "likely"))


KIND = RuleKind(
    name="same_sign",
    codes=("RK221",),
    params=SameSignParams,
    compile=checked_alone(evaluate),  # a sign is no relation: its cells stay uncovered
    mutations_detected=False,
    doc=KindDoc(
        summary=f"The non-zero amounts of `row` in `columns` (every numeric column if none) share one sign. Where "
                f"at least {MIN_AGREEING} share it, each figure of the other sign is reported, with the sign flipped "
                "as its likely correction; where the signs are evenly split nothing is said.",
        why="A flipped sign on a figure no sum covers (a cost in a five-year summary) passes every arithmetic "
            "check, and a reader comparing the years sees it in a second.",
        failing="Verksamhetens kostnader\t-2087,0\t1469,5\t1978,4\t1987,2\t1727,5",
        passing="Verksamhetens kostnader\t1 902,3\t1 805,9\t1 803,7\t1 767,2\t1 759,9",
        example="- id: oversikt.kostnader-tecken\n  kind: same_sign\n  row: 'Verksamhetens kostnader*'\n"
                "  columns: ['20*']",
    ),
)
