"""The per-file summary table that ends a terminal report of several documents."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.table import Table as RichTable

from rapportkoll.reporters.common import finding_path, problem_path
from rapportkoll.records import RunResult

_HEADINGS = {"sv": ("Fil", "Tabeller", "Fel", "Varningar", "Info", "Kunde inte läsas"),
             "en": ("File", "Tables", "Errors", "Warnings", "Infos", "Unreadable")}
_STYLES = (None, None, "bold red", "yellow", "dim", "bold red")


def render_file_summary(result: RunResult, stream: TextIO, lang: str) -> None:
    """One row a file, in the order checked: how many tables, findings by severity and read problems."""
    console = Console(file=stream, highlight=False, soft_wrap=False,
                      width=None if getattr(stream, "isatty", lambda: False)() else 120)
    table = RichTable(title="Per fil" if lang == "sv" else "Per file", title_justify="left")
    for number, (heading, style) in enumerate(zip(_HEADINGS[lang], _STYLES)):
        table.add_column(heading, justify="right" if number else "left", style=style, overflow="fold")
    tables = Counter(check.path for check in result.checks)
    found = Counter((finding_path(f), f.severity.value) for f in result.findings)
    problems = Counter(problem_path(p, result.paths) for p in result.problems)
    for path in result.paths:
        counts = [found[path, severity] for severity in ("error", "warning", "info")]
        table.add_row(path, *map(str, (tables[path], *counts, problems[path])))
    console.print(table)
