"""Column relations discovered from the numbers: a column equal to A − B (either sign) or A + B in most rows.

One relation among three columns can be read three ways (avvikelse = prognos − budget is also
prognos = budget + avvikelse); the reading whose result column is headed like a difference
(Avv., Diff., Förändring) wins, then the rightmost result, as reports put derived columns last.
Only triples that `screen` finds holding in enough rows are measured, so wide tables cost about
pairs of columns × rows, not every triple.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.amounts import Roles
from rapportkoll.discovery.column_totals import column_totals
from rapportkoll.discovery.evidence import Evidence, measure
from rapportkoll.discovery.found import Found, column_names, derived_header
from rapportkoll.discovery.sparse import sparse, with_sparse_operands
from rapportkoll.discovery.screen import Screened, candidate_sums_of_three, screen_readings
from rapportkoll.frame import TableView
from rapportkoll.vocabulary import terms

BUDGET = terms("budget_columns")
DEVIATION = terms("deviation_columns")


def column_relations(view: TableView, roles: Roles) -> list[Found]:
    headers = list(view.table.columns)
    names, named = column_names(headers), [derived_header(header) for header in headers]
    deviations = [bool(DEVIATION.search(header)) for header in headers]
    columns = roles.relatable
    values, halves = view.frame.values.T, view.frame.halves.T
    screened = screen_readings(view.frame.values[:, columns], view.frame.halves[:, columns], columns,
                               min(policy.COLUMN_FITS, policy.COLUMN_FITS_NAMED))
    # The headers name a deviation from a nil budget: that reading first, where the numbers allow others as well.
    readings = [[item] for item in _against_nil_budget(values, halves, columns, headers, names)]
    nonzero = np.nan_to_num(values) != 0  # found once per table, not once per triple
    adjustments = sparse(values)  # decided once per table, not per reading of each triple
    readings += [_readings(values, halves, triple, (names, named, deviations), screened, nonzero, adjustments)
                 for triple in screened.triples]
    found = with_sparse_operands(_one_per_result([r for r in readings if r]), values, halves, columns, names)
    found += with_sparse_operands(_sums_of_three(values, halves, columns, names, found), values, halves, columns, names)
    return found + column_totals(view, roles, _derived(found))


def _derived(found: list[Found]) -> set[str]:
    return {f.params.get("result", f.params.get("total")) for f in found}


def _sums_of_three(values, halves, columns: list[int], names, found_already: list[Found]) -> list[Found]:
    """A column the sum of three others, where no two-operand relation derives it already; of two results of
    the same operands the better supported (Balanskravsresultat = Resultat where no adjustment is made).
    Nor where three of its four columns are a relation already (Avvikelse = Budget − Prognos): with it the sum
    says only Utfall = 2 × Budget, whose fits among small amounts are chance."""
    derived = _derived(found_already)
    related = [{f.params.get("result", f.params.get("total")), *_operands(f)} for f in found_already]
    found: dict[object, Found] = {}
    for result, operands in candidate_sums_of_three(values.T[:, columns], halves.T[:, columns], columns,
                                                    policy.COLUMN_FITS):
        involved = {names[j] for j in (result, *operands)}
        if names[result] in derived or any(known <= involved for known in related):
            continue
        rows = [result, *operands]
        evidence = measure(values[rows], halves[rows], np.array([-1.0, 1.0, 1.0, 1.0]), min_nonzero=4)
        if evidence.accepted(policy.COLUMN_FITS):
            plus = [names[j] for j in operands]
            text = f"{names[result]} = " + " + ".join(plus)
            found[(result, operands)] = Found("equation", {"axis": "columns", "result": names[result], "plus": plus},
                                              evidence, text, text)
    return _one_per_result([[item] for item in found.values()])


def _readings(values, halves, triple, naming: tuple[list[str], list[bool], list[bool]], screened: Screened,
              nonzero: np.ndarray, adjustments: np.ndarray) -> list[Found]:
    """The accepted readings of a triple, preferred first: a result headed like a derived column, a deviation
    before a net or total (whichever is printed first), then the rightmost result (reports put derived columns
    last), then the most fits. Readings the screen shows
    cannot be accepted are not measured (9 measurements a triple were most of discovery on 2 000 × 50)."""
    names, derived, deviations = naming
    candidates = []
    both = int(np.count_nonzero(np.all(nonzero[list(triple)], axis=0)))
    for result in triple:
        a, b = [c for c in triple if c != result]
        named = derived[result]
        adjusted = bool(adjustments[a] or adjustments[b])
        for ca, cb in ((1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)):
            # A sum with a sparse operand (an adjustment) shows itself in its few rows, and repeats the other
            # operand in the rest (policy.adjusted_column).
            adjusting = adjusted and ca > 0 and cb > 0 and not named
            least = policy.COLUMN_FITS_NAMED if named or adjusting else policy.COLUMN_FITS
            held = screened.rows_holding(result, *((a, b, 0) if ca > 0 and cb > 0 else (a, b, 1) if ca > 0 else (b, a, 1)))
            if held is not None and not _may_be_accepted(held, both, values.shape[1], least):
                continue
            evidence = measure(values[[result, a, b]], halves[[result, a, b]], np.array([-1.0, ca, cb]),
                               min_nonzero=3)
            if evidence.accepted(least) and (not adjusting or policy.adjusted_column(evidence)):
                candidates.append(((named, deviations[result], result, evidence.fits), result, a, b, ca, cb, evidence))
    return [_found(names, *c[1:]) for c in sorted(candidates, key=lambda c: c[0], reverse=True)]


def _against_nil_budget(values, halves, columns: list[int], headers: list[str], names: list[str]) -> list[Found]:
    """A deviation from a budget of nothing ('Avvikelse mot budget' = Resultat − 'Budgeterat resultat', every budget
    0): the numbers show only that it repeats one column, which the headers name as the outcome compared with the
    budget (the one column it repeats in every row, in three non-zero ones at least)."""
    nil = [j for j in columns if BUDGET.search(headers[j]) and not np.nan_to_num(values[j]).any()]
    if len(nil) != 1:
        return []
    budget, found = nil[0], []
    for result in (j for j in columns if derived_header(headers[j]) and BUDGET.search(headers[j])):
        repeated = [(a, e) for a in columns if a not in (result, budget)
                    and (e := measure(values[[result, a, budget]], halves[[result, a, budget]],
                                      np.array([-1.0, 1.0, -1.0]), min_nonzero=2)).strong >= policy.COLUMN_FITS
                    and e.misfits == 0]
        if len(repeated) == 1:
            found.append(_found(names, result, repeated[0][0], budget, 1.0, -1.0, repeated[0][1]))
    return found


def _may_be_accepted(held: int, nonzero: int, rows: int, least: int) -> bool:
    """Whether `policy.accepted` could pass a reading the screen saw hold strongly in ``held`` rows, of the
    ``nonzero`` rows where all three amounts are non-zero. Its strong fits are at most ``held``; its fits at
    most those and the other rows; a misfit where all three are non-zero is informative, and only
    `policy.EXPLAINABLE_MISFITS` misfits can be explained."""
    if held < least:
        return False
    support = held + (rows - nonzero) + policy.EXPLAINABLE_MISFITS
    return support >= policy.MIN_SHARE * (nonzero - held)


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


def _one_per_result(ranked: list[list[Found]]) -> list[Found]:
    """A column derived in two ways keeps its best-supported derivation, and two results of the same
    operands keep the better one: 'Prognos = Budget + Ombudgetering' in 17 of 19 rows only echoes
    'Totalt anslag = Budget + Ombudgetering' in 19 of 19 when the forecast mostly equals the appropriation.
    A relation whose preferred reading derives a column already derived takes its next reading (Netto is
    Intäkter + Kostnader, so Netto − Budget = Av-vikelse reads as Av-vikelse, not as Netto = Budget + Av-vikelse),
    if it holds in every position and its operands are no other relation's: else it may only echo one.
    """
    best: dict[object, Found] = {}
    shared = Counter(operands for readings in ranked for operands in {_operands(item) for item in readings})
    for readings in sorted(ranked, key=lambda r: -r[0].evidence.fits):
        for rank, item in enumerate(readings):
            operands = _operands(item)
            if item.params["result"] in best or operands in best or (rank and not _clean(item, shared[operands])):
                continue
            best[item.params["result"]] = best[operands] = item
            break
    return list({id(item): item for item in best.values()}.values())


def _clean(item: Found, sharing: int) -> bool:
    return item.evidence.unexplained == 0 and sharing == 1


def _operands(item: Found) -> frozenset:
    return frozenset(v for k, v in item.params.items() if k in ("plus", "minuend", "subtrahend")
                     for v in ([v] if isinstance(v, str) else v))
