"""JSON report for CI (`--format json`): the stable contract of docs/schema/rapportkoll-report.schema.json."""

from __future__ import annotations

import json
from typing import Iterable, TextIO

from rapportkoll.findings import Finding, Severity
from rapportkoll.records import RunResult, TableCheck

VERSION = 1


def render(result: RunResult, stream: TextIO, lang: str) -> None:
    """Write the report, member by member: a long report's JSON is never whole.

    Texts made beforehand in ``lang`` by ``prerender`` (in a batch worker) are written as they are.
    """
    tables = [text for made_in, text in result.json_tables if made_in == lang]
    if len(tables) != len(result.checks):
        tables = [_text(table_dict(check), 2) for check in result.checks]
    stream.write(f'{{\n  "version": {VERSION},\n  "summary": {_text(_summary(result), 1)},\n  "tables": ')
    _list(stream, tables)
    stream.write(',\n  "findings": ')
    _list(stream, (result.json_findings.get((f, lang)) or _text(finding_dict(f, lang), 2) for f in result.findings))
    problems = [{"place": p.place, "message": p.message(lang)} for p in result.problems]
    stream.write(f',\n  "problems": {_text(problems, 1)}\n}}\n')


def prerender(result: RunResult, lang: str) -> None:
    """Make each table's and finding's text as ``render`` writes it, into ``result``.

    A batch worker does this for its file, so that the main process, which would otherwise encode a whole
    batch's JSON alone (pure Python with indentation: ~0.1 s for 200 documents) while the workers wait,
    only writes the texts in order.
    """
    result.json_tables = [(lang, _text(table_dict(check), 2)) for check in result.checks]
    result.json_findings = {(finding, lang): _text(finding_dict(finding, lang), 2) for finding in result.findings}


def _summary(result: RunResult) -> dict[str, object]:
    return {
        "suite": result.suite,
        "files": result.paths,
        "tables": result.tables,
        "unchecked_tables": result.unchecked,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "infos": result.count(Severity.INFO),
        "problems": len(result.problems),
        "checked_cells": result.coverage[0],
        "numeric_cells": result.coverage[1],
        "unlinked_claims": result.unlinked_claims,
    }


def _text(value: object, level: int) -> str:
    """``value`` as ``json.dump(..., indent=2)`` writes it ``level`` levels into a document (a string in JSON
    holds no line break of its own: each is the layout's)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


def _list(stream: TextIO, texts: Iterable[str]) -> None:
    """A list of a document's member, its items' texts given, as ``json.dump`` writes it ('[]' when empty)."""
    empty = True
    for text in texts:
        stream.write(",\n    " if not empty else "[\n    ")
        stream.write(text)
        empty = False
    stream.write("[]" if empty else "\n  ]")


def table_dict(check: TableCheck) -> dict[str, object]:
    return {
        "path": check.path,
        "table": check.table,
        "location": check.location.as_dict() if check.location else None,
        "rules": [{"rule": r.rule, "pack": r.pack, "origin": r.origin} for r in check.rules],
        "declined": [{"pack": pack, "reason": reason} for pack, reason in check.declined],
        "numeric_cells": check.numeric_cells,
        "checked_cells": check.checked_cells,
        "uncovered": [cell.as_dict() for cell in check.uncovered],
    }


def finding_dict(finding: Finding, lang: str) -> dict[str, object]:
    messages = {"sv": finding.message("sv"), "en": finding.message("en")}  # each worded once
    return {
        "code": finding.code,
        "name": finding.type.name,
        "rule": finding.rule,
        "title": finding.title(lang),
        "severity": finding.severity.value,
        "origin": finding.origin,
        "message": messages[lang] if lang in messages else finding.message(lang),
        "messages": messages,
        "table": finding.table,
        "table_location": finding.table_location.as_dict() if finding.table_location else None,
        "cells": [c.as_dict() for c in finding.cells],
        "expected": finding.expected,
        "actual": finding.actual,
        "tolerance": finding.tolerance,
        "suspect": finding.suspect.as_dict() if finding.suspect else None,
        "alternatives": [a.as_dict() for a in finding.alternatives],
        "related": [finding_dict(r, lang) for r in finding.related],
        "tags": list(finding.type.tags),
    }
