"""Relation evaluation in the engine against a plain numpy evaluation of the same relations.

The relations are the table's declared ones (bench/scale.py writes them as a pack). numpy
gets them as flat index and coefficient arrays (built before timing) and evaluates all of them at
once with segment sums (`np.add.reduceat`): the residual and the rounding tolerance of every
relation at every position, and the positions outside the tolerance. The engine evaluates the
compiled rules as `check` does (`relations.evaluate_all`, with the exact test of the positions
outside), without wording the failures. Beside it, the CPU seconds of a whole declared check in
phases: building the pack (from data, no YAML), reading the table, checking it.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from rapportkoll import bounds
from rapportkoll.engine import check_report
from rapportkoll.frame import TableView
from rapportkoll.packs import pack_from_mapping
from rapportkoll.readers import read_report
from rapportkoll.relations import evaluate_all
from rapportkoll.suites import Suite

def compare(path: Path, pack_data: list[dict], flags: list[str], runs: int = 7) -> dict:
    """Engine against numpy on one table, and the CPU seconds of a declared check's phases in this process
    (under the limits ``flags`` raise, as the `check` processes are)."""
    phases, cpu = {}, time.process_time()
    packs = tuple(pack_from_mapping(data, "declared") for data in pack_data)
    phases["pack"], cpu = round(time.process_time() - cpu, 3), time.process_time()
    settings = dict(flag.split("=", 1) for flag in flags if "=" in flag)
    with bounds.using(bounds.with_settings(bounds.Limits(), settings)):
        report = read_report(path)
    phases["read"], cpu = round(time.process_time() - cpu, 3), time.process_time()
    check_report(report, Suite("declared", packs, "error"))
    phases["check"] = round(time.process_time() - cpu, 3)
    table = report.tables[0]
    view = TableView.of(table)
    bound = [(check.relation, None if check.positions is None else list(check.positions))
             for pack in packs for rule in pack.rules for check in rule.kind.compile(view, rule.params).checks]
    arrays = {axis: _flatten([b for b in bound if b[0].axis == axis], view) for axis in ("rows", "columns")}
    engine_times, numpy_times = [], []
    for _ in range(runs):  # interleaved, so that load from elsewhere on the machine hits both alike
        started = time.perf_counter()
        engine_failing = sum(len(failures) for failures in evaluate_all(view, bound))
        engine_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        numpy_failing = sum(_numpy(*arrays[axis]) for axis in arrays if arrays[axis])
        numpy_times.append(time.perf_counter() - started)
    engine_seconds, numpy_seconds = float(np.median(engine_times)), float(np.median(numpy_times))
    return {"phases_cpu_seconds": phases, "relations": len(bound), "engine_seconds": round(engine_seconds, 5),
            "numpy_seconds": round(numpy_seconds, 5), "ratio": round(engine_seconds / numpy_seconds, 2),
            "ratio_of_minima": round(min(engine_times) / min(numpy_times), 2),  # the least disturbed runs
            "failing": [engine_failing, int(numpy_failing)]}


def _flatten(bound: list, view: TableView):
    """Operand indices, coefficients, segment starts and checked positions of one axis's relations."""
    if not bound:
        return None
    frame = view.frame
    dense, halves = (frame.dense, frame.halves) if bound[0][0].axis == "rows" else (frame.dense.T, frame.halves.T)
    index, coeffs, starts, mask = [], [], [], np.zeros((len(bound), dense.shape[1]), dtype=bool)
    for k, (relation, positions) in enumerate(bound):
        starts.append(len(index))
        index += [relation.result] + [t for t, _ in relation.terms]
        coeffs += [-1.0] + [c for _, c in relation.terms]
        mask[k, slice(None) if positions is None else positions] = True
    return dense, halves, np.array(index), np.array(coeffs)[:, None], np.array(starts), mask


def _numpy(dense, halves, index, coeffs, starts, mask) -> int:
    residual = np.add.reduceat(coeffs * dense[index], starts, axis=0)
    tolerance = np.add.reduceat(np.abs(coeffs) * halves[index], starts, axis=0)
    return int(np.count_nonzero((np.abs(residual) > tolerance) & mask))
