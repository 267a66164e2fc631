"""Equal totals far apart: summa tillgångar = summa eget kapital, avsättningar och skulder.

A balance sheet closes both halves with totals that must agree, a drift table may repeat its grand
total as "Verksamhetens nettokostnader". Such totals are neither parts of one another nor near,
so no block search finds them. Two total-labelled rows that agree in every position, in at least
two strong ones, are one figure (`policy.holds_everywhere`). Candidates come from an index of the
rows' amounts in bins wider than any rounding, so the work grows with the totals, not their pairs.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.blocks import Amounts
from rapportkoll.discovery.evidence import Evidence, measure


def equal_totals(amounts: Amounts, totals: list[int], related: dict[int, set[int]]) -> list[tuple[int, int, Evidence]]:
    """(later, earlier, evidence): each total equal to the nearest earlier one it does not already sum, directly
    or through its parts' parts (Årets resultat efter balanskravsjusteringar = Årets resultat + 0, which is
    Resultat före extraordinära poster + 0: no identity of its own)."""
    width = 4.0 * max(float(amounts.halves.max(initial=0.5)), 0.5)
    index: dict[tuple[int, int], list[int]] = defaultdict(list)
    found = []
    values = amounts.values[totals]
    nonzero = (np.nan_to_num(values) != 0).tolist()  # each total's bins found for all totals at once
    bins = np.floor_divide(values, width, where=np.isfinite(values), out=np.zeros_like(values)).tolist()
    rows = {total: row for total, row in zip(totals, zip(values.tolist(), amounts.halves[totals].tolist(),
                                                          amounts.blank[totals].tolist()))}
    for total, printed, binned in zip(totals, nonzero, bins):
        columns = [j for j, amount in enumerate(printed) if amount]
        if not columns:
            continue
        j, key = columns[0], int(binned[columns[0]])
        for earlier in sorted({u for near in (key - 1, key, key + 1) for u in index.get((j, near), ())}, reverse=True):
            if _apart(rows[total], rows[earlier]) or _reaches(related, total, earlier) \
                    or _reaches(related, earlier, total):
                continue
            evidence = measure(*amounts.block(total, [earlier]), np.array([-1.0, 1.0]), min_nonzero=2)
            if policy.holds_everywhere(evidence):
                found.append((total, earlier, evidence))
                break
        for j in columns:
            index[(j, int(binned[j]))].append(total)
    return found


def _apart(total: tuple[list, list, list], earlier: tuple[list, list, list]) -> bool:
    """Whether two rows misfit in some position whatever the measurement's float guard (apart by more than twice
    their rounding), so they cannot hold everywhere: the bins find more candidates as a long table fills them, and
    a list comparison costs far less than a measurement."""
    return any(not blank and abs(x - y) > 2 * (hx + hy) + 1e-9 * max(1.0, abs(x), abs(y))
               for x, hx, blank, y, hy in zip(*total, *earlier[:2]))


def _reaches(parts_of: dict[int, set[int]], total: int, row: int) -> bool:
    """Whether ``row`` is among the parts of ``total``, or of their parts, and so on."""
    seen, stack = set(), [total]
    while stack:
        for part in parts_of.get(stack.pop(), ()):
            if part == row:
                return True
            if part not in seen:
                seen.add(part)
                stack.append(part)
    return False
