"""Which rows above a total are its parts: "Summa X" of the row X, a section's rows, a whole list, or the nearest
block of unclaimed rows that adds up (widened where rounding hides a small row at its top, extended to the whole
run up to the heading and to the nil lines that open it).

A mixin of the row search (`rows._Search`), which holds the table's state these read: ``labels`` (and their tuple,
``_label_tuple``), ``keys``, ``words``, ``amounts``, ``first_pass``, ``above`` (a stack of the unclaimed rows above the total), ``unclaimed``, ``total_label``,
``headings``, ``explained`` and ``usable``.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Iterator

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.blocks import Block, block_evidence, contributing, prefits
from rapportkoll.discovery.evidence import Evidence, measure
from rapportkoll.discovery.found import BARE_SUM, SUM_OF
from rapportkoll.labels import label_keys



class PartsAbove:
    """The block searches for a total under its parts."""

    def _parts_above(self, total: int) -> Block | None:
        """The nearest block of rows above that the total sums, or a little larger if that fits more places:
        rounding (±0,6 over eleven parts) can hide a small row at the top of the block in all but one column."""
        candidates = self.above.top(policy.MAX_PARTS)
        total_label = self.total_label[total]
        # an unlabelled total needs two strong fits (policy.total_of_block): sizes fitting one position are no block
        for k in self._fitting_sizes(total, candidates, policy.fits_required(total_label)):
            parts = sorted(candidates[:k])
            measured = self.first_pass.measured(total, parts)
            evidence = measured.evidence if measured else block_evidence(self.amounts, total, parts)
            many = measured.contributing if measured else contributing(self.amounts, parts)
            if policy.total_of_block(evidence, total_label, many, True, len(self.labels)):
                block = self._widened(total, candidates, k, evidence) if evidence.misfits else (parts, evidence)
                return self._with_nil_rows(self._whole_run(total, candidates, block), candidates)
        return None

    def _fitting_sizes(self, total: int, candidates: list[int], positions: int) -> Iterator[int]:
        """`prefits` of the candidates, in order: the first sizes read from the first pass where the candidates
        begin with the total's run, the rest computed only if the search gets that far."""
        known = self.first_pass.sizes(total, candidates) if positions == 1 else None
        if known is None:
            yield from prefits(self.amounts, total, candidates, positions)
            return
        sizes, read = known
        yield from sizes
        if len(candidates) > read:
            yield from (k for k in prefits(self.amounts, total, candidates, positions) if k > read)

    def _block_evidence(self, total: int, parts: list[int]) -> Evidence:
        """`block_evidence`, from the first pass where it measured these parts."""
        measured = self.first_pass.measured(total, parts)
        return measured.evidence if measured else block_evidence(self.amounts, total, parts)

    def _unstated(self, total: int, parts: list[int]) -> bool:
        """Whether no part is printed somewhere the total is (from the first pass where it measured them)."""
        measured = self.first_pass.measured(total, parts)
        if measured:
            return measured.unstated
        return bool((self.amounts.unstated(parts) & ~self.amounts.blank[total]).any())

    def _whole_run(self, total: int, candidates: list[int], block: Block) -> Block:
        """The whole run of rows up to the heading above, rather than its nearest part, where it fits as well and
        closer: a 'Summa' of eight deviations in tenths, whose top three net 0,1, fits its nearest five within
        the rounding too, but the list is what it closes."""
        parts, evidence = block
        heading = self.heading_above(total)
        top = -1 if heading is None else heading
        whole = sorted(c for c in candidates if c > top)
        if len(whole) <= len(parts) or not set(parts) <= set(whole):
            return block
        if self._residual(total, whole) >= self._residual(total, parts):
            return block  # not closer: no need to measure the whole run (a long table's every total reaches here)
        more = block_evidence(self.amounts, total, whole)
        return (whole, more) if more.fits >= evidence.fits and more.misfits <= evidence.misfits else block

    def _residual(self, total: int, parts: list[int]) -> float:
        if measured := self.first_pass.measured(total, parts):
            return measured.residual
        values = self.amounts.values
        return float(np.abs(values[total] - values[parts].sum(axis=0))[~self.amounts.blank[total]].sum())

    def _with_nil_rows(self, block: Block, candidates: list[int]) -> Block:
        """The block with the nil lines that open it, right after the total before them ('Luleå Kommunföretag
        AB  -  -  0  0' first of the companies under the kommun's SUMMA): the numbers cannot tell, but a list's
        nil line belongs to the list, not to a grand total further down. Zeros printed on headings
        ('Kassaflöde från finansieringen  0  0', a total-worded line, and the sub-heading under it) open none."""
        parts, evidence = block
        nil: list[int] = []
        for row in (r for r in candidates if r < parts[0]):
            if row != parts[0] - 1 - len(nil) or self.amounts.values[row].any() or self.amounts.empty[row].all() \
                    or self.total_label[row]:
                break
            nil.append(row)
        opens = nil and (nil[-1] - 1 in self.explained or nil[-1] - 1 in self.headings or not nil[-1])
        return (sorted(parts + nil), evidence) if opens else block

    def _widened(self, total: int, candidates: list[int], k: int, evidence: Evidence) -> Block:
        best = (sorted(candidates[:k]), evidence)
        for wider in range(k + 1, min(len(candidates), k + policy.WIDEN) + 1):
            parts = sorted(candidates[:wider])
            more = block_evidence(self.amounts, total, parts)
            if policy.widened_block(more, best[1]):
                best = (parts, more)
        return best

    def _named_total(self, total: int) -> Block | None:
        """'Summa Politisk verksamhet' under 'Politisk verksamhet'."""
        named = self._named_keys.get(total)
        above = self.above.top(1) if named is not None else None
        if not above or named != self.keys[above[0]]:
            return None
        evidence = measure(*self.amounts.block(total, above), np.array([-1.0, 1.0]), margin=0)
        return (above, evidence) if policy.named_total(evidence) else None

    @functools.cached_property
    def _named_keys(self) -> dict[int, str]:
        """The key of what a 'Summa X' row names (X), for each such row: its rest after the sum word, sought only in
        the labels holding a sum word (`Terms.rows`: a rest follows one) and keyed all at once."""
        rests = {row: rest for row in SUM_OF.rows(self._label_tuple) if (rest := SUM_OF.rest_formed(self.words[row]))}
        return dict(zip(rests, label_keys(tuple(rests.values()))))

    def _whole_list(self, total: int) -> Block | None:
        """A bare 'Summa' under a plain list in one column (a budget by nämnd), or a 'Summa …' closing a table of
        several: the labels state that it sums every row above, so it is checked even where it adds up nowhere
        (one column cannot show it; a slip in each column of one row, as a row of eliminations printed with the
        wrong signs or a figure a thousand times too large in every year, hides it in all)."""
        one_column = int(np.count_nonzero(~self.amounts.blank[total])) == 1 == self.amounts.values.shape[1]
        closing = total == len(self.labels) - 1
        label = self.labels[total].strip()
        worded = BARE_SUM.search(label) or (closing and SUM_OF.search(label))
        if not (worded and (one_column or closing)):
            return None  # tested first: the rest reads every row above, for each total of a long table
        parts = list(range(total))
        plain = all(self.usable[p] and not self.unclaimed.claimed(p) and not self.total_label[p] for p in parts)
        if not (plain and contributing(self.amounts, parts) >= 2):
            return None
        return parts, block_evidence(self.amounts, total, parts)

    def heading_above(self, row: int) -> int | None:
        """The nearest heading above the row, if any."""
        before = bisect_left(self.headings, row)
        return self.headings[before - 1] if before else None

    def _section_heading(self, total: int) -> int | None:
        """The nearest heading above, where the total's label names it."""
        heading = self.heading_above(total)
        key = self.keys[heading] if heading is not None else ""
        return heading if key and key in self.keys[total] else None

    def _section_parts(self, total: int) -> Block | None:
        """The rows of a section whose heading the total names (FINANSIERINGSVERKSAMHETEN … Kassaflöde från
        finansieringsverksamheten)."""
        heading = self._section_heading(total)
        if heading is None:
            return None
        parts = [p for p in range(heading + 1, total) if not self.unclaimed.claimed(p)]
        if contributing(self.amounts, parts) < 2:
            return None
        evidence = self._block_evidence(total, parts)
        return (parts, evidence) if policy.section_total(evidence) else None
