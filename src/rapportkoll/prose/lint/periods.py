"""Lints of the report's period: 'Årets resultat' in an interim report, and years that are not the report's."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from rapportkoll.findings import CellRef, Finding, Severity
from rapportkoll.prose.cite import paragraph_ref, prose_finding
from rapportkoll.prose.lint.vocabulary import LintVocabulary
from rapportkoll.prose.sections import Section

_YEAR_OWN = re.compile(r"\b(20\d\d) års\b")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_COMPARISON = re.compile(r"\b(?:jämfört|jämförelse|föregående|tidigare|fjolåret|än)\b", re.IGNORECASE)
_OPENING = 6  # an interim report says so in its title, within its first headings


def _texts(sections: list[Section], wanted: Callable[[str], object]) -> Iterator[tuple[str, CellRef]]:
    """Every paragraph and every row label ``wanted`` accepts, with how a finding cites it (made only for
    those: a long table's labels are 10⁵ texts)."""
    for section in sections:
        for paragraph in section.paragraphs:
            if wanted(paragraph.text):
                yield paragraph.text, paragraph_ref(paragraph, section.heading)
        for table in section.tables:
            for row in table.rows:
                if wanted(row.label.text):
                    yield row.label.text, CellRef(table.title, row.label.text, table.corner, row.label.text,
                                                  row.label.location)


def _names_a_years_own(text: str) -> bool:
    """Whether a text may name '<year> års …' (`_YEAR_OWN` needs the words; most texts have none)."""
    return " års" in text and _YEAR_OWN.search(text) is not None


def is_interim(sections: list[Section], vocabulary: LintVocabulary) -> bool:
    """The report calls itself interim in its title: one of its first headings (not a paragraph that merely
    mentions the last delårsrapport)."""
    return any(vocabulary.interim.search(s.heading) for s in sections[:_OPENING])


def year_labels(sections: list[Section], vocabulary: LintVocabulary) -> list[Finding]:
    """'Årets resultat' in a delårsrapport: the figure is the period's, and a reader may take it for the year's."""
    if not is_interim(sections, vocabulary):
        return []
    return [prose_finding("RK605", "lint.period-label", Severity.WARNING, (cell,), {"text": text[:200]})
            for text, cell in _texts(sections, vocabulary.year_label.search)]


def report_year(sections: list[Section]) -> int | None:
    """The year the report is about: the year its table headers name most often (the newest of equals), else
    its first dated heading's. Targets ('Mål 2026') and earlier years are named less often than the current one."""
    years = Counter(int(y) for s in sections for t in s.tables for c in t.columns for y in _YEAR.findall(c))
    if years:
        return max(years, key=lambda y: (years[y], y))
    heading = next((s.heading for s in sections if _YEAR.search(s.heading)), "")
    return int(_YEAR.search(heading).group(1)) if heading else None


def foreign_years(sections: list[Section]) -> list[Finding]:
    """'2022 års klimatlöften' in a 2023 report: a text that may not have been updated (info)."""
    year = report_year(sections)
    if year is None:
        return []
    found = []
    for text, cell in _texts(sections, _names_a_years_own):
        if _COMPARISON.search(text):
            continue  # "jämfört med 2021 års resultat" names an earlier year on purpose
        for match in _YEAR_OWN.finditer(text):
            if int(match.group(1)) < year:
                found.append(prose_finding("RK606", "lint.foreign-year", Severity.INFO, (cell,),
                                           {"text": text[:200], "year": match.group(1), "report_year": str(year)}))
    return found
