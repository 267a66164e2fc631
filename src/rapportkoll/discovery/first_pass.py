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

from typing import NamedTuple

import numpy as np

from rapportkoll.discovery.blocks import Amounts
from rapportkoll.discovery.evidence import Evidence, measure_many

_ELEMENTS = 1 << 21  # runs × terms × columns per array operation (16 MiB an array): a table of a million rows
_EXACT = 2.0 ** 40  # amounts below this, in multiples of ½, add up exactly in any order


class Measured(NamedTuple):
    """What the search reads of a block: its evidence, how many parts hold a number (`contributing`), how far
    the parts' sum is from the total (`PartsAbove._residual`), and whether no part is printed somewhere the
    total is (`Amounts.unstated`)."""

    evidence: Evidence
    contributing: int
    residual: float
    unstated: bool


class FirstPass:
    """Prefits and evidence of each total's run (its nearest unclaimed rows, up to the total-labelled row above)."""

    def __init__(self, amounts: Amounts, runs: dict[int, list[int]]):
        self._runs = runs
        self._sizes: dict[int, list[int]] = {}
        self._measured: dict[tuple[int, ...], Measured] = {}
        totals = [total for total, run in runs.items() if run]
        chunk = max(1, _ELEMENTS // ((max(map(len, runs.values()), default=0) + 1) * max(1, amounts.values.shape[1])))
        for start in range(0, len(totals), chunk):
            self._compute(amounts, totals[start:start + chunk])

    def sizes(self, total: int, candidates: list[int]) -> tuple[list[int], int] | None:
        """The sizes `prefits` (one position) finds among the first ``len(run)`` candidates, and that length, where
        the candidates begin with the total's run; else None."""
        run = self._runs.get(total)
        if not run or candidates[:len(run)] != run:
            return None
        return self._sizes[total], len(run)

    def measured(self, total: int, parts: list[int]) -> Measured | None:
        """The block of ``parts`` (sorted) as measured, where they are the total's whole run."""
        return self._measured.get((total, *parts))

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
        blank = amounts.blank[totals]
        values[:, 0][blank | unstated] = np.nan
        contributing = ((np.abs(values[:, 1:]) > 0).any(axis=2) & part_rows[:, 1:]).sum(axis=1)
        coeffs = np.where(real, 1.0, 0.0)
        coeffs[:, 0] = -1.0
        found = measure_many(values, halves, coeffs, np.where(contributing > 1, 3, 1), [len(p) + 1 for p in blocks])
        residual = np.where(blank, 0.0, np.abs(amounts.values[totals] - values[:, 1:].sum(axis=1))).sum(axis=1)
        facts = zip(found, contributing.tolist(), residual.tolist(), (unstated & ~blank).any(axis=1).tolist())
        self._measured.update(((total, *parts), Measured(*fact)) for total, parts, fact in zip(totals, blocks, facts))


def _exact(amounts: Amounts) -> bool:
    """Whether every amount and half-unit is a multiple of ½ below `_EXACT`: their sums are then exact in any
    order, so `measure_many` gives exactly what `measure` gives (whole tkr, the long tables' case)."""
    values = amounts.values[~np.isnan(amounts.values)]
    return all(np.all(x * 2 == np.rint(x * 2)) and np.all(np.abs(x) < _EXACT) for x in (values, amounts.halves))
