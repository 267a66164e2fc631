"""Reporters format a RunResult; they never compute. One module per format, listed here."""

from __future__ import annotations

from importlib import import_module
from typing import Callable, TextIO

from rapportkoll.records import RunResult

Render = Callable[[RunResult, TextIO, str], None]

# Module names, imported on use so that `--format json` never pays for rich.
REPORTERS: dict[str, str] = {
    "rich": "rapportkoll.reporters.terminal",
    "json": "rapportkoll.reporters.json_report",
    "junit": "rapportkoll.reporters.junit",
    "sarif": "rapportkoll.reporters.sarif",
    "html": "rapportkoll.reporters.html",
    "markdown": "rapportkoll.reporters.markdown",
    "github": "rapportkoll.reporters.github",
    "codequality": "rapportkoll.reporters.codequality",
}
# Formats that print the documents' tables (RunResult.reports); for the others a batch keeps no reports.
SHOWS_TABLES = frozenset({"rich", "html"})


def renderer(name: str) -> Render:
    return import_module(REPORTERS[name]).render
