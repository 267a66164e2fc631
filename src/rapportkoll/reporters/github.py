"""GitHub Actions workflow commands (`--format github`): one annotation per finding.

`::error file=F,line=L,col=C,title=RK101 rule::message` — GitHub shows it on the line in the pull
request's diff and in the run's summary. ``col`` is the cell's tab-separated field. Cells without a
line (XLSX, Word, PDF) annotate the file and name the cell in the message.
"""

from __future__ import annotations

from typing import TextIO

from rapportkoll.findings import Finding, Severity
from rapportkoll.records import RunResult
from rapportkoll.reporters.common import primary_location, problem_path, suggestion_label, summary_line

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: RunResult, stream: TextIO, lang: str) -> None:
    for finding in result.findings:
        stream.write(_annotation(finding, lang) + "\n")
    for problem in result.problems:
        path = problem_path(problem, result.paths)
        properties = {"file": path} if path else {}
        stream.write(command("error", {**properties, "title": "rapportkoll"}, problem.message(lang)) + "\n")
    stream.write(f"rapportkoll: {summary_line(result, lang)}\n")


def command(name: str, properties: dict[str, object], message: str) -> str:
    """One workflow command line, its properties and message escaped as GitHub's toolkit does."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding, lang: str) -> str:
    location = primary_location(finding)
    properties: dict[str, object] = {}
    message = finding.message(lang)
    if location is not None:
        properties["file"] = location.path
        if location.line is not None:
            properties["line"] = location.line
            if location.field is not None:
                properties["col"] = location.field
        else:
            message = f"{location.describe()}: {message}"
    properties["title"] = f"{finding.code} {finding.rule}"
    if finding.suspect is not None:
        label = suggestion_label(finding.suspect, lang)
        cell = finding.suspect.cell
        message += f"\n{label}: {cell.row} × {cell.column}: {cell.text or '∅'} → {finding.suspect.proposed}"
    return command(_COMMAND[finding.severity], properties, message)
