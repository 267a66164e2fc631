"""Reader for text exports of reports, where tables are runs of tab-separated lines."""

from __future__ import annotations

import functools
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from rapportkoll.numbers import CellKind, parse
from rapportkoll.columnar import CellStore, StoreBuilder
from rapportkoll.model import Location, Paragraph, Report, Table
from rapportkoll.readers.aligned import tab_lines
from rapportkoll.readers.layout import (
    FootnoteMarks,
    clean_cell_text,
    column_names,
    is_caption_row,
    is_contents,
    is_furniture,
    is_heading,
    looks_like_header,
    similar_header,
)
from rapportkoll.readers.source import decode_text


@dataclass(slots=True)
class _Line:
    """A tab line; its fields are split when asked for (holding every line's fields at once doubled the
    memory of reading a long table)."""

    number: int
    text: str

    @property
    def fields(self) -> list[str]:
        return self.text.split("\t")

    @property
    def is_continuation(self) -> bool:
        return _is_continuation(self.fields)


def _is_continuation(fields: list[str]) -> bool:
    """A fragment of the previous row, pushed onto the next page (empty row label)."""
    return not fields[0].strip() and any(f.strip() for f in fields[1:])


class _Lines(Sequence):
    """A block's tab lines, kept as their numbers in the file's lines: a line's object is made when it is read
    (an object per line of a 10⁶-row export was 76 MB at the peak of reading it)."""

    def __init__(self, source: list[str], numbers: array | None = None) -> None:
        self._source = source
        self._numbers = array("i") if numbers is None else numbers

    def append(self, number: int) -> None:
        """The line of that number (in the file, from 1) is the block's next."""
        self._numbers.append(number)

    def __len__(self) -> int:
        return len(self._numbers)

    def __getitem__(self, k):
        return _Lines(self._source, self._numbers[k]) if isinstance(k, slice) else self._line(self._numbers[k])

    def __iter__(self) -> Iterator[_Line]:
        return map(self._line, self._numbers)

    def numbered(self) -> Iterator[tuple[int, str]]:
        """Each line's number and text, without a line object (a long table's store reads 10⁶ of them)."""
        source = self._source
        return ((number, source[number - 1].rstrip("\r")) for number in self._numbers)

    def _line(self, number: int) -> _Line:
        return _Line(number, self._source[number - 1].rstrip("\r"))


@dataclass
class _Block:
    """A run of tab lines that forms one table, with the text that stood before it."""

    caption: str
    lines: _Lines


def read(path: Path) -> Report:
    """Read a text export into a Report; raises InputError only when the file as a whole is unreadable.

    The tables' rows are made once the file's lines are released: at 10⁶ rows both at once set the peak."""
    report = Report(str(path))
    tables = _tables(path, report)
    for table in tables:
        table.rows = table.store.rows()
    report.tables.extend(tables)
    return report


def _tables(path: Path, report: Report) -> list[Table]:
    """The file's tables, each with its cells in its store and no rows yet; the prose goes to ``report``."""
    lines = decode_text(path).split("\n")
    if not any("\t" in line for line in lines):  # no tab export: perhaps columns aligned with spaces
        lines = tab_lines(lines)
    return [_build_table(block, str(path), k) for k, block in enumerate(_split(lines, report, str(path)))]


def _split(lines: list[str], report: Report, path: str) -> list[_Block]:
    """Group lines into table blocks and prose, tolerating page furniture and footnotes inside tables."""
    blocks: list[_Block] = []
    current: _Block | None = None
    bridged = False  # blank lines, page furniture or footnotes since the current block's last row
    caption = ""
    footnotes = FootnoteMarks()
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if not line.strip() or is_furniture(line):
            # A line of empty fields is an empty row of the table it stands in (a spacer row of the exported
            # table), not the gap between two tables a blank line is.
            bridged = bridged or not (current is not None and "\t" in line and not line.strip())
            continue
        footnotes.read(line)
        if "\t" in line:
            if current is None or bridged and not _continues(current, _Line(number, line)):
                current = _Block(caption, _Lines(lines))
                blocks.append(current)
            current.lines.append(number)
            bridged = False
            continue
        text = clean_cell_text(line)
        report.prose.append(Paragraph(text, Location(path, line=number)))
        if footnotes.opens_footnote(line, in_table=current is not None):
            bridged = True  # footnotes sit between a table and its continuation on the next page
            continue
        current = None
        if is_heading(text):
            caption = text
            footnotes.read_heading(text)
    contents = [b for b in blocks if all(ln.text.count("\t") == 1 for ln in b.lines)  # two fields, before any split
                and is_contents([ln.fields for ln in b.lines])]
    report.contents.extend(Paragraph(clean_cell_text(ln.fields[0]), Location(path, line=ln.number))
                           for b in contents for ln in b.lines)
    return [b for b in blocks if b not in contents]


def _continues(block: _Block, line: _Line) -> bool:
    """After a gap, a line continues the table if it is a fragment, the header repeated, or a data row of the same width."""
    if line.is_continuation:
        return True
    header = _header_line(block).fields
    if similar_header(line.fields, header):
        return True
    return len(line.fields) <= len(header) and not looks_like_header(line.fields)


def _header_line(block: _Block) -> _Line:
    """The header follows a title row naming the table, when there is one."""
    lines = block.lines
    return lines[1] if is_caption_row([ln.fields for ln in lines[:2]]) else lines[0]


def _build_table(block: _Block, path: str, index: int) -> Table:
    """The block's table: a title row becomes the caption, repeated headers go, page-break fragments join their row.
    Its rows are made from its store by ``read``."""
    lines = block.lines
    caption = block.caption
    if _header_line(block).number != lines[0].number:
        caption = clean_cell_text(lines[0].fields[0])
        lines = lines[1:]
    header, body = lines[0], lines[1:]
    width = max(ln.text.count("\t") for ln in lines) + 1
    store = _store(header, body, path, width)
    columns = column_names([clean_cell_text(h) for h in _padded(header.fields, width)[1:]], store.has_numbers)
    corner = clean_cell_text(header.fields[0])
    location = Location(path, line=header.number, field=1)
    return Table(caption, corner, columns, [], location, index, store)


def _store(header: _Line, body: _Lines, path: str, width: int) -> CellStore:
    """The body's cells as columns: texts cleaned, repeated headers dropped, page-break fragments joined to their
    row."""
    store = StoreBuilder(path, width - 1)
    header_fields = header.fields
    minus = functools.cache(lambda: _parentheses_are_minus(body))  # asked only of a fragment with '(…)' amounts
    for number, text in body.numbered():
        fields = text.split("\t")
        if similar_header(fields, header_fields):
            continue  # the header repeated where the table continues on a new page
        if store.last is not None and _is_continuation(fields) and _continues_row(store.last, fields, width, minus):
            store.last = _merge_continuation(store.last, fields, width)
            continue
        store.add(_cleaned(text, fields, width), number)
    return store.build()


def _cleaned(text: str, fields: list[str], width: int) -> list[str]:
    """Each field as ``clean_cell_text`` makes it: a line without HTML or a carriage return needs only the ends
    of its fields trimmed (one C loop over the fields, for each of millions of lines)."""
    padded = _padded(fields, width)
    if "<" in text or "\r" in text:
        return list(map(clean_cell_text, padded))
    return list(map(str.strip, padded))


def _padded(fields: list[str], width: int) -> list[str]:
    """A ragged line's fields, blank up to the table's width."""
    return fields + [""] * (width - len(fields))


def _continues_row(row: list[str], fields: list[str], width: int, parentheses_minus: Callable[[], bool]) -> bool:
    """A fragment continues the row above (text carried over a page break, a number under a wrapped
    label, a comparison value '(92%)' wrapped under its value) unless it is a row of numbers of its own:
    plain numbers only, one of them under a filled cell. Such a row is printed without a label (a
    subtotal under its section, as many statements print it). In a table that writes its negative
    amounts in parentheses, '(1 234)' is such a number."""
    fragment = [clean_cell_text(text) for text in _padded(fields, width)[1:]]
    parsed = [parse(text) for text in fragment if text]
    if not all(p.is_numeric and (not p.parenthesized or p.kind is CellKind.NUMBER and parentheses_minus())
               for p in parsed):
        return True
    return not any(above and text for above, text in zip(row[1:], fragment))


def _parentheses_are_minus(body: Sequence[_Line]) -> bool:
    """Whether the table writes negative amounts in parentheses: a labelled row prints one ('(1 234)')."""
    return any(p.parenthesized and p.kind is CellKind.NUMBER for line in body if line.fields[0].strip()
               for p in map(parse, line.fields[1:]))


def _merge_continuation(row: list[str], fields: list[str], width: int) -> list[str]:
    """Append a page-break fragment's texts to the row it belongs to (whose line locates them)."""
    extras = [clean_cell_text(extra) for extra in _padded(fields, width)[1:]]
    return row[:1] + [f"{text} {extra}".strip() if extra else text for text, extra in zip(row[1:], extras)]
