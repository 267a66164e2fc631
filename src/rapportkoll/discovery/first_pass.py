"""The block search of totals above their parts, computed first for all totals at once as if nothing were claimed.

A total under its parts takes the nearest block of unclaimed rows that adds up (`parts_above`). Which rows are
unclaimed depends on what the totals before it took, so that search runs total by total, ~40 small array
operations each. But the rows between a total-labelled row and the one before it are, nearly always, still
unclaimed when the search reaches it, and they are the block it takes (a nämnd's verksamheter under their
'Summa'). So for every total at once, from one array of those runs: the sizes whose running sums fit (`prefits`
of the nearest candidates) and the evidence of the whole run (`block_evidence`). The search reads them where its
own candidates begin with the run, and computes as before where they do not: both are pure functions of the
amounts, so a guess that misses costs nothing but the guess.
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery.blocks import Amounts
from rapportkoll.discovery.evidence import Evidence, measure_many

_CHUNK = 4096  # runs per array operation: bounds the arrays' memory on a table of a million rows
_EXACT = 2.0 ** 40  # amounts below this, in multiples of ½, add up exactly in any order


class FirstPass:
    """Prefits and evidence of each total's run (its nearest unclaimed rows, up to the total-labelled row above)."""

    def __init__(self, amounts: Amounts, runs: dict[int, list[int]]):
        self._runs = runs
        self._sizes: dict[int, list[int]] = {}
        self._evidence: dict[tuple[int, ...], Evidence] = {}
        totals = [total for total, run in runs.items() if run]
        for start in range(0, len(totals), _CHUNK):
            self._compute(amounts, totals[start:start + _CHUNK])

    def sizes(self, total: int, candidates: list[int]) -> tuple[list[int], int] | None:
        """The sizes `prefits` (one position) finds among the first ``len(run)`` candidates, and that length, where
        the candidates begin with the total's run; else None."""
        run = self._runs.get(total)
        if not run or candidates[:len(run)] != run:
            return None
        return self._sizes[total], len(run)

    def evidence(self, total: int, parts: list[int]) -> Evidence | None:
        """`block_evidence` of ``parts`` (sorted), where they are the total's whole run."""
        return self._evidence.get((total, *parts))

    def _compute(self, amounts: Amounts, totals: list[int]) -> None:
        runs = [self._runs[total] for total in totals]
        width = max(map(len, runs))
        rows = np.array([run + [run[-1]] * (width - len(run)) for run in runs])  # padding rows are never read
        lengths = np.array([len(run) for run in runs])
        sums = np.cumsum(amounts.values[rows], axis=1)
        tolerance = np.cumsum(amounts.halves[rows], axis=1) + amounts.halves[totals][:, None]
        target = amounts.values[totals][:, None]
        slack = 1e-9 * np.maximum(1.0, np.maximum(np.abs(sums), np.abs(target)))  # as `prefits` computes each
        fitting = (np.abs(sums - target) <= tolerance + slack).any(axis=2)
        fitting &= np.arange(width)[None, :] < lengths[:, None]
        for total, fits in zip(totals, fitting.tolist()):
            self._sizes[total] = [k + 1 for k, fit in enumerate(fits) if fit]
        whole = [b for b, (total, run) in enumerate(zip(totals, runs)) if len(run) in self._sizes[total]]
        if whole and _exact(amounts):
            self._measure_runs(amounts, [totals[b] for b in whole], [sorted(runs[b]) for b in whole])

    def _measure_runs(self, amounts: Amounts, totals: list[int], blocks: list[list[int]]) -> None:
        """`block_evidence` of each total's whole run, in one `measure_many` (parts padded with zero terms)."""
        width = max(map(len, blocks))
        rows = np.array([[total, *parts] + [parts[0]] * (width - len(parts)) for total, parts in zip(totals, blocks)])
        real = np.arange(width + 1)[None, :] <= np.array([len(parts) for parts in blocks])[:, None]
        values = np.where(real[:, :, None], amounts.values[rows], 0.0)
        halves = np.where(real[:, :, None], amounts.halves[rows], 0.0)
        part_rows = real.copy()
        part_rows[:, 0] = False
        # `Amounts.block` with its parts given: no evidence where the total is blank or no part is printed
        unstated = (amounts.empty[rows] | ~part_rows[:, :, None]).all(axis=1)
        values[:, 0][amounts.blank[totals] | unstated] = np.nan
        contributing = ((np.abs(values[:, 1:]) > 0).any(axis=2) & part_rows[:, 1:]).sum(axis=1)
        coeffs = np.where(real, 1.0, 0.0)
        coeffs[:, 0] = -1.0
        found = measure_many(values, halves, coeffs, np.where(contributing > 1, 3, 1), [len(p) + 1 for p in blocks])
        self._evidence.update(((total, *parts), evidence) for total, parts, evidence in zip(totals, blocks, found))


def _exact(amounts: Amounts) -> bool:
    """Whether every amount and half-unit is a multiple of ½ below `_EXACT`: their sums are then exact in any
    order, so `measure_many` gives exactly what `measure` gives (whole tkr, the long tables' case)."""
    values = amounts.values[~np.isnan(amounts.values)]
    return all(np.all(x * 2 == np.rint(x * 2)) and np.all(np.abs(x) < _EXACT) for x in (values, amounts.halves))


def _exact(amounts: Amounts) -> bool:
    """Whether every amount and half-unit is a multiple of ½ below `_EXACT`: their sums are then exact in any
    order, so `measure_many` gives exactly what `measure` gives (whole tkr, the long tables' case)."""
    values = amounts.values[~np.isnan(amounts.values)]
    return all(np.all(x * 2 == np.rint(x * 2)) and np.all(np.abs(x) < _EXACT) for x in (values, amounts.halves))


class ChainScreen:
    """`RowStack.prefits_ahead` for every row no label calls a total, computed at once for the stack a table of
    sections closed by totals leaves (each total taking exactly the rows since the total before it): the totals so
    far, then the rows since the last of them. Running sums are the stack's, made by the same additions in the same
    order, so each count is exactly the one the stack gives while the table keeps that shape; the search reads
    them until a take breaks it (`broken`), then screens from its own stack."""

    def __init__(self, amounts: Amounts, chain: list[int], rows: list[int], most: int):
        self.counts: dict[int, int] = {}
        self.broken = False
        chain_rows, free = np.array(chain, dtype=np.int64), np.array(rows, dtype=np.int64)
        below = np.searchsorted(chain_rows, free)  # the totals on the stack under each row
        depth = np.arange(len(free)) - np.searchsorted(below, below)  # the rows of its section above it
        keep = depth < _SECTION
        free, below, depth = free[keep], below[keep], depth[keep]
        magnitude = np.abs(amounts.values).max(axis=1, initial=0)[:, None]
        running = [_running(step, chain_rows, free, below, depth) for step in (amounts.values, amounts.halves, magnitude)]
        for start in range(0, len(free), _CHUNK):
            part = slice(start, start + _CHUNK)
            counts = _counts(amounts, running, free[part], below[part], depth[part], start, len(chain) + 1, most)
            self.counts.update(zip(free[part].tolist(), counts))


_SECTION = 2 * 40  # rows of a section screened from the chain; a longer run leaves the screen to the stack


def _running(step: np.ndarray, chain: np.ndarray, free: np.ndarray, below: np.ndarray, depth: np.ndarray) -> np.ndarray:
    """The stack's running sums: over the chain of totals (from 0), then, for each row, those of the totals under it
    and the rows of its section up to itself, added one row after another as `RowStack._settle` adds them."""
    totals = np.cumsum(np.concatenate([np.zeros((1, step.shape[1])), step[chain]]), axis=0)
    after = np.empty((len(free), step.shape[1]))
    for level in range(int(depth.max(initial=-1)) + 1):
        at = np.flatnonzero(depth == level)
        before = totals[below[at]] if level == 0 else after[at - 1]
        after[at] = before + step[free[at]]
    return np.concatenate([totals, after])


def _counts(amounts: Amounts, running: list[np.ndarray], free: np.ndarray, below: np.ndarray, depth: np.ndarray,
            offset: int, base: int, most: int) -> list[int]:
    """`RowStack.prefits_ahead`'s count for each row, from the running sums at the stack's top and under each size.
    Its tolerance is computed only where the residual is within twice a bound of it (the halves of ``most`` rows,
    the row's own and the running sums' slack): a chance block misses by far more, nearly everywhere."""
    index = offset + np.arange(len(free))
    k = np.arange(1, most + 1)[None, :]
    size = below + depth
    top = np.where(depth > 0, base + index - 1, below)
    under = np.where(k < depth[:, None], base + index[:, None] - 1 - k, below[:, None] - (k - depth[:, None]))
    used = k <= size[:, None]
    under = np.where(used, under, 0)
    sums, halves, magnitude = running
    block = sums[top][:, None] - sums[under]
    value = amounts.values[free]
    residual = np.abs(block - value[:, None])
    stack_slack = 1e-15 * size * (magnitude[top, 0] + 1.0)
    bound = most * amounts.halves.max(initial=0.0) + amounts.halves[free] + stack_slack[:, None] \
        + 1e-9 * np.maximum(1.0, np.abs(value))
    near = np.nonzero(used[:, :, None] & (residual <= 2 * bound[:, None]))
    fitting = np.zeros(residual.shape, dtype=bool)
    block, residual = block[near], residual[near]
    row, under = near[0], under[near[0], near[1]]
    slack = stack_slack[row] + 1e-9 * np.maximum(1.0, np.abs(block) + residual)
    fitting[near] = residual <= halves[top[row], near[2]] - halves[under, near[2]] + amounts.halves[free[row], near[2]] \
        + slack
    return fitting.sum(axis=2).max(axis=1).tolist()
