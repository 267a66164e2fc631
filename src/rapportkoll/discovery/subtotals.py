"""Totals the layout reads through subtotals: groups, label-less subtotals and running subtotals.

A row search (`rows._Search`) reads a total as the nearest block of unclaimed rows. Some layouts put
other rows in that block's way, and say by their layout which rows are the parts instead:

- a row printed without a label under a heading's lines is their subtotal, however small its numbers;
- a total under label-less subtotals sums those, past rows of counts or percentages printed between
  the blocks (a note's "Summa" over four blocks, one of them a block of contract counts);
- a total printed right under a running subtotal's continuation sums the rows since that subtotal
  with the subtotal's own part instead ("Summa kostnader" = Summa rörelsekostnader + the cost rows
  after "Driftnetto", which is Summa intäkter + Summa rörelsekostnader), and the total after it
  continues the running subtotal over the same rows ("Årets resultat" = Driftnetto + those rows);
- a group line repeating its only line's label ("Immateriella anläggningstillgångar" twice) is that
  line's total, so the grand total above the groups sums group lines, not the line twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.blocks import Block, RowStack, block_evidence, contributing, prefits
from rapportkoll.discovery.evidence import measure

if TYPE_CHECKING:
    from rapportkoll.discovery.rows import _Search



def through_subtotals(search: _Search, total: int) -> Block | None:
    """The block of a total the layout shows, where no nearest block of rows adds up to it."""
    if not search.total_label[total]:
        return None
    return _unlabelled_section(search, total) or _over_subtotals(search, total) or _interleaved(search, total)


def _unlabelled_section(search: _Search, total: int) -> Block | None:
    """A label-less row right under the lines of a heading (mkr figures of 1 to 6 fit nearly any sum within
    the rounding, so the numbers alone cannot show it): measured without the margin for small numbers, as
    the layout states the relation, and accepted only where it holds everywhere."""
    heading = search.heading_above(total)
    if search.labels[total].strip() or heading is None:
        return None
    parts = list(range(heading + 1, total))
    plain = all(search.usable[p] and not search.unclaimed.claimed(p) and not search.total_label[p] for p in parts)
    if not plain or contributing(search.amounts, parts) < 2:
        return None
    coeffs = np.array([-1.0] + [1.0] * len(parts))
    evidence = measure(*search.amounts.block(total, parts, parts_given=True), coeffs, 3, margin=0)
    return (parts, evidence) if policy.laid_out_total(evidence) else None


def _over_subtotals(search: _Search, total: int) -> Block | None:
    """The nearest two or more subtotals above (rows found to sum a block), past the unclaimed rows between them
    that no total takes (policy.total_of_subtotals)."""
    subtotals = [r for r in search.above.top(policy.MAX_PARTS) if r in search.parts_of]
    for k in (k for k in prefits(search.amounts, total, subtotals) if k >= 2):  # only sizes that fit somewhere
        parts = sorted(subtotals[:k])
        evidence = block_evidence(search.amounts, total, parts)
        if policy.total_of_subtotals(evidence):
            return parts, evidence
    return None


def _interleaved(search: _Search, total: int) -> Block | None:
    """A total of the rows since a running subtotal, with one of that subtotal's parts in its place; or, right
    under such a total, the running subtotal continued over the same rows."""
    above = search.above.top(policy.MAX_PARTS)
    rest = _run_before_subtotal(search, above)
    if rest and len(rest) < len(above):
        running = above[len(rest)]
        for part in sorted(search.parts_of[running]):
            block = _measured(search, total, sorted(rest + [part]))
            if policy.total_of_block(block[1], True, contributing(search.amounts, block[0]), True, len(search.labels)):
                return block
    return _continued(search, total, above)


def _run_before_subtotal(search: _Search, above: list[int]) -> list[int]:
    """The nearest unclaimed rows above, up to the first subtotal among them (none if no subtotal follows)."""
    run = []
    for row in above:
        if row in search.parts_of:
            return run
        if search.total_label[row]:
            return []
        run.append(row)
    return []


def _continued(search: _Search, total: int, above: list[int]) -> Block | None:
    """Right under a total T of rows r… and a part p of a running subtotal R above them: R + r… (the running
    subtotal continued), which holds everywhere wherever the layout is this one."""
    if len(above) < 2 or above[0] != total - 1 or above[0] not in search.parts_of:
        return None
    interleaved, running = above[0], above[1]
    shared = search.parts_of[interleaved] & search.parts_of.get(running, set())
    rest = sorted(search.parts_of[interleaved] - shared)
    if len(shared) != 1 or not rest or not all(running < r < interleaved for r in rest):
        return None
    block = _measured(search, total, sorted([running] + rest))
    return block if policy.holds_everywhere(block[1]) else None


def _measured(search: _Search, total: int, parts: list[int]) -> Block:
    return parts, block_evidence(search.amounts, total, parts)


def repeated_group(search: _Search, parent: int, below: RowStack) -> Block | None:
    """A group line whose only line, right under it, repeats its label: that line's total, where it holds
    everywhere (the labels state it, so small numbers count)."""
    if parent + 1 >= len(search.labels) or not search.usable[parent]:
        return None
    key = search.keys[parent]
    if not key or key != search.keys[parent + 1]:
        return None  # tested first: this is asked of every row of a table
    child = below.nearest(parent + 2)  # the next row, if no total has taken it
    if child != [parent + 1]:
        return None
    evidence = measure(*search.amounts.block(parent, child), np.array([-1.0, 1.0]), margin=0)
    return (child, evidence) if policy.named_total(evidence) else None


def release(search: _Search, stack: RowStack, parts: list[int], total: int) -> None:
    """Take a total's parts off the stack of unclaimed rows above it: the top of the stack where they are the
    nearest rows, else the stack rebuilt from the rows still unclaimed (a block read through subtotals)."""
    if sorted(stack.top(len(parts))) == sorted(parts):
        stack.pop(len(parts))
        return
    stack.pop(len(stack))
    for row in range(total):
        if not search.unclaimed.claimed(row):
            stack.push(row)
