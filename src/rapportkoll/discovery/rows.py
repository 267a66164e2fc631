"""Row relations discovered from the numbers: totals of the rows below or above, and two-row chains.

Hierarchical tables put a parent either above its parts (Expansionsinvestering, then its projects)
or below them (Summa kostnader). Parents of the rows below are found first; their parts are then
claimed, so a grand total further down sums only the unclaimed rows (the parents) above it.
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery.evidence import Evidence, measure
from rapportkoll.discovery.found import RESULT_WORDS, TOTAL_WORDS, Found, referable
from rapportkoll.frame import TableView

_MAX_PARTS = 40


def row_relations(view: TableView) -> list[Found]:
    labels = [row.label.text for row in view.table.rows]
    usable = referable(labels)
    columns = view.numeric_columns()
    if not columns:
        return []
    values, halves = view.frame.filled()
    values, halves = values[:, columns], halves[:, columns]
    claimed: set[int] = set()
    found: list[Found] = []
    for parent in range(len(labels)):
        block = _parts_below(values, halves, parent, labels, claimed)
        if block and usable[parent] and all(usable[p] for p in block[0]):
            claimed.update(block[0])
            found.append(_sum(labels, parent, block[0], block[1], "below"))
    explained = {labels.index(f.params["total"]) for f in found}
    for total in range(len(labels)):
        if total in explained or not usable[total]:
            continue
        block = _parts_above(values, halves, total, labels, claimed)
        if block and all(usable[p] for p in block[0]):
            claimed.update(block[0])
            explained.add(total)
            found.append(_sum(labels, total, block[0], block[1], "above"))
    for result in range(len(labels)):
        if result not in explained and usable[result] and RESULT_WORDS.search(labels[result]):
            chain = _two_row_chain(values, halves, result, [i for i in range(result) if usable[i]], labels)
            if chain:
                found.append(chain)
    return found


def _accepts(evidence: Evidence, label: str, parts: int) -> bool:
    """One-part 'sums' are mere equal rows: only a total label makes them a relation."""
    if parts == 1:
        return bool(TOTAL_WORDS.search(label)) and evidence.accepted(1) and evidence.misfits == 0
    return evidence.accepted(1 if TOTAL_WORDS.search(label) else 2)


def _block_evidence(values, halves, total: int, parts: list[int]) -> Evidence:
    rows = [total] + parts
    coeffs = np.array([-1.0] + [1.0] * len(parts))
    evidence, _ = measure(values[rows], halves[rows], coeffs)
    return evidence


def _parts_below(values, halves, parent: int, labels, claimed) -> tuple[list[int], Evidence] | None:
    stop = min(len(labels), parent + 1 + _MAX_PARTS)
    for end in range(parent + 2, stop + 1):
        parts = [p for p in range(parent + 1, end) if p not in claimed]
        if len(parts) < 2:
            continue
        evidence = _block_evidence(values, halves, parent, parts)
        if _accepts(evidence, labels[parent], len(parts)) and evidence.misfits <= 1:
            return parts, evidence
    return None


def _parts_above(values, halves, total: int, labels, claimed) -> tuple[list[int], Evidence] | None:
    candidates = [p for p in range(total - 1, -1, -1) if p not in claimed][:_MAX_PARTS]
    for k in range(1, len(candidates) + 1):
        parts = sorted(candidates[:k])
        evidence = _block_evidence(values, halves, total, parts)
        if _accepts(evidence, labels[total], len(parts)):
            return parts, evidence
    return None


def _two_row_chain(values, halves, result: int, rows: list[int], labels) -> Found | None:
    """result = a − b or a + b over earlier rows (resultat = kommunbidrag − nettokostnader)."""
    best = None
    for a in rows:
        for b in rows:
            if a >= b:
                continue
            for ca, cb in ((1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)):
                evidence, _ = measure(values[[result, a, b]], halves[[result, a, b]], np.array([-1.0, ca, cb]),
                                      all_nonzero=True)
                if evidence.accepted(2) and (best is None or evidence.fits > best[0].fits):
                    best = (evidence, a, b, ca, cb)
    if best is None:
        return None
    evidence, a, b, ca, cb = best
    plus = [labels[r] for r, c in ((a, ca), (b, cb)) if c > 0]
    minus = [labels[r] for r, c in ((a, ca), (b, cb)) if c < 0]
    text = " + ".join(plus) + "".join(f" − {m}" for m in minus)
    params = {"result": labels[result], "plus": plus, "minus": minus}
    return Found("equation", params, evidence, f"{labels[result]} = {text}", f"{labels[result]} = {text}")


def _sum(labels, total: int, parts: list[int], evidence: Evidence, where: str) -> Found:
    words = {"below": ("raderna under", "the rows below"), "above": ("raderna ovanför", "the rows above")}[where]
    return Found("sum", {"total": labels[total], "parts": [labels[p] for p in parts]}, evidence,
                 f"{labels[total]} = summan av {len(parts)} av {words[0]}",
                 f"{labels[total]} = sum of {len(parts)} of {words[1]}")
