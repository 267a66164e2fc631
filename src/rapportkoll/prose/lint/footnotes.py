"""Lint of footnotes: a superscript marker with no footnote of its number."""

from __future__ import annotations

import re

from rapportkoll.findings import CellRef, Finding, Severity
from rapportkoll.prose.cite import paragraph_ref, prose_finding
from rapportkoll.prose.sections import Section

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MARKER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# A footnote opens with its number, superscript or plain: "¹⁶ Kolada, samhällsbyggnad", "4 SCB Medborgarundersökning".
_NOTE = re.compile(r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+(?=\s|$)|\d{1,2}(?=\s+\S))")


def orphan_markers(sections: list[Section]) -> list[Finding]:
    """Markers in text or labels whose footnote is missing (warning): the reader cannot find the source.

    A document without prose (a workbook of tables) has nowhere to put footnotes: nothing is reported.
    """
    if not any(s.paragraphs for s in sections):
        return []
    texts = [s.heading for s in sections] + [p.text for s in sections for p in s.paragraphs]
    notes = {_number(m.group(1)) for text in texts if (m := _NOTE.match(text))}
    found = []
    for cell, text in _marked(sections):
        for match in _MARKER.finditer(text):
            number = _number(match.group())
            if number not in notes:
                found.append(prose_finding(
                    "RK604", "lint.footnote", Severity.WARNING, (cell,),
                    {"text": text[:200], "what_sv": f"Fotnotstecknet {match.group()} har ingen fotnot",
                     "what_en": f"Footnote marker {match.group()} has no footnote"}))
    return found


def _marked(sections: list[Section]):
    for section in sections:
        for paragraph in section.paragraphs:
            if not _NOTE.match(paragraph.text):
                yield paragraph_ref(paragraph, section.heading), paragraph.text
        for table in section.tables:
            for row in table.rows:
                for cell in (row.label, *row.cells):
                    if _MARKER.search(cell.text):
                        yield CellRef(table.title, row.label.text, table.corner, cell.text, cell.location), cell.text


def _number(marker: str) -> int:
    return int(marker.translate(_SUPERSCRIPT))
