"""One run of the checker over several documents: read each, check it, and record what happened."""

from __future__ import annotations

from pathlib import Path

from rapportkoll.findings import with_severity
from rapportkoll.model import Report
from rapportkoll.readers.errors import InputError
from rapportkoll.records import Problem, RunResult


def check_paths(paths: list[Path | Report], suite, previous: Path | None = None) -> RunResult:
    """Read and check each document within its budget (``bounds``); what stops one is a problem of that file.
    A Report already read is checked as it is.

    The other documents are still checked, and the tables checked before a budget ran out keep their
    findings. With ``previous`` (last period's report), prior-period columns are compared with it too.
    """
    from rapportkoll.guard import within_budget
    from rapportkoll.readers import read_report

    result = RunResult(suite.name, fail_on=suite.fail_on)
    old: list[Report] = []
    if previous is not None:
        _record(result, within_budget(str(previous), lambda: old.append(read_report(previous))))
    for path in paths:
        result.paths.append(path.path if isinstance(path, Report) else str(path))
        start = len(result.findings)
        _record(result, within_budget(result.paths[-1], lambda: _check_one(path, suite, old[0] if old else None,
                                                                          result)))
        result.findings[start:] = sorted(result.findings[start:], key=lambda f: f.sort_key)
    return result


def _record(result: RunResult, error: InputError | None) -> None:
    if error is not None:
        result.problems.append(Problem(error.place, error.message_sv, error.message_en))


def _check_one(path: Path | Report, suite, old: Report | None, result: RunResult) -> None:
    """Read one document and record its tables' checks and findings into ``result`` table by table."""
    from rapportkoll.engine import document_findings, table_checks
    from rapportkoll.previous import compare_with_previous
    from rapportkoll.readers import read_report

    report = path if isinstance(path, Report) else read_report(path)
    result.problems.extend(Problem(p.location.describe(), p.message_sv, p.message_en) for p in report.problems)
    result.reports.append(report)
    for check, findings in table_checks(report, suite):
        result.checks.append(check)
        result.findings.extend(findings)
    result.findings.extend(document_findings(report, suite))
    if old is not None:
        found = (with_severity(f, suite.finding_severity) for f in compare_with_previous(report, old))
        result.findings.extend(f for f in found if f)
