"""How prose findings cite their places: the sentence with the number's span, and the linked cell."""

from __future__ import annotations

from dataclasses import replace

from rapportkoll.findings import CellRef, Finding, Severity
from rapportkoll.model import Paragraph, Table
from rapportkoll.numbers import format_number
from rapportkoll.prose.claims import Claim

_SENTENCE_LIMIT = 240


def sentence_ref(claim: Claim) -> CellRef:
    """The claim's place: its paragraph (the text the span counts in) and the character span of the number."""
    location = replace(claim.paragraph.location, span_start=claim.start, span_end=claim.end)
    return CellRef(claim.heading, "", "", claim.paragraph.text, location)


def paragraph_ref(paragraph: Paragraph, heading: str, start: int = 0, end: int | None = None) -> CellRef:
    """A paragraph cited as a whole or by a span (lint)."""
    location = replace(paragraph.location, span_start=start, span_end=len(paragraph.text) if end is None else end)
    return CellRef(heading, "", "", paragraph.text, location)


def table_cell_ref(table: Table, row: int, column: int) -> CellRef:
    """A table cell as findings cite it (no numeric frame needed: the prose path stays light)."""
    found = table.rows[row]
    cell = found.cells[column]
    return CellRef(table.title, found.label.text, table.columns[column], cell.text, cell.location)


def claimed_text(claim: Claim) -> str:
    unit = claim.paragraph.text[claim.end:claim.end + 30].split()[0].rstrip(".,;:)") if claim.unit else ""
    return f"{'ca ' if claim.approx else ''}{claim.text} {unit}".strip()


def quoted(claim: Claim) -> str:
    text = " ".join(claim.sentence.text.split())
    return text if len(text) <= _SENTENCE_LIMIT else text[:_SENTENCE_LIMIT - 1] + "…"


def number(value: float) -> str:
    return format_number(value, 0 if float(value).is_integer() else 1)


def prose_finding(code: str, rule: str, severity: Severity, cells: tuple[CellRef, ...], fields: dict[str, str],
                  table: Table | None = None, expected: float | None = None, actual: float | None = None,
                  tolerance: float | None = None) -> Finding:
    """A finding of the prose or lint family, filed under its table when one is involved, else its section."""
    location = table.location if table is not None else cells[0].location if cells else None
    title = table.title if table is not None else cells[0].table if cells else ""
    return Finding(code=code, rule=rule, severity=severity, table=title, table_location=location, cells=cells,
                   fields=tuple(fields.items()), expected=expected, actual=actual, tolerance=tolerance,
                   origin="prose" if code.startswith("RK5") else "lint")
