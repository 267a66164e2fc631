"""Rich terminal report: a to-fix list first, then the findings by table with cells, numbers and the likely fix.

Made for an 80 × 24 terminal as much as for a wide one: a place (`file:line:field`) and the text of
an offending cell are never cut; long row and column labels wrap or are shortened instead.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from rapportkoll.findings import CellRef, Finding, Severity
from rapportkoll.model import Location, Table
from rapportkoll.numbers import format_number, format_tolerance
from rapportkoll.records import RunResult
from rapportkoll.reporters.common import (REASONS, WORDS, cited_text, counted, coverage_text, finding_path,
                                          primary_cell, suggestion_label)

MAX_CELLS = 6  # cited cells listed for a finding; a long sum shows its first parts and the suspect
_CONTEXT_TEXT = 24  # widest a context column other than the suspect's is shown
_INDENT = 3
_MIN_LABELS = 24  # narrower than this, a cell's row and column labels go on a line of their own
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}
# The shared words, with the few the terminal words differently (headings are capitalized here).
_WORDS = {lang: {**WORDS[lang], **extra} for lang, extra in {
    "sv": {"unlinked": "påståenden i texten kunde inte knytas (--show-unlinked)",
           "difference": "skillnad", "or": "eller", "unchecked": "Okontrollerade tabeller",
           "uncovered": "Tal som inget samband kontrollerar",
           "problems": "Kunde inte läsas", "to_fix": "Att rätta", "details": "Detaljer"},
    "en": {"unlinked": "text claims could not be linked (--show-unlinked)",
           "difference": "difference", "or": "or", "unchecked": "Unchecked tables",
           "uncovered": "Numbers no relation checks",
           "problems": "Could not be read", "to_fix": "To fix", "details": "Details"},
}.items()}


def render(result: RunResult, stream: TextIO, lang: str, width: int | None = None) -> None:
    """Write the report; ``width`` fixes the line width (else the terminal's, or 120 into a file or pipe).

    A finding's block rendered beforehand (``prerender``, in a batch worker) is written as it is.
    """
    console = console_for(stream, width)
    words = _WORDS[lang]
    listed = shown(result)
    _to_fix(console, listed, lang, words)
    for (path, table), group in groupby(listed, key=lambda f: (finding_path(f), f.table)):
        _table_rule(console, table, path)
        for finding in group:
            written = result.blocks.get(finding) if result.blocks else None
            if written is None:
                block(console, result, finding, lang)
            else:
                stream.write(written)
    _unchecked(console, result, words)
    _uncovered(console, result, words)
    for problem in result.problems:
        console.print(Text(f"{words['problems']}: {problem.message(lang)}", style="bold red"))
    _summary(console, result, lang)


def _width(stream: TextIO) -> int | None:
    return None if getattr(stream, "isatty", lambda: False)() else 120


def console_for(stream: TextIO, width: int | None = None) -> Console:
    """The console the report is written with: no highlighting, no soft wrap, 120 wide into a file or pipe."""
    return Console(file=stream, highlight=False, soft_wrap=False, width=width or _width(stream))


def shown(result: RunResult) -> list[Finding]:
    """The findings the report lists (infos are only counted)."""
    return [f for f in result.findings if f.severity is not Severity.INFO]


def block(console: Console, result: RunResult, finding: Finding, lang: str) -> None:
    """One finding in detail: what is wrong, the cells, the numbers, the fix and the table around it."""
    words = _WORDS[lang]
    _finding(console, finding, lang, words)
    if finding.suspect:
        _context(console, result, finding)
    console.print()


def short_place(location: Location | None) -> str:
    """'file.txt:799:7' or 'file.xlsx:Blad1!B5': the place without the folders, never shortened."""
    return location.describe().rsplit("/", 1)[-1] if location is not None else ""


def _to_fix(console: Console, findings: list[Finding], lang: str, words: dict) -> None:
    """One line a finding: place, code, what is wrong (shortened to fit) and the suggested value."""
    if not findings:
        return
    console.print(Text(f"{words['to_fix']} ({len(findings)}):", style="bold"))
    places = [short_place(cell.location if (cell := primary_cell(f)) else f.table_location) for f in findings]
    pad = min(max(len(p) for p in places), console.width // 2)
    lines = []
    for place, finding in zip(places, findings):
        line = Text("  ")
        line.append(place.ljust(pad), style="bold")
        line.append(f"  {finding.code}  ", style=_STYLE[finding.severity])
        fix = f"  → {finding.suspect.proposed or '∅'}" if finding.suspect else ""
        line.append(_shortened(finding.title(lang), console.width - line.cell_len - len(fix)))
        line.append(fix, style="bold green")
        lines.append(line)
    console.print(Group(*lines))  # one print: rich's per-call cost is most of a short line's (a batch has hundreds)
    console.print()
    console.rule(Text(words["details"], style="bold"), align="left")
    console.print()


def _shortened(text: str, room: int) -> str:
    """``text`` cut to ``room`` characters with an ellipsis; nothing when there is no room for a word."""
    if len(text) <= room:
        return text
    return text[: room - 1].rstrip() + "…" if room >= 8 else ""


def _table_rule(console: Console, table: str, path: str) -> None:
    """The table's caption over its findings, shortened so that the file name stays whole."""
    name = path.rsplit("/", 1)[-1]
    caption = _shortened(table, max(console.width - len(name) - 12, 10))
    console.rule(Text(f"{caption}  ·  {name}", style="bold"), align="left")


def _finding(console: Console, finding: Finding, lang: str, words: dict) -> None:
    head = Text()
    head.append(f" {words[finding.severity.value].upper()} ", style=f"reverse {_STYLE[finding.severity]}")
    head.append(f" {finding.code} ", style="bold")
    head.append(f"{finding.rule}  ", style="cyan")
    head.append(finding.title(lang), style="bold")
    console.print(head)
    console.print(_indented(Text(finding.message(lang))))
    if finding.cells:
        console.print(_cells_table(finding, words, console.width))
    if finding.expected is not None and finding.actual is not None:
        console.print(_indented(Text(_numbers_line(finding, words), style="dim")))
    for related in finding.related:
        console.print(_indented(Text(f"+ {related.rule}: {related.message(lang)}", style="dim")))
    if finding.suspect:
        _fix_line(console, finding, lang, words)


def _indented(renderable: RenderableType) -> Padding:
    return Padding(renderable, (0, 0, 0, _INDENT))


def _fix_line(console: Console, finding: Finding, lang: str, words: dict) -> None:
    suspect = finding.suspect
    label = suggestion_label(suspect, lang)
    line = Text(f"→ {label}: ", style="green")  # the change first: it is never split over two lines
    line.append(f"{suspect.cell.text or '∅'} → {suspect.proposed}", style="bold green")
    line.append(f"  ({REASONS[lang].get(suspect.reason, suspect.reason)})", style="green")
    line.append(f"  {suspect.cell.row} × {suspect.cell.column}", style="green")
    console.print(_indented(line))
    for other in finding.alternatives:
        console.print(_indented(Text(f"  {words['or']} {other.cell.text or '∅'} → {other.proposed}  "
                                     f"{other.cell.row} × {other.cell.column}", style="green")))


def _context(console: Console, result: RunResult, finding: Finding) -> None:
    """The table around the suspect cell, the suspect highlighted with its suggestion beside it.

    The suspect's column is always shown, in full, with its nearest neighbours while they fit the
    line; the row labels wrap within their share of the width.
    """
    found = _locate_cell(result, finding.suspect.cell.location)
    if found is None:
        return
    table, i, j = found
    rows = range(max(0, i - 2), min(len(table.rows), i + 3))
    suspect_text = f"{table.rows[i].cells[j].text or '∅'} → {finding.suspect.proposed}"
    labels = [table.corner] + [table.rows[r].label.text for r in rows]
    label_width = min(max(len(label) for label in labels), max(16, console.width // 3))
    room = console.width - _INDENT - label_width - 1  # the last column has no gap to its right
    columns = _fitting_columns(table, rows, j, len(suspect_text), room)
    grid = RichTable(box=None, padding=(0, 1), pad_edge=False, header_style="dim", show_edge=False)
    grid.add_column(table.corner or "", overflow="fold", width=label_width, style="dim")
    for c in columns:
        wide = max(len(suspect_text), len(table.columns[c])) if c == j else min(_column_width(table, rows, c),
                                                                                   _CONTEXT_TEXT)
        grid.add_column(table.columns[c], justify="right", overflow="ellipsis", no_wrap=True, width=wide)
    for r in rows:
        grid.add_row(table.rows[r].label.text, *(_context_cell(table, r, c, (i, j), finding) for c in columns))
    console.print(_indented(grid))


def _context_cell(table: Table, r: int, c: int, suspect: tuple[int, int], finding: Finding) -> Text:
    text = table.rows[r].cells[c].text or "∅"
    if (r, c) == suspect:
        return Text(f"{text} → {finding.suspect.proposed}", style="bold magenta")
    return Text(text)


def _column_width(table: Table, rows: range, c: int) -> int:
    return max([len(table.columns[c])] + [len(table.rows[r].cells[c].text or "∅") for r in rows])


def _fitting_columns(table: Table, rows: range, j: int, suspect_width: int, room: int) -> list[int]:
    """The suspect's column and its nearest neighbours (at most two each side) that fit in ``room``."""
    chosen, used = [j], max(suspect_width, len(table.columns[j])) + 2
    for c in (j - 1, j + 1, j - 2, j + 2):
        if 0 <= c < len(table.columns):
            need = min(_column_width(table, rows, c), _CONTEXT_TEXT) + 2
            if used + need <= room:
                chosen.append(c)
                used += need
    return sorted(chosen)


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


def _cells_table(finding: Finding, words: dict, width: int) -> RenderableType:
    """The cited cells: place and text in full, then 'row × column', which wraps (below them when narrow)."""
    cells, hidden = _shown_cells(finding)
    suspect = finding.suspect.cell if finding.suspect else None
    where = max(len(short_place(c.location)) for c in cells)
    texts = [Text(cited_text(c) or "∅", style="bold magenta" if c == suspect else "") for c in cells]
    labels = [f"{c.row} × {c.column}" if c.row or c.column else "" for c in cells]
    labels += [f"… +{hidden}"] if hidden else []
    if width - _INDENT - where - max(t.cell_len for t in texts) - 4 < _MIN_LABELS:
        lines = [Text.assemble((short_place(c.location).ljust(where), "dim"), "  ", text)
                 for c, text in zip(cells, texts)]
        stacked = [part for line, label in zip(lines, labels)
                   for part in (line, *([Padding(Text(label), (0, 0, 0, 2))] if label else []))]
        return _indented(Group(*stacked, *([Text(labels[-1])] if hidden else [])))
    grid = RichTable(show_edge=False, box=None, padding=(0, 2), pad_edge=False, header_style="dim")
    grid.add_column(words["where"], style="dim", no_wrap=True, min_width=where)
    grid.add_column(words["text"], justify="right", no_wrap=True)
    grid.add_column(words["cell"], overflow="fold")
    for cell, text, label in zip(cells, texts, labels):
        grid.add_row(short_place(cell.location), text, label)
    if hidden:
        grid.add_row("", "", labels[-1])
    return _indented(grid)


def _shown_cells(finding: Finding) -> tuple[list[CellRef], int]:
    """Long sums: the total, the first parts and the suspect say enough; how many are left out."""
    cells = list(finding.cells)
    if len(cells) <= MAX_CELLS:
        return cells, 0
    suspect = finding.suspect.cell if finding.suspect else None
    keep = cells[: MAX_CELLS - 1] + ([suspect] if suspect in cells[MAX_CELLS - 1:] else [])
    return keep, len(cells) - len(keep)


def _numbers_line(finding: Finding, words: dict) -> str:
    decimals = 2 if any(abs(v - round(v)) > 1e-9 for v in (finding.expected, finding.actual)) else 0
    parts = [f"{words['expected']} {format_number(finding.expected, decimals)}",
             f"{words['actual']} {format_number(finding.actual, decimals)}",
             f"{words['difference']} {format_number(finding.actual - finding.expected, decimals)}"]
    if finding.tolerance:
        parts.append(f"{words['tolerance']} ±{format_tolerance(finding.tolerance)}")
    return " · ".join(parts)


def _unchecked(console: Console, result: RunResult, words: dict) -> None:
    unchecked = [f for f in result.findings if f.use == "unchecked"]
    if unchecked:
        console.print(Text(f"{words['unchecked']} ({len(unchecked)}):", style="dim bold"))
        places = (finding.table_location.describe() if finding.table_location else "" for finding in unchecked)
        console.print(Group(*(_indented(Text(f"{finding.table}  ({where})", style="dim"))
                              for finding, where in zip(unchecked, places))))
        console.print()


def _uncovered(console: Console, result: RunResult, words: dict) -> None:
    """Per checked table, the numbers no relation involves: unchecked, though not wrong."""
    partial = [c for c in result.checks if c.rules and c.uncovered]
    if not partial:
        return
    console.print(Text(f"{words['uncovered']}:", style="dim bold"))
    console.print(Group(*(_indented(Text(_uncovered_line(check, words), style="dim")) for check in partial)))
    console.print()


def _uncovered_line(check, words: dict) -> str:
    """'Table: 3/40 · row × column; …', the first MAX_CELLS cells named."""
    cells = "; ".join(f"{c.row} × {c.column}" for c in check.uncovered[:MAX_CELLS])
    more = len(check.uncovered) - MAX_CELLS
    tail = f" (+{more} {words['more']})" if more > 0 else ""
    return f"{check.table}: {len(check.uncovered)}/{check.numeric_cells} · {cells}{tail}"


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
