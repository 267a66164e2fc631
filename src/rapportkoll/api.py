"""The Python API: check documents from a notebook or a pipeline and get one typed result."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Location, Report
from rapportkoll.records import Problem, RunResult, TableCheck


@dataclass(frozen=True)
class Summary:
    """Counts over all documents, as in the JSON report's summary."""

    suite: str
    files: tuple[str, ...]
    tables: int
    unchecked_tables: int
    errors: int
    warnings: int
    infos: int
    problems: int


@dataclass(frozen=True)
class Coverage:
    """How much of the documents the rules reached: tables no rule applies to, numbers no relation checks."""

    tables: int
    checked_tables: int
    unchecked_tables: int
    rules_applied: int
    checked_cells: int
    numeric_cells: int

    @property
    def share(self) -> float:
        """The share of numeric cells some relation checks (1.0 where there are none)."""
        return self.checked_cells / self.numeric_cells if self.numeric_cells else 1.0


@dataclass(frozen=True)
class Result:
    """Everything one check found: the summary, the findings, unreadable input and what was applied.

    ``tables`` holds each table's check: the rules applied to it (declared and discovered), the
    relations evaluated and the numeric cells none of them reaches.
    """

    summary: Summary
    findings: tuple[Finding, ...]
    problems: tuple[Problem, ...]
    tables: tuple[TableCheck, ...]
    coverage: Coverage

    @property
    def ok(self) -> bool:
        """True when nothing was unreadable and no finding is an error (the CLI's default exit 0)."""
        return not self.problems and self.summary.errors == 0

    def to_dataframe(self, lang: str = "en"):
        """One row a finding, one column a field; the first cell's location is spread over columns.

        ``cells`` lists every cell as 'row / column'; the suggested correction has its own columns.
        """
        import pandas as pd

        return pd.DataFrame([finding_record(f, lang) for f in self.findings], columns=COLUMNS)


_LOCATION_FIELDS = tuple(f.name for f in dataclasses.fields(Location))
COLUMNS = ("code", "name", "rule", "severity", "origin", "title", "message", "table", *_LOCATION_FIELDS,
           "row", "column", "text", "cells", "expected", "actual", "tolerance", "suggestion", "suggestion_row",
           "suggestion_column", "reason", "confidence", "tags")


def finding_record(finding: Finding, lang: str) -> dict[str, object]:
    """A finding as a flat mapping of COLUMNS (None where a field does not apply)."""
    first = finding.cells[0] if finding.cells else None
    location = first.location if first else finding.table_location
    suspect = finding.suspect
    return {
        "code": finding.code, "name": finding.type.name, "rule": finding.rule, "severity": finding.severity.value,
        "origin": finding.origin, "title": finding.title(lang), "message": finding.message(lang),
        "table": finding.table, **{name: getattr(location, name, None) for name in _LOCATION_FIELDS},
        "row": first.row if first else None, "column": first.column if first else None,
        "text": first.text if first else None, "cells": "; ".join(f"{c.row} / {c.column}" for c in finding.cells),
        "expected": finding.expected, "actual": finding.actual, "tolerance": finding.tolerance,
        "suggestion": suspect.proposed if suspect else None, "suggestion_row": suspect.cell.row if suspect else None,
        "suggestion_column": suspect.cell.column if suspect else None,
        "reason": suspect.reason if suspect else None, "confidence": suspect.confidence if suspect else None,
        "tags": " ".join(finding.type.tags),
    }


def check(paths: str | Path | Report | Iterable[str | Path | Report], suite: str | None = None,
          rules: Iterable[str | Path] = (), previous: str | Path | None = None, jobs: int = 1,
          unlinked: bool = False) -> Result:
    """Check one document or several (paths, or Reports already read) with a suite and extra rule folders.

    The suite is a bundled name or a YAML file (default: delårsrapport).
    ``previous`` is last period's report; ``jobs`` > 1 checks documents in parallel processes;
    ``unlinked`` keeps the claims of the text that could not be checked (the CLI's --show-unlinked). An
    invalid suite or rule pack raises `rapportkoll.params.PackError`; unreadable documents are
    listed in ``Result.problems``, and the others are still checked.
    """
    from rapportkoll.batch import check_files
    from rapportkoll.suites import load_suite

    one = isinstance(paths, (str, Path, Report))
    targets = [_target(p) for p in ([paths] if one else paths)]
    loaded = load_suite(suite, tuple(Path(r) for r in rules))
    run = check_files(targets, loaded, Path(previous) if previous else None, jobs, keep_reports=False)
    if not unlinked:
        run.set_aside_unlinked()
    return from_run(run)


def _target(item: str | Path | Report) -> Path | Report:
    return item if isinstance(item, Report) else Path(item)


def from_run(run: RunResult) -> Result:
    """The typed result of a run record: the one place that knows the record's fields.

    Applied rules and coverage are what the engine recorded per table (`RunResult.checks`); when the
    record grows, only this function changes.
    """
    summary = Summary(run.suite, tuple(run.paths), run.tables, run.unchecked, run.count(Severity.ERROR),
                      run.count(Severity.WARNING), run.count(Severity.INFO), len(run.problems))
    coverage = Coverage(run.tables, run.tables - run.unchecked, run.unchecked, sum(len(c.rules) for c in run.checks),
                        *run.coverage)
    return Result(summary, tuple(run.findings), tuple(run.problems), tuple(run.checks), coverage)
