"""The screen of the rows between totals, computed for a window of rows at once from the stack they will find.

The row search screens each row no label calls a total for a run of the nearest unclaimed rows that adds up to it
(`RowStack.prefits_ahead`), a batch of rows at a time, since each total pops the stack. In a table of sections
closed by totals each total takes exactly the rows since the total before it, so the stack each row will find is
known ahead: the stack as it stands, the totals since, then the rows of its own section. The screen computes the
count of every row of a window from that stack at once, with running sums made by the same additions in the same
order as the stack makes them, so each count is exactly the stack's while the table keeps that shape. A take that
breaks it ends the window (`broken`), and the next total starts a new one from the stack as it then stands.
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery.blocks import Amounts, RowStack

_FIRST = 512  # rows of a first window, and of the first after a break; doubled while the shape holds ...
_ELEMENTS = 1 << 21  # ... up to this many rows × sizes × columns in its arrays (16 MiB each)
_SECTION = 80  # rows of one section screened ahead; a longer run is left to the stack's own screen


class ChainScreen:
    """Counts of `RowStack.prefits_ahead` for the rows ahead, read while ``broken`` is False."""

    def __init__(self, amounts: Amounts, free: list[int], labelled: list[bool], most: int):
        self._amounts, self._free, self._labelled, self._most = amounts, free, labelled, most
        self._magnitude = np.abs(amounts.values).max(axis=1, initial=0)[:, None]  # as `RowStack` sums it
        self._counts: dict[int, int] = {}
        self._widest = max(1, _ELEMENTS // (most * max(1, amounts.values.shape[1])))
        self._window, self._renew = min(_FIRST, self._widest), -1
        self.broken = True

    def count(self, row: int) -> int | None:
        """The row's count as the stack will give it, where the window screened it (None: ask the stack)."""
        return None if self.broken else self._counts.get(row)

    def resume(self, stack: RowStack, position: int) -> None:
        """After the total at ``position`` of the free rows is pushed (-1: before the first row), a window from the
        stack as it stands, where the last one broke or at its last total (each row is screened once)."""
        if not self.broken and (position < 0 or self._free[position] < self._renew):
            return
        self._window = min(_FIRST if self.broken else 2 * self._window, self._widest)
        ahead = self._free[position + 1:position + 1 + self._window]
        chain = np.array([r for r in ahead if self._labelled[r]], dtype=np.int64)
        rows = np.array([r for r in ahead if not self._labelled[r]], dtype=np.int64)
        below = np.searchsorted(chain, rows)  # the window's totals on the stack under each row
        depth = np.arange(len(rows)) - np.searchsorted(below, below)  # the rows of its section above it
        keep = depth < _SECTION
        rows, below, depth = rows[keep], below[keep], depth[keep]
        base, size = stack.running(self._most)
        running = [_running(start, step, chain, rows, below, depth)
                   for start, step in zip(base, (self._amounts.values, self._amounts.halves, self._magnitude))]
        counts = _counts(self._amounts, running, rows, below, depth, size, len(chain), self._most)
        self._counts = dict(zip(rows.tolist(), counts))
        # renewed at the window's last total: the rows after it are screened again from the stack it leaves
        self._renew = int(chain[-1]) if len(chain) else ahead[-1] if ahead else len(self._labelled)
        self.broken = False


def _running(base: np.ndarray, step: np.ndarray, chain: np.ndarray, rows: np.ndarray, below: np.ndarray,
             depth: np.ndarray) -> np.ndarray:
    """The stack's running sums: its top positions as they stand (``base``, the top last), then over the window's
    totals, then, for each row, over the rows of its section up to itself, added one row after another as
    `RowStack._settle` adds them."""
    totals = np.cumsum(np.concatenate([base[-1:], step[chain]]), axis=0)[1:]
    chained = np.concatenate([base, totals])
    after = np.empty((len(rows), step.shape[1]))
    for level in range(int(depth.max(initial=-1)) + 1):
        at = np.flatnonzero(depth == level)
        before = chained[len(base) - 1 + below[at]] if level == 0 else after[at - 1]
        after[at] = before + step[rows[at]]
    return np.concatenate([chained, after])


def _counts(amounts: Amounts, running: list[np.ndarray], rows: np.ndarray, below: np.ndarray, depth: np.ndarray,
            size: int, totals: int, most: int) -> list[int]:
    """`RowStack.prefits_ahead`'s count for each row, from the running sums at the stack's top and under each size.
    In ``running``, the stack's top as it stood is at ``most``, the window's ``totals`` follow, then the rows.
    Each row's sizes are screened in one pass over all of them (`_near`); the stack's own test is then computed only
    where the residual is within twice a bound of it: a chance block misses by far more, nearly everywhere."""
    k = np.arange(1, most + 1)
    after = most + 1 + totals + np.arange(len(rows))  # where each row's own running sum stands
    stacked = size + below + depth
    top = np.where(depth > 0, after - 1, most + below)
    # under each size, the rows of its own section first (down from the row above it), then the stack it found
    under = np.where(k[None, :] < depth[:, None], (after - 1)[:, None], (most + below + depth)[:, None]) - k
    sums, halves, magnitude = running
    value = amounts.values[rows]
    stack_slack = 1e-15 * stacked * (magnitude[top, 0] + 1.0)
    bound = most * amounts.halves.max(initial=0.0) + amounts.halves[rows] + stack_slack[:, None] \
        + 1e-9 * np.maximum(1.0, np.abs(value))
    row, size_at, column = _near(sums, under, sums[top] - value, 2 * bound)
    keep = size_at < stacked[row]  # sizes past the stack's bottom are not tried
    row, size_at, column = row[keep], size_at[keep], column[keep]
    at, under = top[row], under[row, size_at]
    block = sums[at, column] - sums[under, column]
    residual = np.abs(block - value[row, column])
    slack = stack_slack[row] + 1e-9 * np.maximum(1.0, np.abs(block) + residual)
    fits = residual <= halves[at, column] - halves[under, column] + amounts.halves[rows[row], column] + slack
    per_size = np.bincount(row[fits] * most + size_at[fits], minlength=len(rows) * most)
    return per_size.reshape(len(rows), most).max(axis=1, initial=0).tolist()


def _near(sums: np.ndarray, under: np.ndarray, target: np.ndarray, bound: np.ndarray) -> tuple[np.ndarray, ...]:
    """(row, size, column) wherever the block of a size misses its row's ``target`` (the running sum at its top less
    the row's amount) by at most ``bound``: a superset of the fits, since the bound is twice the widest tolerance
    and the order of the subtractions moves a residual by a few units in the last place of the sums, far less.
    A column at a time: gathering from one column's sums is faster than rows of all columns at once."""
    rows, sizes, columns = [], [], []
    for j, column in enumerate(np.ascontiguousarray(sums.T)):
        residual = column[under]
        residual -= target[:, j, None]
        np.abs(residual, out=residual)
        row, size = np.nonzero(residual <= bound[:, j, None])
        rows.append(row)
        sizes.append(size)
        columns.append(np.full(len(row), j))
    return np.concatenate(rows), np.concatenate(sizes), np.concatenate(columns)
