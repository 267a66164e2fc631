"""Locating the culprit: the fewest cells whose change makes every relation of a table hold.

This is Fellegi–Holt error localisation at report size. Every relation instance is an equation
Σ cᵢ·vᵢ = 0 over located cells with a rounding tolerance. A single cell can explain all failing
instances when it appears in each of them and one value satisfies every instance it appears in
(failing and holding alike): the intersection of the intervals each instance allows. When no single
cell can, pairs are tried, the first cell taking a typical-slip value (bounded: cells of failing
instances × ~60 slips × one single-cell search).

Among equally small explanations the typical shapes of report errors win, in this order: a flipped
sign, two adjacent digits swapped, one digit mistyped, a power of ten, a blank where a value belongs, a total not
updated after its parts changed, an amount repeating a cell above or to the left where one of the
same sign belongs (copied from the wrong line). Any other value is possible but untypical. A blank that an
equation or difference needs (a sum reads it as zero) comes before them all. Totals are not more
suspect a priori; "total not updated" is simply a shape only a total can have. Remaining ties are
reported as alternatives, with confidence "hint".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapportkoll.findings import CellRef, Suggestion
from rapportkoll.numbers import CellKind, Parsed, format_like
from rapportkoll.rounding import slack
from rapportkoll.slips import SHAPE_RANK, back_in_line, rank, slips

_MISSING = (-1, 0)  # the rank of a blank an equation needs (see _needed_by_equation)
_SLIPS = ("sign", "transposition", "typo", "scale")

Key = tuple


@dataclass(frozen=True)
class Operand:
    key: Key
    ref: CellRef
    parsed: Parsed
    coeff: float
    sign_outlier: bool = False
    style: Parsed | None = None  # how the cell's column writes numbers, for a value proposed for a blank
    peers: tuple[float, ...] = ()  # the other numbers of its row (`slips.back_in_line`)

    @property
    def value(self) -> float:
        return self.parsed.value if self.parsed.is_numeric else 0.0


@dataclass(frozen=True)
class Instance:
    """One checked equation: Σ coeff·value = 0 within ``tolerance``; operand 0 is the result."""

    operands: tuple[Operand, ...]
    residual: float
    tolerance: float
    sums_parts: bool = False

    @property
    def failing(self) -> bool:
        return bool(abs(self.residual) > slack(self.tolerance, self.scale))

    @property
    def scale(self) -> float:
        """The largest magnitude among the operands: what the float guard is relative to."""
        return max((abs(op.value) for op in self.operands), default=1.0)


@dataclass(frozen=True)
class Explanation:
    """The cells to change (one or two) and which failing instances that repairs."""

    changes: tuple[Suggestion, ...]
    explains: frozenset[int]
    rank: tuple[int, int]
    alternatives: tuple[Suggestion, ...] = ()


def locate(instances: list[Instance]) -> Explanation | None:
    """The smallest, most typical set of changes making every instance hold, or None."""
    failing = [k for k, inst in enumerate(instances) if inst.failing]
    if not failing:
        return None
    singles = _single_candidates(instances, failing, exclude=None)
    if singles:
        best = singles[0][0]
        tied = [s for rank, s in singles if rank == best]
        if len(tied) > 1:
            others = tuple(_with(s, "hint") for s in tied[1:])
            return Explanation((_with(tied[0], "hint"),), frozenset(failing), best, others)
        # Swapped and mistyped digits are about equally likely for one given value (a typo is the
        # commoner slip, but has nine values per digit to choose from), so when the best explanation
        # is one of them and the other shape fits another cell, both are told, the first as likely.
        # A flipped sign is commoner still and has one value only: it stands alone.
        # A missing value is likelier than any slip that also fits, but those are told too.
        digit_slips = (SHAPE_RANK["transposition"], SHAPE_RANK["typo"])
        rival_shapes = {_MISSING[0]: (SHAPE_RANK["sign"],) + digit_slips, **{shape: digit_slips for shape in digit_slips}}
        rivals = tuple(_with(s, "hint") for rank, s in singles[1:] if rank[0] in rival_shapes.get(best[0], ()))
        confidence = "exact" if 0 <= best[0] <= SHAPE_RANK["typo"] and not rivals else "likely"
        return Explanation((_with(tied[0], confidence),), frozenset(failing), best, rivals)
    return _pair(instances, failing)


def _with(suggestion: Suggestion, confidence: str) -> Suggestion:
    return Suggestion(suggestion.cell, suggestion.proposed, suggestion.reason, confidence)


def _single_candidates(instances: list[Instance], failing: list[int], exclude: Key | None
                       ) -> list[tuple[tuple[int, int], Suggestion]]:
    """Every cell one change of which repairs all instances, best first: by shape, then by how closely the
    repaired instances hold (see `_leftover`)."""
    keys = set.intersection(*({op.key for op in instances[k].operands} for k in failing))
    found = []
    for key in sorted(keys - {exclude}, key=str):
        operand, bounds = _feasible(instances, key)
        if bounds is None:
            continue
        value, shape = _choose(operand, bounds, instances, key, failing)
        order = _MISSING if shape == "blank" and _needed_by_equation(instances, key) else _rank(operand, shape, value)
        suggestion = Suggestion(operand.ref, format_like(value, written_like(operand)), shape, "hint")
        found.append((order, _leftover(instances, key, value), suggestion))
    return [(order, suggestion) for order, _, suggestion in sorted(found, key=lambda c: c[:2])]


def _rank(operand: Operand, shape: str, value: float) -> tuple[int, int]:
    return rank(shape, operand.sign_outlier, back_in_line(operand.value, value, operand.peers))


def _leftover(instances: list[Instance], key: Key, value: float) -> float:
    """The largest residual the change leaves, as a share of its instance's tolerance.

    Rounding residuals gather near zero (they are sums of independent half-unit errors), so of two
    equally typical slips in different cells the one whose correction leaves the smaller residual
    is the likelier; it is told first, the other still as an alternative.
    """
    worst = 0.0
    for inst in instances:
        delta = sum(op.coeff * (value - op.value) for op in inst.operands if op.key == key)
        if delta:
            worst = max(worst, abs(inst.residual + delta) / max(inst.tolerance, 1e-12))
    return worst


def _needed_by_equation(instances: list[Instance], key: Key) -> bool:
    """A blank is read as 0 in a sum, where '-' often means zero; an equation or difference has no such
    reading, so a blank it needs is itself the likeliest culprit, ahead of any slip in a filled cell."""
    return not any(inst.sums_parts for inst in instances if any(op.key == key for op in inst.operands))


def _feasible(instances: list[Instance], key: Key) -> tuple[Operand, tuple[float, float] | None]:
    """The interval of values for one cell that satisfies every instance it appears in."""
    low, high, operand = -math.inf, math.inf, None
    for inst in instances:
        for op in inst.operands:
            if op.key != key:
                continue
            operand = op
            room = slack(inst.tolerance, inst.scale)
            a, b = op.value + (-room - inst.residual) / op.coeff, op.value + (room - inst.residual) / op.coeff
            low, high = max(low, min(a, b)), min(high, max(a, b))
    return operand, ((low, high) if low <= high else None)


def _choose(operand: Operand, bounds: tuple[float, float], instances: list[Instance], key: Key,
            failing: list[int]) -> tuple[float, str]:
    low, high = bounds
    middle = (low + high) / 2
    for shape in _SLIPS:
        fitting = [value for value in slips(operand.parsed, shape) if low <= value <= high]
        if fitting:  # rounding may leave room for several (3 205 or 3 215): the one nearest the exact fit
            return min(fitting, key=lambda value: abs(value - middle)), shape
    value = _representable(operand, low, high)
    if operand.parsed.kind is CellKind.BLANK:
        return value, "blank"
    if any(instances[k].sums_parts and instances[k].operands[0].key == key for k in failing):
        return value, "total"
    if _copied(instances, operand) and value * operand.value > 0:
        return value, "copy"
    return value, "unknown"


def _copied(instances: list[Instance], operand: Operand) -> bool:
    """Whether the cell repeats the amount of a cell above it or left of it that the same relations read:
    typed from the wrong line of the draft (a copy is the later of the two, as a table is typed top-down)."""
    if not operand.value or len(operand.key) != 2:
        return False
    row, column = operand.key
    return any(op.value == operand.value and len(op.key) == 2 and op.key != operand.key
               and ((op.key[1] == column and op.key[0] < row) or (op.key[0] == row and op.key[1] < column))
               for inst in instances for op in inst.operands)


def _representable(operand: Operand, low: float, high: float) -> float:
    """A value in [low, high] with the decimals the cell shows, nearest the interval's middle."""
    decimals = operand.parsed.decimals or 0
    middle = (low + high) / 2 if math.isfinite(low + high) else (low if math.isfinite(low) else high)
    rounded = round(middle, decimals)
    guard = slack(0.0, rounded)
    return rounded if low - guard <= rounded <= high + guard else middle


def written_like(operand: Operand) -> Parsed:
    """How a value proposed for the operand is written: as its own number, else as its column writes them."""
    if operand.parsed.is_numeric:
        return operand.parsed
    return operand.style or Parsed(CellKind.NUMBER, 0.0, 0, grouped=True)


def _pair(instances: list[Instance], failing: list[int]) -> Explanation | None:
    """Two changes, the first a typical slip; the best-ranked pair that repairs everything.

    Only instances reading the first cell change with it, and the failing ones that do not read it
    must all read the second: a first cell leaving no such second is skipped before any slip is tried.
    """
    best: tuple[tuple[int, int], Suggestion, Suggestion] | None = None
    reading: dict[Key, list[int]] = {}
    for k, inst in enumerate(instances):
        for op in inst.operands:
            reading.setdefault(op.key, []).append(k)
    keys = sorted({op.key for k in failing for op in instances[k].operands}, key=str)
    for key in (key for key in keys if _second_possible(instances, failing, set(reading[key]))):
        operand = next(op for k in failing for op in instances[k].operands if op.key == key)
        for shape in _SLIPS:
            for value in slips(operand.parsed, shape):
                changed = list(instances)
                for k in reading[key]:
                    changed[k] = _apply(instances[k], key, value)
                still = [k for k in failing if changed[k].failing]
                if not still or any(not instances[k].failing and changed[k].failing for k in reading[key]):
                    continue
                for second_rank, second in _single_candidates(changed, still, exclude=key):
                    first_rank = _rank(operand, shape, value)
                    total = (first_rank[0] + second_rank[0], first_rank[1] + second_rank[1])
                    if best is None or total < best[0]:
                        first = Suggestion(operand.ref, format_like(value, operand.parsed), shape, "hint")
                        best = (total, first, _with(second, "hint"))
    if best is None:
        return None
    return Explanation((best[1], best[2]), frozenset(failing), best[0])


def _second_possible(instances: list[Instance], failing: list[int], reading_first: set[int]) -> bool:
    """Whether one cell is read by every failing instance the first cell is not in."""
    rest = [k for k in failing if k not in reading_first]
    if not rest:
        return True
    common = {op.key for op in instances[rest[0]].operands}
    for k in rest[1:]:
        common &= {op.key for op in instances[k].operands}
        if not common:
            return False
    return True


def _apply(inst: Instance, key: Key, value: float) -> Instance:
    delta = sum(op.coeff * (value - op.value) for op in inst.operands if op.key == key)
    return Instance(inst.operands, inst.residual + delta, inst.tolerance, inst.sums_parts) if delta else inst
