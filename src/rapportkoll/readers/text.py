"""Reader for text exports of reports, where tables are runs of tab-separated lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rapportkoll.labels import normalize_label
from rapportkoll.model import Cell, Location, Paragraph, Report, Row, Table
from rapportkoll.numbers import CellKind, parse
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.source import decode_text

_PAGE_FURNITURE = (
    re.compile(r"^\d+\s*\(\d+\)$"),          # "30(32)"
    re.compile(r"^(ärende|sida|page)\s+\d+(\s+(av|of)\s+\d+)?$", re.IGNORECASE),
)
_FOOTNOTE = re.compile(r"^(?:[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|\d{1,2})\s+\S")
_DASH_FIELD = re.compile(r"^-{2,}$")
_HTML_TAG = re.compile(r"<[^>]{0,400}>")
_YEARISH = re.compile(r"^(19|20)\d\d$")
_NUMBERED = re.compile(r"^\d{1,2}\.\s+\S")


@dataclass
class _Line:
    number: int
    fields: list[str]

    @property
    def is_continuation(self) -> bool:
        """A fragment of the previous row, pushed onto the next page (empty row label)."""
        return not self.fields[0].strip() and any(f.strip() for f in self.fields[1:])


@dataclass
class _Block:
    """A run of tab lines that forms one table, with the text that stood before it."""

    caption: str
    lines: list[_Line] = field(default_factory=list)


def read(path: Path) -> Report:
    """Read a text export into a Report; raises InputError only when the file as a whole is unreadable."""
    text = decode_text(path)
    report = Report(str(path))
    blocks = _split(text.split("\n"), report, str(path))
    for block in blocks:
        table = _build_table(block, str(path), len(report.tables))
        if table is not None:
            report.tables.append(table)
    return report


def clean_cell_text(raw: str) -> str:
    """The text a reader of the document sees: HTML fragments removed, spaces collapsed."""
    if "<" in raw:
        raw = _HTML_TAG.sub(" ", raw)
    return " ".join(raw.replace("\r", "").split(" ")).strip()


def _is_furniture(line: str) -> bool:
    stripped = line.strip()
    if any(p.match(stripped) for p in _PAGE_FURNITURE):
        return True
    if "\t" in line:
        fields = [f.strip() for f in line.split("\t")]
        return all(_DASH_FIELD.match(f) or not f for f in fields) and any(fields)
    return False


def _split(lines: list[str], report: Report, path: str) -> list[_Block]:
    """Group lines into table blocks and prose, tolerating page furniture and footnotes inside tables."""
    blocks: list[_Block] = []
    current: _Block | None = None
    bridged = False  # blank lines, page furniture or footnotes since the current block's last row
    caption = ""
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if not line.strip() or _is_furniture(line):
            bridged = True
            continue
        if "\t" in line:
            tab_line = _Line(number, line.split("\t"))
            if current is not None and (not bridged or _continues(current, tab_line)):
                current.lines.append(tab_line)
            else:
                current = _Block(caption, [tab_line])
                blocks.append(current)
            bridged = False
            continue
        text = clean_cell_text(line)
        report.prose.append(Paragraph(text, Location(path, line=number)))
        if _FOOTNOTE.match(line.strip()):
            bridged = True  # footnotes sit between a table and its continuation on the next page
            continue
        current = None
        if _is_heading(text):
            caption = text
    return [b for b in blocks if not _is_contents(b)]


def _continues(block: _Block, line: _Line) -> bool:
    """After a gap, a line continues the table if it is a fragment, the header repeated, or a data row of the same width."""
    if line.is_continuation:
        return True
    header = _header_line(block).fields
    if _similar_header(line.fields, header):
        return True
    return len(line.fields) <= len(header) and not _looks_like_header(line.fields)


def _header_line(block: _Block) -> _Line:
    lines = block.lines
    return lines[1] if len(lines) > 1 and _is_title_row(lines[0]) else lines[0]


def _looks_like_header(fields: list[str]) -> bool:
    values = [parse(f) for f in fields[1:] if f.strip()]
    if not values:
        return False
    for value in values:
        if value.kind is CellKind.MARKER or value.kind is CellKind.PERCENT:
            return False
        if value.kind is CellKind.NUMBER and not _YEARISH.match(f"{value.value:.0f}"):
            return False
    return True


def _is_heading(text: str) -> bool:
    """Short lines that are not sentences and not 'Key: value' metadata name what follows.

    Numbered goal headings ("1. Upprätta ett ... program.") may end with a period.
    """
    if _NUMBERED.match(text) and len(text) <= 160 and ". " not in text[3:].rstrip("."):
        return True
    return 0 < len(text) <= 90 and not text.endswith((".", ",", ";", ":")) and ": " not in text


def _is_contents(block: _Block) -> bool:
    """A table of contents: two columns, the second always a page number."""
    if any(len([f for f in ln.fields if f.strip()]) != 2 or len(ln.fields) != 2 for ln in block.lines):
        return False
    return all(ln.fields[1].strip().isdigit() for ln in block.lines)


def _build_table(block: _Block, path: str, index: int) -> Table | None:
    lines = list(block.lines)
    caption = block.caption
    if _header_line(block) is not lines[0]:
        caption = clean_cell_text(lines[0].fields[0])
        lines = lines[1:]
    header, body = lines[0], lines[1:]
    width = max(len(ln.fields) for ln in lines)
    columns = _column_names(header.fields, body, width)
    rows: list[Row] = []
    for line in body:
        if _similar_header(line.fields, header.fields):
            continue  # the header repeated where the table continues on a new page
        if line.is_continuation and rows:
            rows[-1] = _merge_continuation(rows[-1], line, path, width)
            continue
        rows.append(_make_row(line, path, width))
    corner = clean_cell_text(header.fields[0])
    location = Location(path, line=header.number, field=1)
    return Table(caption, corner, columns, rows, location, index)


def _is_title_row(line: _Line) -> bool:
    return bool(line.fields[0].strip()) and not any(f.strip() for f in line.fields[1:])


def _similar_header(fields: list[str], header: list[str]) -> bool:
    """A repeated header with small spelling differences ('Risikvärde' for 'Riskvärde').

    The first field must agree: tables side by side often share period columns but not their subject.
    """
    if fields == header:
        return True
    if len(fields) != len(header) or not _looks_like_header(fields):
        return False
    if normalize_label(fields[0]) != normalize_label(header[0]):
        return False
    same = sum(normalize_label(a) == normalize_label(b) for a, b in zip(fields, header) if b.strip())
    named = sum(1 for b in header if b.strip())
    return named > 1 and same >= max(2, named - 1)


def _column_names(header: list[str], body: list[_Line], width: int) -> tuple[str, ...]:
    """Header labels of the value columns; a label spanning empty header cells names each part '#n'."""
    labels = [clean_cell_text(h) for h in header[1:]] + [""] * (width - len(header))
    names = list(labels)
    i = 0
    while i < len(labels):
        j = i + 1
        while j < len(labels) and not labels[j] and _column_has_values(body, j + 1):
            j += 1
        if labels[i] and j - i > 1:
            for k in range(i, j):
                names[k] = f"{labels[i]} #{k - i + 1}"
        i = j
    return tuple(name or f"#{pos + 2}" for pos, name in enumerate(names))


def _column_has_values(body: list[_Line], field_index: int) -> bool:
    return any(len(ln.fields) > field_index and ln.fields[field_index].strip() for ln in body)


def _make_row(line: _Line, path: str, width: int) -> Row:
    fields = line.fields + [""] * (width - len(line.fields))
    cells = tuple(
        Cell.read(clean_cell_text(text), Location(path, line=line.number, field=pos))
        for pos, text in enumerate(fields, start=1)
    )
    return Row(cells[0], cells[1:])


def _merge_continuation(row: Row, line: _Line, path: str, width: int) -> Row:
    """Append a page-break fragment's texts to the row it belongs to, keeping the row's locations."""
    fields = line.fields + [""] * (width - len(line.fields))
    merged = []
    for cell, extra in zip(row.cells, fields[1:]):
        extra = clean_cell_text(extra)
        text = f"{cell.text} {extra}".strip() if extra else cell.text
        merged.append(cell if text == cell.text else Cell.read(text, cell.location))
    return Row(row.label, tuple(merged))
