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


@dataclass(frozen=True)
class Evidence:
    fits: int
    informative: int

    @property
    def misfits(self) -> int:
        return self.informative - self.fits

    def accepted(self, min_fits: int = MIN_FITS) -> bool:
        return self.fits >= min_fits and self.fits >= MIN_SHARE * self.informative

    @property
    def severity(self) -> str:
        overwhelming = self.fits >= OVERWHELMING_FITS and self.fits >= OVERWHELMING_SHARE * self.informative
        return "error" if overwhelming else "warning"

    def describe(self, lang: str) -> str:
        if lang == "sv":
            return f"håller i {self.fits} av {self.informative} positioner"
        return f"holds in {self.fits} of {self.informative} positions"


def measure(values: np.ndarray, halves: np.ndarray, coeffs: np.ndarray,
            all_nonzero: bool = False) -> tuple[Evidence, np.ndarray]:
    """Evidence for Σ cᵢ·xᵢ = 0 over operand rows of ``values`` (terms × positions), and where it fits.

    With ``all_nonzero`` a position counts only when every operand is non-zero: where B is 0,
    "C = A − B" only says C = A, and where C is 0 only A = B, which two similar columns satisfy.
    """
    evaluable = ~np.isnan(values).any(axis=0)
    informative = evaluable & (np.abs(np.nan_to_num(values)) > 0).any(axis=0)
    if all_nonzero:
        informative &= (np.nan_to_num(values) != 0).all(axis=0)
    residual, tolerance = linear_residual(np.nan_to_num(values), halves, coeffs)
    fits = informative & within(residual, tolerance, np.abs(np.nan_to_num(values)).max(axis=0))
    return Evidence(int(fits.sum()), int(informative.sum())), fits
