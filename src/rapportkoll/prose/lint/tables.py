"""Lints of tables as documents: amounts without a unit, and tables with headers but no values."""

from __future__ import annotations

from rapportkoll.findings import CellRef, Finding, Severity
from rapportkoll.model import Table
from rapportkoll.numbers import CellKind
from rapportkoll.prose.cite import prose_finding
from rapportkoll.prose.lint.vocabulary import LintVocabulary

_AMOUNT = 1000  # a table of amounts this large is money or counts: its unit must be said


def tables_without_unit(tables: list[Table], vocabulary: LintVocabulary) -> list[Finding]:
    """A table of large amounts that names no unit while the report's other tables do (warning)."""
    stated = [t for t in tables if _unit(t, vocabulary)]
    if not stated:
        return []
    unit = _unit(stated[0], vocabulary)
    found = []
    for table in tables:
        if _unit(table, vocabulary) or not _has_amounts(table):
            continue
        cell = CellRef(table.title, "", table.corner, table.corner, table.location)
        found.append(prose_finding("RK607", "lint.table-unit", Severity.WARNING, (cell,),
                                   {"table": table.title, "unit": unit}, table=table))
    return found


def _unit(table: Table, vocabulary: LintVocabulary) -> str:
    for text in (table.caption, table.corner, *table.columns):
        match = vocabulary.units.search(text)
        if match:
            return match.group()
    return ""


def _has_amounts(table: Table) -> bool:
    numbers = [c for row in table.rows for c in row.cells if c.kind is CellKind.NUMBER]
    return any(abs(c.value) >= _AMOUNT and c.parsed.grouped for c in numbers)


def empty_tables(tables: list[Table]) -> list[Finding]:
    """A table with a header and no value at all (info): a goal without indicators, a figure lost."""
    found = []
    for table in tables:
        if table.columns and all(row.is_blank for row in table.rows):
            cell = CellRef(table.title, "", table.corner, table.corner, table.location)
            found.append(prose_finding("RK609", "lint.empty-table", Severity.INFO, (cell,), {"table": table.title},
                                       table=table))
    return found
