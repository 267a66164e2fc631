"""Column relations discovered from the numbers: a column equal to A − B (either sign) or A + B in most rows.

One relation among three columns can be read three ways (avvikelse = prognos − budget is also
prognos = budget + avvikelse); the reading whose result column is headed like a difference
(Avv., Diff., Förändring) wins, then the rightmost result, as reports put derived columns last.
Only triples that `screen` finds holding in enough rows are measured, so wide tables cost about
pairs of columns × rows, not every triple.
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.amounts import Roles
from rapportkoll.discovery.evidence import Evidence, measure
from rapportkoll.discovery.found import DERIVED_HEADERS, Found, referable
from rapportkoll.discovery.screen import candidate_sums_of_three, candidate_triples
from rapportkoll.frame import TableView


def column_relations(view: TableView, roles: Roles) -> list[Found]:
    names = list(view.table.columns)
    usable = referable(names)
    columns = [j for j in roles.relatable if usable[j]]
    values, halves = view.frame.values.T, view.frame.halves.T
    found = []
    for triple in candidate_triples(view.frame.values[:, columns], view.frame.halves[:, columns], columns,
                                    min(policy.COLUMN_FITS, policy.COLUMN_FITS_NAMED)):
        best = _best_reading(values, halves, triple, names)
        if best is not None:
            found.append(best)
    found = _one_per_result(found)
    derived = {f.params["result"] for f in found}
    return found + _sums_of_three(values, halves, columns, names, derived)


def _sums_of_three(values, halves, columns: list[int], names, derived: set[str]) -> list[Found]:
    """A column the sum of three others, where no two-operand relation derives it already; of two results of
    the same operands the better supported (Balanskravsresultat = Resultat where no adjustment is made)."""
    found: dict[object, Found] = {}
    for result, operands in candidate_sums_of_three(values.T[:, columns], halves.T[:, columns], columns,
                                                    policy.COLUMN_FITS):
        if names[result] in derived:
            continue
        rows = [result, *operands]
        evidence = measure(values[rows], halves[rows], np.array([-1.0, 1.0, 1.0, 1.0]), min_nonzero=4)
        if evidence.accepted(policy.COLUMN_FITS):
            plus = [names[j] for j in operands]
            text = f"{names[result]} = " + " + ".join(plus)
            found[(result, operands)] = Found("equation", {"axis": "columns", "result": names[result], "plus": plus},
                                              evidence, text, text)
    return _one_per_result(list(found.values()))


def _best_reading(values, halves, triple, names) -> Found | None:
    candidates = []
    for result in triple:
        a, b = [c for c in triple if c != result]
        for ca, cb in ((1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)):
            evidence = measure(values[[result, a, b]], halves[[result, a, b]], np.array([-1.0, ca, cb]),
                                  min_nonzero=3)
            named = bool(DERIVED_HEADERS.search(names[result]))
            if evidence.accepted(policy.COLUMN_FITS_NAMED if named else policy.COLUMN_FITS):
                candidates.append(((named, result, evidence.fits), result, a, b, ca, cb, evidence))
    if not candidates:
        return None
    _, result, a, b, ca, cb, evidence = max(candidates, key=lambda c: c[0])
    return _found(names, result, a, b, ca, cb, evidence)


def _found(names, result: int, a: int, b: int, ca: float, cb: float, evidence: Evidence) -> Found:
    if ca > 0 and cb > 0:
        params = {"axis": "columns", "result": names[result], "plus": [names[a], names[b]]}
        text = f"{names[result]} = {names[a]} + {names[b]}"
        return Found("equation", params, evidence, text, text)
    minuend, subtrahend = (a, b) if ca > 0 else (b, a)
    params = {"result": names[result], "minuend": names[minuend], "subtrahend": names[subtrahend],
              "convention": "consistent"}
    text = f"{names[result]} = {names[minuend]} − {names[subtrahend]}"
    return Found("difference", params, evidence, text, text)


def _one_per_result(found: list[Found]) -> list[Found]:
    """A column derived in two ways keeps its best-supported derivation, and two results of the same
    operands keep the better one: 'Prognos = Budget + Ombudgetering' in 17 of 19 rows only echoes
    'Totalt anslag = Budget + Ombudgetering' in 19 of 19 when the forecast mostly equals the appropriation.
    """
    best: dict[object, Found] = {}
    for item in sorted(found, key=lambda f: -f.evidence.fits):
        operands = frozenset(v for k, v in item.params.items() if k in ("plus", "minuend", "subtrahend")
                             for v in ([v] if isinstance(v, str) else v))
        if item.params["result"] not in best and operands not in best:
            best[item.params["result"]] = best[operands] = item
    return list({id(item): item for item in best.values()}.values())
