"""Ratio columns discovered from the numbers: a percentage equal to one amount over another in most rows.

Drift tables print "Förändring %" beside this year's figure and the change, often without last
year's figure, so both readings are tried: A / B and A / (B − A) (the change over the year before).
"""

from __future__ import annotations

from itertools import permutations

import numpy as np

from rapportkoll.discovery.amounts import additive_columns, is_percent_column, relatable_columns
from rapportkoll.discovery.evidence import CHANCE_MARGIN, MIN_SHARE, Evidence
from rapportkoll.discovery.found import DERIVED_HEADERS, Found, referable
from rapportkoll.frame import TableView
from rapportkoll.rounding import interval_contains, quotient_interval

_MIN_FITS = 3  # many column pairs are tried for each percentage column


def ratio_relations(view: TableView) -> list[Found]:
    names = list(view.table.columns)
    usable = referable(names)
    percents = [j for j in relatable_columns(view) if usable[j] and is_percent_column(view, j)]
    amounts = [j for j in additive_columns(view) if usable[j]]
    found = []
    for result in percents:
        readings = [(_evidence(view, result, n, d, change), n, d, change)
                    for n, d in permutations(amounts, 2) for change in (False, True)]
        accepted = [r for r in readings if r[0].fits >= _MIN_FITS and r[0].fits >= MIN_SHARE * r[0].informative]
        if accepted:
            evidence, n, d, change = max(accepted, key=lambda r: (r[0].fits, bool(DERIVED_HEADERS.search(names[r[1]]))))
            found.append(_found(names, result, n, d, change, evidence))
    return found


def _evidence(view: TableView, result: int, numerator: int, denominator: int, change: bool) -> Evidence:
    values, halves = view.frame.values, view.frame.halves
    shown, shown_half = values[:, result], halves[:, result]
    top, top_half = values[:, numerator], halves[:, numerator]
    base, base_half = values[:, denominator], halves[:, denominator]
    if change:
        base, base_half = base - top, base_half + top_half
    low, high = quotient_interval(top, top_half, base, base_half)
    with np.errstate(invalid="ignore"):
        informative = (~np.isnan(shown) & ~np.isnan(low) & (top != 0)
                       & (np.abs(shown) > CHANCE_MARGIN * shown_half))
    fits = informative & interval_contains(shown, shown_half, 100 * low, 100 * high)
    count = int(fits.sum())
    return Evidence(count, int(informative.sum()), count)


def _found(names, result: int, numerator: int, denominator: int, change: bool, evidence: Evidence) -> Found:
    params = {"result": names[result], "numerator": names[numerator], "denominator": names[denominator]}
    base = names[denominator]
    if change:
        params["denominator_minus"] = names[numerator]
        base = f"({names[denominator]} − {names[numerator]})"
    text = f"{names[result]} = {names[numerator]} / {base}"
    return Found("ratio", params, evidence, text, text)
