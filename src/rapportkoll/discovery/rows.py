"""Row relations discovered from the numbers: totals of the rows below or above, and two-row chains.

Hierarchical tables put a parent either above its parts (Expansionsinvestering, then its projects)
or below them (Summa kostnader). Parents of the rows below are found first, from the bottom up;
their parts are then claimed, so a grand total on top or further down sums only the unclaimed rows
(the parents). A total under its parts is read, in this order, as "Summa X" of the row X above it,
as the total of a section whose heading it names, or as the nearest block of rows above that adds
up. Headings and "varav" lines are never parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from rapportkoll.discovery.amounts import additive_columns, column_scope
from rapportkoll.discovery.evidence import CHANCE_LIMIT, Evidence, measure
from rapportkoll.discovery.found import RESULT_WORDS, SUM_OF, TOTAL_WORDS, Found, referable
from rapportkoll.frame import TableView
from rapportkoll.labels import normalize_label

_MAX_PARTS = 40
_WIDEN = 5  # rows above an accepted block tried when it leaves a position unexplained
BREAKDOWN = re.compile(r"^[\s\-–—]*(varav|därav)\b", re.IGNORECASE)  # 'of which' lines detail the row above


def row_relations(view: TableView) -> list[Found]:
    labels = [row.label.text for row in view.table.rows]
    usable = referable(labels)
    columns = additive_columns(view)
    if not columns:
        return []
    scope = column_scope(view, columns)
    # Headings hold no amount (a note number at most): they name a section, they are no part of it.
    headings = {i for i in range(len(labels)) if np.isnan(view.frame.values[i, columns]).all()}
    filled, halves = view.frame.filled()
    amounts = _Amounts(filled[:, columns], halves[:, columns], np.isnan(view.frame.values[:, columns]))
    claimed = headings | {i for i, label in enumerate(labels) if BREAKDOWN.match(label)}
    found: list[Found] = []
    for parent in reversed(range(len(labels))):  # inner parents first: a "Totalt" on top then sums the nämnder
        if parent in claimed:
            continue
        block = _parts_below(amounts, parent, labels, claimed)
        if block and usable[parent] and all(usable[p] for p in block[0]):
            claimed.update(block[0])
            found.append(_sum(labels, parent, block[0], block[1], "below", scope))
    explained = {labels.index(f.params["total"]) for f in found}
    for total in range(len(labels)):
        if total in explained or total in claimed or not usable[total]:
            continue
        block = (_named_total(amounts, total, labels, claimed)
                 or _section_parts(amounts, total, labels, claimed, headings)
                 or _parts_above(amounts, total, labels, claimed))
        if block and all(usable[p] for p in block[0]):
            claimed.update(block[0])
            explained.add(total)
            found.append(_sum(labels, total, block[0], block[1], "above", scope))
    for result in range(len(labels)):
        if result not in explained and usable[result] and RESULT_WORDS.search(labels[result]):
            chain = _two_row_chain(amounts, result, [i for i in range(result) if usable[i]], labels, scope)
            if chain:
                found.append(chain)
    return found


def _accepts(evidence: Evidence, label: str, parts: int, above: bool = False) -> bool:
    """Whether a block of rows is a row's parts.

    One-part 'sums' are mere equal rows: only a total label makes them a relation, and only when
    they hold everywhere. A total-labelled row under its block may also stand against one
    disagreeing position (where a slip shows) when its fits are many, though one part carries
    the whole amount ('Årets balanskravsresultat'), or too exact to be chance: in a table of
    this year and last year a slip leaves one fit of two, and 430 105 + … = −7 552 within ±3,5
    among six-figure amounts is no coincidence.
    """
    total_label = bool(TOTAL_WORDS.search(label))
    if parts <= 1:
        return total_label and evidence.accepted(1) and evidence.misfits == 0
    if evidence.accepted(1 if total_label else 2):
        return True
    one_slip = above and total_label and evidence.misfits <= 1
    return one_slip and (evidence.fits >= 3 or (evidence.strong >= 1 and evidence.chance <= CHANCE_LIMIT))


@dataclass(frozen=True)
class _Amounts:
    """The additive columns: blank parts count as zero, but a blank total is not checked (no evidence)."""

    values: np.ndarray  # blanks as 0
    halves: np.ndarray
    blank: np.ndarray   # no number in the cell

    def block(self, result: int, operands: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Values and halves of result and operands (rows × positions), NaN where the result is blank."""
        rows = [result] + operands
        values = self.values[rows].copy()
        values[0, self.blank[result]] = np.nan
        return values, self.halves[rows]


def _block_evidence(amounts: _Amounts, total: int, parts: list[int]) -> Evidence:
    """A sum of several contributing parts is evidenced where two of its operands besides one are non-zero."""
    coeffs = np.array([-1.0] + [1.0] * len(parts))
    return measure(*amounts.block(total, parts), coeffs, 3 if _contributing(amounts, parts) > 1 else 1)


def _parts_below(amounts: _Amounts, parent: int, labels, claimed) -> tuple[list[int], Evidence] | None:
    rows = []
    for row in range(parent + 1, min(len(labels), parent + 1 + _MAX_PARTS)):
        if TOTAL_WORDS.search(labels[row]):
            break  # a total row closes the rows above it: it is no part of a parent further up
        if row not in claimed:
            rows.append(row)
    for k in _prefits(amounts, parent, rows):
        parts = rows[:k]
        if _contributing(amounts, parts) < 2:
            continue  # a parent equal to the one row below it (zero rows aside) is read as that row's total
        evidence = _block_evidence(amounts, parent, parts)
        if _accepts(evidence, labels[parent], len(parts)) and evidence.misfits <= 1:
            return parts, evidence
    return None


def _parts_above(amounts: _Amounts, total: int, labels, claimed) -> tuple[list[int], Evidence] | None:
    """The nearest block of rows above that the total sums, or a little larger if that fits more places:
    rounding (±0,6 over eleven parts) can hide a small row at the top of the block in all but one column."""
    candidates = [p for p in range(total - 1, -1, -1) if p not in claimed][:_MAX_PARTS]
    for k in _prefits(amounts, total, candidates):
        parts = sorted(candidates[:k])
        evidence = _block_evidence(amounts, total, parts)
        if _accepts(evidence, labels[total], _contributing(amounts, parts), above=True):
            return _widened(amounts, total, candidates, k, evidence) if evidence.misfits else (parts, evidence)
    return None


def _prefits(amounts: _Amounts, total: int, rows: list[int]) -> list[int]:
    """The sizes k for which the first k of ``rows`` add up to the total in at least one position.

    Every accepted block fits somewhere, so only these are measured: one running sum instead of a
    measurement per block keeps discovery on a 60-row table within tens of milliseconds.
    """
    if not rows:
        return []
    sums = np.cumsum(amounts.values[rows], axis=0)
    tolerance = np.cumsum(amounts.halves[rows], axis=0) + amounts.halves[total]
    target = amounts.values[total]
    slack = 1e-9 * np.maximum(1.0, np.maximum(np.abs(sums), np.abs(target)))
    return [int(k) + 1 for k in np.flatnonzero((np.abs(sums - target) <= tolerance + slack).any(axis=1))]


def _widened(amounts: _Amounts, total: int, candidates: list[int], k: int,
             evidence: Evidence) -> tuple[list[int], Evidence]:
    best = (sorted(candidates[:k]), evidence)
    for wider in range(k + 1, min(len(candidates), k + _WIDEN) + 1):
        parts = sorted(candidates[:wider])
        more = _block_evidence(amounts, total, parts)
        if more.fits > best[1].fits and more.misfits < best[1].misfits:
            best = (parts, more)
    return best


def _named_total(amounts: _Amounts, total: int, labels, claimed) -> tuple[list[int], Evidence] | None:
    """'Summa Politisk verksamhet' under 'Politisk verksamhet': the label states the relation, so it
    holds however small the amounts (9 mnkr), as long as it holds in every column."""
    above = next((p for p in range(total - 1, -1, -1) if p not in claimed), None)
    named = SUM_OF.match(labels[total])
    if above is None or not named or normalize_label(named["rest"]) != normalize_label(labels[above]):
        return None
    evidence = measure(*amounts.block(total, [above]), np.array([-1.0, 1.0]), margin=0)
    return ([above], evidence) if evidence.fits and not evidence.misfits else None


def _section_parts(amounts: _Amounts, total: int, labels, claimed, headings) -> tuple[list[int], Evidence] | None:
    """The rows of a section whose heading the total names (FINANSIERINGSVERKSAMHETEN … Kassaflöde från
    finansieringsverksamheten): the labels state the relation, so one fit confirms it, if no more
    positions disagree than fit and at most one does (a slip in a table of this year and last)."""
    heading = max((h for h in headings if h < total), default=None)
    key = normalize_label(labels[heading]) if heading is not None else ""
    if not key or key not in normalize_label(labels[total]):
        return None
    parts = [p for p in range(heading + 1, total) if p not in claimed]
    if _contributing(amounts, parts) < 2:
        return None
    evidence = _block_evidence(amounts, total, parts)
    confirmed = evidence.accepted(1) or (evidence.strong >= 1 and evidence.misfits <= min(1, evidence.fits))
    return (parts, evidence) if confirmed else None


def _contributing(amounts: _Amounts, parts: list[int]) -> int:
    """How many parts hold a non-zero number: zero and empty rows do not make equal rows a sum."""
    return int(np.count_nonzero(np.abs(amounts.values[parts]).sum(axis=1)))


def _two_row_chain(amounts: _Amounts, result: int, rows: list[int], labels, scope: dict) -> Found | None:
    """result = a − b or a + b over earlier rows (resultat = kommunbidrag − nettokostnader)."""
    best = None
    for a in rows:
        for b in rows:
            if a >= b:
                continue
            for ca, cb in ((1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)):
                evidence = measure(*amounts.block(result, [a, b]), np.array([-1.0, ca, cb]),
                                      min_nonzero=3)
                if evidence.accepted(2) and (best is None or evidence.fits > best[0].fits):
                    best = (evidence, a, b, ca, cb)
    if best is None:
        return None
    evidence, a, b, ca, cb = best
    plus = [labels[r] for r, c in ((a, ca), (b, cb)) if c > 0]
    minus = [labels[r] for r, c in ((a, ca), (b, cb)) if c < 0]
    text = " + ".join(plus) + "".join(f" − {m}" for m in minus)
    params = {"result": labels[result], "plus": plus, "minus": minus, **scope}
    return Found("equation", params, evidence, f"{labels[result]} = {text}", f"{labels[result]} = {text}")


def _sum(labels, total: int, parts: list[int], evidence: Evidence, where: str, scope: dict) -> Found:
    words = {"below": ("raderna under", "the rows below"), "above": ("raderna ovanför", "the rows above")}[where]
    return Found("sum", {"total": labels[total], "parts": [labels[p] for p in parts], **scope}, evidence,
                 f"{labels[total]} = summan av {len(parts)} av {words[0]}",
                 f"{labels[total]} = sum of {len(parts)} of {words[1]}")
