"""Rich terminal report: findings grouped by table, with cells, expected vs actual and the likely fix."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from rapportkoll.findings import Finding, Severity
from rapportkoll.numbers import format_number
from rapportkoll.reporters.common import REASONS, WORDS, cited_text, counted, coverage_text
from rapportkoll.records import RunResult

_MAX_CELLS = 6
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}
# The shared words, with the few the terminal words differently (headings are capitalized here).
_WORDS = {lang: {**WORDS[lang], **extra} for lang, extra in {
    "sv": {"unlinked": "påståenden i texten kunde inte knytas (--show-unlinked)",
           "difference": "skillnad", "or": "eller", "unchecked": "Okontrollerade tabeller",
           "uncovered": "Tal som inget samband kontrollerar",
           "problems": "Kunde inte läsas"},
    "en": {"unlinked": "text claims could not be linked (--show-unlinked)",
           "difference": "difference", "or": "or", "unchecked": "Unchecked tables",
           "uncovered": "Numbers no relation checks",
           "problems": "Could not be read"},
}.items()}


def render(result: RunResult, stream: TextIO, lang: str) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=False, width=_width(stream))
    words = _WORDS[lang]
    shown = [f for f in result.findings if f.severity is not Severity.INFO]
    for (path, table), group in groupby(shown, key=lambda f: (_path(f), f.table)):
        console.rule(Text(f"{table}  ·  {path}", style="bold"), align="left")
        for finding in group:
            _finding(console, finding, lang, words)
            if finding.suspect:
                _context(console, result, finding)
            console.print()
    _unchecked(console, result, words)
    _uncovered(console, result, words)
    for problem in result.problems:
        console.print(Text(f"{words['problems']}: {problem.message(lang)}", style="bold red"))
    _summary(console, result, lang)


def _width(stream: TextIO) -> int | None:
    return None if getattr(stream, "isatty", lambda: False)() else 120


def _path(finding: Finding) -> str:
    location = finding.cells[0].location if finding.cells else finding.table_location
    return location.path if location else ""


def _finding(console: Console, finding: Finding, lang: str, words: dict) -> None:
    head = Text()
    head.append(f" {words[finding.severity.value].upper()} ", style=f"reverse {_STYLE[finding.severity]}")
    head.append(f" {finding.code} ", style="bold")
    head.append(f"{finding.rule}  ", style="cyan")
    head.append(finding.title(lang), style="bold")
    console.print(head)
    console.print(Text("   " + finding.message(lang)))
    if finding.cells:
        console.print(_cells_table(finding, words), style="")
    if finding.expected is not None and finding.actual is not None:
        console.print(Text("   " + _numbers_line(finding, words), style="dim"))
    for related in finding.related:
        console.print(Text(f"   + {related.rule}: {related.message(lang)}", style="dim"))
    if finding.suspect:
        suspect = finding.suspect
        label = words["fix"] if suspect.confidence in ("exact", "likely") else words["hint"]
        line = Text(f"   → {label}: ", style="green")
        line.append(f"{suspect.cell.row} × {suspect.cell.column}: ", style="green")
        line.append(f"{suspect.cell.text or '∅'} → {suspect.proposed}", style="bold green")
        line.append(f"  ({REASONS[lang].get(suspect.reason, suspect.reason)})", style="green")
        console.print(line)
    for other in finding.alternatives:
        console.print(Text(f"     {words['or']} {other.cell.row} × {other.cell.column}: "
                           f"{other.cell.text or '∅'} → {other.proposed}", style="green"))


def _context(console: Console, result: RunResult, finding: Finding) -> None:
    """The table around the suspect cell, the suspect highlighted with its suggestion beside it."""
    found = _locate_cell(result, finding.suspect.cell.location)
    if found is None:
        return
    table, i, j = found
    rows = range(max(0, i - 2), min(len(table.rows), i + 3))
    columns = range(max(0, j - 2), min(len(table.columns), j + 3))
    grid = RichTable(box=None, padding=(0, 2), pad_edge=False, header_style="dim", show_edge=False)
    grid.add_column("   " + (table.corner or ""), overflow="ellipsis", min_width=22, max_width=40, style="dim")
    for c in columns:
        grid.add_column(table.columns[c], justify="right", overflow="ellipsis", no_wrap=True)
    for r in rows:
        cells = []
        for c in columns:
            text = table.rows[r].cells[c].text or "∅"
            if (r, c) == (i, j):
                cells.append(Text(f"{text} → {finding.suspect.proposed}", style="bold magenta"))
            else:
                cells.append(Text(text))
        grid.add_row("   " + table.rows[r].label.text, *cells)
    console.print(grid)


def _locate_cell(result: RunResult, location) -> tuple | None:
    for report in result.reports:
        if report.path != location.path:
            continue
        for table in report.tables:
            for i, row in enumerate(table.rows):
                for j, cell in enumerate(row.cells):
                    if cell.location == location:
                        return table, i, j
    return None


def _cells_table(finding: Finding, words: dict) -> RichTable:
    grid = RichTable(show_edge=False, box=None, padding=(0, 2), pad_edge=False, header_style="dim")
    grid.add_column("   " + words["row"], overflow="fold", max_width=48)
    grid.add_column(words["column"], overflow="fold", max_width=28)
    grid.add_column(words["text"], justify="right")
    grid.add_column(words["where"], style="dim")
    suspect = finding.suspect.cell if finding.suspect else None
    cells = list(finding.cells)
    if len(cells) > _MAX_CELLS:  # long sums: the total, the suspect and the first parts say enough
        keep = cells[: _MAX_CELLS - 1] + ([suspect] if suspect in cells[_MAX_CELLS - 1:] else [])
        hidden = len(cells) - len(keep)
        cells = keep
    else:
        hidden = 0
    for cell in cells:
        style = "bold magenta" if cell == suspect else ""
        where = cell.location.describe().rsplit("/", 1)[-1]
        grid.add_row("   " + cell.row, cell.column, Text(cited_text(cell) or "∅", style=style), where)
    if hidden:
        grid.add_row(f"   … +{hidden}", "", "", "")
    return grid


def _numbers_line(finding: Finding, words: dict) -> str:
    decimals = 2 if any(abs(v - round(v)) > 1e-9 for v in (finding.expected, finding.actual)) else 0
    parts = [f"{words['expected']} {format_number(finding.expected, decimals)}",
             f"{words['actual']} {format_number(finding.actual, decimals)}",
             f"{words['difference']} {format_number(finding.actual - finding.expected, decimals)}"]
    if finding.tolerance:
        parts.append(f"{words['tolerance']} ±{format_number(finding.tolerance, 3 if finding.tolerance < 1 else 1)}")
    return " · ".join(parts)


def _unchecked(console: Console, result: RunResult, words: dict) -> None:
    unchecked = [f for f in result.findings if f.code == "RK901"]
    if unchecked:
        console.print(Text(f"{words['unchecked']} ({len(unchecked)}):", style="dim bold"))
        for finding in unchecked:
            where = finding.table_location.describe() if finding.table_location else ""
            console.print(Text(f"   {finding.table}  ({where})", style="dim"))
        console.print()


def _uncovered(console: Console, result: RunResult, words: dict) -> None:
    """Per checked table, the numbers no relation involves: unchecked, though not wrong."""
    partial = [c for c in result.checks if c.rules and c.uncovered]
    if not partial:
        return
    console.print(Text(f"{words['uncovered']}:", style="dim bold"))
    for check in partial:
        cells = "; ".join(f"{c.row} × {c.column}" for c in check.uncovered[:_MAX_CELLS])
        more = len(check.uncovered) - _MAX_CELLS
        tail = f" (+{more} {words['more']})" if more > 0 else ""
        console.print(Text(f"   {check.table}: {len(check.uncovered)}/{check.numeric_cells} · {cells}{tail}",
                           style="dim"))
    console.print()


def _summary(console: Console, result: RunResult, lang: str) -> None:
    words = _WORDS[lang]
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    line = Text()
    line.append(counted(errors, "errors", lang), style="bold red" if errors else "green")
    line.append(", ")
    line.append(counted(warnings, "warnings", lang), style="yellow" if warnings else "green")
    line.append(f", {counted(result.count(Severity.INFO), 'infos', lang)} · {counted(len(result.paths), 'files', lang)}, "
                f"{counted(result.tables, 'tables', lang)} ({result.unchecked} {words['unchecked'].lower()})")
    if coverage_text(result, lang):
        line.append(f" · {coverage_text(result, lang)}")
    if result.unlinked_claims:
        line.append(f" · {result.unlinked_claims} {words['unlinked']}")
    if not (errors or warnings or result.problems):
        line.append(f" · {words['clean']}", style="green")
    console.print(line)
