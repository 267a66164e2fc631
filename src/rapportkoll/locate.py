"""Locating the culprit of a failed relation by the error shapes typical of reports.

For each cell of the relation, try the values a typical slip would have replaced: the opposite
sign, two adjacent digits swapped, one digit mistyped. A cell whose alternative makes the relation
hold within rounding is a candidate; the simplest shape wins, and only a unique one is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from rapportkoll.findings import CellRef, Suggestion
from rapportkoll.numbers import Parsed, format_like
from rapportkoll.rounding import within

_SHAPES = ("sign", "transposition", "typo")


@dataclass(frozen=True)
class Term:
    """One cell in a failed linear relation Σ cᵢ·vᵢ = 0."""

    ref: CellRef
    parsed: Parsed
    coeff: float


def suggest(terms: list[Term], residual: float, tolerance: float, fallback: Term) -> Suggestion:
    """The likeliest single-cell correction; ``fallback`` (usually the total) takes the exact balancing value."""
    for shape in _SHAPES:
        hits = [(term, alt) for term in terms for alt in _alternatives(term.parsed, shape)
                if within(np.array(residual + term.coeff * (alt - term.parsed.value)), np.array(tolerance), alt)]
        cells = {hit[0].ref for hit in hits}
        if len(cells) == 1:
            term, alt = hits[0]
            return Suggestion(term.ref, format_like(alt, term.parsed), shape, "exact")
        if cells:
            break  # several cells fit equally: say so through a hint on the fallback
    balancing = fallback.parsed.value - residual / fallback.coeff
    return Suggestion(fallback.ref, format_like(balancing, fallback.parsed), "total", "hint")


def _alternatives(parsed: Parsed, shape: str) -> Iterator[float]:
    value = parsed.value
    if value is None or value == 0:
        return
    if shape == "sign":
        yield -value
        return
    decimals = parsed.decimals or 0
    digits = str(round(abs(value) * 10**decimals))
    sign = -1.0 if value < 0 else 1.0
    variants = _transpositions(digits) if shape == "transposition" else _substitutions(digits)
    for variant in variants:
        yield sign * int(variant) / 10**decimals


def _transpositions(digits: str) -> Iterator[str]:
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
            if not swapped.startswith("0") or len(swapped) == 1:
                yield swapped


def _substitutions(digits: str) -> Iterator[str]:
    for i, old in enumerate(digits):
        for new in "0123456789":
            if new != old and not (i == 0 and new == "0" and len(digits) > 1):
                yield digits[:i] + new + digits[i + 1:]
