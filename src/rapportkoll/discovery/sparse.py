"""A sparse operand a column relation left out: "Justeringar" printed only in the rows it adjusts.

"Resultat = Intäkter + Kostnader" holds in every row but the two where an adjustment column has a
value; accepted without it, the relation reports those two rows as errors. A column blank (or zero)
wherever the relation holds and making it hold wherever it fails is a part of it, blanks counting
as zero: the relation becomes a sum of columns that includes it.
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery.evidence import measure
from rapportkoll.discovery.found import Found


def with_sparse_operands(found: list[Found], values: np.ndarray, halves: np.ndarray, columns: list[int],
                         names: list[str]) -> list[Found]:
    """``found`` with each column sum that misfits extended by the sparse column explaining its misfits."""
    index = {name: j for j, name in enumerate(names)}
    return [_extended(item, values, halves, columns, names, index) or item for item in found]


def _extended(item: Found, values, halves, columns, names, index) -> Found | None:
    if item.kind != "equation" or item.params.get("minus") or not item.evidence.unexplained:
        return None
    result = index[item.params["result"]]
    operands = [index[name] for name in item.params["plus"]]
    filled = np.nan_to_num(values)
    filled[result] = values[result]  # a blank result is not checked; blank parts count as zero

    def sum_evidence(parts: list[int]):
        return measure(filled[[result, *parts]], halves[[result, *parts]], np.array([-1.0] + [1.0] * len(parts)))

    before = sum_evidence(operands)
    for extra in columns:
        if extra in operands or extra == result:
            continue
        after = sum_evidence(operands + [extra])
        if after.misfits == 0 and after.fits >= before.fits + before.misfits and sparse(values[extra]):
            plus = [names[j] for j in operands + [extra]]
            text = f"{names[result]} = " + " + ".join(plus)
            return Found("sum", {"axis": "columns", "total": names[result], "parts": plus}, after, text, text)
    return None


def sparse(columns: np.ndarray) -> np.ndarray:
    """Blank or zero in most rows: an adjustment, not an amount every row has (of one column, or of each row of
    columns × rows)."""
    return np.count_nonzero(np.nan_to_num(columns), axis=-1) * 2 <= columns.shape[-1]
