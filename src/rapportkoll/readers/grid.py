"""Tables found cell by cell on a grid (Word tables, ruled PDF tables), read by the layout rules of text exports.

Such a grid knows its merged cells: a header cell spanning three columns names them 'Label #1',
'#2', '#3', and the positions a merge covers are blank.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rapportkoll.model import Cell, Location, Row, Table
from rapportkoll.numbers import parse
from rapportkoll.readers.layout import (clean_cell_text, column_names, is_caption_row, is_contents, similar_header,
                                        table_starts)


@dataclass(frozen=True)
class GridCell:
    """One position of a table grid; a merged cell holds its text at its first position.

    ``span`` is how many grid columns the cell covers; ``covered`` marks positions that belong
    to a merged cell to the left or above (their text is blank).
    """

    text: str
    location: Location
    span: int = 1
    covered: bool = False


def texts(row: list[GridCell]) -> list[str]:
    """The row's texts, as the fields of a tab-separated line."""
    return [c.text for c in row]


def build_table(grid: list[list[GridCell]], caption: str, index: int) -> Table | None:
    """A Table from grid rows of equal width; None for a table of contents or a grid of one column."""
    rows = [row for row in grid if any(c.text for c in row)]
    if not rows or len(rows[0]) < 2:
        return None
    if is_contents([texts(row) for row in rows]):
        return None
    if is_caption_row([texts(row) for row in rows[:2]]):
        caption, rows = rows[0][0].text, rows[1:]
    header, body = rows[0], rows[1:]
    table_rows = [_make_row(row) for row in body if not is_repeated_header(row, header)]
    return Table(caption, header[0].text, _column_names(header, body), table_rows, header[0].location, index)


def build_tables(grid: list[list[GridCell]], caption: str, index: int) -> list[Table]:
    """The tables of one grid that holds several without a gap between them (a report laid out as one
    long Word table): cut where ``layout.table_starts`` says a table begins. A caption row names the
    tables after it, as a heading does.
    """
    rows = [row for row in grid if any(c.text for c in row)]
    if not rows or len(rows[0]) < 2:
        return []
    starts = table_starts([texts(row) for row in rows]) + [len(rows)]
    tables: list[Table] = []
    for start, end in zip(starts, starts[1:]):
        table = build_table(_trimmed(rows[start:end]), caption, index + len(tables))
        if table is not None:
            tables.append(table)
            caption = table.caption
    return tables


def _trimmed(rows: list[list[GridCell]]) -> list[list[GridCell]]:
    """The rows without the columns to the right that are blank in all of them (a narrower table in a wide grid)."""
    width = max(i + 1 for row in rows for i, cell in enumerate(row) if cell.text or i == 0)
    return [row[:max(width, 2)] for row in rows]


def is_repeated_header(row: list[GridCell], header: list[GridCell]) -> bool:
    """The header again (perhaps misspelt) where the table goes on after a page break."""
    return similar_header(texts(row), texts(header))


def merge_continuation(row: list[GridCell], fragment: list[GridCell]) -> list[GridCell]:
    """Append the texts of a row's fragment (split over a page break), keeping the row's locations."""
    return [replace(cell, text=f"{cell.text} {extra.text}".strip()) if extra.text else cell
            for cell, extra in zip(row, fragment)]


def _column_names(header: list[GridCell], body: list[list[GridCell]]) -> tuple[str, ...]:
    """As for text exports, but a header cell spanning several grid columns names each of them."""
    def has_values(i: int) -> bool:
        return any(len(row) > i + 1 and parse(row[i + 1].text).is_numeric for row in body)

    names = list(column_names([clean_cell_text(c.text) for c in header[1:]], has_values))
    for position, cell in enumerate(header):
        if cell.span > 1 and cell.text and not cell.covered:
            for k in range(cell.span):
                if 0 < position + k < len(header):
                    names[position + k - 1] = f"{cell.text} #{k + 1}"
    return tuple(names)


def _make_row(row: list[GridCell]) -> Row:
    cells = tuple(Cell.read(c.text, c.location) for c in row)
    return Row(cells[0], cells[1:])
