"""Relation evaluation in the engine against a plain numpy evaluation of the same relations.

The relations are the linear ones rapportkoll discovers in the table (`--suite generic`). numpy
gets them as flat index and coefficient arrays (built before timing) and evaluates all of them at
once with segment sums (`np.add.reduceat`): the residual and the rounding tolerance of every
relation at every position, and the positions outside the tolerance. The engine evaluates the
compiled rules as `check` does, without wording the failures.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from rapportkoll.discovery import discovered_pack
from rapportkoll.frame import TableView
from rapportkoll.readers import read_report
from rapportkoll.relations import evaluate

ENGINE_LIMIT = 60.0  # seconds; beyond it the engine's time is extrapolated from the relations done


def compare(path: Path, runs: int = 3) -> dict:
    table = read_report(path).tables[0]
    view = TableView.of(table)
    pack = discovered_pack(table, (table,))
    bound = [item for rule in pack.rules if rule.kind.compile
             for item in _bound(rule.kind.compile(view, rule.params))]
    engine_seconds, engine_failing, share = _engine(view, bound)
    arrays = {axis: _flatten([b for b in bound if b.relation.axis == axis], view) for axis in ("rows", "columns")}
    numpy_times = []
    for _ in range(runs):
        started = time.perf_counter()
        numpy_failing = sum(_numpy(*arrays[axis]) for axis in arrays if arrays[axis])
        numpy_times.append(time.perf_counter() - started)
    numpy_seconds = float(np.median(numpy_times))
    return {"relations": len(bound), "engine_seconds": round(engine_seconds, 4),
            "engine_extrapolated_from": share, "numpy_seconds": round(numpy_seconds, 5),
            "ratio": round(engine_seconds / numpy_seconds, 1), "failing": [engine_failing, int(numpy_failing)]}


def _bound(compiled) -> list:
    return compiled if isinstance(compiled, list) else []


def _engine(view: TableView, bound: list) -> tuple[float, int, float]:
    """Seconds for every relation (extrapolated past ENGINE_LIMIT), failures found, share evaluated."""
    started, failing = time.perf_counter(), 0
    for done, item in enumerate(bound, start=1):
        failing += len(evaluate(view, item.relation, item.positions))
        spent = time.perf_counter() - started
        if spent > ENGINE_LIMIT and done < len(bound):
            return spent * len(bound) / done, failing, round(done / len(bound), 4)
    return time.perf_counter() - started, failing, 1.0


def _flatten(bound: list, view: TableView):
    """Operand indices, coefficients, segment starts and checked positions of one axis's relations."""
    if not bound:
        return None
    frame = view.frame
    dense, halves = (frame.dense, frame.halves) if bound[0].relation.axis == "rows" else (frame.dense.T, frame.halves.T)
    index, coeffs, starts, mask = [], [], [], np.zeros((len(bound), dense.shape[1]), dtype=bool)
    for k, item in enumerate(bound):
        starts.append(len(index))
        index += [item.relation.result] + [t for t, _ in item.relation.terms]
        coeffs += [-1.0] + [c for _, c in item.relation.terms]
        mask[k, slice(None) if item.positions is None else item.positions] = True
    return dense, halves, np.array(index), np.array(coeffs)[:, None], np.array(starts), mask


def _numpy(dense, halves, index, coeffs, starts, mask) -> int:
    residual = np.add.reduceat(coeffs * dense[index], starts, axis=0)
    tolerance = np.add.reduceat(np.abs(coeffs) * halves[index], starts, axis=0)
    return int(np.count_nonzero((np.abs(residual) > tolerance) & mask))
