"""GitLab Code Quality report (`--format codequality`): the Code Climate JSON subset GitLab reads.

A JSON array with one issue a finding: ``description``, ``check_name`` ("RK101 investering.total"),
``fingerprint``, ``severity`` and ``location.path`` + ``location.lines.begin``. GitLab compares the
fingerprints of a merge request's report with those of its target branch to tell new findings
from fixed ones, so a fingerprint is built from what a finding is about (code, rule, file, table,
row and column labels of its cell), never from its line: an edit above a table keeps the
fingerprints below it. Unreadable input is an issue too ("blocker"), so nothing passes silently.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import TextIO

from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Location
from rapportkoll.records import RunResult
from rapportkoll.reporters.common import (finding_path, place, primary_cell, primary_location, problem_path,
                                          suggestion_label)

_SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}
_REF_ROW = re.compile(r"(\d+)$")


def render(result: RunResult, stream: TextIO, lang: str) -> None:
    keyed = [_issue(finding, lang) for finding in result.findings]
    for problem in result.problems:
        path = problem_path(problem, result.paths) or problem.place
        keyed.append((("unreadable", problem.place), {
            "description": problem.message(lang), "check_name": "rapportkoll.unreadable", "severity": "blocker",
            "location": {"path": path, "lines": {"begin": 1}}}))
    seen: Counter = Counter()
    for key, issue in keyed:  # equal keys (one cell breaking two relations) are told apart by their order
        seen[key] += 1
        issue["fingerprint"] = hashlib.sha256(json.dumps([*key, seen[key]], ensure_ascii=False).encode()).hexdigest()
    json.dump([issue for _, issue in keyed], stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _issue(finding: Finding, lang: str) -> tuple[tuple[str, ...], dict]:
    """The issue, and the key its fingerprint is made of."""
    location = primary_location(finding)
    cell = primary_cell(finding)
    description = finding.message(lang)
    if finding.suspect is not None:
        label = suggestion_label(finding.suspect, lang)
        description += f" ({label}: {finding.suspect.cell.text or '∅'} → {finding.suspect.proposed})"
    if location is not None and location.line is None:
        description = f"{place(location, lang)}: {description}"
    key = (finding.code, finding.rule, finding_path(finding), finding.table,
           cell.row if cell else "", cell.column if cell else "")
    return key, {"description": description, "check_name": f"{finding.code} {finding.rule}",
                 "severity": _SEVERITY[finding.severity],
                 "location": {"path": finding_path(finding), "lines": {"begin": line_of(location)}}}


def line_of(location: Location | None) -> int:
    """The line GitLab marks: the text line, the sheet row, the page, else the first line of the file."""
    if location is None:
        return 1
    if location.line is not None:
        return location.line
    if location.ref and (match := _REF_ROW.search(location.ref)):
        return int(match[1])
    return location.page or 1
