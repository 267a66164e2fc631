"""Lint of the table of contents against the headings: an entry whose heading the document does not have, and a
heading the contents lack while they list its like (numbered alike, or led into the same way)."""

from __future__ import annotations

import re
from collections import Counter

from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Paragraph, Report
from rapportkoll.prose.cite import paragraph_ref, prose_finding
from rapportkoll.prose.sections import Section

_LEADER = re.compile(r"[.\s…]+$")  # the dot leaders between an entry and its page number
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")  # '2.1 Bakgrund', '3. Upprätta …'


def missing_headings(report: Report) -> list[Finding]:
    """Entries of the contents that name no heading or paragraph of the document (warning). A paragraph that
    begins with the entry has it: a PDF reader may run a heading set like its text into the first line."""
    texts = {key(p.text) for p in report.prose}
    return [_finding(entry, "", "Rubriken finns i innehållsförteckningen men inte i rapporten",
                     "The heading is in the table of contents but not in the report")
            for entry in report.contents if (k := key(entry.text)) and k not in texts
            and not any(t.startswith(k + " ") for t in texts)]


def unlisted_headings(report: Report, sections: list[Section]) -> list[Finding]:
    """Numbered headings after the contents that the contents lack, while they list headings numbered to the same
    depth (warning): the contents were made before the heading was added. An entry cut short by its page number
    still lists a heading it begins."""
    depths = {depth(e.text) for e in report.contents if NUMBERED.match(e.text)}
    if not depths:
        return []
    listed = [key(e.text) for e in report.contents]
    after = max((e.location.page or 0, e.location.line or 0) for e in report.contents)
    return [_finding(Paragraph(s.heading, s.place), s.heading, "Rubriken saknas i innehållsförteckningen",
                     "The heading is missing from the table of contents")
            for s in sections if s.place is not None and (s.place.page or 0, s.place.line or 0) > after
            and NUMBERED.match(s.heading) and depth(s.heading) in depths
            and not any(key(s.heading).startswith(k) or k.startswith(key(s.heading)) for k in listed if k)]


def unlisted_by_lead_in(report: Report) -> list[Finding]:
    """A paragraph the contents lack that leads into the same lead-in as two or more listed ones (warning):
    'Oavsett ålder ges möjlighet …' before 'Vi uppnår detta genom nämndmål:', which follows every listed goal, is
    a goal heading the contents missed. Text between a listed heading and its own lead-in is not a heading, a
    lead-in the contents list is a heading itself, and numbered headings are the numbering rule's."""
    body, keys, listed, leads = listed_body(report)
    return [_finding(body[i], "", "Rubriken saknas i innehållsförteckningen",
                     "The heading is missing from the table of contents")
            for i in range(1, len(body) - 1) if leads[keys[i + 1]] >= 2 and keys[i] not in listed
            and keys[i] not in leads and not NUMBERED.match(body[i].text) and _owns_lead(keys, i, listed, leads)]


def listed_body(report: Report) -> tuple[list[Paragraph], list[str], set[str], Counter]:
    """The paragraphs after the contents with their keys, the keys the contents list, and how often each unlisted
    paragraph follows a listed heading (its lead-in: 'Vi uppnår detta genom nämndmål:')."""
    listed = {key(e.text) for e in report.contents}
    if not listed:
        return [], [], listed, Counter()
    after = max((e.location.page or 0, e.location.line or 0) for e in report.contents)
    body = [p for p in report.prose if (p.location.page or 0, p.location.line or 0) > after]
    keys = [key(p.text) for p in body]
    return body, keys, listed, Counter(n for k, n in zip(keys, keys[1:]) if k in listed and n not in listed)


def _owns_lead(keys: list[str], i: int, listed: set[str], leads: Counter) -> bool:
    """The lead-in after paragraph ``i`` is not its listed heading's: another lead-in stands between them."""
    heading = next((j for j in range(i - 1, -1, -1) if keys[j] in listed), None)
    return heading is not None and any(keys[j] in leads for j in range(heading + 1, i))


def depth(heading: str) -> int:
    """How deep a number nests: '2' and '2.' are 1, '2.1' is 2."""
    return NUMBERED.match(heading).group(1).count(".") + 1


def _finding(where: Paragraph, heading: str, sv: str, en: str) -> Finding:
    return prose_finding("RK603", "lint.toc-mismatch", Severity.WARNING,
                         (paragraph_ref(where, heading, 0, len(where.text)),),
                         {"text": where.text, "what_sv": sv, "what_en": en})


def key(text: str) -> str:
    """A heading or contents entry compared without its dot leaders, spacing or case."""
    return " ".join(_LEADER.sub("", text).split()).casefold()
