"""rapportkoll: rounding-aware consistency checks for the tables of Swedish municipal reports."""

from __future__ import annotations

from pathlib import Path

from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Report

__all__ = ["Finding", "Report", "Severity", "check"]
__version__ = "0.1.0"


def check(report: str | Path | Report, suite: str | None = None, rules: tuple[Path, ...] = ()) -> list[Finding]:
    """Check a document (path) or an already read Report with a suite (default: delårsrapport)."""
    from rapportkoll.engine import check_report
    from rapportkoll.readers import read_report
    from rapportkoll.suites import load_suite

    if not isinstance(report, Report):
        report = read_report(Path(report))
    return check_report(report, load_suite(suite, tuple(rules))).findings
