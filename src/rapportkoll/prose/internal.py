"""Checks inside the text: parts against their whole, a share beside its parts, one quantity stated twice,
and a deviation whose explanation says the other sign."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapportkoll.prose.claims import Claim
from rapportkoll.prose.linking import Link, RowMatch
from rapportkoll.prose.verdicts import claimed_tolerance

# "Avvikelsen kopplas till lägre kostnader än budgeterat": the sentence after a deviation explains it.
_EXPLAINS = re.compile(r"^(?:avvikelsen|överskottet|underskottet|det (?:positiva|negativa) (?:resultatet|utfallet))\b",
                       re.IGNORECASE)
_CAUSE = re.compile(r"\b(lägre|högre)\s+(?:\w+\s+)?(\w*kostnader\w*|\w*intäkter\w*)", re.IGNORECASE)


@dataclass(frozen=True)
class TextFinding:
    """A contradiction within the text: the claims involved and what the text itself implies."""

    kind: str  # parts | share | twice | explanation
    claims: tuple[Claim, ...]
    expected: float | None = None
    actual: float | None = None
    tolerance: float | None = None
    label: str = ""  # the row both claims of 'twice' name


def parts_and_shares(claims: list[Claim]) -> list[TextFinding]:
    """In each sentence: varav parts of an amount never exceed it; a '(57 %)' beside a part is part / whole.

    Values are compared in the whole's unit."""
    found: list[TextFinding] = []
    by_sentence: dict[tuple, list[Claim]] = {}
    for claim in claims:
        by_sentence.setdefault((id(claim.paragraph), claim.sentence.start), []).append(claim)
    for group in by_sentence.values():
        found.extend(_parts(group))
        found.extend(_shares(group))
    return found


def _parts(group: list[Claim]) -> list[TextFinding]:
    money = [c for c in group if c.unit is not None and c.unit.kind == "money"]
    first_part = next((i for i, c in enumerate(money) if c.type == "part"), None)
    if not first_part:
        return []
    whole, parts = money[first_part - 1], [c for c in money[first_part:] if c.type == "part"]
    if whole.type != "amount":
        return []  # a deviation, result or change is net: 'underskott 0,7 mkr varav … 2,7 mkr' is possible
    total = sum(_amount(c) for c in parts)
    tolerance = claimed_tolerance(whole) + sum(claimed_tolerance(c) for c in parts)
    if total > _amount(whole) + tolerance:
        return [TextFinding("parts", (whole, *parts), _amount(whole), total, tolerance)]
    return []


def _shares(group: list[Claim]) -> list[TextFinding]:
    found = []
    for i, claim in enumerate(group):
        if claim.type != "share" or i < 2 or group[i - 1].type != "part":
            continue
        part, whole = group[i - 1], group[i - 2]
        if whole.unit is None or whole.unit.kind != "money" or _amount(whole) == 0:
            continue
        share = 100.0 * _amount(part) / _amount(whole)
        tolerance = 0.5 * 10.0 ** -claim.decimals + 100.0 * claimed_tolerance(part) / _amount(whole)
        if abs(share - abs(claim.value)) > tolerance:
            found.append(TextFinding("share", (claim, part, whole), round(share, claim.decimals + 1),
                                     abs(claim.value), tolerance))
    return found


def _amount(claim: Claim) -> float:
    return abs(claim.value) * (claim.unit.factor if claim.unit else 1.0)


def stated_twice(linked: list[tuple[Claim, Link | RowMatch | None]]) -> list[TextFinding]:
    """One quantity (row, column, type, horizon) named by two claims with two values.

    Only claims sure of their row count (``None`` otherwise), and only those naming it themselves (a bold
    name, their own words, a varav part or a claim before them that did): a bare 'Resultatet' or a heading
    may mean something else.
    """
    seen: dict[tuple, Claim] = {}
    found = []
    for claim, where in linked:
        key = _quantity(claim, where)
        if key is None:
            continue
        first = seen.setdefault(key, claim)
        if first is claim:
            continue
        tolerance = claimed_tolerance(first) + claimed_tolerance(claim)
        if abs(_amount(first) - _amount(claim)) > tolerance:
            label = where.table.rows[where.row].label.text
            found.append(TextFinding("twice", (claim, first), _amount(first), _amount(claim), tolerance, label))
    return found


def _quantity(claim: Claim, where: Link | RowMatch) -> tuple | None:
    if claim.subject_source not in ("bold", "clause", "part", "inherited") or claim.prior_forecast \
            or claim.horizon is None:
        return None
    if (claim.part_of if claim.type == "part" else claim.type) not in ("deviation", "amount") or claim.unit is None or claim.unit.kind != "money":
        return None
    if where is None:
        return None
    kind = claim.part_of if claim.type == "part" else claim.type
    return (id(where.table), where.row, where.column, where.previous, kind, claim.horizon)  # a year's, a group's


def explanations(claims: list[Claim]) -> list[TextFinding]:
    """'negativ avvikelse … om 1 323 tkr. Avvikelsen kopplas till lägre kostnader än budgeterat.'"""
    found = []
    for claim in claims:
        if claim.type != "deviation" or claim.polarity not in ("favourable", "unfavourable"):
            continue
        if any(c.sentence.start == claim.sentence.start and c.start > claim.start and c.type == "deviation"
               for c in claims if c.paragraph is claim.paragraph):
            continue  # only the sentence's last deviation is the one explained next
        implied = _implied(claim)
        if implied is not None and implied != claim.polarity:
            found.append(TextFinding("explanation", (claim,)))
    return found


def _implied(claim: Claim) -> str | None:
    text = claim.paragraph.text[claim.sentence.end:].lstrip()
    nxt = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if not _EXPLAINS.match(nxt):
        return None
    cause = _CAUSE.search(nxt)
    if cause is None:
        return None
    lower, costs = cause.group(1).casefold() == "lägre", "kostnad" in cause.group(2).casefold()
    return "favourable" if lower == costs else "unfavourable"
