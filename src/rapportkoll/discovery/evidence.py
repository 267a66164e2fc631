"""When a relation seen in the numbers is real: support well beyond chance, and how sure we are.

A relation is tested at each position (a column for row relations, a row for column relations).
Positions where every operand is zero say nothing and are not counted. Printed tkr amounts in the
thousands agree with an unrelated sum within rounding by chance about once in a thousand, so two
independent fits already make chance unlikely; we ask for more where many candidates were tried.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rapportkoll.rounding import linear_residual, within

MIN_FITS = 2             # never a relation from one cell
MIN_SHARE = 0.6          # robust to one or two wrong cells in a small table
OVERWHELMING_FITS = 4    # at least this many fits ...
OVERWHELMING_SHARE = 0.8  # ... and this share make a discovered rule an error, not a warning
CHANCE_MARGIN = 10       # a fit among numbers within 10× the tolerance is ~20 % likely by chance
CHANCE_LIMIT = 1e-4      # fits this unlikely by chance may stand against one misfit (two-column tables)


@dataclass(frozen=True)
class Evidence:
    fits: int
    informative: int
    strong: int  # fits where enough operands are non-zero that the fit says more than "equal rows"
    chance: float = 1.0  # how likely the strong fits all are by chance: Π 2·tolerance / magnitude

    @property
    def misfits(self) -> int:
        return self.informative - self.fits

    def accepted(self, min_fits: int = MIN_FITS) -> bool:
        return self.strong >= min_fits and self.fits >= MIN_SHARE * self.informative

    @property
    def severity(self) -> str:
        overwhelming = self.strong >= OVERWHELMING_FITS and self.fits >= OVERWHELMING_SHARE * self.informative
        return "error" if overwhelming else "warning"

    def describe(self, lang: str) -> str:
        if lang == "sv":
            return f"stämmer på {self.fits} av {self.informative} ställen"
        return f"holds in {self.fits} of {self.informative} places"


def measure(values: np.ndarray, halves: np.ndarray, coeffs: np.ndarray, min_nonzero: int = 1,
            margin: float = CHANCE_MARGIN) -> Evidence:
    """Evidence for Σ cᵢ·xᵢ = 0 over operand rows of ``values`` (terms × positions).

    A position with a non-zero operand is evidence; it is strong evidence only when at least
    ``min_nonzero`` operands are non-zero there: where B is 0, "C = A − B" only says C = A, which
    two similar columns satisfy, and where all but one part of a sum are 0 the "sum" is just two
    equal rows. Such fits count towards the share, not towards the fits a relation needs. Nor is a
    position evidence when its numbers are so small beside the rounding they allow that nearly any
    relation fits them (1 − 1 + 3 ≈ 2 in mnkr, ±1,5): the largest operand must exceed the tolerance
    ``margin`` times (0 where the labels themselves state the relation).
    """
    missing = np.isnan(values)
    filled = np.where(missing, 0.0, values)
    evaluable = ~missing.any(axis=0)
    residual, tolerance = linear_residual(filled, halves, coeffs)
    magnitude = np.abs(filled).max(axis=0)
    informative = evaluable & (magnitude > margin * tolerance) & (magnitude > 0)
    fits = informative & within(residual, tolerance, magnitude)
    strong = fits & ((filled != 0).sum(axis=0) >= min_nonzero)
    chance = float(np.prod(np.minimum(1.0, 2 * tolerance[strong] / magnitude[strong])))
    return Evidence(int(fits.sum()), int(informative.sum()), int(strong.sum()), chance)
