"""One run of the checker over several documents: the data every reporter formats."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Location, Report
from rapportkoll.readers.errors import InputError


@dataclass(frozen=True)
class Problem:
    """Input that could not be read (exit code 2); the other documents and tables are still checked."""

    place: str
    message_sv: str
    message_en: str

    def message(self, lang: str) -> str:
        return f"{self.place}: {self.message_sv if lang == 'sv' else self.message_en}"


@dataclass(frozen=True)
class Checked:
    """A rule applied to a table: what JUnit and coverage reports count as a test case."""

    path: str
    table: str
    rule: str
    table_location: Location | None = None


@dataclass
class RunResult:
    suite: str
    paths: list[str] = field(default_factory=list)
    tables: int = 0
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    checked: list[Checked] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def unchecked(self) -> int:
        return sum(1 for f in self.findings if f.code == "RK901")

    def exit_code(self, fail_on: str) -> int:
        """2 for unreadable input, 1 for findings at or above ``fail_on``, else 0."""
        if self.problems:
            return 2
        if fail_on == "never":
            return 0
        threshold = Severity(fail_on).rank
        return int(any(f.severity.rank >= threshold for f in self.findings))


def _rule_ids(pack) -> list[str]:
    """The rules a pack applies, including its column expectations (findings name them '<pack>.schema')."""
    return [rule.id for rule in pack.rules] + ([f"{pack.name}.schema"] if pack.schema else [])


def check_paths(paths: list[Path], suite, previous: Path | None = None) -> RunResult:
    """Read and check each document; an unreadable one is recorded as a problem and skipped.

    With ``previous`` (last period's report), prior-period columns are compared with it too.
    """
    from rapportkoll.engine import check_report, matching_packs
    from rapportkoll.previous import compare_with_previous
    from rapportkoll.readers import read_report

    result = RunResult(suite.name)
    old = None
    if previous is not None:
        try:
            old = read_report(previous)
        except InputError as error:
            result.problems.append(Problem(error.place, error.message_sv, error.message_en))
    for path in paths:
        result.paths.append(str(path))
        try:
            report = read_report(path)
        except InputError as error:
            result.problems.append(Problem(error.place, error.message_sv, error.message_en))
            continue
        result.problems.extend(Problem(p.location.describe(), p.message_sv, p.message_en) for p in report.problems)
        result.reports.append(report)
        result.tables += len(report.tables)
        result.findings.extend(check_report(report, suite))
        if old is not None:
            result.findings.extend(compare_with_previous(report, old))
        result.checked.extend(Checked(str(path), table.title, rule_id, table.location) for table in report.tables
                              for pack, _ in matching_packs(table, suite) for rule_id in _rule_ids(pack))
    return result
