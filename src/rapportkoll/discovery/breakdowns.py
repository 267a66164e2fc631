"""Breakdowns: the lines that detail one row, announced by a 'Varav' heading or line rather than by a total word.

A nämnd's line printed above a line 'Varav' and its sectors, or a total rate above 'Varav staden' and the
region's rate: the labels say the lines below detail the row above, but not where the detail ends, so the
numbers decide: the nearest run of lines that adds up to the row in every position.
"""

from __future__ import annotations

from itertools import takewhile

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.blocks import Amounts, Block
from rapportkoll.discovery.evidence import Evidence, measure



def nearest_detail(amounts: Amounts, row: int, lines: list[int]) -> Block | None:
    """The shortest run of ``lines`` that adds up to ``row`` in every position where it is printed, with the nil
    lines right after it ('Renhållning 0,0', the list's own line). The heading states the relation, so small
    amounts count (no chance margin), as for 'Summa X' under X; the shortest run, since among amounts in tenths
    of a million a longer one fits within its wider rounding as well."""
    for k in range(1, len(lines) + 1):
        evidence = _evidence(amounts, row, lines[:k])
        if policy.named_total(evidence) and evidence.strong:
            nil = len(list(takewhile(lambda i: not amounts.values[i].any(), lines[k:])))
            return (lines[:k + nil], _evidence(amounts, row, lines[:k + nil])) if nil else (lines[:k], evidence)
    return None


def _evidence(amounts: Amounts, row: int, parts: list[int]) -> Evidence:
    return measure(*amounts.block(row, parts), np.array([-1.0] + [1.0] * len(parts)), margin=0)


def with_siblings(amounts: Amounts, row: int, details: list[int], siblings: list[int]) -> Block | None:
    """'Varav' lines with the plain lines after them, where together they add up to the row everywhere, too
    exactly for chance (Total skattesats = Varav staden + Regionerna: the 'varav' names the first part only)."""
    for k in range(1, len(siblings) + 1):
        parts = details + siblings[:k]
        evidence = measure(*amounts.block(row, parts), np.array([-1.0] + [1.0] * len(parts)), min_nonzero=2)
        if policy.holds_everywhere(evidence) and evidence.chance <= policy.UNLABELLED_CHANCE:
            return parts, evidence
    return None
