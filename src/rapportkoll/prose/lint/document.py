"""The document lint as one run: every lint family over the report's sections, tables and contents."""

from __future__ import annotations

from rapportkoll.findings import Finding
from rapportkoll.model import Report
from rapportkoll.prose.lint import contents, footnotes, numbering, periods, tables, text
from rapportkoll.prose.lint.vocabulary import default_lint_vocabulary
from rapportkoll.prose.sections import build_sections


def lint(report: Report) -> list[Finding]:
    """The document lint: template text, numbering, footnotes, period labels, units, repeats, empty tables."""
    vocabulary = default_lint_vocabulary()
    sections = build_sections(report)
    return (text.template_leftovers(sections, vocabulary) + text.repeated_sentences(sections)
            + numbering.numbering_gaps(sections, vocabulary) + footnotes.orphan_markers(sections)
            + periods.year_labels(sections, vocabulary) + periods.foreign_years(sections)
            + tables.tables_without_unit(report.tables, vocabulary) + tables.empty_tables(report.tables)
            + contents.missing_headings(report))
