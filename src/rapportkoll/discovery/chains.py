"""Two-row chains: a result-worded row equal to a − b or a + b of earlier rows (resultat = bidrag − nettokostnader)."""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.blocks import Amounts
from rapportkoll.discovery.evidence import measure
from rapportkoll.discovery.found import Found

_SIGNS = ((1.0, -1.0), (-1.0, 1.0), (1.0, 1.0))


def two_row_chain(amounts: Amounts, result: int, rows: list[int], labels, scope: dict, worded: bool = True
                  ) -> Found | None:
    """The best-supported chain over ``rows``; every pair is screened at once, only likely ones measured.
    A result not worded as one (a total no block of rows adds up to) needs fits unlikely by chance."""
    best = None
    tried = len(rows) * (len(rows) - 1) // 2 * len(_SIGNS)
    for a, b, ca, cb in _screened(amounts, result, rows):
        evidence = measure(*amounts.block(result, [a, b]), np.array([-1.0, ca, cb]), min_nonzero=3)
        if policy.chain(evidence, worded, tried) and (best is None or evidence.fits > best[0].fits):
            best = (evidence, a, b, ca, cb)
    if best is None:
        return None
    evidence, a, b, ca, cb = best
    plus = [labels[r] for r, c in ((a, ca), (b, cb)) if c > 0]
    minus = [labels[r] for r, c in ((a, ca), (b, cb)) if c < 0]
    text = " + ".join(plus) + "".join(f" − {m}" for m in minus)
    params = {"result": labels[result], "plus": plus, "minus": minus, **scope}
    return Found("equation", params, evidence, f"{labels[result]} = {text}", f"{labels[result]} = {text}")


def _screened(amounts: Amounts, result: int, rows: list[int]) -> list[tuple[int, int, float, float]]:
    """Pairs a < b and signs with enough positions where the chain holds and all three rows are non-zero
    (what an accepted chain needs), in the order a full search would try them."""
    if len(rows) < 2:
        return []
    values, halves = amounts.values[rows], amounts.halves[rows]
    target = np.where(amounts.blank[result], np.nan, amounts.values[result])
    tolerance = halves[:, None, :] + halves[None, :, :] + amounts.halves[result] + 1e-9 * np.abs(target)
    nonzero = (values[:, None, :] != 0) & (values[None, :, :] != 0) & (target != 0)
    upper = np.triu(np.ones((len(rows), len(rows)), dtype=bool), 1)
    screened = []
    for ca, cb in _SIGNS:
        residual = np.abs(ca * values[:, None, :] + cb * values[None, :, :] - target)
        strong = ((residual <= tolerance) & nonzero).sum(axis=2)
        for i, j in zip(*np.nonzero(upper & (strong >= policy.CHAIN_FITS))):
            screened.append((i, j, ca, cb))
    screened.sort(key=lambda s: (s[0], s[1], _SIGNS.index((s[2], s[3]))))
    return [(rows[i], rows[j], ca, cb) for i, j, ca, cb in screened]
