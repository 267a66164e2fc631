"""SARIF 2.1.0 (`--format sarif`): findings as static-analysis results for code-review tools.

The rules are the finding catalogue (id = code); each result carries its pack rule id in its
properties. A text-export cell becomes a physical location with ``startLine`` = line and
``startColumn`` = field (the tab-separated field number, not a character column: readers do not
keep character offsets). Cells without a line (XLSX, Word, PDF) become logical locations.
"""

from __future__ import annotations

import json
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import TextIO
from urllib.parse import quote

from rapportkoll import __version__
from rapportkoll.catalog import FINDING_TYPES
from rapportkoll.findings import CellRef, Finding, Severity
from rapportkoll.model import Location
from rapportkoll.reporters.common import failures, primary_cell, problem_path
from rapportkoll.records import RunResult

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_LANGUAGE = {"sv": "sv-SE", "en": "en-US"}
_CODES = list(FINDING_TYPES)


def render(result: RunResult, stream: TextIO, lang: str) -> None:
    artifacts = list(dict.fromkeys(result.paths))
    run = {
        "tool": {"driver": _driver(result, lang)},
        "invocations": [_invocation(result, artifacts, lang)],
        "language": _LANGUAGE[lang],
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": {"uri": uri(path)}, "roles": ["analysisTarget"]} for path in artifacts],
        "results": [_result(f, artifacts, lang) for f in result.findings],
        "properties": {"suite": result.suite, "tables": result.tables},
    }
    json.dump({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def uri(path: str) -> str:
    """A path as a URI reference: relative paths stay relative (to the repository root), '/'-separated."""
    pure: PurePath = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), safe="/")


def _driver(result: RunResult, lang: str) -> dict:
    rules_by_code: dict[str, set[str]] = {code: set() for code in _CODES}
    for finding in result.findings:
        for failure in failures(finding):
            rules_by_code[failure.code].add(failure.rule)
    return {
        "name": "rapportkoll",
        "version": __version__,
        "language": _LANGUAGE[lang],
        "rules": [{"id": t.code, "name": t.name, "shortDescription": {"text": t.title(lang)},
                   "properties": {"tags": list(t.tags), "rules": sorted(rules_by_code[t.code])}}
                  for t in FINDING_TYPES.values()],
    }


def _invocation(result: RunResult, artifacts: list[str], lang: str) -> dict:
    notifications = []
    for problem in result.problems:
        notification: dict = {"level": "error", "message": {"text": problem.message(lang)}}
        path = problem_path(problem, result.paths)
        if path is not None:
            notification["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(path, artifacts)}}]
        notifications.append(notification)
    return {"executionSuccessful": not result.problems, "toolExecutionNotifications": notifications}


def _result(finding: Finding, artifacts: list[str], lang: str) -> dict:
    primary = primary_cell(finding)
    locations = [_cell_location(primary, artifacts)] if primary else []
    if primary is None and finding.table_location is not None:
        locations = [_location(finding.table_location, artifacts, finding.table, finding.table, "")]
    related = [c for c in finding.cells if c != primary]
    sarif: dict = {
        "ruleId": finding.code,
        "ruleIndex": _CODES.index(finding.code),
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message(lang)},
        "locations": locations,
        "properties": _properties(finding, lang),
    }
    if related:
        sarif["relatedLocations"] = [{"id": n, **_cell_location(c, artifacts)} for n, c in enumerate(related, 1)]
    return sarif


def _properties(finding: Finding, lang: str) -> dict:
    properties: dict = {"rule": finding.rule, "title": finding.title(lang), "table": finding.table,
                        "origin": finding.origin, "tags": list(finding.type.tags)}
    for name in ("expected", "actual", "tolerance"):
        if getattr(finding, name) is not None:
            properties[name] = getattr(finding, name)
    if finding.suspect is not None:
        properties["suggestion"] = {"text": finding.suspect.proposed, "reason": finding.suspect.reason,
                                    "confidence": finding.suspect.confidence,
                                    "cell": {"row": finding.suspect.cell.row, "column": finding.suspect.cell.column,
                                             "text": finding.suspect.cell.text}}
    if finding.related:
        properties["related"] = [{"code": f.code, "rule": f.rule, "message": f.message(lang)}
                                 for f in finding.related]
    return properties


def _cell_location(cell: CellRef, artifacts: list[str]) -> dict:
    return _location(cell.location, artifacts, cell.table, f"{cell.row} × {cell.column}", cell.text)


def _location(location: Location, artifacts: list[str], table: str, name: str, text: str) -> dict:
    physical: dict = {"artifactLocation": _artifact(location.path, artifacts)}
    if location.line is not None:
        physical["region"] = {"startLine": location.line, **({"startColumn": location.field} if location.field else {})}
    logical = {"name": name, "fullyQualifiedName": f"{table} / {name}", "decoratedName": location.describe(),
               "kind": "element", "properties": {k: v for k, v in location.as_dict().items() if k != "path"}}
    sarif = {"physicalLocation": physical, "logicalLocations": [logical]}
    if text:
        sarif["message"] = {"text": f"{name}: {text}"}
    return sarif


def _artifact(path: str, artifacts: list[str]) -> dict:
    artifact: dict = {"uri": uri(path)}
    if path in artifacts:
        artifact["index"] = artifacts.index(path)
    return artifact
