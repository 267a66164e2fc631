"""Lint of the document's sections: a heading with nothing under it before its next sibling."""

from __future__ import annotations

from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Paragraph, Report
from rapportkoll.prose.cite import paragraph_ref, prose_finding
from rapportkoll.prose.lint.contents import NUMBERED, depth, key, listed_body
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
            found.append(_empty(Paragraph(section.heading, section.place)))
    return found


def empty_listed_headings(report: Report, vocabulary: LintVocabulary) -> list[Finding]:
    """An unnumbered heading the contents list after a sibling's numbered children ('1. Fortsätta utveckla …'),
    followed at once by the next listed heading, which its own lead-in follows ('Vi uppnår detta genom nämndmål:',
    the lead-in of two or more listed headings): a heading of its sibling's kind left empty (info). A heading listed
    after an unnumbered one ('Mål' before 'Fokusområde 1') or a series heading ('Fokusområde 2') opens its first
    child and is left alone."""
    body, keys, listed, leads = listed_body(report)
    after_children = {key(b.text) for a, b in zip(report.contents, report.contents[1:]) if NUMBERED.match(a.text)}
    return [_empty(body[i]) for i in range(len(body) - 2)
            if keys[i] in after_children and keys[i + 1] in listed and leads[keys[i + 2]] >= 2
            and not NUMBERED.match(body[i].text) and not vocabulary.goal_series.match(body[i].text)]


def _empty(heading: Paragraph) -> Finding:
    cell = paragraph_ref(heading, heading.text, 0, len(heading.text))
    return prose_finding("RK610", "lint.empty-section", Severity.INFO, (cell,), {"text": heading.text[:200]})


def _depth(heading: str, vocabulary: LintVocabulary) -> int | None:
    if vocabulary.goal_series.match(heading):
        return 1
    return depth(heading) if NUMBERED.match(heading) else None
