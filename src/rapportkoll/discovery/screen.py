"""Screening column triples: which columns hold C = A ± B in enough rows to be worth measuring.

Measuring every triple of K columns costs K³ × rows (20 × 200 took minutes). Instead, in each row
every pair's sum and differences are looked up among the row's values sorted once, which costs
pairs × log K per row; a triple is a candidate where one reading holds, with all three amounts
non-zero, in as many rows as the least an accepted relation needs. The lookup tolerance bounds the
real one from above, so no relation discovery would accept is lost. Beyond `policy.PAIR_BUDGET`
pairs × rows only neighbouring columns are paired (derived columns stand beside their operands).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import comb

import numpy as np

from rapportkoll.discovery import policy

_GUARD = 1e-9
_DENSE = 4096  # pairs × columns up to which rows are compared with every column at once, not by lookup
_CHUNK = 2_000_000  # rows × pairs × columns compared at once


@dataclass(frozen=True)
class Screened:
    """The triples worth measuring, and which of their readings the screen saw hold (see `may_hold`)."""

    triples: list[tuple[int, ...]]
    held: dict[tuple[int, int, int, int], int]  # (c, a, b, kind) in table positions (sums with a < b): rows
    rank: dict[int, int]  # a screened column's place among them
    reach: int | None  # pairs screened: every pair (None), or those at most this many places apart

    def rows_holding(self, c: int, a: int, b: int, kind: int) -> int | None:
        """At least the rows where C = A + B (kind 0) or C = A − B (kind 1) holds with all three non-zero (0 when
        fewer than ``min_rows``), None for a pair beyond the neighbours screened."""
        if self.reach is not None and abs(self.rank[a] - self.rank[b]) > self.reach:
            return None
        return self.held.get((c, min(a, b), max(a, b), 0) if kind == 0 else (c, a, b, 1), 0)


def candidate_triples(values: np.ndarray, halves: np.ndarray, columns: list[int], min_rows: int) -> list[tuple[int, ...]]:
    """Sorted triples of ``columns`` (table positions) of which one reading holds strongly in ``min_rows`` rows."""
    return screen_readings(values, halves, columns, min_rows).triples


def screen_readings(values: np.ndarray, halves: np.ndarray, columns: list[int], min_rows: int) -> Screened:
    """`candidate_triples` with the readings seen to hold in ``min_rows`` rows.

    A column with fewer non-zero amounts than that is in no such triple (a stray row of 10 000 cells adds
    no columns worth pairing)."""
    kept = np.flatnonzero((np.nan_to_num(values) != 0).sum(axis=0) >= min_rows)
    values, halves, columns = values[:, kept], halves[:, kept], [columns[j] for j in kept]
    rows, width = values.shape
    if width < 3:
        return Screened([], {}, {}, None)
    keys, by_row = [], []
    for kind, (a, b) in enumerate(_pairs(rows, width)):
        if len(a) * width <= _DENSE:
            step = max(1, _CHUNK // (len(a) * width))
            keys += [_dense_matches(values[r:r + step], halves[r:r + step], a, b, kind) for r in range(0, rows, step)]
        else:
            by_row.append((a, b, np.full(len(a), kind)))
    if by_row:  # sums and differences looked up in one pass over the rows: each row's values sorted once
        a, b, kinds = (np.concatenate(part) for part in zip(*by_row))
        keys += [_matches(values[r], halves[r], a, b, kinds, width) for r in range(rows)]
    found, counts = np.unique(np.concatenate(keys), return_counts=True)
    held = {}
    for key, count in zip(found[counts >= min_rows], counts[counts >= min_rows]):
        c, a, b = int(key // 2 // width // width), int(key // 2 // width % width), int(key // 2 % width)
        held[(columns[c], columns[a], columns[b], int(key % 2))] = int(count)
    triples = sorted({tuple(sorted(key[:3])) for key in held})
    return Screened(triples, held, {j: k for k, j in enumerate(columns)}, _reach(rows, width))


def _pairs(rows: int, width: int) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Pairs (a < b) for sums and ordered pairs (a ≠ b) for differences, neighbours only beyond the budget."""
    reach = _reach(rows, width)
    if reach is not None:
        a = np.concatenate([np.arange(width - step) for step in range(1, min(reach, width - 1) + 1)])
        b = np.concatenate([np.arange(step, width) for step in range(1, min(reach, width - 1) + 1)])
    else:
        a, b = np.triu_indices(width, 1)
    return (a, b), (np.concatenate([a, b]), np.concatenate([b, a]))


def _reach(rows: int, width: int) -> int | None:
    """How far apart the columns paired may be: any distance within the budget, else the nearest only."""
    if rows * width * width > policy.PAIR_BUDGET:
        return max(policy.PAIR_WINDOW_MIN, policy.PAIR_BUDGET // max(1, rows * width))
    return None


def _dense_matches(values: np.ndarray, halves: np.ndarray, a: np.ndarray, b: np.ndarray, kind: int) -> np.ndarray:
    """The keys of `_matches` for a block of rows of a narrow table, every column compared with every pair: a column
    at a time (rows × pairs), ~2x faster than one rows × pairs × columns comparison."""
    width = values.shape[1]
    present = ~np.isnan(values) & (values != 0)
    target = values[:, a] + values[:, b] if kind == 0 else values[:, a] - values[:, b]
    bound = np.where(present, halves, 0).max(axis=1, keepdims=True)
    tolerance = halves[:, a] + halves[:, b] + bound + _GUARD * np.maximum(1.0, np.abs(target))
    usable = present[:, a] & present[:, b]
    keys = []
    for c in range(width):
        with np.errstate(invalid="ignore"):
            hit = np.abs(values[:, c, None] - target) <= tolerance
        hit &= usable & present[:, c, None]
        hit[:, (a == c) | (b == c)] = False  # a pair's own columns are no third
        pair = np.nonzero(hit)[1]
        keys.append(((c * width + a[pair]) * width + b[pair]) * 2 + kind)
    return np.concatenate(keys).astype(np.int64)


def _matches(values: np.ndarray, halves: np.ndarray, a: np.ndarray, b: np.ndarray, kind: np.ndarray,
             width: int) -> np.ndarray:
    """Keys ((c·K + a)·K + b)·2 + kind of the readings C = A + B (kind 0) or C = A − B (kind 1) of each pair
    that hold in this row with A, B and C non-zero."""
    present = ~np.isnan(values) & (values != 0)
    usable = present[a] & present[b]
    a, b, kind = a[usable], b[usable], kind[usable]
    if not len(a):
        return np.empty(0, dtype=np.int64)
    target = np.where(kind == 0, values[a] + values[b], values[a] - values[b])
    tolerance = halves[a] + halves[b] + halves[present].max() + _GUARD * np.maximum(1.0, np.abs(target))
    order = np.flatnonzero(present)[np.argsort(values[present], kind="stable")]
    sorted_values = values[order]
    low = np.searchsorted(sorted_values, target - tolerance, "left")
    high = np.searchsorted(sorted_values, target + tolerance, "right")
    counts = high - low
    hit = np.repeat(np.arange(len(a)), counts)
    c = order[np.repeat(low, counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))]
    distinct = (c != a[hit]) & (c != b[hit])
    c, hit = c[distinct], hit[distinct]
    return (((c.astype(np.int64) * width + a[hit]) * width + b[hit]) * 2 + kind[hit]).astype(np.int64)


def candidate_sums_of_three(values: np.ndarray, halves: np.ndarray, columns: list[int],
                            min_rows: int) -> list[tuple[int, tuple[int, int, int]]]:
    """(result, operands) of ``columns`` where C = A + B + D holds with all four non-zero in ``min_rows`` rows
    (Resultat = nämndbidrag + intäkter + kostnader); none where the triples of columns × rows exceed the budget."""
    rows, width = values.shape
    if width < 4 or rows * comb(width, 3) * width > policy.PAIR_BUDGET:
        return []
    a, b, d = (np.array(t, dtype=np.int64) for t in zip(*combinations(range(width), 3)))
    present = ~np.isnan(values) & (values != 0)
    target = values[:, a] + values[:, b] + values[:, d]
    bound = np.where(present, halves, 0).max(axis=1, keepdims=True)
    tolerance = halves[:, a] + halves[:, b] + halves[:, d] + bound + _GUARD * np.maximum(1.0, np.abs(target))
    with np.errstate(invalid="ignore"):
        hit = np.abs(values[:, None, :] - target[:, :, None]) <= tolerance[:, :, None]
    hit &= (present[:, a] & present[:, b] & present[:, d])[:, :, None] & present[:, None, :]
    for operand in (a, b, d):
        hit[:, np.arange(len(a)), operand] = False
    counts = hit.sum(axis=0)  # triples × result columns
    return [(columns[c], (columns[a[t]], columns[b[t]], columns[d[t]])) for t, c in zip(*np.nonzero(counts >= min_rows))]
