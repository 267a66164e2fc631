"""Prior-period figures must equal last report's: `rapportkoll check new.txt --previous old.txt`.

A column headed the same in both reports ("Utfall 2022-08", "Bokslut 2023") holds the same period,
so every row both tables share must print the same amount there, within rounding. Tables are
paired by their corner (or caption) label; rows and columns by label, ignoring case, spacing and
footnote marks.
"""

from __future__ import annotations

from rapportkoll.findings import Finding, Severity
from rapportkoll.frame import cell_ref
from rapportkoll.labels import normalize_label
from rapportkoll.model import Report, Table
from rapportkoll.rounding import within


def compare_with_previous(new: Report, old: Report) -> list[Finding]:
    findings = []
    for table in new.tables:
        partner = _partner(table, old)
        if partner is not None:
            findings.extend(_compare(table, partner))
    return findings


def _key(table: Table) -> str:
    return normalize_label(table.corner or table.caption)


def _partner(table: Table, old: Report) -> Table | None:
    """The old table with the same corner label, when exactly one has it (else pairing is a guess)."""
    same = [t for t in old.tables if _key(t) and _key(t) == _key(table)]
    return same[0] if len(same) == 1 else None


def _compare(table: Table, old: Table) -> list[Finding]:
    old_columns = {normalize_label(name): k for k, name in enumerate(old.columns)}
    old_rows = {normalize_label(row.label.text): r for r, row in enumerate(old.rows)}
    findings = []
    for j, name in enumerate(table.columns):
        k = old_columns.get(normalize_label(name))
        if k is None:
            continue
        for i, row in enumerate(table.rows):
            r = old_rows.get(normalize_label(row.label.text))
            if r is not None:
                finding = _mismatch(table, i, j, old, r, k)
                if finding is not None:
                    findings.append(finding)
    return findings


def _mismatch(table: Table, i: int, j: int, old: Table, r: int, k: int) -> Finding | None:
    mine, theirs = table.rows[i].cells[j].parsed, old.rows[r].cells[k].parsed
    if not (mine.is_numeric and theirs.is_numeric):
        return None
    tolerance = mine.half_unit + theirs.half_unit
    if within(mine.value - theirs.value, tolerance, max(abs(mine.value), abs(theirs.value))):
        return None
    here, there = cell_ref(table, i, j), cell_ref(old, r, k)
    fields = (("here", f"{here.row} ({here.column})"), ("actual", here.text), ("expected", there.text),
              ("previous", there.location.path))
    return Finding(code="RK142", rule="previous.same-period", severity=Severity.ERROR, table=table.title,
                   table_location=table.location, cells=(here, there), fields=fields, expected=theirs.value,
                   actual=mine.value, tolerance=tolerance, origin="previous")
