"""Coverage: which numbers of a table some checked relation covers, said out loud for the rest.

"No findings" must never read as "checked" where nothing was: a number no relation covers could
be wrong without any rule noticing, so each table lists those cells (terminal, JSON, `tables`) and
the summary gives the share of numbers checked. They are not findings: an uncovered number is not
an inconsistency, and a CI gate must not trip on it. Note references ("Not" columns) do not count.
"""

from __future__ import annotations

from rapportkoll.discovery.amounts import is_note_column
from rapportkoll.findings import CellRef
from rapportkoll.frame import TableView
from rapportkoll.records import CheckedRelation


def uncovered_cells(view: TableView, relations: tuple[CheckedRelation, ...]) -> tuple[int, tuple[CellRef, ...]]:
    """(numeric cells, those no checked relation involves) of one table."""
    # Relations name the table's own location objects, so identity finds the covered cells without hashing
    # locations by value (eleven fields each); a relation naming an equal copy is compared by value.
    same = {id(location) for relation in relations for location in relation.cells}
    own = {id(cell.location) for row in view.table.rows for cell in (row.label, *row.cells)}
    copies = {location for relation in relations for location in relation.cells if id(location) not in own}
    numeric, uncovered = 0, []
    for j in range(len(view.table.columns)):
        if is_note_column(view, j):
            continue
        for i, row in enumerate(view.table.rows):
            cell = row.cells[j]
            if cell.parsed.is_numeric:
                numeric += 1
                if id(cell.location) not in same and cell.location not in copies:
                    uncovered.append(view.ref(i, j))
    return numeric, tuple(uncovered)

