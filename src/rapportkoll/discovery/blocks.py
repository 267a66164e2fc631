"""Blocks of rows a total may sum: the amounts, the rows still free to be parts, and running sums."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rapportkoll.discovery.amounts import header_lines
from rapportkoll.discovery.evidence import Evidence, measure
from rapportkoll.frame import TableView
from rapportkoll.numbers import CellKind

Block = tuple[list[int], Evidence]  # a total's parts and how well they add up to it


@dataclass(frozen=True)
class Amounts:
    """The additive columns: blank parts count as zero, but a blank total is not checked (no evidence)."""

    values: np.ndarray  # blanks as 0
    halves: np.ndarray
    blank: np.ndarray   # no number in the cell
    empty: np.ndarray   # nothing at all in the cell (no number, no dash)

    @classmethod
    def of(cls, view: TableView, columns: list[int]) -> Amounts:
        """The amounts of ``columns``; a header line printed again over a block ('Investeringarnas kassaflöde  2019
        2018') holds none."""
        filled, halves = view.frame.filled()
        filled, halves = filled[:, columns], halves[:, columns]
        repeated = header_lines(view, columns)
        filled[repeated], halves[repeated] = np.nan, 0.0
        values = np.where(repeated[:, None], np.nan, view.frame.values[:, columns])
        dashes = np.zeros(values.shape, dtype=bool)
        for i, k in zip(*np.nonzero(np.isnan(values))):  # only cells without a number can hold a dash
            dashes[i, k] = view.table.rows[i].cells[columns[k]].kind is CellKind.MARKER
        return cls(filled, halves, np.isnan(values), np.isnan(values) & ~dashes)

    def block(self, result: int, operands: list[int], parts_given: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Values and halves of result and operands (rows × positions), NaN where the result is blank, and with
        ``parts_given`` where every operand is empty: a note printing only the koncern's total beside the
        kommun's lines says nothing about them there."""
        rows = [result] + operands
        values = self.values[rows].copy()
        values[0, self.blank[result]] = np.nan
        if parts_given:
            values[0, self.unstated(operands)] = np.nan
        return values, self.halves[rows]

    def unstated(self, operands: list[int]) -> np.ndarray:
        """Positions where none of ``operands`` is printed."""
        return self.empty[operands].all(axis=0)


class Unclaimed:
    """Rows not yet a part of some total (the nearest ones above a row are the top of the search's `RowStack`)."""

    def __init__(self, size: int):
        self._claimed = [False] * size

    def claim(self, row: int) -> None:
        self._claimed[row] = True

    def claimed(self, row: int) -> bool:
        return self._claimed[row]

    def mask(self) -> np.ndarray:
        """Which rows are claimed, as an array."""
        return np.array(self._claimed, dtype=bool)


class RowStack:
    """The unclaimed rows on one side of the row being read (below it, read bottom-up, or above it, read top-down):
    nearest on top, with running sums from the far end, so the rows a total may sum are the top of the stack and
    each block size costs one subtraction. A total takes the nearest rows it sums, so its parts always leave from
    the top."""

    def __init__(self, amounts: Amounts):
        rows, width = amounts.values.shape
        self._amounts = amounts
        self._rows = np.zeros(rows, dtype=np.int64)
        self._sums = np.zeros((rows + 1, width))
        self._halves = np.zeros((rows + 1, width))
        self._size = 0
        self._summed = 0  # the running sums are brought up to the stack's size when read, not on every push
        self._magnitude = np.zeros(rows + 1)  # Σ|values| of the stack: what the running sums' rounding grows with
        self._row_magnitude = np.abs(amounts.values).max(axis=1, initial=0)

    def push(self, row: int) -> None:
        self._rows[self._size] = row
        self._size += 1

    def push_many(self, rows: range) -> None:
        """Push ``rows`` in turn."""
        self._rows[self._size:self._size + len(rows)] = np.arange(rows.start, rows.stop, rows.step)
        self._size += len(rows)

    def pop(self, count: int) -> None:
        self._size -= count
        self._summed = min(self._summed, self._size)

    def _settle(self) -> None:
        """The running sums of the rows pushed since they were last read: np.cumsum adds in order, one row
        after another, so each sum is exactly the one an addition per push would make."""
        done, top = self._summed, self._size
        if done < top:
            rows = self._rows[done:top]
            for running, step in ((self._sums, self._amounts.values), (self._halves, self._amounts.halves),
                                  (self._magnitude, self._row_magnitude)):
                running[done + 1:top + 1] = np.cumsum(np.concatenate([running[done:done + 1], step[rows]]), axis=0)[1:]
            self._summed = top

    def __len__(self) -> int:
        return self._size

    def running(self, count: int) -> tuple[list[np.ndarray], int]:
        """The running sums (values, halves, magnitude) of the ``count`` + 1 positions at the top of the stack, the
        top last (zeros under its bottom), and its size: where a screen of the rows ahead goes on from."""
        self._settle()
        top = self._size
        pad = max(0, count - top)
        return [np.concatenate([np.zeros((pad, running.shape[1])), running[top + pad - count:top + 1]])
                for running in (self._sums, self._halves, self._magnitude[:, None])], top

    def top(self, count: int) -> list[int]:
        """The ``count`` nearest rows on the stack, nearest first."""
        return self._rows[max(0, self._size - count):self._size][::-1].tolist()

    def nearest(self, end: int) -> list[int]:
        """The rows on a stack of the rows below (pushed bottom-up) before ``end``, nearest first. Its rows fall
        from the bottom to the top, so at most ``end`` − the top row of them lie before ``end``: only that
        window is searched (the whole stack was negated on every call, quadratic in a long table)."""
        size = self._size
        if not size:
            return []
        window = self._rows[size - min(size, max(0, end - int(self._rows[size - 1]))):size]
        first = int(np.searchsorted(-window, -end, side="right"))
        return window[first:][::-1].tolist()

    def prefits(self, total: int, count: int, positions: int = 1) -> list[int]:
        """`prefits` of the ``count`` nearest rows (a screen: its slack covers the running sums' rounding)."""
        if not count:
            return []
        self._settle()
        top = self._size
        sums = self._sums[top] - self._sums[top - count:top][::-1]
        residual = np.abs(sums - self._amounts.values[total])
        # ≥ the float error of two running sums, and ≥ the slack `prefits` allows, so this screens for it
        slack = 1e-15 * self._size * (self._magnitude[top] + 1.0) + 1e-9 * np.maximum(1.0, np.abs(sums) + residual)
        tolerance = self._halves[top] - self._halves[top - count:top][::-1] + self._amounts.halves[total] + slack
        return [int(k) + 1 for k in np.flatnonzero((residual <= tolerance).sum(axis=1) >= positions)]

    def prefits_ahead(self, totals: list[int], most: int) -> list[int]:
        """For each of ``totals`` in turn, the most positions in which `prefits` of its ``min(len(self), most)``
        nearest rows finds a size fitting, as it will once the totals before it are pushed, if nothing is popped
        meanwhile (0: none fits): one array operation for a run of rows instead of one per row. The running sums
        are extended by the same additions, in the same order, as `_settle` makes, so each answer is exactly the
        one `prefits` gives then."""
        self._settle()
        top, amounts = self._size, self._amounts
        sums, halves, magnitude = (np.cumsum(np.concatenate([start[top:top + 1], step[totals[:-1]]]), axis=0)
                                   for start, step in ((self._sums, amounts.values), (self._halves, amounts.halves),
                                                       (self._magnitude, self._row_magnitude)))
        base = max(0, top - most)  # the stack below the reach of every block needs no copy
        size = top + np.arange(len(totals))
        k = np.arange(1, most + 1)
        used = k[None, :] <= size[:, None]  # the sizes each total's screen tries: at most the stack's
        start = np.maximum(size[:, None] - k[None, :], base) - base  # where each block starts, above the base
        block = sums[:, None] - np.concatenate([self._sums[base:top], sums])[start]
        residual = np.abs(block - amounts.values[totals][:, None])
        slack = (1e-15 * size * (magnitude + 1.0))[:, None, None] + 1e-9 * np.maximum(1.0, np.abs(block) + residual)
        tolerance = halves[:, None] - np.concatenate([self._halves[base:top], halves])[start] \
            + amounts.halves[totals][:, None] + slack
        return ((residual <= tolerance).sum(axis=2) * used).max(axis=1).tolist()


def block_evidence(amounts: Amounts, total: int, parts: list[int]) -> Evidence:
    """A sum of several contributing parts is evidenced where two of its operands besides one are non-zero."""
    coeffs = np.array([-1.0] + [1.0] * len(parts))
    return measure(*amounts.block(total, parts, parts_given=True), coeffs, 3 if contributing(amounts, parts) > 1 else 1)


def contributing(amounts: Amounts, parts: list[int], beyond_rounding: bool = False) -> int:
    """How many parts hold a non-zero number: zero and empty rows do not make equal rows a sum. With
    ``beyond_rounding`` a part must exceed, somewhere, the rounding the parts' sum allows (a row of 1 tkr
    under a parent equal to the row beside it is no second part)."""
    floor = amounts.halves[parts].sum(axis=0) if beyond_rounding else 0.0
    return int(np.count_nonzero((np.abs(amounts.values[parts]) > floor).any(axis=1)))


def prefits(amounts: Amounts, total: int, rows: list[int], positions: int = 1) -> list[int]:
    """The sizes k for which the first k of ``rows`` add up to the total in at least ``positions`` positions.

    Every accepted block fits somewhere, so only these are measured: one running sum instead of a
    measurement per block keeps discovery on a 60-row table within tens of milliseconds. A search
    that accepts only blocks with two strong fits asks for two positions (its slack is wider than a
    measurement's, so no such block is passed over).
    """
    if not rows:
        return []
    sums = np.cumsum(amounts.values[rows], axis=0)
    tolerance = np.cumsum(amounts.halves[rows], axis=0) + amounts.halves[total]
    target = amounts.values[total]
    slack = 1e-9 * np.maximum(1.0, np.maximum(np.abs(sums), np.abs(target)))
    fitting = (np.abs(sums - target) <= tolerance + slack).sum(axis=1)
    return [int(k) + 1 for k in np.flatnonzero(fitting >= positions)]


def contiguous_prefits(amounts: Amounts, ends: np.ndarray) -> np.ndarray:
    """For every row p, the most positions in which some run of rows p + 1 … p + k before ``ends[p]`` adds up to
    it (0: none). Computed for all rows at once from running sums; where no row of the run has left the stack this
    screens `RowStack.prefits` (its slack is as wide), so the rows it rules out need no search of their own."""
    rows = len(amounts.values)
    running = np.vstack([np.zeros((1, amounts.values.shape[1])), np.cumsum(amounts.values, axis=0)])
    halves = np.vstack([np.zeros((1, amounts.halves.shape[1])), np.cumsum(amounts.halves, axis=0)])
    magnitude = 1e-15 * rows * (np.sum(np.abs(amounts.values).max(axis=1, initial=0)) + 1.0)
    here = np.arange(rows)
    reach = ends - here - 1
    found = np.zeros(rows, dtype=np.int64)
    for k in range(1, int(reach.max(initial=0)) + 1):
        p = np.flatnonzero(reach >= k)
        sums = running[p + 1 + k] - running[p + 1]
        residual = np.abs(sums - amounts.values[p])
        slack = magnitude + 1e-9 * np.maximum(1.0, np.abs(sums) + residual)
        fitting = (residual <= halves[p + 1 + k] - halves[p + 1] + amounts.halves[p] + slack).sum(axis=1)
        found[p] = np.maximum(found[p], fitting)
    return found
