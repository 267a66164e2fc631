"""Carried figures: a line of a sum that repeats, in one year, a line of the same sum in the year before.

Equity rolls forward (this year's 'Övrigt eget kapital' is last year's 'Summa eget kapital'), and a
balanskravsutredning carries a deficit ('Balanskravsunderskott från tidigare år' is last year's negative
balanskravsresultat). Neither label says so, and the figure is carried only where nothing else moved
(the koncern's equity changes by more than the result; a surplus is not carried), so the relation is read
from the numbers where they show it: a part of a discovered sum equal, in a year's column, to the total or
another part of the same sum in the year before's column, on the same side. An amount of three significant
digits or more repeated across two lines of one sum is seldom chance; the row itself must change from the
year before, or a constant row would repeat anything equal to it.
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery.evidence import Evidence
from rapportkoll.discovery.found import Found, column_names, row_names
from rapportkoll.frame import TableView
from rapportkoll.periods import previous_year_pairs

_DISTINCT = 100  # an amount this many times the rounding it allows: three significant digits or more


def carried(view: TableView, sums: list[Found]) -> list[Found]:
    """Each carried line of each discovered row sum, checked in the columns where the numbers show it."""
    pairs = previous_year_pairs(list(view.table.columns))
    if not pairs:
        return []
    index = {name: i for i, name in enumerate(row_names([row.label.text for row in view.table.rows])) if name}
    found = []
    for item in (f for f in sums if f.kind == "sum" and f.params.get("axis", "rows") == "rows"):
        lines = [index[name] for name in (item.params["total"], *item.params["parts"]) if name in index]
        for part in lines[1:]:
            found += [_found(view, part, other, columns) for other in lines if other != part
                      if (columns := _carried_in(view, part, other, pairs))]
    return list({(f.params["opening"], f.params["closing"]): f for f in found}.values())


def _carried_in(view: TableView, part: int, other: int, pairs: list[tuple[int, int]]) -> list[int]:
    """This year's columns where ``part`` repeats ``other``'s amount of the year before, and moved itself."""
    values, halves = view.frame.values, view.frame.halves
    held = []
    for this_year, last_year in pairs:
        mine, theirs, before = values[part, this_year], values[other, last_year], values[part, last_year]
        tolerance = halves[part, this_year] + halves[other, last_year]
        if np.isnan(mine) or np.isnan(theirs) or abs(mine) < _DISTINCT * tolerance:
            continue
        if abs(mine - theirs) <= tolerance and not abs(mine - np.nan_to_num(before)) <= tolerance:
            held.append(this_year)
    return held


def _found(view: TableView, part: int, other: int, columns: list[int]) -> Found:
    names = row_names([row.label.text for row in view.table.rows])
    headers = column_names(list(view.table.columns))
    params = {"opening": names[part], "closing": names[other], "columns": [headers[j] for j in columns]}
    evidence = Evidence(len(columns), len(columns), len(columns))
    return Found("carry", params, evidence, f"{names[part]} = förra årets {names[other]}",
                 f"{names[part]} = last year's {names[other]}")
