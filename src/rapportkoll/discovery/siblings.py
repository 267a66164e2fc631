"""The sign of a nil part, read from the report's tables of the same rows: 'Netto = Inkomster − Utgifter'.

A budget prints one small table per moment, each with Inkomster, Utgifter and Netto. Where a moment
spends nothing (Utgifter 0 or blank) its numbers hold with the expenses added as well as subtracted,
so discovery reads the plainer sum; the moments that do spend show the expenses subtracted, and a
reader takes one layout to mean one relation. A sum with such a part is read as its sibling tables
show it: the part subtracted where, in them, only the subtraction holds, in two places at least.
"""

from __future__ import annotations

import functools

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.found import Found, row_names
from rapportkoll.frame import TableView
from rapportkoll.model import Table
from rapportkoll.rounding import within


def signed_as_siblings(found: list[Found], view: TableView) -> list[Found]:
    """``found`` with each sum whose nil part the tables of the same rows subtract read as that equation."""
    if not any(t is not view.table for t in view.others):
        return found
    names = row_names([row.label.text for row in view.table.rows])
    values = np.nan_to_num(view.frame.values)
    siblings = functools.cache(lambda: [(t, row_names([row.label.text for row in t.rows]))
                                        for t in view.others if t is not view.table])
    return [_signed(item, names, values, siblings) or item for item in found]


def _signed(item: Found, names: list, values: np.ndarray, siblings) -> Found | None:
    if item.kind != "sum" or item.params.get("axis", "rows") != "rows":
        return None
    parts = item.params["parts"]
    nil = [p for p in parts if p in names and not values[names.index(p)].any()]
    minus = [p for p in nil if any(_subtracted(t, named, item.params["total"], parts, p) for t, named in siblings())]
    if not minus:
        return None
    plus = [p for p in parts if p not in minus]
    total = item.params["total"]
    text = f"{total} = " + " + ".join(plus) + "".join(f" − {m}" for m in minus)
    params = {"result": total, "plus": plus, "minus": minus,
              **{k: v for k, v in item.params.items() if k not in ("total", "parts")}}
    return Found("equation", params, item.evidence, text, text)


def _subtracted(table: Table, names: list, total: str, parts: list[str], part: str) -> bool:
    """Whether ``table`` (its rows named ``names``) prints the same rows and shows ``part`` subtracted from the
    others, never added."""
    if any(names.count(name) != 1 for name in [total, *parts]):
        return False
    frame = TableView.of(table).frame
    rows = [names.index(total)] + [names.index(p) for p in parts]
    values, halves = np.nan_to_num(frame.values[rows]), frame.halves[rows]
    shown = (values[1 + parts.index(part)] != 0) & ~np.isnan(frame.values[rows[0]])
    added = np.array([-1.0] + [1.0] * len(parts))
    subtracted = np.where(np.arange(len(rows)) == 1 + parts.index(part), -1.0, added)
    holds = [within(c @ values, np.abs(c) @ halves, np.abs(values).max(axis=0))[shown] for c in (added, subtracted)]
    return not holds[0].any() and int(holds[1].sum()) >= policy.MIN_FITS
