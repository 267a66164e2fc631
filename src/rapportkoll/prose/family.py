"""The text families as a suite chooses them: prose claims and document lint, with their severities."""

from __future__ import annotations

from rapportkoll.findings import Finding, with_severity
from rapportkoll.model import Report
from rapportkoll.prose.check import check_claims
from rapportkoll.prose.lint.document import lint
from rapportkoll.prose.sections import build_sections


def check_prose(report: Report, families: tuple[str, ...] = ("prose", "lint"),
                severities: dict[str, str] | None = None) -> list[Finding]:
    """The prose and lint families' findings for a report, as a suite chooses them.

    ``severities`` maps a code ('RK601') or name ('lint.template-leftover') to a severity or 'off'.
    """
    findings: list[Finding] = []
    sections = build_sections(report) if "prose" in families or "lint" in families else []  # read once for both
    if "prose" in families:
        findings.extend(check_claims(report, sections=sections).findings)
    if "lint" in families:
        findings.extend(lint(report, sections))
    return [f for f in (with_severity(f, severities or {}) for f in findings) if f is not None]
