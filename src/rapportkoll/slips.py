"""Typical slips of a typed number (a flipped sign, two swapped digits, one mistyped digit, a power of ten) and
their order.

A figure copied from a neighbouring row or column ("copy") is typical too, but says nothing of the value it
replaced: it ranks after the slips that name their value, after a blank and after a total not updated.

Both the culprit search (locate.py) and kinds that explain a single failure (product.py) propose a
correction only when a slip of this catalogue turns the printed value into the one the relation needs.
"""

from __future__ import annotations

from statistics import median
from typing import Iterator

from rapportkoll.numbers import Parsed

POWERS_OF_TEN = (0.001, 0.01, 0.1, 10.0, 100.0, 1000.0)  # a figure in kronor among tkr, or the reverse

SHAPE_RANK = {"sign": 0, "transposition": 1, "typo": 2, "scale": 3, "blank": 4, "total": 5, "copy": 6, "unknown": 9}


def rank(shape: str, sign_outlier: bool, back_in_line: bool = False) -> tuple[int, int]:
    """Typical shapes first; a sign flip on a value whose sign stands out in its row or column beats one that does
    not, and a digit slip whose correction brings a figure standing out from its row back in line one that does not."""
    telling = sign_outlier if shape == "sign" else back_in_line and shape in ("transposition", "typo")
    return SHAPE_RANK[shape], 0 if telling else 1


def back_in_line(shown: float, proposed: float, peers: tuple[float, ...]) -> bool:
    """Whether ``shown`` is over twice or under half the typical size of its row's other figures (the same item
    in other periods; their median, so a difference column among them does not matter) and ``proposed``
    brings it substantially nearer: 4 573 among 9 975, 15 910, 15 910 corrected to 8 573."""
    if len(peers) < 3 or not shown or not proposed:
        return False
    centre = median(abs(p) for p in peers)
    return _apart(shown, centre) > 2 and _apart(proposed, centre) * 1.5 < _apart(shown, centre)


def _apart(value: float, centre: float) -> float:
    """How many times larger or smaller than ``centre``."""
    size = abs(value)
    return max(size / centre, centre / size)


def slips(parsed: Parsed, shape: str) -> Iterator[float]:
    """Values a typical slip would have turned into ``parsed``: its sign, digit swaps, digit typos, a power of ten
    (an amount in kronor among tkr, '202.000' for 202)."""
    value = parsed.value
    if not parsed.is_numeric or value is None or value == 0:
        return
    if shape == "sign":
        yield -value
        return
    decimals = parsed.decimals or 0
    if shape == "scale":  # only to values the cell's precision can show: 1 200 is no slip for 1,2
        scaled = (value * power for power in POWERS_OF_TEN)
        yield from (v for v in scaled if abs(v * 10**decimals - round(v * 10**decimals)) < 1e-6)
        return
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
