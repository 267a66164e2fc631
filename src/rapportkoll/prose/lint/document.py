"""The document lint as one run: every lint family over the report's sections, tables and contents."""

from __future__ import annotations

from rapportkoll.findings import Finding
from rapportkoll.model import Report
from rapportkoll.prose.lint import contents, footnotes, numbering, periods, sections, tables, text
from rapportkoll.prose.lint.vocabulary import default_lint_vocabulary
from rapportkoll.prose.sections import Section, build_sections


def lint(report: Report, parts: list[Section] | None = None) -> list[Finding]:
    """The document lint: template text, numbering, footnotes, period labels, units, repeats, contents, empty
    tables and sections (over ``parts``, the report's sections, where the caller has built them)."""
    vocabulary = default_lint_vocabulary()
    parts = build_sections(report) if parts is None else parts
    return (text.template_leftovers(parts, vocabulary) + text.repeated_sentences(parts)
            + numbering.numbering_gaps(parts, vocabulary) + footnotes.orphan_markers(parts)
            + periods.year_labels(parts, vocabulary) + periods.foreign_years(parts)
            + tables.tables_without_unit(report.tables, vocabulary) + tables.empty_tables(report.tables)
            + contents.missing_headings(report) + contents.unlisted_headings(report, parts)
            + contents.unlisted_by_lead_in(report)
            + sections.empty_sections(parts, vocabulary) + sections.empty_listed_headings(report, vocabulary))
