"""Verdicts on linked claims: agrees, disagrees (value, unit factor or polarity), ambiguous or unlinked."""

from __future__ import annotations

from dataclasses import dataclass

from rapportkoll.model import Cell
from rapportkoll.prose.claims import Claim
from rapportkoll.prose.linking import Link, RowMatch

# Verdicts that are findings; the others are counted.
AGREES, DISAGREES, POLARITY, UNIT_FACTOR, AMBIGUOUS, UNLINKED = (
    "agrees", "disagrees", "polarity", "unit-factor", "ambiguous", "unlinked")
_ZERO_SHARE = 0.05  # "i nivå med budget": within 5 % of the row's budget


@dataclass(frozen=True)
class Verdict:
    claim: Claim
    verdict: str
    link: Link | RowMatch
    cell: Cell | None = None
    expected: float | None = None
    tolerance: float | None = None
    reason: str = ""


def claimed_tolerance(claim: Claim) -> float:
    """What the number as written allows: half its last shown place ('10 600' stands for 10 550–10 650),
    the whole place when an approximation word stands before it ('ca 9 900': 9 800–10 000)."""
    factor = claim.unit.factor if claim.unit else 1.0
    if claim.decimals:
        place = 10.0 ** -claim.decimals
    else:
        whole = int(round(abs(claim.value)))
        place = 1.0
        while whole and whole % 10 == 0 and place < 1000:
            whole //= 10
            place *= 10
    return (place if claim.approx else place / 2) * factor


def judge(claim: Claim, found: Link | RowMatch, sure: bool = False) -> Verdict:
    """The verdict on one claim; a claim disagrees only when ``sure`` of its row (see linking.certain)."""
    if not isinstance(found, Link) or found.column is None:
        return Verdict(claim, UNLINKED, found, reason=found.reason if found.reason else "no-column")
    row = found.table.rows[found.row]
    cell = row.cells[found.column]
    value = _cell_value(found)
    if value is None:
        return Verdict(claim, UNLINKED, found, cell, reason="not-a-number")
    if claim.type == "zero":
        return _judge_zero(claim, found, cell, value)
    magnitude = in_table_unit(claim, found)
    tolerance = claimed_tolerance(claim) / found.factor + cell.parsed.half_unit
    if abs(abs(value) - magnitude) <= tolerance:
        wrong = not found.total and _polarity_contradiction(claim, found, value)
        return Verdict(claim, POLARITY if wrong else AGREES, found, cell, value, tolerance)
    if _fits_elsewhere(found, magnitude, tolerance) or not sure:
        return Verdict(claim, AMBIGUOUS, found, cell, value, tolerance, "value-elsewhere")
    if any(abs(abs(value) - magnitude * f) <= tolerance * f for f in (1000.0, 0.001)):
        return Verdict(claim, UNIT_FACTOR, found, cell, value, tolerance)
    return Verdict(claim, DISAGREES, found, cell, value, tolerance)


def in_table_unit(claim: Claim, found: Link) -> float:
    """The claimed magnitude in the linked table's unit ('1,3 mnkr' against a tkr table is 1 300)."""
    return abs(claim.value) * (claim.unit.factor if claim.unit else 1.0) / found.factor


def _cell_value(found: Link) -> float | None:
    row = found.table.rows[found.row]
    now = row.cells[found.column].value
    if found.previous is None or now is None:
        return now
    before = row.cells[found.previous].value
    return None if before is None else now - before


def _judge_zero(claim: Claim, found: Link, cell: Cell, value: float) -> Verdict:
    budgets = [c.value for c in found.table.rows[found.row].cells if c.value is not None]
    allowed = max(cell.parsed.half_unit, _ZERO_SHARE * max((abs(b) for b in budgets), default=0.0))
    verdict = AGREES if abs(value) <= allowed else AMBIGUOUS
    return Verdict(claim, verdict, found, cell, value, allowed, "" if verdict == AGREES else "not-zero")


def _fits_elsewhere(found: Link, magnitude: float, tolerance: float) -> bool:
    """Another cell of the linked table holds the claimed value: the link, not the text, may be wrong."""
    return any(c.value is not None and abs(abs(c.value) - magnitude) <= tolerance
               for row in found.table.rows for c in row.cells)


def _polarity_contradiction(claim: Claim, found: Link, value: float) -> bool:
    """The polarity word says the other sign: deviations and results are favourable when positive;
    a change 'ökat' means the newer amount is the larger one in magnitude."""
    if value == 0 or claim.polarity is None:
        return False
    on_result = "resultat" in found.table.rows[found.row].label.text.casefold()
    if claim.type in ("deviation", "surplus") or (claim.type == "amount" and on_result):
        favourable = value > 0
        return (claim.polarity == "favourable" and not favourable) or \
            (claim.polarity == "unfavourable" and favourable)
    return False
