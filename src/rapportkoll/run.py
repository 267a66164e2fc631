"""One run of the checker over several documents: read each, check it, and record what happened."""

from __future__ import annotations

from pathlib import Path

from rapportkoll.findings import with_severity
from rapportkoll.model import Report
from rapportkoll.readers.errors import InputError
from rapportkoll.records import Problem, RunResult


def check_paths(paths: list[Path | Report], suite, previous: Path | None = None) -> RunResult:
    """Read and check each document (a Report already read is checked as it is); an unreadable one is
    recorded as a problem and skipped.

    With ``previous`` (last period's report), prior-period columns are compared with it too.
    """
    from rapportkoll.engine import check_report
    from rapportkoll.previous import compare_with_previous
    from rapportkoll.readers import read_report

    result = RunResult(suite.name, fail_on=suite.fail_on)
    old = None
    if previous is not None:
        try:
            old = read_report(previous)
        except InputError as error:
            result.problems.append(Problem(error.place, error.message_sv, error.message_en))
    for path in paths:
        result.paths.append(path.path if isinstance(path, Report) else str(path))
        try:
            report = path if isinstance(path, Report) else read_report(path)
        except InputError as error:
            result.problems.append(Problem(error.place, error.message_sv, error.message_en))
            continue
        result.problems.extend(Problem(p.location.describe(), p.message_sv, p.message_en) for p in report.problems)
        result.reports.append(report)
        checked = check_report(report, suite)
        result.checks.extend(checked.tables)
        result.findings.extend(checked.findings)
        if old is not None:
            found = (with_severity(f, suite.finding_severity) for f in compare_with_previous(report, old))
            result.findings.extend(f for f in found if f)
    return result
