"""Rounding-aware equality: the tolerance of a relation follows from the decimals its numbers show.

A displayed value v with d decimals stands for [v - h, v + h] with h = ½·10⁻ᵈ. A linear relation
Σ cᵢ·xᵢ = 0 is consistent when its interval contains 0: |Σ cᵢ·vᵢ| ≤ Σ |cᵢ|·hᵢ (XBRL Calculations 1.1).
"""

from __future__ import annotations

import numpy as np

# Float noise guard only (values are decimals stored in binary); not a tolerance for rounding. The one
# guard of the project, relative to the largest number involved: every "holds within rounding" uses it.
FLOAT_GUARD = 1e-12


def linear_residual(values: np.ndarray, halves: np.ndarray, coeffs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Residual Σ cᵢ·vᵢ and its rounding tolerance Σ |cᵢ|·hᵢ, vectorised over the last axis.

    ``values`` and ``halves`` have shape (terms, n); ``coeffs`` has shape (terms,).
    """
    residual = coeffs @ values
    tolerance = np.abs(coeffs) @ halves
    return residual, tolerance


def slack(tolerance: np.ndarray | float, scale: np.ndarray | float = 1.0) -> np.ndarray | float:
    """The tolerance with the float guard added; ``scale`` is the largest magnitude among the numbers."""
    return tolerance + FLOAT_GUARD * np.maximum(1.0, np.abs(scale))


def within(residual: np.ndarray, tolerance: np.ndarray, scale: np.ndarray | float = 1.0) -> np.ndarray:
    """True where a residual is explained by rounding alone."""
    return np.abs(residual) <= slack(tolerance, scale)


def product_interval(factors: np.ndarray, halves: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest product of factors each anywhere in its rounding interval; shape (k, n) -> (n,)."""
    low = factors[0] - halves[0]
    high = factors[0] + halves[0]
    for value, half in zip(factors[1:], halves[1:]):
        corners = np.stack([low * (value - half), low * (value + half), high * (value - half), high * (value + half)])
        low, high = corners.min(axis=0), corners.max(axis=0)
    return low, high


def quotient_interval(numerator: np.ndarray, numerator_half: np.ndarray, base: np.ndarray,
                      base_half: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest quotient of two intervals; NaN where the base interval includes zero."""
    with np.errstate(divide="ignore", invalid="ignore"):
        corners = np.stack([(numerator + a) / (base + b) for a in (-numerator_half, numerator_half)
                            for b in (-base_half, base_half)])
    low, high = corners.min(axis=0), corners.max(axis=0)
    spans_zero = np.abs(base) <= base_half
    return np.where(spans_zero, np.nan, low), np.where(spans_zero, np.nan, high)


def interval_contains(value: np.ndarray, half: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """True where [value - half, value + half] meets [low, high]."""
    guard = slack(0.0, value)
    return (value + half >= low - guard) & (value - half <= high + guard)
