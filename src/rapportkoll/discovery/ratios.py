"""Ratio columns discovered from the numbers: a percentage equal to one amount over another in most rows.

Drift tables print "Förändring %" beside this year's figure and the change, often without last
year's figure, so both readings are tried: A / B and A / (B − A) (the change over the year
before), each with the base signed or absolute (a cost that grew by 5 % shows +5 % in one report
and −5 % in another). A row is evidence only when the quotient its rounded operands allow is
narrow beside the percentage shown: 3 ± 0,5 of 5 ± 0,5 is anything from 45 % to 78 %.
"""

from __future__ import annotations

from itertools import permutations, product

import numpy as np

from rapportkoll.discovery.amounts import Roles
from rapportkoll.discovery import policy
from rapportkoll.discovery.evidence import Evidence
from rapportkoll.discovery.found import Found, column_names, derived_header
from rapportkoll.frame import TableView
from rapportkoll.kinds.ratio import percent_bounds
from rapportkoll.rounding import interval_contains

def ratio_relations(view: TableView, roles: Roles) -> list[Found]:
    headers = list(view.table.columns)
    names = column_names(headers)  # a header printed twice ('Utfall' over lost years) named by position
    percents = roles.percent
    amounts = [j for j in roles.additive if j not in percents]  # shares of a whole are results, not operands
    found = []
    for result in percents:
        readings = [(_evidence(view, result, n, d, change, absolute), n, d, change, absolute)
                    for (n, d), change, absolute in product(permutations(amounts, 2), (False, True), (False, True))]
        accepted = [r for r in readings if r[0].accepted(policy.RATIO_FITS)]
        if accepted:  # most support; then a printed base, a signed base, a numerator headed like a change
            best = max(accepted, key=lambda r: (r[0].fits, not r[3], not r[4], derived_header(headers[r[1]])))
            found.append(_found(names, result, *best[1:], best[0]))
    return found


def _evidence(view: TableView, result: int, numerator: int, denominator: int, change: bool,
              absolute: bool) -> Evidence:
    operands = [numerator, denominator] + ([numerator] if change else [])
    values, halves = view.frame.values[:, operands].T, view.frame.halves[:, operands].T
    shown, shown_half = view.frame.values[:, result], view.frame.halves[:, result]
    low, high = percent_bounds(values, halves, absolute)
    with np.errstate(invalid="ignore"):
        narrow = policy.CHANCE_MARGIN * ((high - low) / 2 + shown_half) < np.abs(shown)
        informative = ~np.isnan(shown) & ~np.isnan(low) & (values[0] != 0) & narrow
    fits = informative & interval_contains(shown, shown_half, low, high)
    count = int(fits.sum())
    return Evidence(count, int(informative.sum()), count)


def _found(names, result: int, numerator: int, denominator: int, change: bool, absolute: bool,
           evidence: Evidence) -> Found:
    params = {"result": names[result], "numerator": names[numerator], "denominator": names[denominator]}
    base = names[denominator]
    if change:
        params["denominator_minus"] = names[numerator]
        base = f"({names[denominator]} − {names[numerator]})"
    if absolute:
        params["absolute_base"] = True
        base = f"|{base}|"
    text = f"{names[result]} = {names[numerator]} / {base}"
    return Found("ratio", params, evidence, text, text)
