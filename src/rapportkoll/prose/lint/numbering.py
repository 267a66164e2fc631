"""Lint of numbered series: goals numbered 1, 2, 3, 5 leave the reader looking for goal 4."""

from __future__ import annotations

import re

from rapportkoll.findings import CellRef, Finding, Severity
from rapportkoll.model import Paragraph
from rapportkoll.prose.cite import paragraph_ref, prose_finding
from rapportkoll.prose.lint.vocabulary import LintVocabulary
from rapportkoll.prose.sections import Section

_NUMBERED = re.compile(r"^(\d{1,2})\.\s")


def numbering_gaps(sections: list[Section], vocabulary: LintVocabulary) -> list[Finding]:
    """Headings 'Mål 1', 'Mål 2', 'Mål 5' in one series: 3 and 4 are missing (warning). Numbered headings
    ('1. Upprätta …', '2. …') form a series that starts again at 1 under each goal."""
    series: dict[str, list[tuple[int, CellRef]]] = {}
    for heading, cell in _openings(sections):
        match = vocabulary.goal_series.match(heading)
        if match:
            series.setdefault(match.group(1), []).append((int(match.group(2)), cell))
    numbered = [(int(m.group(1)), paragraph_ref(Paragraph(s.heading, s.place), s.heading)) for s in sections
                if s.place is not None and (m := _NUMBERED.match(s.heading))]
    found = []
    for name, items in (*series.items(), ("", numbered)):
        for (a, _), (b, cell) in zip(items, items[1:]):
            if b > a + 1:
                missing = ", ".join(str(n) for n in range(a + 1, b))
                found.append(prose_finding("RK602", "lint.numbering-gap", Severity.WARNING, (cell,),
                                           {"series": name or "#", "missing": missing,
                                            "before": f"{name} {a}".strip(), "after": f"{name} {b}".strip()}))
    return found


def _openings(sections: list[Section]):
    """Headings and paragraphs that may open a numbered item ('Mål 5. Alingsås ska …' is too long for a heading)."""
    for section in sections:
        if section.place is not None:
            yield section.heading, paragraph_ref(Paragraph(section.heading, section.place), section.heading)
        for paragraph in section.paragraphs:
            yield paragraph.text, paragraph_ref(paragraph, section.heading)
