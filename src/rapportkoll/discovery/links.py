"""Cross-table links discovered from the numbers: a row of one table that repeats a row of another.

Two tables of a report often print the same total under different names ("Summa verksamhet",
"Summa Nettokostnader"). Rows that agree in most of the columns the tables share, and in at least
three non-zero amounts, are the same figure; where they disagree, one of them is wrong. Rows are not
linked by label alone: drift and exploatering tables share their row labels but not their scope.
"""

from __future__ import annotations

from rapportkoll.discovery.evidence import MIN_SHARE, Evidence
from rapportkoll.discovery.found import Found, referable
from rapportkoll.labels import normalize_label
from rapportkoll.model import Table
from rapportkoll.rounding import within

_MIN_AGREEING = 3


def table_links(table: Table, others: tuple[Table, ...]) -> list[Found]:
    found = []
    usable = referable([row.label.text for row in table.rows])
    for other in others:
        if other.index >= table.index or not _identifies(other, others):
            continue  # each pair once: the later table refers to the earlier one
        shared = _shared_columns(table, other)
        if len(shared) < _MIN_AGREEING:
            continue
        other_usable = referable([row.label.text for row in other.rows])
        for i, row in enumerate(table.rows):
            link = _best_partner(row, other, shared, other_usable) if usable[i] else None
            if link is not None:
                found.append(_found(table, row.label.text, other, *link))
    return found


def _identifies(other: Table, tables: tuple[Table, ...]) -> bool:
    """A rule can name the other table only by a corner no other table has."""
    return bool(other.corner) and sum(t.corner == other.corner for t in tables) == 1


def _shared_columns(table: Table, other: Table) -> list[tuple[int, int]]:
    keys = {normalize_label(name): k for k, name in enumerate(other.columns)}
    return [(j, keys[normalize_label(n)]) for j, n in enumerate(table.columns) if normalize_label(n) in keys]


def _best_partner(row, other: Table, shared, usable) -> tuple[str, Evidence] | None:
    best = None
    for k, candidate in enumerate(other.rows):
        if not usable[k]:
            continue
        agree = informative = 0
        for j, jj in shared:
            mine, theirs = row.cells[j].parsed, candidate.cells[jj].parsed
            if not (mine.is_numeric and theirs.is_numeric) or (mine.value == 0 and theirs.value == 0):
                continue
            informative += 1
            diff, tol = mine.value - theirs.value, mine.half_unit + theirs.half_unit
            agree += bool(within(diff, tol, max(abs(mine.value), abs(theirs.value))))
        evidence = Evidence(agree, informative, agree)
        if agree >= _MIN_AGREEING and agree >= MIN_SHARE * informative:
            if best is None or agree > best[1].fits:
                best = (candidate.label.text, evidence)
    return best


def _found(table: Table, label: str, other: Table, other_label: str, evidence: Evidence) -> Found:
    params = {"row": label, "other": {"corner": other.corner}, "other_row": other_label}
    return Found("cross_table", params, evidence,
                 f"{label} = {other_label} i tabellen {other.corner}",
                 f"{label} = {other_label} in table {other.corner}")
