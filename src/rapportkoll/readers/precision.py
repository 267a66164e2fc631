"""A zero written "0" in a column of decimals is exact to that column's decimals.

Reports print an empty line item as "0" even where the column shows one decimal ("0" beside
"14,3" in mnkr). Read as a whole number it would stand for anything from −0,5 to 0,5 — half a
million kronor — and widen the tolerance of every relation it is in enough to hide real errors.
Had the value been 0,3 the report would have printed 0,3; so such a zero takes the decimals the
column's other numbers show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np

from rapportkoll.columnar import NUMBER, PERCENT, CellStore
from rapportkoll.model import Report, Row, Table
from rapportkoll.numbers import Parsed


def zeros_take_column_precision(report: Report) -> Report:
    tables = [_table(table) for table in report.tables]
    if all(new is old for new, old in zip(tables, report.tables)):
        return report
    return replace(report, tables=tables)


def _table(table: Table) -> Table:
    if (store := table.stored) is not None:
        _stored_zeros(store)
        return table
    decimals = [_column_decimals(table, j) for j in range(len(table.columns))]
    if not any(decimals):
        return table
    rows = []
    for row in table.rows:
        cells = tuple(replace(cell, parsed=replace(cell.parsed, decimals=decimals[j]))
                      if j < len(decimals) and decimals[j] and _bare_zero(cell.parsed) else cell
                      for j, cell in enumerate(row.cells))
        rows.append(row if cells == row.cells else Row(row.label, cells))
    return replace(table, rows=rows)


def _column_decimals(table: Table, j: int) -> int:
    """The decimals most of the column's non-zero numbers show (0 when there are none)."""
    # only numbers have a value, so a truthy value is a non-zero number
    shown = Counter(row.cells[j].parsed.decimals for row in table.rows if j < len(row.cells) and row.cells[j].parsed.value)
    return shown.most_common(1)[0][0] if shown else 0


def _bare_zero(parsed: Parsed) -> bool:
    return parsed.is_numeric and parsed.value == 0 and not parsed.decimals


def _stored_zeros(store: CellStore) -> None:
    """The same for a table kept as columns, on its decimals array in place (this is part of reading it):
    per column the decimals most non-zero numbers show, the first shown winning a tie as Counter's order does."""
    values, decimals, kinds = store.numbers()
    numeric = (kinds == NUMBER) | (kinds == PERCENT)
    for j in range(values.shape[1]):
        shown = decimals[:, j][~np.isnan(values[:, j]) & (values[:, j] != 0)]
        if not shown.size:
            continue
        kinds_shown, first, counts = np.unique(shown, return_index=True, return_counts=True)
        most = max(range(len(kinds_shown)), key=lambda k: (counts[k], -first[k]))
        if kinds_shown[most]:
            decimals[numeric[:, j] & (values[:, j] == 0) & (decimals[:, j] == 0), j] = kinds_shown[most]
