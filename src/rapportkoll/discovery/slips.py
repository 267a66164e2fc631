"""Misfits a typical slip explains: the published value is one slip away from the value that makes a relation hold.

Kommun and koncern columns often print one figure twice, so one slip shows in two positions of a
relation and leaves it too few fits to be accepted. A misfit whose operand, corrected by a flipped
sign, a power of ten, one mistyped digit or two swapped adjacent digits, makes the relation hold, or
one that repeats another operand's amount (copied from a neighbouring row or column), is
evidence for the relation (and the rule then reports the slip), not against it. Small residuals
are left out: a last-digit typo explains nearly any of them (`policy.SLIP_MARGIN`).
"""

from __future__ import annotations

import math

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.slips import POWERS_OF_TEN

_MAX_GRID = 50  # values of the operand's precision tried within the tolerance


def explained_misfits(values: np.ndarray, halves: np.ndarray, coeffs: np.ndarray, residual: np.ndarray,
                      tolerance: np.ndarray) -> int:
    """How many misfit positions (columns of ``values``) one typical slip in one operand explains."""
    return sum(_explained(values[:, p], halves[:, p], coeffs, residual[p], tolerance[p])
               for p in range(values.shape[1]))


def _explained(values: np.ndarray, halves: np.ndarray, coeffs: np.ndarray, residual: float, tolerance: float) -> bool:
    if abs(residual) < policy.SLIP_MARGIN * tolerance:
        return False
    for k, (value, half, coeff) in enumerate(zip(values, halves, coeffs)):
        wanted = value - residual / coeff
        if value != 0 and half > 0 and (_one_slip(value, wanted, tolerance, half)
                                        or _copied(value, wanted, np.delete(values, k), tolerance)):
            return True
    return False


def _copied(shown: float, wanted: float, others: np.ndarray, tolerance: float) -> bool:
    """Whether ``shown`` repeats another operand's amount where the relation wants a different, sizeable one:
    a figure copied from a neighbouring row or column (Luleå's "Avgår interna kostnader" 2017 printed
    Övrig finansiering's -548 where the total needs -1 936). Both must be large beside the tolerance, as
    small amounts repeat by chance."""
    return min(abs(shown), abs(wanted)) >= policy.SLIP_MARGIN * tolerance and bool((others == shown).any())


def _one_slip(shown: float, wanted: float, tolerance: float, half: float) -> bool:
    """Whether ``shown`` is one slip away from some value within ``tolerance`` of ``wanted``; both must be
    large beside the tolerance, or a power of ten would turn any small number into another."""
    if min(abs(shown), abs(wanted)) < policy.SLIP_MARGIN * tolerance:
        return False
    if abs(wanted + shown) <= tolerance or any(abs(wanted - shown * p) <= tolerance for p in POWERS_OF_TEN):
        return True
    if wanted * shown <= 0:
        return False
    unit = 2 * half
    low, high = math.ceil((abs(wanted) - tolerance) / unit - 1e-9), math.floor((abs(wanted) + tolerance) / unit + 1e-9)
    if high - low > _MAX_GRID:
        return False
    digits = str(round(abs(shown) / unit))
    return any(_one_digit_apart(digits, str(n)) for n in range(max(low, 0), high + 1))


def _one_digit_apart(shown: str, wanted: str) -> bool:
    """One digit mistyped, or two adjacent digits swapped."""
    if len(shown) != len(wanted) or shown == wanted:
        return False
    differ = [i for i, (a, b) in enumerate(zip(shown, wanted)) if a != b]
    if len(differ) == 1:
        return True
    i, j = differ[0], differ[-1]
    return len(differ) == 2 and j == i + 1 and shown[i] == wanted[j] and shown[j] == wanted[i]
