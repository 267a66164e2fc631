"""Which rows below a parent are its parts: the nearest block of unclaimed rows under it that adds up to it.

A mixin of the row search (`rows._Search`), which holds the table's state these read (``labels``, ``amounts``,
``unclaimed``, ``total_label``, ``closing``, ``explained``, ``usable``, ``keys``, ``parts_of``) and takes a block
(``_take``). Parents are read
from the bottom up over a stack of the unclaimed rows below (`RowStack`), inner parents first, so a "Totalt" on top
then sums the nämnder, not their verksamheter. A row is searched only where some run of the rows right under it adds
up to it (`contiguous_prefits`, for all rows at once), or where a take has changed which rows lie under it.
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.blocks import Amounts, Block, RowStack, block_evidence, contiguous_prefits, contributing
from rapportkoll.discovery.found import Found
from rapportkoll.discovery.subtotals import repeated_group


class PartsBelow:
    """The search for parents of the rows below."""

    def parents_of_rows_below(self) -> list[Found]:
        """Inner parents first: a "Totalt" on top then sums the nämnder, not their verksamheter. Only the rows a step
        can take something at are stepped through (`_steps_below`); the runs between them are pushed at once."""
        below = RowStack(self.amounts)
        reach = self._ends_below()
        runs_fit = self._runs_fit_below(reach)
        steps, ends = self._steps_below(runs_fit), reach.tolist()
        lowest_taken = len(self.labels)  # rows taken as parts leave the stack: runs reaching them are no screen
        found, parent = [], len(self.labels) - 1
        while parent >= 0:
            # a row's reach ends at most MAX_PARTS rows below it: only those nearer the lowest row taken reach it
            near = parent if parent >= lowest_taken - policy.MAX_PARTS else -1
            step = max(steps[-1] if steps else -1, near)
            below.push_many(range(parent, step, -1))
            if step < 0:
                break
            if steps and steps[-1] == step:
                steps.pop()
            if taken := self._parent_step(step, below, ends[step], int(runs_fit[step]), lowest_taken):
                lowest_taken = min(lowest_taken, *self.parts_of[step])
                found.append(taken)
            parent = step - 1
        return found

    def _steps_below(self, runs_fit: np.ndarray) -> list[int]:
        """The rows, ascending, whose step may do more than push them, wherever the rows taken lie: claimed or
        explained ones, those some run below fits, and those a repeated label may group (`repeated_group`)."""
        step = self.unclaimed.mask()
        step[list(self.explained)] = True
        repeated = np.zeros(len(self.labels), dtype=bool)
        repeated[:-1] = [bool(key) and key == after for key, after in zip(self.keys, self.keys[1:])]
        labelled = np.array(self.total_label, dtype=bool)
        required = np.where(labelled, policy.fits_required(True), policy.fits_required(False))
        step |= np.array(self.usable, dtype=bool) & ((runs_fit >= required) | repeated)
        return np.flatnonzero(step).tolist()

    def _parent_step(self, parent: int, below: RowStack, end: int, fit: int, lowest_taken: int) -> Found | None:
        """One row of the bottom-up search: a parent of the rows below it, if a block there adds up to it."""
        if self.unclaimed.claimed(parent):
            return None  # a heading or a 'varav' line: no parent, and no part either
        if parent in self.explained:  # its 'Varav' lines are its parts (headed_breakdowns)
            below.push(parent)
            return None
        # a parent no label calls a total needs two strong fits (policy.parent_of_block): two positions
        searched = self.usable[parent] and (fit >= policy.fits_required(self.total_label[parent]) or lowest_taken < end)
        block = (self._parts_below(parent, below, end) if searched else None) or repeated_group(self, parent, below)
        taken = self._take(parent, block, "below")
        if taken:
            below.pop(len(block[0]))
        below.push(parent)
        return taken

    def _ends_below(self) -> np.ndarray:
        """Where the rows each parent may sum end (at most MAX_PARTS rows on): at the next row closing the rows above
        it. A total right under the parent closes nothing (no row lies between them), so it is the first part:
        'Verksamhetens kostnader totalt' over 'Personalkostnader totalt', 'Köp av tjänster' … prints its largest part
        with its own total word."""
        rows = np.arange(len(self.labels))
        closing = np.array(self.closing + [len(self.labels)], dtype=np.int64)  # past the last row: the table's end
        end = closing[:-1]
        return np.minimum(rows + 1 + policy.MAX_PARTS, np.where(end == rows + 1, closing[end], end))

    def _runs_fit_below(self, ends: np.ndarray) -> np.ndarray:
        """`contiguous_prefits` (most positions fitting) over the rows a parent may take as parts (not headings or
        'varav' lines)."""
        free = np.flatnonzero(~self.unclaimed.mask())
        amounts = Amounts(self.amounts.values[free], self.amounts.halves[free], self.amounts.blank[free],
                          self.amounts.empty[free])
        fits = np.zeros(len(self.labels), dtype=np.int64)
        fits[free] = contiguous_prefits(amounts, np.searchsorted(free, ends[free]))
        return fits

    def _parts_below(self, parent: int, below: RowStack, end: int) -> Block | None:
        rows = below.nearest(end)
        total_label = self.total_label[parent]
        for k in below.prefits(parent, len(rows), policy.fits_required(total_label)):
            parts = rows[:k]
            if contributing(self.amounts, parts, beyond_rounding=True) < 2:
                continue  # a parent equal to the one row below it (rows within rounding of zero aside) is read
                #           as that row's total
            evidence = block_evidence(self.amounts, parent, parts)
            if policy.parent_of_block(evidence, total_label, len(parts), len(self.labels)) and not self._closed_below(rows, k):
                # A sparse item at the end of the list ('-' in all years but one) is a part too.
                return self._widened(parent, rows, k, evidence) if evidence.misfits else (parts, evidence)
        return None

    def _closed_below(self, rows: list[int], k: int) -> bool:
        """Whether the row right after the block ``rows[:k]`` is its total: the block then belongs to that total,
        and a row above equal to the same sum is a total of its own rows equal to it (TILLGÅNGAR over the
        liabilities that SKULDER, AVSÄTTNINGAR OCH EGET KAPITAL closes, in a balance sheet without 'Summa')."""
        if k >= len(rows):
            return False
        closing, parts = rows[k], rows[:k]
        evidence = block_evidence(self.amounts, closing, parts)
        return policy.total_of_block(evidence, self.total_label[closing], contributing(self.amounts, parts), True,
                                     len(self.labels))
