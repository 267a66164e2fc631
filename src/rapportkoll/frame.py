"""A table seen through numbers: value and half-unit arrays, and label lookup for rules."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from rapportkoll.columnar import BLANK, MARKER, PERCENT, CellStore
from rapportkoll.findings import CellRef
from rapportkoll.labels import LabelIndex, LabelPattern, normalize_label
from rapportkoll.model import Cell, CellLocations, Table
from rapportkoll.numbers import CellKind, Parsed


_EMPTY = (CellKind.BLANK, CellKind.MARKER)
_NEITHER = Parsed(CellKind.TEXT)


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
        if (store := table.stored) is not None:
            return cls.from_store(store)
        width = len(table.columns)
        shape = (len(table.rows), width)
        # One flat pass over the cells (a short row padded with text, which is neither number nor blank).
        # Only numbers carry a value, so value None (NaN here) marks every cell without one.
        parsed = [p for row in table.rows
                  for p in [cell.parsed for cell in row.cells[:width]] + [_NEITHER] * (width - len(row.cells))]
        values = np.array([p.value for p in parsed], dtype=float).reshape(shape)
        decimals = np.array([p.decimals for p in parsed], dtype=float).reshape(shape)
        halves = np.where(np.isnan(values), 0.0, 0.5 * 10.0 ** -np.nan_to_num(decimals))
        blank = np.array([p.kind in _EMPTY for p in parsed], dtype=bool).reshape(shape)
        return cls(values, halves, blank)

    @classmethod
    def from_store(cls, store: CellStore) -> NumericFrame:
        """The frame of a table kept as columns: array indexing, no cell is made."""
        values, decimals, kinds = store.numbers()
        halves = np.where(np.isnan(values), 0.0, 0.5 * 10.0 ** -np.maximum(decimals, 0).astype(float))
        return cls(values, halves, (kinds == BLANK) | (kinds == MARKER))

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
    _styles: dict[int, Parsed | None] = field(default_factory=dict)

    @classmethod
    def of(cls, table: Table, others: tuple[Table, ...] = ()) -> TableView:
        return cls(table, NumericFrame.from_table(table), others)

    @functools.cached_property
    def _store(self) -> CellStore | None:
        """The table's store as the view found it (its frame is read once, when the view is made)."""
        return self.table.stored

    @functools.cached_property
    def _row_labels(self) -> LabelIndex:
        return LabelIndex([row.label.text for row in self.table.rows])

    @functools.cached_property
    def _column_labels(self) -> LabelIndex:
        return LabelIndex(list(self.table.columns))

    def row_index(self, pattern: LabelPattern) -> int | None:
        """The first row whose label matches ('@last' is the last row, where totals named after the unit sit)."""
        only = pattern.alternatives[0] if len(pattern.alternatives) == 1 else ""
        if only and "#" not in only and only != "@last":  # one label, no '#k' (each discovered rule's row)
            found = self._row_labels.find(pattern)
            return found[0] if found else None
        if pattern.last and self.table.rows:
            return len(self.table.rows) - 1
        for label, k in pattern.occurrences():
            same = self._row_labels.keyed(normalize_label(label))
            if len(same) >= k:
                return same[k - 1]
        # 'Löner*' names the row 'Löner*' (a footnote mark) before any row the wildcard fits
        found = self._row_labels.find(pattern)
        return found[0] if found else None

    def column_indices(self, pattern: LabelPattern) -> list[int]:
        """Columns whose header matches; '@n' names the n-th value column when headers are years.

        Positions and labels may be mixed (['@1', '@2', 'Diff*']): each alternative adds its columns.
        """
        found = [j - 1 for j in pattern.positions if 0 < j <= len(self.table.columns)]
        if pattern.names:
            found += [j for j in self._column_labels.find(pattern.names) if j not in found]
        return found

    def labels_across(self, axis: str) -> tuple[str, ...]:
        """The labels of the positions a relation along ``axis`` is checked at: columns for row relations."""
        return tuple(self.table.columns) if axis == "rows" else self._row_label_texts

    @functools.cached_property
    def _row_label_texts(self) -> tuple[str, ...]:
        return tuple(row.label.text for row in self.table.rows)

    def numeric_columns(self) -> list[int]:
        """Columns holding at least one number: the default scope of row relations."""
        return list(self._numeric_columns)

    @functools.cached_property
    def _numeric_columns(self) -> list[int]:
        return [int(j) for j in np.flatnonzero(~np.all(np.isnan(self.frame.values), axis=0))]

    @functools.cached_property
    def percent_cells(self) -> np.ndarray:
        """Where a cell holds a percentage (rows × columns): the other numbers are amounts."""
        if self._store is not None:
            return self._store.numbers()[2] == PERCENT
        width = len(self.table.columns)
        percent = np.zeros(self.frame.values.shape, dtype=bool)
        for i, row in enumerate(self.table.rows):
            percent[i, :width] = [cell.parsed.kind is CellKind.PERCENT for cell in row.cells[:width]]
        return percent

    def column_style(self, j: int) -> Parsed | None:
        """How the column writes its numbers (decimals, percent, grouping): a blank's value is written so."""
        if j not in self._styles and self._store is not None:
            numeric = np.flatnonzero(~np.isnan(self.frame.values[:, j]))
            self._styles[j] = self._store.parsed(int(numeric[0]), j) if numeric.size else None
        if j not in self._styles:
            self._styles[j] = next((row.cells[j].parsed for row in self.table.rows if row.cells[j].parsed.is_numeric),
                                   None)
        return self._styles[j]

    def sign_outlier(self, i: int, j: int) -> bool:
        """True when the cell's sign differs from every other non-zero value of its row or of its column.

        A flipped sign in a column of positive project forecasts, or in a row of negative costs,
        stands out; this breaks ties between equally small explanations.
        """
        value = self.frame.values[i, j]
        if not value or np.isnan(value):
            return False
        positive, negative = self._signs
        same, other = (positive, negative) if value > 0 else (negative, positive)
        # the peers of a cell are its row (axis 0 of the counts) and its column without the cell itself
        return any(same[axis][k] == 1 and other[axis][k] >= 2 for axis, k in ((0, i), (1, j)))

    def row_peers(self, i: int, j: int) -> tuple[float, ...]:
        """The other non-zero numbers of the cell's row (the same item in other periods): a slip in a leading
        digit makes a figure stand out from them, and a correction that brings it back is the likelier."""
        # the row as Python floats first: numpy scalars cost ~1 µs each to test (v == v: not NaN)
        return tuple(v for k, v in enumerate(self.frame.values[i].tolist()) if k != j and v and v == v)

    @functools.cached_property
    def _signs(self) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """Non-zero positive and negative values per row and per column, counted once per table."""
        positive, negative = self.frame.values > 0, self.frame.values < 0  # NaN is neither
        return (positive.sum(axis=1), positive.sum(axis=0)), (negative.sum(axis=1), negative.sum(axis=0))

    @functools.cached_property
    def locations(self) -> np.ndarray:
        """Every cell's location (rows × columns, an object array): coverage finds the cells relations cite as
        location objects by their identity here. Records of checked positions read theirs one by one
        (`cell_locations`)."""
        if self._store is not None:
            return self._store.location_grid()
        shape = (len(self.table.rows), len(self.table.columns))
        located = np.empty(shape, dtype=object)
        for i, row in enumerate(self.table.rows):
            located[i, : len(row.cells[: shape[1]])] = [cell.location for cell in row.cells[: shape[1]]]
        return located

    @functools.cached_property
    def cell_locations(self) -> CellLocations:
        """The value cells' locations by flat index, each made when read (records of checked positions)."""
        return CellLocations(self.table)

    def cell(self, i: int, j: int) -> Cell:
        return self.table.cell(i, j)

    def ref(self, i: int, j: int) -> CellRef:
        return cell_ref(self.table, i, j)


def cell_ref(table: Table, i: int, j: int) -> CellRef:
    row = table.rows[i]
    cell = table.cell(i, j)
    return CellRef(table.title, row.label.text or _unlabelled(table, i), table.columns[j], cell.text, cell.location)


def _unlabelled(table: Table, i: int) -> str:
    """'#2' for the second row printed without a label, as rules name it (a subtotal under its section)."""
    return f"#{sum(1 for row in table.rows[: i + 1] if not normalize_label(row.label.text))}"
