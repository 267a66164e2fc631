"""When a relation seen in the numbers is real: its fits, misfits and slips, measured position by position.

A relation is tested at each position (a column for row relations, a row for column relations).
Positions where every operand is zero say nothing and are not counted. Printed tkr amounts in the
thousands agree with an unrelated sum within rounding by chance about once in a thousand, so two
independent fits already make chance unlikely; `policy` says how much support each situation needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.slips import explained_misfits
from rapportkoll.rounding import linear_residual, within


@dataclass(frozen=True)
class Evidence:
    fits: int
    informative: int
    strong: int  # fits where enough operands are non-zero that the fit says more than "equal rows"
    chance: float = 1.0  # how likely the strong fits all are by chance: Π 2·tolerance / magnitude (see `measure`)
    explained: int = 0  # misfits one typical slip in one operand turns into exact fits

    @property
    def misfits(self) -> int:
        return self.informative - self.fits

    @property
    def unexplained(self) -> int:
        """Misfits no slip explains (where explanations count at all: `policy.support`)."""
        return self.informative - policy.support(self)

    def accepted(self, min_fits: int = policy.MIN_FITS) -> bool:
        return policy.accepted(self, min_fits)

    @property
    def severity(self) -> str:
        return policy.severity(self)

    def describe(self, lang: str) -> str:
        if lang == "sv":
            return f"stämmer på {self.fits} av {self.informative} ställen"
        return f"holds in {self.fits} of {self.informative} places"


def measure(values: np.ndarray, halves: np.ndarray, coeffs: np.ndarray, min_nonzero: int = 1,
            margin: float = policy.CHANCE_MARGIN) -> Evidence:
    """Evidence for Σ cᵢ·xᵢ = 0 over operand rows of ``values`` (terms × positions).

    A position with a non-zero operand is evidence; it is strong evidence only when at least
    ``min_nonzero`` operands are non-zero there: where B is 0, "C = A − B" only says C = A, which
    two similar columns satisfy, and where all but one part of a sum are 0 the "sum" is just two
    equal rows. Such fits count towards the share, not towards the fits a relation needs; nor do fits
    where an operand lies within the tolerance of zero count towards how unlikely the fits are by chance
    (a part of 1 tkr in a sum allowing ±2 could as well be left out), nor a position repeating another's
    numbers. Nor is a position evidence when its numbers are so small beside the rounding they allow
    that nearly any relation fits them (1 − 1 + 3 ≈ 2 in mnkr, ±1,5): the largest operand must exceed
    the tolerance ``margin`` times (0 where the labels themselves state the relation). A misfit among
    small numbers still counts against the relation: the rule will check them too.
    """
    missing = np.isnan(values)
    filled, evaluable = (np.where(missing, 0.0, values), ~missing.any(axis=0)) if missing.any() else (values, True)
    residual, tolerance = linear_residual(filled, halves, coeffs)
    return _evidence(filled, halves, coeffs, residual, tolerance, _positions(filled, residual, tolerance, evaluable,
                                                                             min_nonzero, margin))


def measure_many(values: np.ndarray, halves: np.ndarray, coeffs: np.ndarray, min_nonzero: np.ndarray,
                 terms: list[int], margin: float = policy.CHANCE_MARGIN) -> list[Evidence]:
    """`measure` of many relations at once (relations × terms × positions, each relation's first ``terms[b]``
    terms, padded with zeros): the position-wise tests, the counts and the chance in one array operation each
    instead of one per relation. Only for exact amounts (multiples of ½ well within the float range: whole tkr),
    whose sums are exact in any order, so each evidence is exactly the one `measure` gives."""
    missing = np.isnan(values)
    filled = np.where(missing, 0.0, values)
    residual = (coeffs[:, :, None] * filled).sum(axis=1)
    tolerance = (np.abs(coeffs)[:, :, None] * halves).sum(axis=1)
    magnitude, informative, fits, strong, telling, holds = _positions(filled, residual, tolerance,
                                                                      ~missing.any(axis=1), min_nonzero[:, None], margin)
    telling = _without_repeats(filled, telling, terms)
    ratio = np.minimum(1.0, np.divide(2 * tolerance, magnitude, out=np.ones_like(tolerance), where=telling))
    chance = np.ones(len(values))
    for factor in np.where(telling, ratio, 1.0).T:  # position by position, as `np.prod` multiplies one relation's
        chance = chance * factor
    misfit = informative & ~holds
    strong_fits = strong.sum(axis=1)
    explained = [0] * len(values)
    misfits = misfit.sum(axis=1)
    for b in np.flatnonzero((strong_fits > 0) & (misfits > 0) & (misfits <= policy.EXPLAINABLE_MISFITS)).tolist():
        at, n = np.flatnonzero(misfit[b]), terms[b]
        explained[b] = explained_misfits(filled[b, :n][:, at], halves[b, :n][:, at], coeffs[b, :n], residual[b, at],
                                         tolerance[b, at])
    return list(map(Evidence, fits.sum(axis=1).tolist(), informative.sum(axis=1).tolist(), strong_fits.tolist(),
                    chance.tolist(), explained))


def _without_repeats(filled: np.ndarray, telling: np.ndarray, terms: list[int]) -> np.ndarray:
    """`telling` of many relations without the positions repeating an earlier telling one (`_evidence`): sought
    only in relations where two telling positions share their first number, as `_repeats` would."""
    first = np.where(telling, filled[:, 0, :], np.nan)  # NaN equals nothing
    ordered = np.sort(first, axis=1)
    shared = np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1))
    if not len(shared):
        return telling
    telling = telling.copy()
    for b in shared.tolist():
        positions = np.flatnonzero(telling[b])
        telling[b, positions[_repeats(filled[b, :terms[b]][:, positions])]] = False
    return telling


def _positions(filled: np.ndarray, residual: np.ndarray, tolerance: np.ndarray, evaluable, min_nonzero,
               margin: float) -> list[np.ndarray]:
    """Which positions are informative, fits, strong fits and telling ones (terms on the last axis but one, so
    one relation or many): `measure` says why."""
    size = np.abs(filled)
    magnitude = size.max(axis=-2)
    holds = within(residual, tolerance, magnitude)
    # Small numbers fit nearly any relation, so a fit among them is no evidence; a misfit among them is.
    informative = (magnitude > 0) & ((magnitude > margin * tolerance) | ~holds) & evaluable
    fits = informative & holds
    strong = fits & ((filled != 0).sum(axis=-2) >= min_nonzero)
    # An operand within the rounding of zero could be left out and the fit would stand: only where enough
    # operands exceed the tolerance is a fit unlikely by chance for the relation, not merely for two equal rows.
    # Where the result (the first operand) lies within the rounding of zero, the fit only says the others cancel,
    # and any row near zero would fit as its result: "Bokslutsdispositioner 1 = 49 − 30 − 18 − 2" in a company
    # whose result is zeroed by group contributions. Such a fit tells nothing of which row is the total.
    outside = size > tolerance[..., None, :]
    telling = strong & (outside.sum(axis=-2) >= min_nonzero) & outside[..., 0, :]
    return [magnitude, informative, fits, strong, telling, holds]


def _evidence(filled: np.ndarray, halves: np.ndarray, coeffs: np.ndarray, residual: np.ndarray,
              tolerance: np.ndarray, tests: list[np.ndarray]) -> Evidence:
    """The evidence of one relation from its position-wise tests: the chance of its telling fits, and the
    misfits a slip explains."""
    magnitude, informative, fits, strong, telling, holds = tests
    # A position printing the same numbers as another (Avvikelse = Budget where Prognos is 0, koncern = kommun)
    # repeats that fit's chance; it is not a second one.
    positions = np.flatnonzero(telling)
    if len(positions) > 1:  # one position repeats none
        telling = telling.copy()
        telling[positions[_repeats(filled[:, positions])]] = False
    chance = float(np.prod(np.minimum(1.0, 2 * tolerance[telling] / magnitude[telling])))
    misfit = np.flatnonzero(informative & ~holds)
    strong_fits = int(np.count_nonzero(strong))
    explained = 0
    if strong_fits and 0 < len(misfit) <= policy.EXPLAINABLE_MISFITS:
        explained = explained_misfits(filled[:, misfit], halves[:, misfit], coeffs, residual[misfit],
                                      tolerance[misfit])
    return Evidence(int(np.count_nonzero(fits)), int(np.count_nonzero(informative)), strong_fits, chance, explained)


_MANY_POSITIONS = 256  # a column relation measured over a long table's rows: one sort instead of a tuple per row


def _repeats(columns: np.ndarray) -> list[bool]:
    """Whether each column equals an earlier one. A set of tuples rather than `np.unique(axis=1)`: discovery
    measures tens of thousands of small blocks, and the sort there cost three quarters of a measurement. A column
    repeating another repeats its first number too: where those all differ, none repeats (most blocks)."""
    first = columns[0].tolist()
    if len(set(first)) == len(first):
        return [False] * len(first)
    if len(first) > _MANY_POSITIONS:
        return _repeats_sorted(columns)
    seen: set[tuple[float, ...]] = set()
    repeated = []
    for column in map(tuple, columns.T.tolist()):
        repeated.append(column in seen)
        seen.add(column)
    return repeated


def _repeats_sorted(columns: np.ndarray) -> list[bool]:
    """`_repeats` by one stable sort of the columns as bytes (-0.0 made 0.0 first, so equal numbers are equal
    bytes; the amounts hold no NaN): a column repeats an earlier one where it is not its value's first."""
    rows = np.ascontiguousarray(columns.T + 0.0)
    keys = rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel()
    repeated = np.ones(len(keys), dtype=bool)
    repeated[np.unique(keys, return_index=True)[1]] = False
    return repeated.tolist()
