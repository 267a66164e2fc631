"""Kind `cross_table`: a row of this table equals a row of another table, column by matching column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Literal


from rapportkoll.findings import Suggestion, Violation
from rapportkoll.frame import TableView, cell_ref
from rapportkoll.kinds.spec import KindDoc, RuleKind, agree, checked_alone, unresolved
from rapportkoll.labels import LabelPattern, normalize_label
from rapportkoll.model import Table
from rapportkoll.numbers import format_like
from rapportkoll.periods import paired_by_period, side_of
from rapportkoll.selection import TableSelector


@dataclass(frozen=True)
class CrossTableParams:
    row: LabelPattern
    other: TableSelector
    other_row: LabelPattern
    match: Literal["header", "period"] = "header"


def evaluate(view: TableView, params: CrossTableParams) -> Iterator[Violation]:
    here = view.row_index(params.row)
    if here is None:
        yield unresolved("row", params.row)
        return
    for other in (t for t in view.others if t is not view.table and params.other.explain(t)):
        there = TableView.of(other).row_index(params.other_row)  # 'Summa #2': notes repeat their labels
        if there is None:
            continue
        for j, k in _shared_columns(view.table, other, params.match):
            violation = _compare(view, here, j, other, there, k)
            if violation is not None:
                yield violation
        return
    yield unresolved("table", LabelPattern((str(params.other.corner or params.other.caption or "?"),)))


def covers(view: TableView, params: CrossTableParams) -> Iterator[tuple]:
    """The pairs of cells compared: this table's row and the other table's, column by shared column."""
    here = view.row_index(params.row)
    other = next((t for t in view.others if t is not view.table and params.other.explain(t)), None)
    if here is None or other is None:
        return
    there = TableView.of(other).row_index(params.other_row)
    if there is None:
        return
    for j, k in _shared_columns(view.table, other, params.match):
        mine, theirs = view.cell(here, j), other.rows[there].cells[k]
        if mine.parsed.is_numeric and theirs.parsed.is_numeric:
            yield mine.location, theirs.location


def _shared_columns(table: Table, other: Table, match: str) -> Iterator[tuple[int, int]]:
    """Columns of the two tables that hold the same figure: same header, or same year and side."""
    if match == "period":
        yield from paired_by_period(list(table.columns), list(other.columns), (side_of(table.caption),
                                                                                side_of(other.caption)))
        return
    keys = {normalize_label(name): k for k, name in enumerate(other.columns)}
    for j, name in enumerate(table.columns):
        if normalize_label(name) in keys:
            yield j, keys[normalize_label(name)]


def _compare(view: TableView, i: int, j: int, other: Table, oi: int, oj: int) -> Violation | None:
    mine, theirs = view.cell(i, j).parsed, other.rows[oi].cells[oj].parsed
    if not (mine.is_numeric and theirs.is_numeric):
        return None
    if agree(mine, theirs):
        return None
    tolerance = mine.half_unit + theirs.half_unit
    here, there = view.ref(i, j), cell_ref(other, oi, oj)
    hint = _explaining_row(view, j, mine.value - theirs.value)
    fields = {
        "here": f"{here.row} ({here.column})", "there": f"{there.row} ({there.column})", "other": other.title,
        "actual": here.text, "expected": there.text,
        "hint_sv": f"; skillnaden är lika stor som raden {hint}" if hint else "",
        "hint_en": f"; the difference equals row {hint}" if hint else "",
    }
    suspect = Suggestion(here, format_like(theirs.value, mine), "unknown", "hint")
    return Violation("RK141", (here, there), tuple(fields.items()), theirs.value, mine.value, tolerance, suspect)


def _explaining_row(view: TableView, j: int, difference: float) -> str | None:
    """A single row whose value equals the gap: typically a unit counted in one table only."""
    for i, row in enumerate(view.table.rows):
        parsed = row.cells[j].parsed
        if parsed.is_numeric and abs(abs(parsed.value) - abs(difference)) <= parsed.half_unit * 2:
            return f"'{row.label.text}' ({row.cells[j].text})"
    return None


KIND = RuleKind(
    name="cross_table",
    codes=("RK141",),
    params=CrossTableParams,
    compile=checked_alone(evaluate, covers),
    mutations_detected=True,
    equality=True,
    doc=KindDoc(
        summary="A row of this table equals a row of another table (chosen by `other`), in every column "
                "whose header the two tables share; with `match: period`, in the columns of the same year and "
                "side (kommun or koncern), however each statement heads them.",
        why="The same total appears in several tables of a report (resultaträkning and resultat per "
            "verksamhet); when one is restated and the other is not, readers get two truths.",
        failing="Summa verksamhet, Utfall 2022-08: 36 475 vs Summa Nettokostnader 27 902.",
        passing="Summa verksamhet, Utfall 2023-08: 40 550 = Summa Nettokostnader 40 550.",
        example="- id: drift.verksamhet-mot-resultatrakning\n  kind: cross_table\n  row: Summa verksamhet\n"
                "  other: {corner: 'Resultaträkning*'}\n  other_row: Summa Nettokostnader",
    ),
)
