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
from rapportkoll.records import CheckedPositions, CheckedRelation


def uncovered_cells(view: TableView, records: tuple[CheckedRelation | CheckedPositions, ...]
                    ) -> tuple[int, tuple[CellRef, ...]]:
    """(numeric cells, those no checked relation involves) of one table, column by column."""
    numeric = ~np.isnan(view.frame.values)  # a cell holds a value exactly when it is a number or a percentage
    numeric[:, [j for j in range(numeric.shape[1]) if is_note_column(view, j)]] = False
    candidates = numeric & ~covered_cells(view, records)
    others = tuple(r for r in records if isinstance(r, CheckedRelation))
    copies: set = set()
    if others:
        # Relations name the table's own location objects, so identity finds the covered cells without hashing
        # locations by value (eleven fields each), one array operation for the whole table; a relation naming an
        # equal copy is compared by value. Only then are all the table's locations made (a long table of linear
        # relations alone has its records as index arrays, and a location made per cell cost ~550 MiB at 10⁶ rows).
        located = view.locations
        cited = np.fromiter(map(id, _cited(others)), dtype=np.uint64)
        ids = np.fromiter(map(id, located.ravel()), dtype=np.uint64, count=located.size).reshape(located.shape)
        candidates &= ~_among(ids, cited)
        copies = _copies(view, others, cited, ids)
    columns, rows = np.nonzero(candidates.T)
    uncovered = [view.ref(i, j) for i, j in zip(rows.tolist(), columns.tolist())
                 if not copies or view.cell(i, j).location not in copies]
    return int(numeric.sum()), tuple(uncovered)


def covered_cells(view: TableView, records: tuple[CheckedRelation | CheckedPositions, ...]) -> np.ndarray:
    """Where a linear relation's checked position reads a cell (rows × columns): their records are index arrays."""
    covered = np.zeros(view.frame.values.size, dtype=bool)
    for record in records:
        if isinstance(record, CheckedPositions):
            covered[record.cells.ravel()] = True
    return covered.reshape(view.frame.values.shape)


def cells_read(view: TableView, records: tuple[CheckedPositions, ...], wanted: set) -> set:
    """Which of ``wanted`` (locations of the table's cells) some checked position reads."""
    flat = view.locations.ravel().tolist()
    read = covered_cells(view, records).ravel()
    at = {id(location): k for k, location in enumerate(flat)}
    found = set()
    for location in wanted:  # the table's own object, else (a copy) the cell equal to it
        k = at.get(id(location))
        k = next((n for n, other in enumerate(flat) if other == location), None) if k is None else k
        if k is not None and read[k]:
            found.add(location)
    return found


def _copies(view: TableView, relations: tuple[CheckedRelation, ...], cited: np.ndarray, ids: np.ndarray) -> set:
    """The locations relations cite that are not the table's own objects (equal copies, or other tables')."""
    foreign = ~_among(cited, ids)
    if not foreign.any():
        return set()
    labels = {id(row.label.location) for row in view.table.rows}
    foreign_ids = set(cited[foreign].tolist()) - labels
    return {location for location in _cited(relations) if id(location) in foreign_ids}


def _among(items: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Which of ``items`` are in ``known``: a sort and a binary search (np.isin hashed the identities, 4× slower)."""
    ordered = np.sort(known, axis=None)
    if not len(ordered):
        return np.zeros(items.shape, dtype=bool)
    at = np.minimum(np.searchsorted(ordered, items), len(ordered) - 1)
    return ordered[at] == items


def _cited(relations: tuple[CheckedRelation, ...]):
    return chain.from_iterable(relation.cells for relation in relations)
