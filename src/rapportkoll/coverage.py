"""Coverage: which numbers of a table some checked relation covers, said out loud for the rest.

"No findings" must never read as "checked" where nothing was: a number no relation covers could
be wrong without any rule noticing, so each table lists those cells (terminal, JSON, `tables`) and
the summary gives the share of numbers checked. They are not findings: an uncovered number is not
an inconsistency, and a CI gate must not trip on it. Note references ("Not" columns) do not count.
"""

from __future__ import annotations

from itertools import chain

import numpy as np

from rapportkoll.discovery.amounts import is_note_column
from rapportkoll.findings import CellRef
from rapportkoll.frame import TableView
from rapportkoll.records import CheckedRelation


def uncovered_cells(view: TableView, relations: tuple[CheckedRelation, ...]) -> tuple[int, tuple[CellRef, ...]]:
    """(numeric cells, those no checked relation involves) of one table, column by column."""
    # Relations name the table's own location objects, so identity finds the covered cells without hashing
    # locations by value (eleven fields each); a relation naming an equal copy is compared by value.
    same = set(map(id, _cited(relations)))
    located = view.locations
    own = set(map(id, located.ravel())) | {id(row.label.location) for row in view.table.rows}
    copies = {location for location in _cited(relations) if id(location) not in own}
    numeric = ~np.isnan(view.frame.values)  # a cell holds a value exactly when it is a number or a percentage
    numeric[:, [j for j in range(numeric.shape[1]) if is_note_column(view, j)]] = False
    columns, rows = np.nonzero(numeric.T)
    uncovered = [view.ref(i, j) for i, j, location in zip(rows.tolist(), columns.tolist(), located.T[numeric.T])
                 if id(location) not in same and (not copies or location not in copies)]
    return int(numeric.sum()), tuple(uncovered)


def _cited(relations: tuple[CheckedRelation, ...]):
    return chain.from_iterable(relation.cells for relation in relations)
