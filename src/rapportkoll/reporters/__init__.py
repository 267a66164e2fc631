"""Reporters format a RunResult; they never compute. One module per format, listed here."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class RenderAhead:
    """What is rendered of a file's result for the reports the run writes where the file is checked (in a batch,
    a worker): the terminal report's blocks (with the main process's console ``look``, a ``blocks.Look``) and the
    JSON report's texts (``json``: worth it only where workers check the files). The main process then only
    writes them in order."""

    lang: str
    look: object | None = None
    json: bool = False

    def __call__(self, result: RunResult) -> None:
        if self.look is not None:
            from rapportkoll.reporters.blocks import prerender

            prerender(result, self.lang, self.look)
        if self.json:
            from rapportkoll.reporters.json_report import prerender

            prerender(result, self.lang)
