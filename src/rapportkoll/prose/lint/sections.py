"""Lint of the document's sections: a numbered heading with nothing under it before its next sibling."""

from __future__ import annotations

from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Paragraph
from rapportkoll.prose.cite import paragraph_ref, prose_finding
from rapportkoll.prose.lint.contents import NUMBERED, depth
from rapportkoll.prose.lint.vocabulary import LintVocabulary
from rapportkoll.prose.sections import Section


def empty_sections(sections: list[Section], vocabulary: LintVocabulary) -> list[Finding]:
    """A numbered heading ('Mål 4', '2.3 Bakgrund') followed by the next heading of its own depth or a shallower
    one with no text or table between (info): its content was lost or never written. A heading followed by its
    first sub-heading ('2' then '2.1') is not empty; unnumbered headings carry no depth and are left alone."""
    found = []
    for section, following in zip(sections, sections[1:]):
        here, there = _depth(section.heading, vocabulary), _depth(following.heading, vocabulary)
        if section.place is None or section.paragraphs or section.tables or here is None or there is None:
            continue
        if there <= here:
            cell = paragraph_ref(Paragraph(section.heading, section.place), section.heading, 0, len(section.heading))
            found.append(prose_finding("RK610", "lint.empty-section", Severity.INFO, (cell,),
                                       {"text": section.heading[:200]}))
    return found


def _depth(heading: str, vocabulary: LintVocabulary) -> int | None:
    if vocabulary.goal_series.match(heading):
        return 1
    return depth(heading) if NUMBERED.match(heading) else None
