"""A column headed as a total: the sum of the amount columns before it, as a total row sums the rows above.

"Kommun | Landsting | Begravningsavgift | Kyrkoavgift | TOTAL" and a note's "… | Summa" over its asset
classes add four or five columns, more than the search over pairs and triples of columns tries. The
header names the relation, so only the block is read from the layout: the columns since the previous
total column, less the "Därav" columns that detail one of them.
"""

from __future__ import annotations

import re

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.amounts import Roles
from rapportkoll.discovery.evidence import measure
from rapportkoll.discovery.found import Found, referable
from rapportkoll.discovery.rows import BREAKDOWN
from rapportkoll.frame import TableView

_TOTAL_HEADER = re.compile(r"^(summa|totalt?|total)(?![a-zåäö])", re.IGNORECASE)
_WIDEST_FOUND_ELSEWHERE = 3  # sums of two and three columns are found by the search over triples


def column_totals(view: TableView, roles: Roles, derived: set[str]) -> list[Found]:
    """Each total-headed column that sums the columns before it, where no other relation derives it."""
    names = list(view.table.columns)
    usable = referable(names)
    columns = [j for j in roles.additive if usable[j]]
    totals = [j for j in columns if _TOTAL_HEADER.match(names[j].strip())]
    found = []
    for result in totals:
        previous = max((t for t in totals if t < result), default=-1)
        parts = [j for j in columns if previous < j < result and not BREAKDOWN.match(names[j])]
        if names[result] in derived or len(parts) <= _WIDEST_FOUND_ELSEWHERE:
            continue
        rows = [result, *parts]
        coeffs = np.array([-1.0] + [1.0] * len(parts))
        evidence = measure(view.frame.values.T[rows], view.frame.halves.T[rows], coeffs, min_nonzero=3)
        if policy.total_column(evidence):
            plus = [names[j] for j in parts]
            text = f"{names[result]} = " + " + ".join(plus)
            found.append(Found("equation", {"axis": "columns", "result": names[result], "plus": plus},
                               evidence, text, text))
    return found
