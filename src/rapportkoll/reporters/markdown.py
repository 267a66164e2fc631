"""Markdown for a pull-request comment (`--format markdown`): summary, findings table, details per table.

Every text from a report is escaped, so a '|' or '<' in a cell cannot break the table or inject HTML.
The table lists at most ``MAX_ROWS`` findings to stay within a comment's size limit.
"""

from __future__ import annotations

import re
from html import escape
from itertools import groupby
from typing import TextIO

from rapportkoll.findings import Finding, Severity, Suggestion
from rapportkoll.reporters.common import (REASONS, WORDS, cited_text, expected_text, finding_path, place,
                                          primary_cell, primary_location, suggestion_label, summary_line)
from rapportkoll.records import RunResult

MAX_ROWS = 100
_MARK = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}
# What can start emphasis, code, links or HTML, or end a table cell; '(' and '!' matter only after '['.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LIST_START = re.compile(r"^(\d+)([.)])|^([-+#])")


def render(result: RunResult, stream: TextIO, lang: str) -> None:
    words = WORDS[lang]
    shown = [f for f in result.findings if f.use != "unchecked"]
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
    unchecked = [f for f in result.findings if f.use == "unchecked"]
    if unchecked:
        stream.write(f"\n<details><summary>{len(unchecked)} {escape(words['tables'])} "
                     f"{escape(words['unchecked'])}</summary>\n\n")
        for finding in unchecked:
            stream.write(f"- {_md(finding.message(lang))}\n")
        stream.write("\n</details>\n")


def _md(text: str) -> str:
    """Plain text safe in a Markdown table cell: punctuation escaped, line breaks flattened."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def _table(stream: TextIO, findings: list[Finding], words: dict, lang: str) -> None:
    columns = ("severity", "code", "rule", "table", "cell", "text", "expected", "suggestion", "where")
    stream.write("| " + " | ".join(words[c].capitalize() for c in columns) + " |\n")
    stream.write("|" + "---|" * len(columns) + "\n")
    for finding in findings:
        cell = primary_cell(finding)
        location = primary_location(finding)
        row = [f"{_MARK[finding.severity]} {words[finding.severity.value]}", f"`{finding.code}`",
               f"`{_code(finding.rule)}`", _md(finding.table),
               _md(f"{cell.row} × {cell.column}") if cell else "",
               (_md(cited_text(cell)) or "∅") if cell else "",
               _md(expected_text(finding)), _suggestion(finding.suspect, lang),
               _md(_short(location, lang)) if location else ""]
        stream.write("| " + " | ".join(row) + " |\n")


def _code(text: str) -> str:
    """An id in a code span, where nothing can be escaped: backticks and pipes are replaced."""
    return text.replace("`", "'").replace("|", "/")


def _suggestion(suggestion: Suggestion | None, lang: str) -> str:
    if suggestion is None:
        return ""
    reason = REASONS[lang].get(suggestion.reason, suggestion.reason)
    value = f"**{_md(suggestion.proposed)}**" if suggestion.proposed.strip() else "∅"
    return f"{value} ({_md(reason)})" if suggestion.confidence == "exact" else f"{value}? ({_md(reason)})"


def _short(location, lang: str) -> str:
    name = location.path.replace("\\", "/").rsplit("/", 1)[-1]
    where = place(location, lang)
    return f"{name}: {where}" if where else name


def _details(stream: TextIO, path: str, table: str, findings: list[Finding], words: dict, lang: str) -> None:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    # The summary line is HTML, where Markdown escapes would show: it is HTML-escaped instead.
    stream.write(f"<details><summary><b>{escape(table)}</b> · {escape(name)} ({len(findings)})</summary>\n\n")
    for finding in findings:
        stream.write(f"- {_MARK[finding.severity]} **{finding.code}** `{_code(finding.rule)}` — "
                     f"{_md(finding.title(lang))}  \n")
        stream.write(f"  {_md(finding.message(lang))}\n")
        suspect = finding.suspect.cell if finding.suspect else None
        for cell in finding.cells:
            marker = " ⟵" if cell == suspect else ""
            text = _md(cited_text(cell)) or "∅"
            stream.write(f"  - {_md(cell.row)} × {_md(cell.column)}: {text} "
                         f"({_md(place(cell.location, lang))}){marker}\n")
        if finding.suspect is not None:
            label = suggestion_label(finding.suspect, lang)
            stream.write(f"  - **{_md(label)}:** {_md(suspect.row)} × {_md(suspect.column)}: "
                         f"{_suggestion(finding.suspect, lang)}\n")
        for alternative in finding.alternatives:
            stream.write(f"  - {_md(words['alternative'])}: {_md(alternative.cell.row)} × "
                         f"{_md(alternative.cell.column)}: {_suggestion(alternative, lang)}\n")
        for related in finding.related:
            stream.write(f"  - {_md(words['also'])} `{_code(related.rule)}`: {_md(related.message(lang))}\n")
    stream.write("\n</details>\n\n")
