"""Kind `markers`: in indicator tables a missing value is marked ('-', '..', 'Inget utfall'), never blank."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from rapportkoll.findings import Suggestion, Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import KindDoc, RuleKind, checked_alone
from rapportkoll.labels import LabelPattern
from rapportkoll.model import Cell
from rapportkoll.numbers import CellKind

_MERGED_TEXT_WORDS = 4


@dataclass(frozen=True)
class MarkersParams:
    columns: tuple[LabelPattern, ...] = ()
    merged_below_text: bool = True
    marker: str = ".."


def evaluate(view: TableView, params: MarkersParams) -> Iterator[Violation]:
    table = view.table
    columns = sorted({j for p in params.columns for j in view.column_indices(p)}) if params.columns \
        else list(range(len(table.columns)))
    spanning = set()  # columns where running text above spans down over blank cells
    for i, row in enumerate(table.rows):
        if row.is_blank:
            continue  # a group heading (its sub-rows follow) or a note row, not an indicator
        for j in columns:
            cell = row.cells[j]
            if cell.kind is not CellKind.BLANK:
                spanning.discard(j)
                if params.merged_below_text and _is_running_text(cell):
                    spanning.add(j)
                continue
            if j in spanning:
                continue  # part of the vertically merged cell of running text above
            ref = view.ref(i, j)
            fields = (("row", row.label.text), ("column", table.columns[j]))
            yield Violation("RK201", (ref,), fields, suspect=Suggestion(ref, params.marker, "blank", "hint"))


def _is_running_text(cell: Cell) -> bool:
    return cell.kind is CellKind.TEXT and len(cell.text.split()) >= _MERGED_TEXT_WORDS


KIND = RuleKind(
    name="markers",
    codes=("RK201",),
    params=MarkersParams,
    compile=checked_alone(evaluate),
    mutations_detected=False,
    doc=KindDoc(
        summary="Every value cell holds something: a number, a text, or an explicit missing-value marker. "
                "Rows that are blank throughout are group headings or notes and are skipped; with "
                "`merged_below_text` a blank under a cell of running text is taken as part of that merged cell.",
        why="A blank cell cannot be told apart from a value lost in editing; readers and auditors need to "
            "see that a value is missing on purpose ('-', '..', 'Ej publicerat', 'Inget utfall', 'Mäts 2023').",
        failing="Framtagande av miljöstrategisk policy\t\t\tFärdig och antas\tEj påbörjad",
        passing="Miljömässig hållbarhet - Kommunindex\t82\t-\t78\t-",
        example="- id: indikatorer.markerade\n  kind: markers\n  columns: ['Utfall *', 'Preliminärt utfall *']",
    ),
)
