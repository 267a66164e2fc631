"""How a report's page layout is read, the same for every format: headings, footnotes, furniture, headers.

The readers share these rules so that one report gives the same tables and captions whether it
comes as a text export, a Word file, a PDF or a workbook.
"""

from __future__ import annotations

import re
from typing import Callable

from rapportkoll.labels import normalize_label
from rapportkoll.numbers import CellKind, parse

_PAGE_FURNITURE = (
    re.compile(r"^\d+\s*\(\d+\)$"),          # "30(32)"
    re.compile(r"^(ärende|sida|page)\s+\d+(\s+(av|of)\s+\d+)?$", re.IGNORECASE),
)
_FOOTNOTE = re.compile(r"^(?:[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|\d{1,2})\s+\S")
_DASH_FIELD = re.compile(r"^-{2,}$")
_HTML_TAG = re.compile(r"<[^>]{0,400}>")
_YEARISH = re.compile(r"^(19|20)\d\d$")
_NUMBERED = re.compile(r"^\d{1,2}\.\s+\S")
_YEAR_IN = re.compile(r"\b(19|20)\d\d\b")
_LABEL_LENGTH = 60  # longer header labels are sentences, not column names
_PERIOD = re.compile(r"(19|20)\d\d(-?\d\d)?")


def clean_cell_text(raw: str) -> str:
    """The text a reader of the document sees: HTML fragments of the export removed, ends trimmed."""
    if "<" in raw:
        raw = _HTML_TAG.sub(" ", raw)
    return " ".join(raw.replace("\r", "").split(" ")).strip()


def is_furniture(line: str) -> bool:
    """Page numbers, case numbers and dashed rules a page break leaves in the text: neither prose nor table."""
    stripped = line.strip()
    if any(p.match(stripped) for p in _PAGE_FURNITURE):
        return True
    if "\t" in line:
        fields = [f.strip() for f in line.split("\t")]
        return all(_DASH_FIELD.match(f) or not f for f in fields) and any(fields)
    return False


def is_footnote(text: str) -> bool:
    """A line opening with a footnote number; footnotes stand between a table and its continuation."""
    return _FOOTNOTE.match(text.strip()) is not None


def is_heading(text: str) -> bool:
    """A short heading, or a numbered goal heading ("1. Upprätta ett ... program."), which may end with a period."""
    if _NUMBERED.match(text) and len(text) <= 160 and ". " not in text[3:].rstrip("."):
        return True
    return is_short_heading(text)


def is_short_heading(text: str) -> bool:
    """Short lines that are not sentences and not 'Key: value' metadata name what follows."""
    return 0 < len(text) <= 90 and not text.endswith((".", ",", ";", ":")) and ": " not in text


def looks_like_header(fields: list[str]) -> bool:
    """A row of labels: its value fields hold text or years, never amounts, markers or percentages."""
    values = [parse(f) for f in fields[1:] if f.strip()]
    if not values:
        return False
    for value in values:
        if value.kind is CellKind.MARKER or value.kind is CellKind.PERCENT:
            return False
        if value.kind is CellKind.NUMBER and not _YEARISH.match(f"{value.value:.0f}"):
            return False
    return True


def similar_header(fields: list[str], header: list[str]) -> bool:
    """A repeated header with small spelling differences ('Risikvärde' for 'Riskvärde').

    The first field must agree: tables side by side often share period columns but not their subject.
    """
    if fields == header:
        return True
    if len(fields) != len(header) or not looks_like_header(fields):
        return False
    if normalize_label(fields[0]) != normalize_label(header[0]):
        return False
    same = sum(normalize_label(a) == normalize_label(b) for a, b in zip(fields, header) if b.strip())
    named = sum(1 for b in header if b.strip())
    return named > 1 and same >= max(2, named - 1)


def is_title_row(fields: list[str]) -> bool:
    """A row naming the table: text in its first field only (often one cell spanning the width)."""
    return bool(fields[0].strip()) and not any(f.strip() for f in fields[1:])


def is_contents(rows: list[list[str]]) -> bool:
    """A table of contents: two columns, the second always a page number."""
    if any(len([f for f in fields if f.strip()]) != 2 or len(fields) != 2 for fields in rows):
        return False
    return all(fields[1].strip().isdigit() for fields in rows)


def column_names(labels: list[str], has_values: Callable[[int], bool]) -> tuple[str, ...]:
    """Names of the value columns from their header labels (``has_values(i)``: column i holds data).

    A label over empty header cells of columns with data spans them: each part is named 'Label #n'.
    A column without any label is named by its 1-based position counting the label column, '#n'.
    """
    names = list(labels)
    i = 0
    while i < len(labels):
        j = i + 1
        while j < len(labels) and not labels[j] and has_values(j):
            j += 1
        if labels[i] and j - i > 1:
            for k in range(i, j):
                names[k] = f"{labels[i]} #{k - i + 1}"
        i = j
    return tuple(name or f"#{pos + 2}" for pos, name in enumerate(names))


def table_starts(rows: list[list[str]]) -> list[int]:
    """Where tables begin in rows laid out without a gap between tables (one long sheet, one long Word table).

    A new table begins at a caption row (text in the first field only) directly above a row of
    labels, and at a new header directly under data: a row of labels naming a year, unlike the
    current header, with data below it. The header repeated under data is the same table going
    on, as after a page break.
    """
    starts, header = [0], _header_at(rows, 0)
    i = header + 1
    while i < len(rows):
        if _caption_above_header(rows, i) or (i > header + 1 and _new_header(rows, i, rows[header])):
            starts.append(i)
            header = _header_at(rows, i)
            i = header
        i += 1
    return starts


def _header_at(rows: list[list[str]], start: int) -> int:
    """The header row of a table starting at ``start``: below its caption row, if it has one."""
    return start + 1 if is_title_row(rows[start]) and start + 1 < len(rows) else start


def _caption_above_header(rows: list[list[str]], i: int) -> bool:
    if not is_title_row(rows[i]) or i + 1 >= len(rows):
        return False
    below = rows[i + 1]
    return looks_like_header(below) and sum(1 for f in below if f.strip()) >= 2


def _new_header(rows: list[list[str]], i: int, header: list[str]) -> bool:
    row = rows[i]
    if not looks_like_header(row) or similar_header(row, header) or i + 1 >= len(rows):
        return False
    labels = [f for f in row[1:] if f.strip()]
    if any(len(f) > _LABEL_LENGTH or re.search(r"\d", _PERIOD.sub("", f)) for f in labels):
        return False  # '79% (81%)' and sentences are data; 'Utfall 2022-08' is a label
    return any(_YEAR_IN.search(f) for f in row) and _holds_numbers(rows[i + 1])


def _holds_numbers(fields: list[str]) -> bool:
    """A data row of amounts: some value field is a number, a percentage or a marker."""
    return any(parse(f).kind in (CellKind.NUMBER, CellKind.PERCENT, CellKind.MARKER) for f in fields[1:] if f.strip())
