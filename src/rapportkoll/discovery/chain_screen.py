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
        stack as it stands, where the last one broke or is half read."""
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
        self._renew = ahead[len(ahead) // 2] if ahead else len(self._labelled)
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
    A tolerance is computed only where the residual is within twice a bound of it (the halves of ``most`` rows,
    the row's own and the running sums' slack): a chance block misses by far more, nearly everywhere."""
    k = np.arange(1, most + 1)[None, :]
    after = most + 1 + totals + np.arange(len(rows))  # where each row's own running sum stands
    stacked = size + below + depth
    top = np.where(depth > 0, after - 1, most + below)
    under = np.where(k < depth[:, None], after[:, None] - 1 - k, (most + below)[:, None] - (k - depth[:, None]))
    used = k <= stacked[:, None]
    under = np.where(used, under, 0)
    sums, halves, magnitude = running
    block = sums[top][:, None] - sums[under]
    value = amounts.values[rows]
    residual = np.abs(block - value[:, None])
    stack_slack = 1e-15 * stacked * (magnitude[top, 0] + 1.0)
    bound = most * amounts.halves.max(initial=0.0) + amounts.halves[rows] + stack_slack[:, None] \
        + 1e-9 * np.maximum(1.0, np.abs(value))
    near = np.nonzero(used[:, :, None] & (residual <= 2 * bound[:, None]))
    fitting = np.zeros(residual.shape, dtype=bool)
    block, residual = block[near], residual[near]
    row, under = near[0], under[near[0], near[1]]
    slack = stack_slack[row] + 1e-9 * np.maximum(1.0, np.abs(block) + residual)
    column = near[2]
    fitting[near] = residual <= halves[top[row], column] - halves[under, column] + amounts.halves[rows[row], column] + slack
    return fitting.sum(axis=2).max(axis=1).tolist()
