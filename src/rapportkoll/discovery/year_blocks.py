"""Year blocks: the same run of years printed twice, an accumulated frame beside its change per year.

A budget frame prints "Ackumulerade värden 2022 2023 2024 2025 | Belopp per år 2022 2023 2024 2025": each
year's change is that year's accumulated value less the year before's, and the first year's is its
accumulated value (the base year before it is nil). The group line naming the blocks is often lost, so
the headers alone (one run of consecutive years, then the same run again) suggest the relation, and the
numbers decide which block accumulates the other: as for a column headed 'Avvikelse', two strong fits of
each year's difference will do, and no misfit a slip does not explain.
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.amounts import Roles
from rapportkoll.discovery.evidence import Evidence, measure
from rapportkoll.discovery.found import Found, column_names
from rapportkoll.frame import TableView
from rapportkoll.periods import bare_year


def year_block_relations(view: TableView, roles: Roles) -> list[Found]:
    """Each year's change = its accumulated value − the year before's, in whichever block reading holds."""
    blocks = _twice_printed_years(view, roles.additive)
    if not blocks:
        return []
    names = column_names(list(view.table.columns))
    first, second = blocks
    for changes, accumulated in ((second, first), (first, second)):
        found = _per_year(view, changes, accumulated, names)
        if found:
            return found
    return []


def _twice_printed_years(view: TableView, columns: list[int]) -> tuple[dict[int, int], dict[int, int]] | None:
    """Two blocks of columns headed by the same run of consecutive years in the same order (rising or falling),
    each as year → column."""
    years = [(j, year) for j in columns if (year := bare_year(view.table.columns[j])) is not None]
    half = len(years) // 2
    if half < 2 or len(years) != 2 * half:
        return None
    first, second = years[:half], years[half:]
    run = [y for _, y in first]
    if run != [y for _, y in second] or sorted(run) != list(range(min(run), min(run) + half)):
        return None
    return {y: j for j, y in first}, {y: j for j, y in second}


def _per_year(view: TableView, changes: dict[int, int], accumulated: dict[int, int], names: list[str]) -> list[Found]:
    """The reading's relations, or none where one year's difference is not shown by the numbers."""
    found = []
    base = min(changes)
    for year in sorted(changes)[1:]:
        columns = [changes[year], accumulated[year], accumulated[year - 1]]
        evidence = _evidence(view, columns, [-1.0, 1.0, -1.0])
        if not (evidence.accepted(policy.COLUMN_FITS_NAMED) and evidence.unexplained == 0):
            return []
        found.append(_found(names, *columns, evidence))
    first = _evidence(view, [changes[base], accumulated[base]], [-1.0, 1.0])
    if first.strong and first.misfits == 0:  # the year before the first is the base: nil, unless shown otherwise
        found.append(_found(names, changes[base], accumulated[base], None, first))
    return found


def _evidence(view: TableView, columns: list[int], coeffs: list[float]) -> Evidence:
    values, halves = view.frame.values.T[columns], view.frame.halves.T[columns]
    return measure(values, halves, np.array(coeffs), min_nonzero=2)


def _found(names: list[str], change: int, this: int, before: int | None, evidence: Evidence) -> Found:
    params = {"axis": "columns", "result": names[change], "plus": [names[this]],
              **({"minus": [names[before]]} if before is not None else {})}
    text = f"{names[change]} = {names[this]}" + (f" − {names[before]}" if before is not None else "")
    return Found("equation", params, evidence, text, text)
