"""JSON report for CI (`--format json`): the stable contract of docs/schema/rapportkoll-report.schema.json."""

from __future__ import annotations

import json
from typing import TextIO

from rapportkoll.findings import Finding, Severity
from rapportkoll.records import RunResult, TableCheck

VERSION = 1


def render(result: RunResult, stream: TextIO, lang: str) -> None:
    document = {
        "version": VERSION,
        "summary": {
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
        },
        "tables": [table_dict(check) for check in result.checks],
        "findings": [finding_dict(f, lang) for f in result.findings],
        "problems": [{"place": p.place, "message": p.message(lang)} for p in result.problems],
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)  # in pieces: a long report's JSON is never whole
    stream.write("\n")


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
