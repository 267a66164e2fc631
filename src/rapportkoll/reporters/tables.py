"""Listings for people inspecting what the tool understood: parsed tables and the rules of a suite."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from rapportkoll.model import Report, Table
from rapportkoll.numbers import CellKind
from rapportkoll.records import TableCheck

_KIND_STYLE = {CellKind.NUMBER: "", CellKind.PERCENT: "", CellKind.MARKER: "cyan", CellKind.TEXT: "dim",
               CellKind.BLANK: "on grey23"}


_HEADINGS = {"sv": ("#", "plats", "tabell", "kolumner", "rader", "regler", "kontrollerade tal"),
             "en": ("#", "where", "table", "columns", "rows", "rules", "numbers checked")}


def render_tables(report: Report, checks: list[TableCheck], stream: TextIO, lang: str, cells: bool) -> None:
    """Each table as read, the rules applied to it (declared or discovered), declined packs, coverage."""
    console = Console(file=stream, highlight=False, width=None if stream.isatty() else 160)
    listing = RichTable(title=report.path, show_lines=False)
    for name in _HEADINGS[lang]:
        listing.add_column(name, overflow="fold")
    for table, check in zip(report.tables, checks):
        listing.add_row(str(table.index + 1), _where(table), _title(table), " | ".join(table.columns),
                        str(len(table.rows)), _rules_text(check, lang), f"{check.checked_cells}/{check.numeric_cells}")
    console.print(listing)
    if cells:
        for table in report.tables:
            console.print(_cells(table))


def _rules_text(check: TableCheck, lang: str) -> str:
    """'pack: n regler' per applied pack, then the packs that matched by name but did not fit."""
    packs: dict[str, int] = {}
    for rule in check.rules:
        packs[rule.pack] = packs.get(rule.pack, 0) + 1
    lines = [f"{pack} ({n} {'regler' if lang == 'sv' else 'rules'})" for pack, n in packs.items()]
    lines += [f"{'avböjd' if lang == 'sv' else 'declined'}: {pack} ({'saknar' if lang == 'sv' else 'lacks'} {why})"
              for pack, why in check.declined]
    return "\n".join(lines) or ("(ingen)" if lang == "sv" else "(none)")


def _where(table: Table) -> str:
    """The table's place without the path (the listing's title names the file)."""
    return table.location.describe().removeprefix(table.location.path).lstrip(":")


def _title(table: Table) -> str:
    return table.caption if table.corner in ("", table.caption) else f"{table.caption} / {table.corner}"


def _cells(table: Table) -> RichTable:
    grid = RichTable(title=f"{table.index + 1}. {_title(table)} ({_where(table)})")
    grid.add_column(table.corner or "", overflow="fold", max_width=40)
    for name in table.columns:
        grid.add_column(name, overflow="fold", max_width=30, justify="right")
    for row in table.rows:
        grid.add_row(row.label.text, *(Text(c.text[:60], style=_KIND_STYLE[c.kind]) for c in row.cells))
    return grid


def render_rules(suite, stream: TextIO, lang: str) -> None:
    console = Console(file=stream, highlight=False, width=None if stream.isatty() else 160)
    for pack in suite.packs:
        grid = RichTable(title=f"{pack.name}: {pack.title[0] if lang == 'sv' else pack.title[1]}", title_justify="left")
        for name in (("id", "sort", "koder", "allvar", "rubrik") if lang == "sv" else
                     ("id", "kind", "codes", "severity", "title")):
            grid.add_column(name, overflow="fold")
        for rule in pack.rules:
            title = rule.title[0] if lang == "sv" else rule.title[1]
            rationale = rule.rationale[0] if lang == "sv" else rule.rationale[1]
            why = Text(f"\n{rationale}", style="dim") if rationale else ""
            grid.add_row(rule.id, rule.kind.name, " ".join(rule.kind.codes), rule.severity.value, Text(title) + why)
        if pack.schema:
            grid.add_row(f"{pack.name}.schema", "schema", "RK301 RK302", "error",
                         "Kolumnernas värden" if lang == "sv" else "Column values")
        console.print(grid)
