"""Markdown for a pull-request comment (`--format markdown`): summary, findings table, details per table.

Every text from a report is escaped, so a '|' or '<' in a cell cannot break the table or inject HTML.
The table lists at most ``MAX_ROWS`` findings to stay within a comment's size limit.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import TextIO

from rapportkoll.findings import Finding, Severity
from rapportkoll.reporters.common import (REASONS, WORDS, expected_text, finding_path, place, primary_cell,
                                          primary_location, summary_line)
from rapportkoll.run import RunResult

MAX_ROWS = 100
_MARK = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def render(result: RunResult, stream: TextIO, lang: str) -> None:
    words = WORDS[lang]
    shown = [f for f in result.findings if f.severity is not Severity.INFO]
    stream.write(f"### rapportkoll: {summary_line(result, lang)}\n\n")
    if not shown and not result.problems:
        stream.write(f"{words['clean']}\n")
    if shown:
        _table(stream, shown[:MAX_ROWS], words, lang)
        if len(shown) > MAX_ROWS:
            stream.write(f"\n… +{len(shown) - MAX_ROWS} {words['more']} ({words['see_full']})\n")
        stream.write("\n")
        for (path, table), group in groupby(shown[:MAX_ROWS], key=lambda f: (finding_path(f), f.table)):
            _details(stream, path, table, list(group), words, lang)
    for problem in result.problems:
        stream.write(f"- **{_md(words['problems'])}:** {_md(problem.message(lang))}\n")
    unchecked = [f for f in result.findings if f.code == "RK901"]
    if unchecked:
        stream.write(f"\n<details><summary>{len(unchecked)} {_md(words['tables'])} "
                     f"{_md(words['unchecked'])}</summary>\n\n")
        for finding in unchecked:
            stream.write(f"- {_md(finding.message(lang))}\n")
        stream.write("\n</details>\n")


def _md(text: str) -> str:
    """Plain text safe in a Markdown table cell: punctuation escaped, line breaks flattened."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _table(stream: TextIO, findings: list[Finding], words: dict, lang: str) -> None:
    columns = ("severity", "code", "rule", "table", "cell", "text", "expected", "suggestion", "where")
    stream.write("| " + " | ".join(words[c].capitalize() for c in columns) + " |\n")
    stream.write("|" + "---|" * len(columns) + "\n")
    for finding in findings:
        cell = primary_cell(finding)
        location = primary_location(finding)
        row = [f"{_MARK[finding.severity]} {words[finding.severity.value]}", f"`{finding.code}`",
               f"`{finding.rule}`", _md(finding.table),
               _md(f"{cell.row} × {cell.column}") if cell else "",
               f"`{_code(cell.text)}`" if cell and cell.text else ("∅" if cell else ""),
               _md(expected_text(finding)), _suggestion(finding, lang),
               _md(_short(location, lang)) if location else ""]
        stream.write("| " + " | ".join(row) + " |\n")


def _code(text: str) -> str:
    """Text inside a code span: backticks and pipes cannot be escaped there, so they are replaced."""
    return " ".join(text.split()).replace("`", "ʼ").replace("|", "¦")


def _suggestion(finding: Finding, lang: str) -> str:
    if finding.suspect is None:
        return ""
    reason = REASONS[lang].get(finding.suspect.reason, finding.suspect.reason)
    value = f"**`{_code(finding.suspect.proposed)}`**" if finding.suspect.proposed else "∅"
    return f"{value} ({_md(reason)})" if finding.suspect.confidence == "exact" else f"{value}? ({_md(reason)})"


def _short(location, lang: str) -> str:
    name = location.path.replace("\\", "/").rsplit("/", 1)[-1]
    where = place(location, lang)
    return f"{name}: {where}" if where else name


def _details(stream: TextIO, path: str, table: str, findings: list[Finding], words: dict, lang: str) -> None:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    stream.write(f"<details><summary><b>{_md(table)}</b> · {_md(name)} ({len(findings)})</summary>\n\n")
    for finding in findings:
        stream.write(f"- {_MARK[finding.severity]} **{finding.code}** `{finding.rule}` — {_md(finding.title(lang))}  \n")
        stream.write(f"  {_md(finding.message(lang))}\n")
        suspect = finding.suspect.cell if finding.suspect else None
        for cell in finding.cells:
            marker = " ⟵" if cell == suspect else ""
            text = f"`{_code(cell.text)}`" if cell.text else "∅"
            stream.write(f"  - {_md(cell.row)} × {_md(cell.column)}: {text} "
                         f"({_md(place(cell.location, lang))}){marker}\n")
        if finding.suspect is not None:
            label = words["fix"] if finding.suspect.confidence == "exact" else words["hint"]
            stream.write(f"  - **{_md(label)}:** {_suggestion(finding, lang)}\n")
        for related in finding.related:
            stream.write(f"  - {_md(words['also'])} `{related.rule}`: {_md(related.message(lang))}\n")
    stream.write("\n</details>\n\n")
