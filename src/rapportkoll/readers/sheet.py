"""A sheet of cells (CSV records, XLSX rows) read as tables: blank rows separate them, as on the page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from typing import Callable, Iterator

from rapportkoll.bounds import current, flag
from rapportkoll.columnar import CellStore, StoreBuilder
from rapportkoll.model import Cell, Location, Paragraph, ReadProblem, Report, Row, Table
from rapportkoll.readers.layout import (column_names, is_short_heading, looks_like_header, similar_header,
                                        table_starts)

_LINE_BREAKS = re.compile(r"[\r\n\t\v\f]+")


@dataclass(frozen=True)
class SheetRow:
    """One row of a sheet (a CSV record or a worksheet row): its non-blank cells by 1-based column.

    ``locate`` gives the native location of any column of the row, so blank cells inside a table
    are located too. A CSV record gives its cells as texts and its ``line``: its tables keep their cells as
    columns (columnar.CellStore), since CSV exports are long; a worksheet's cells are read from their formats.
    """

    cells: dict[int, Cell] | dict[int, str]
    locate: Callable[[int], Location]
    line: int | None = None

    def text(self, column: int) -> str:
        cell = self.cells.get(column)
        return "" if cell is None else cell if isinstance(cell, str) else cell.text

    def texts(self, first: int, last: int) -> list[str]:
        """The texts of columns ``first`` to ``last`` (a CSV record's in one lookup each)."""
        if self.line is not None:
            return list(map(self.cells.get, range(first, last + 1), repeat("")))
        return [self.text(c) for c in range(first, last + 1)]


def sheet_location(path: str, sheet: str, row: int, column: int) -> Location:
    """A cell of a workbook as spreadsheet users name it: sheet and A1 reference."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return Location(path, sheet=sheet, ref=f"{letters}{row}")


def sheet_rows(by_row: dict[int, dict[int, Cell]], locate: Callable[[int, int], Location]) -> list[SheetRow]:
    """A sheet's rows (1-based numbers) in order; a gap in the numbering becomes one blank row that ends a block.

    ``locate(row, column)`` places any position of the sheet.
    """
    rows: list[SheetRow] = []
    for r in sorted(by_row):
        if r - 1 not in by_row and rows:
            rows.append(SheetRow({}, partial(locate, r - 1)))
        rows.append(SheetRow(dict(sorted(by_row[r].items())), partial(locate, r)))
    return rows


def clean_fields(record: list[str]) -> list[str]:
    """``clean_field`` of each field: a record without line breaks needs only its fields' ends trimmed."""
    return list(map(clean_field if _LINE_BREAKS.search("".join(record)) else str.strip, record))


def clean_field(raw: str) -> str:
    """A field's text as a reader sees it: line breaks inside the field become spaces.

    Unlike text exports, fields are not HTML: '<50 % och >30 %' stays as it is.
    """
    return _LINE_BREAKS.sub(" ", raw).strip() if raw else ""


def tables_from_sheet(rows: list[SheetRow], report: Report, caption: str = "") -> None:
    """Add the tables (and the lines of their own) of a sheet to ``report``.

    Blank rows separate blocks, and a block holds several tables when they follow each other
    without a gap (see ``layout.table_starts``). A table's first row holding a single cell,
    directly above the header, is its caption, and names the tables that follow it in the block;
    otherwise the last heading before it (or ``caption``, e.g. the sheet title) does. The next row is the header; its first column holds the
    row labels. A block that is one single cell is a line of prose, and a heading when it is short.
    """
    for block in _blocks(rows):
        if len(block) == 1 and len(block[0].cells) == 1:
            text, location = _only_cell(block[0])
            report.prose.append(Paragraph(text, location))
            caption = text if is_short_heading(text) else caption
            continue
        named = caption  # a caption row names the tables after it in the block, as a heading does
        for part in _parts(block):
            if len(part) > 1 and _is_caption(part[0], part):
                named, part = _only_cell(part[0])[0], part[1:]
            table = _table(part, named, len(report.tables), report)
            if table is not None:
                report.tables.append(table)


def _is_caption(row: SheetRow, part: list[SheetRow]) -> bool:
    """A single cell in the labels' column over a header names the table. A single cell over a column of amounts
    heads it (a header whose corner is blank: '' | 'Budget uttryckt i tkr'), and so does one over a row of
    amounts (a header whose column is unheaded: 'Skattesatser 2018' | '' over 'Kommun' | '23,50')."""
    first = min(min(r.cells) for r in part[1:])
    below = part[1]
    return (len(row.cells) == 1 and min(row.cells) <= first
            and looks_like_header([below.text(c) for c in range(first, max(below.cells) + 1)]))


def _parts(block: list[SheetRow]) -> list[list[SheetRow]]:
    """The block cut where a new table begins, read from the texts of its rows."""
    first = min(min(r.cells) for r in block)
    last = max(max(r.cells) for r in block)
    texts = [r.texts(first, last) for r in block]
    starts = table_starts(texts) + [len(block)]
    return [block[a:b] for a, b in zip(starts, starts[1:])]


def _blocks(rows: list[SheetRow]) -> Iterator[list[SheetRow]]:
    block: list[SheetRow] = []
    for row in rows:
        if row.cells:
            block.append(row)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _only_cell(row: SheetRow) -> tuple[str, Location]:
    column, cell = next(iter(row.cells.items()))
    return (cell, row.locate(column)) if isinstance(cell, str) else (cell.text, cell.location)


def _table(block: list[SheetRow], caption: str, index: int, report: Report) -> Table | None:
    first = min(min(r.cells) for r in block)
    last = max(max(r.cells) for r in block)
    header, body = block[0], block[1:]
    if (last - first + 1) * len(block) > current().cells:  # a stray cell far to the right must not fill memory
        report.problems.append(ReadProblem(
            header.locate(first),
            f"tabellen är för stor ({last - first + 1} kolumner × {len(block)} rader); den lästes inte "
            f"({flag('cells')})",
            f"table too large ({last - first + 1} columns × {len(block)} rows); it was not read ({flag('cells')})"))
        return None
    labels = [header.text(c) for c in range(first + 1, last + 1)]
    header_texts = [header.text(first), *labels]
    if header.line is not None:
        store = _store(body, first, last, header_texts, report.path)
        rows = store.rows()
        has_values = store.has_numbers
    else:
        grid = [[r.cells.get(c) or Cell.read("", r.locate(c)) for c in range(first, last + 1)] for r in body]
        grid = [cells for cells in grid if not similar_header([c.text for c in cells], header_texts)]  # repeated header
        rows = [Row(cells[0], tuple(cells[1:])) for cells in grid]
        store = None
        def has_values(i: int) -> bool:
            return any(row.cells[i].parsed.is_numeric for row in rows)
    columns = column_names(labels, has_values)
    return Table(caption, header.text(first), columns, rows, header.locate(first), index, store)


def _store(body: list[SheetRow], first: int, last: int, header: list[str], path: str) -> CellStore:
    """CSV records as columns, repeated headers left out; fields are numbered from the record's start."""
    store = StoreBuilder(path, last - first, first_field=first)
    for row in body:
        texts = row.texts(first, last)
        if not similar_header(texts, header):
            store.add(texts, row.line)
    return store.build()
