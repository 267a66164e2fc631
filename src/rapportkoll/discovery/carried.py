"""Carried figures: a line of a sum that repeats, in one year, the sum's total of the year before.

Equity rolls forward (this year's 'Övrigt eget kapital' is last year's 'Summa eget kapital'), and a
balanskravsutredning carries a deficit ('Balanskravsunderskott från tidigare år' is last year's negative
balance). Labels seldom say so, and the figure is carried only where nothing else moved (the koncern's
equity changes by more than the result; a surplus is not carried), so the relation is read from the
numbers where they show it: a part of a discovered sum equal, in a year's column, to the sum's total in the
year before's column, on the same side (or to another part, where the label says it is brought forward).
The part must have moved from the year before (a constant row would repeat anything equal to it), and the
amount must be too precise for chance: four significant digits or more, or three where the label says the
line comes from the year before. Three digits alone are not enough: a cash flow's 'Nyupptagna lån' 138
repeats last year's 'Kassaflöde från finansieringsverksamheten' 138 by chance.
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery.evidence import Evidence
from rapportkoll.discovery.found import Found, column_names, row_names
from rapportkoll.frame import TableView
from rapportkoll.periods import previous_year_pairs
from rapportkoll.vocabulary import terms

CARRIED = terms("carried_rows")
_DISTINCT = 1000  # an amount this many times the rounding it allows: four significant digits or more
_DISTINCT_NAMED = 100  # ... or three, where the label says the line is brought from the year before


def carried(view: TableView, sums: list[Found]) -> list[Found]:
    """Each carried line of each discovered row sum, checked in the columns where the numbers show it."""
    pairs = previous_year_pairs(list(view.table.columns))
    if not pairs:
        return []
    labels = [row.label.text for row in view.table.rows]
    names = row_names(labels)
    index = {name: i for i, name in enumerate(names) if name}
    found = []
    for item in (f for f in sums if f.kind == "sum" and f.params.get("axis", "rows") == "rows"):
        if item.params["total"] not in index:
            continue
        lines = [index[name] for name in (item.params["total"], *item.params["parts"]) if name in index]
        for part in lines[1:]:
            named = bool(CARRIED.search(labels[part]))  # may carry a sibling too (last year's balanskravsresultat)
            for other in (line for line in lines if line != part and (named or line == lines[0])):
                if columns := _carried_in(view, part, other, pairs, _DISTINCT_NAMED if named else _DISTINCT):
                    found.append(_found(view, names, part, other, columns))
    return found


def _carried_in(view: TableView, part: int, source: int, pairs: list[tuple[int, int]], distinct: int) -> list[int]:
    """This year's columns where ``part`` repeats ``source``'s amount of the year before, and moved itself."""
    values, halves = view.frame.values, view.frame.halves
    held = []
    for this_year, last_year in pairs:
        mine, theirs, before = values[part, this_year], values[source, last_year], values[part, last_year]
        tolerance = halves[part, this_year] + halves[source, last_year]
        if np.isnan(mine) or np.isnan(theirs) or abs(mine) < distinct * tolerance:
            continue
        if abs(mine - theirs) <= tolerance and not abs(mine - np.nan_to_num(before)) <= tolerance:
            held.append(this_year)
    return held


def _found(view: TableView, names: list[str | None], part: int, other: int, columns: list[int]) -> Found:
    headers = column_names(list(view.table.columns))
    params = {"opening": names[part], "closing": names[other], "columns": [headers[j] for j in columns]}
    evidence = Evidence(len(columns), len(columns), len(columns))
    return Found("carry", params, evidence, f"{names[part]} = förra årets {names[other]}",
                 f"{names[part]} = last year's {names[other]}")
