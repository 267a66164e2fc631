"""A table seen through numbers: value and half-unit arrays, and label lookup for rules."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from rapportkoll.findings import CellRef
from rapportkoll.labels import LabelPattern, normalize_label, occurrence
from rapportkoll.model import Cell, Table
from rapportkoll.numbers import CellKind, Parsed


@dataclass
class NumericFrame:
    """Values (NaN where a cell holds no number) and the rounding half-unit each value shows.

    ``blank`` marks cells that are empty or hold a missing-value marker: sums count those as zero.
    """

    values: np.ndarray
    halves: np.ndarray
    blank: np.ndarray

    @classmethod
    def from_table(cls, table: Table) -> NumericFrame:
        shape = (len(table.rows), len(table.columns))
        values = np.full(shape, np.nan)
        halves = np.zeros(shape)
        blank = np.zeros(shape, dtype=bool)
        for i, row in enumerate(table.rows):
            for j, cell in enumerate(row.cells[: shape[1]]):
                if cell.parsed.is_numeric:
                    values[i, j] = cell.parsed.value
                    halves[i, j] = cell.parsed.half_unit
                else:
                    blank[i, j] = cell.kind in (CellKind.BLANK, CellKind.MARKER)
        return cls(values, halves, blank)

    @functools.cached_property
    def dense(self) -> np.ndarray:
        """Values with every non-number as 0, built once per table for the residuals of all relations."""
        return np.nan_to_num(self.values)

    def filled(self) -> tuple[np.ndarray, np.ndarray]:
        """Values and halves with blanks as exact zeros (for parts of a sum)."""
        values = np.where(self.blank, 0.0, self.values)
        return values, self.halves


@dataclass
class TableView:
    """What a rule kind sees of a table: the cells, the numbers, and label resolution."""

    table: Table
    frame: NumericFrame
    others: tuple[Table, ...] = ()
    _frames: dict[int, NumericFrame] = field(default_factory=dict)

    @classmethod
    def of(cls, table: Table, others: tuple[Table, ...] = ()) -> TableView:
        return cls(table, NumericFrame.from_table(table), others)

    def row_index(self, pattern: LabelPattern) -> int | None:
        """The first row whose label matches ('@last' is the last row, where totals named after the unit sit)."""
        if "@last" in pattern.alternatives and self.table.rows:
            return len(self.table.rows) - 1
        for named in filter(None, map(occurrence, pattern.alternatives)):
            label, k = named
            key = normalize_label(label)
            same = [i for i, row in enumerate(self.table.rows) if normalize_label(row.label.text) == key]
            if len(same) >= k:
                return same[k - 1]
        labels = [row.label.text.strip() for row in self.table.rows]
        exact = [i for i, label in enumerate(labels) if label in pattern.alternatives]
        if exact:  # 'Löner*' names the row 'Löner*' (a footnote mark) before any row the wildcard fits
            return exact[0]
        return next((i for i, row in enumerate(self.table.rows) if pattern.matches(row.label.text)), None)

    def column_indices(self, pattern: LabelPattern) -> list[int]:
        """Columns whose header matches; '@n' names the n-th value column when headers are years."""
        positional = [int(a[1:]) - 1 for a in pattern.alternatives if a[:1] == "@" and a[1:].isdigit()]
        if positional:
            return [j for j in positional if 0 <= j < len(self.table.columns)]
        exact = [j for j, name in enumerate(self.table.columns) if name.strip() in pattern.alternatives]
        return exact or [j for j, name in enumerate(self.table.columns) if pattern.matches(name)]

    def numeric_columns(self) -> list[int]:
        """Columns holding at least one number: the default scope of row relations."""
        return [j for j in range(len(self.table.columns)) if not np.all(np.isnan(self.frame.values[:, j]))]

    def column_style(self, j: int) -> Parsed | None:
        """How the column writes its numbers (decimals, percent, grouping): a blank's value is written so."""
        return next((row.cells[j].parsed for row in self.table.rows if row.cells[j].parsed.is_numeric), None)

    def sign_outlier(self, i: int, j: int) -> bool:
        """True when the cell's sign differs from every other non-zero value of its row or of its column.

        A flipped sign in a column of positive project forecasts, or in a row of negative costs,
        stands out; this breaks ties between equally small explanations.
        """
        value = self.frame.values[i, j]
        if not value or np.isnan(value):
            return False
        for peers in (np.delete(self.frame.values[i, :], j), np.delete(self.frame.values[:, j], i)):
            peers = peers[~np.isnan(peers) & (peers != 0)]
            if peers.size >= 2 and np.all(np.sign(peers) != np.sign(value)):
                return True
        return False

    def cell(self, i: int, j: int) -> Cell:
        return self.table.rows[i].cells[j]

    def ref(self, i: int, j: int) -> CellRef:
        return cell_ref(self.table, i, j)


def cell_ref(table: Table, i: int, j: int) -> CellRef:
    row = table.rows[i]
    cell = row.cells[j]
    return CellRef(table.title, row.label.text, table.columns[j], cell.text, cell.location)
