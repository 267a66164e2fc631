"""Reader for CSV and TSV exports, and the grid layout it shares with XLSX: blank rows separate tables."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from rapportkoll.model import Cell, Location, Paragraph, ReadProblem, Report, Row, Table
from rapportkoll.numbers import CellKind
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.source import read_bytes

# Candidates in tie-break order: with decimal commas, Swedish exports separate fields with ';'.
DELIMITERS = (";", "\t", ",")
MAX_TABLE_CELLS = 1_000_000  # one table's rectangle; a stray cell far to the right must not fill memory
MAX_CSV_CELLS = 1_000_000  # non-blank fields in one file: far above any report
_SNIFF_CHARS = 64 * 1024
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f]+")


@dataclass(frozen=True)
class GridRow:
    """One row of a grid (a CSV record or a sheet row): its non-blank cells by 1-based column.

    ``locate`` gives the native location of any column of the row, so blank cells inside a table
    are located too.
    """

    cells: dict[int, Cell]
    locate: Callable[[int], Location]


def read(path: Path) -> Report:
    """Read a CSV or TSV file into a Report; raises InputError only when the file as a whole is unreadable."""
    text = decode(read_bytes(path), str(path))
    report = Report(str(path))
    tables_from_grid(_records(text, sniff_delimiter(text), str(path)), report)
    return report


def decode(data: bytes, place: str) -> str:
    """UTF-8 (with or without BOM) first, then Windows-1252; UTF-16 only when it carries its BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(place, "ogiltig UTF-16-text", "invalid UTF-16 text") from None
    elif b"\x00" in data:
        raise InputError(place, "binärfil, inte en CSV-fil", "binary file, not a CSV file")
    else:
        text = _decode_8bit(data, place)
    if "\x00" in text:
        raise InputError(place, "binärfil, inte en CSV-fil", "binary file, not a CSV file")
    return text


def _decode_8bit(data: bytes, place: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{place}:{line}",
            f"varken UTF-8 eller Windows-1252 (byte 0x{data[exc.start]:02x}); spara filen som UTF-8",
            f"neither UTF-8 nor Windows-1252 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        ) from None


def sniff_delimiter(text: str) -> str:
    """The candidate that splits the most records at the file's start into one common width (≥ 2 fields).

    Tables have one width; a decimal comma ('3,0 %') splits a ';' file's lines into ragged widths
    and only where numbers have decimals, so it loses. Then the wider split wins, then the earlier
    candidate.
    """
    sample = text[:_SNIFF_CHARS]
    return max((*_common_width(sample, d), -rank, d) for rank, d in enumerate(DELIMITERS))[-1]


def _common_width(sample: str, delimiter: str) -> tuple[int, int]:
    """How many records share the most common width above one field, and that width."""
    try:
        widths = Counter(len(r) for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if len(r) > 1)
    except csv.Error:
        return 0, 0
    width, count = max(widths.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
    return count, width


def clean_field(raw: str) -> str:
    """A field's text as a reader sees it: line breaks inside the field become spaces.

    Unlike text exports, fields are not HTML: '<50 % och >30 %' stays as it is.
    """
    return _LINE_BREAKS.sub(" ", raw).strip() if raw else ""


def _records(text: str, delimiter: str, path: str) -> list[GridRow]:
    """Each record with its fields located by the line it starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[GridRow] = []
    start, count = 1, 0
    try:
        for record in reader:
            cells = {}
            for pos, raw in enumerate(record, start=1):
                if field_text := clean_field(raw):
                    cells[pos] = Cell.read(field_text, Location(path, line=start, field=pos))
            count += len(cells)
            if count > MAX_CSV_CELLS:
                raise InputError(path, f"för många fält (över {MAX_CSV_CELLS})",
                                 f"too many fields (over {MAX_CSV_CELLS})")
            rows.append(GridRow(cells, partial(_csv_location, path, start)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}:{start}", f"felaktig CSV ({exc})", f"malformed CSV ({exc})") from None
    return rows


def _csv_location(path: str, line: int, field: int) -> Location:
    return Location(path, line=line, field=field)


# --- The grid layout, shared with the XLSX reader --------------------------------------------

def tables_from_grid(rows: list[GridRow], report: Report, caption: str = "") -> None:
    """Add the tables (and the lines of their own) of a grid to ``report``.

    Blank rows separate blocks. A block's first row holding a single cell, directly above the
    header, is the table's caption; otherwise the last heading before it (or ``caption``, e.g. the
    sheet title) is. The first row of the rest is the header; its first column holds the row labels.
    A block that is one single cell is a line of prose, and a heading when it is short.
    """
    for block in _blocks(rows):
        own_caption = None
        if len(block) > 1 and len(block[0].cells) == 1:
            own_caption, block = _only_cell(block[0]).text, block[1:]
        if len(block) == 1 and len(block[0].cells) == 1:
            cell = _only_cell(block[0])
            report.prose.append(Paragraph(cell.text, cell.location))
            caption = cell.text if _is_heading(cell.text) else caption
            continue
        table = _table(block, own_caption if own_caption is not None else caption, len(report.tables), report)
        if table is not None:
            report.tables.append(table)


def _blocks(rows: list[GridRow]) -> Iterator[list[GridRow]]:
    block: list[GridRow] = []
    for row in rows:
        if row.cells:
            block.append(row)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _only_cell(row: GridRow) -> Cell:
    return next(iter(row.cells.values()))


def _is_heading(text: str) -> bool:
    """Short lines that are not sentences and not 'Key: value' metadata name what follows (as in text exports)."""
    return 0 < len(text) <= 90 and not text.endswith((".", ",", ";", ":")) and ": " not in text


def _table(block: list[GridRow], caption: str, index: int, report: Report) -> Table | None:
    first = min(min(r.cells) for r in block)
    last = max(max(r.cells) for r in block)
    header, body = block[0], block[1:]
    if (last - first + 1) * len(block) > MAX_TABLE_CELLS:
        report.problems.append(ReadProblem(
            header.locate(first),
            f"tabellen är för stor ({last - first + 1} kolumner × {len(block)} rader); den lästes inte",
            f"table too large ({last - first + 1} columns × {len(block)} rows); it was not read"))
        return None
    grid = [[r.cells.get(c) or Cell.read("", r.locate(c)) for c in range(first, last + 1)] for r in body]
    labels = [header.cells[c].text if c in header.cells else "" for c in range(first + 1, last + 1)]
    rows = [Row(cells[0], tuple(cells[1:])) for cells in grid]
    corner = header.cells[first].text if first in header.cells else ""
    return Table(caption, corner, _column_names(labels, grid), rows, header.locate(first), index)


def _column_names(labels: list[str], grid: list[list[Cell]]) -> tuple[str, ...]:
    """As in text exports: a label over empty header cells of filled columns names each part '#n'."""
    names = list(labels)
    i = 0
    while i < len(labels):
        j = i + 1
        while j < len(labels) and not labels[j] and any(row[j + 1].kind is not CellKind.BLANK for row in grid):
            j += 1
        if labels[i] and j - i > 1:
            for k in range(i, j):
                names[k] = f"{labels[i]} #{k - i + 1}"
        i = j
    return tuple(name or f"#{pos + 2}" for pos, name in enumerate(names))
