"""The text families as a suite chooses them: prose claims and document lint, with their severities."""

from __future__ import annotations

from rapportkoll.findings import Finding, with_severity
from rapportkoll.model import Report
from rapportkoll.prose.check import check_claims
from rapportkoll.prose.lint.document import lint


def check_prose(report: Report, families: tuple[str, ...] = ("prose", "lint"),
                severities: dict[str, str] | None = None) -> list[Finding]:
    """The prose and lint families' findings for a report, as a suite chooses them.

    ``severities`` maps a code ('RK601') or name ('lint.template-leftover') to a severity or 'off'.
    """
    findings: list[Finding] = []
    if "prose" in families:
        findings.extend(check_claims(report).findings)
    if "lint" in families:
        findings.extend(lint(report))
    return [f for f in (with_severity(f, severities or {}) for f in findings) if f is not None]
