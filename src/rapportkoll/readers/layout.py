"""How a report's page layout is read, the same for every format: headings, footnotes, furniture, headers.

The readers share these rules so that one report gives the same tables and captions whether it
comes as a text export, a Word file, a PDF or a workbook.
"""

from __future__ import annotations

import functools
import re
from typing import Callable

from rapportkoll.labels import normalize_label
from rapportkoll.numbers import CellKind, parse
from rapportkoll.vocabulary import words

# "30(32)", "Sida 3 av 12": one pattern, as it is tried on every line of a text export
_PAGE_FURNITURE = re.compile(r"^(?:\d+\s*\(\d+\)|(ärende|sida|page)\s+\d+(\s+(av|of)\s+\d+)?)$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^(?:[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|\d{1,2})\s+\S")
_DASH_FIELD = re.compile(r"^-{2,}$")
_NOT_RULE = re.compile(r"[^\s-]")
_HTML_TAG = re.compile(r"<[^>]{0,400}>")
_YEARISH = re.compile(r"^(19|20)\d\d$")
_PLAIN_AMOUNT = re.compile(r"-?(?:\d{1,3}(?: \d{3}){1,4}|\d{1,15})")  # what numbers.parse reads as a whole amount
_NUMBERED = re.compile(r"^\d{1,2}\.\s+\S")
_YEAR_IN = re.compile(r"\b(19|20)\d\d\b")
_LABEL_LENGTH = 60  # longer header labels are sentences, not column names


@functools.cache
def _period() -> re.Pattern:
    """A date or period in a header ('2024', '2024-08', '31/8', '30 april'): not a number of the table."""
    months = "|".join(words("months"))
    return re.compile(rf"(19|20)\d\d(-?\d\d){{0,2}}|\b\d{{1,2}}(/\d{{1,2}}|\s+({months}))", re.IGNORECASE)


def clean_cell_text(raw: str) -> str:
    """The text a reader of the document sees: HTML fragments of the export removed, ends trimmed."""
    if "<" in raw:
        raw = _HTML_TAG.sub(" ", raw)
    return raw.replace("\r", "").strip()


def is_furniture(line: str) -> bool:
    """Page numbers, case numbers and dashed rules a page break leaves in the text: neither prose nor table."""
    stripped = line.strip()
    if _PAGE_FURNITURE.match(stripped):
        return True
    if "\t" in line and _NOT_RULE.search(line) is None:  # a table row prints more than dashes: not split
        fields = [f.strip() for f in line.split("\t")]
        return all(_DASH_FIELD.match(f) or not f for f in fields) and any(fields)
    return False


def is_footnote(text: str) -> bool:
    """A line opening with a footnote number; footnotes stand between a table and its continuation."""
    return _FOOTNOTE.match(text.strip()) is not None


_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", _SUPERSCRIPTS)
_MARKS = re.compile(f"[{_SUPERSCRIPTS}]+")


_UNIT_POWERS = re.compile(r"(?<![^\W\d_])[kcd]?m[²³]")  # m², km², m³: units, not footnote marks
_SECTION_NUMBER = re.compile(r"^\d{1,2}(\s+\d{1,2})+\s+\S")  # '7 01 Finansiering', '7 01 01 Skatteinkomster'


class FootnoteMarks:
    """The superscript footnote marks printed so far, in reading order ('⁸' in 'Deltagartillfällen ⁸').

    A footnote may stand between a table and its rest after a page break. A numbered heading opens
    like one ('7 Resultaträkningsdelen'): it is taken for a footnote only where the document could
    mean one. Section numbers ('7 01 Finansiering') never are, nor the next number of the numbered
    headings before it ('2 Investeringar' after '1 Driftredovisning'); where the document prints
    superscript marks, only a mark printed before the line makes it a footnote; where it prints none
    (Word and PDF give their superscripts as plain digits), a numbered line within a table is one.
    """

    def __init__(self) -> None:
        self._marks: set[str] = set()
        self._heading_number = 0

    def read_heading(self, text: str) -> None:
        """A heading was read; its number ('1 Driftredovisning') is where the numbering goes on from."""
        first = text.split(maxsplit=1)[0] if text.strip() else ""
        if first.isdecimal() and len(first) <= 2:
            self._heading_number = int(first)

    def read(self, text: str) -> None:
        if _MARKS.search(text):
            self._marks.update(_MARKS.findall(_UNIT_POWERS.sub("", text)))

    def opens_footnote(self, line: str, *, in_table: bool = True) -> bool:
        """Whether ``line`` is a footnote; ``in_table``: a table is open that the footnote may interrupt."""
        stripped = line.strip()
        if not is_footnote(stripped) or _SECTION_NUMBER.match(stripped):
            return False
        number = stripped.split(maxsplit=1)[0]
        if stripped[0] in _SUPERSCRIPTS or number.translate(_SUPERSCRIPT_DIGITS) in self._marks:
            return True
        if number.isdecimal() and self._heading_number and int(number) == self._heading_number + 1:
            return False
        return in_table and not self._marks


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
    seen = False
    for text in fields[1:]:
        if not text.strip():
            continue
        seen = True
        if (plain := _PLAIN_AMOUNT.fullmatch(text)) and not 1900 <= int(plain[0].replace(" ", "")) <= 2099:
            return False  # an amount (or a marker: parse's plain-integer path), no year: a data row, found unparsed
        value = parse(text)
        if value.kind is CellKind.MARKER or value.kind is CellKind.PERCENT:
            return False
        if value.kind is CellKind.NUMBER and not _YEARISH.match(f"{value.value:.0f}"):
            return False
    return seen


def similar_header(fields: list[str], header: list[str]) -> bool:
    """A repeated header with small spelling differences ('Risikvärde' for 'Riskvärde').

    The first field must agree: tables side by side often share period columns but not their subject.
    """
    if fields == header:
        return True
    # a header's values are labels or years: asked before keying the first field (a data row fails at its first amount)
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


def is_caption_row(rows: list[list[str]]) -> bool:
    """Whether the first of ``rows`` names the table above its header: over a row of amounts a title row is the
    header itself (a column of rates under the table's name, the value column unheaded), never a caption."""
    return len(rows) > 1 and is_title_row(rows[0]) and (looks_like_header(rows[1]) or not _holds_numbers(rows[1]))


def is_contents(rows: list[list[str]]) -> bool:
    """A table of contents: two columns, the second always a page number."""
    if any(len([f for f in fields if f.strip()]) != 2 or len(fields) != 2 for fields in rows):
        return False
    return all(fields[1].strip().isdigit() for fields in rows)


def column_names(labels: list[str], has_values: Callable[[int], bool]) -> tuple[str, ...]:
    """Names of the value columns from their header labels (``has_values(i)``: column i holds numbers).

    A label over empty header cells of columns with numbers spans them: each part is named 'Label #n'. A
    column of text under an empty header cell ('Not 1', a column of note references moved last) is no
    part of the label before it.
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
    return start + 1 if is_caption_row(rows[start:start + 2]) else start


def _caption_above_header(rows: list[list[str]], i: int) -> bool:
    return is_title_row(rows[i]) and i + 2 < len(rows) and _labels(rows[i + 1], rows[i + 2])


def _new_header(rows: list[list[str]], i: int, header: list[str]) -> bool:
    row = rows[i]
    if i + 1 >= len(rows) or similar_header(row, header) or not _labels(row, rows[i + 1]):
        return False
    return any(_YEAR_IN.search(f) for f in row) and _holds_numbers(rows[i + 1])


def _labels(row: list[str], below: list[str]) -> bool:
    """A row of column names over the data row ``below``: labels over at least half of the columns either
    uses, short, with no number but a period or date ('Utfall 2022-08', 'Uppföljning per 31 augusti 2023');
    '79% (81%)' and sentences are data."""
    labels = [f for f in row[1:] if f.strip()]
    if not looks_like_header(row) or not _last_used(below) or not any(c.isalpha() for f in labels for c in f):
        return False  # a header has data below it and names a column in words, not only by a year
    if 2 * len(labels) < max(_last_used(row), _last_used(below)) or len(set(labels)) < len(labels):
        return False  # a header covers the data and names each column apart
    return all(len(f) <= _LABEL_LENGTH and not re.search(r"\d", _period().sub("", f)) for f in labels)


def _last_used(fields: list[str]) -> int:
    """How many value fields a row spans: the position of its last non-blank field after the label."""
    return max((j for j, f in enumerate(fields) if j and f.strip()), default=0)


def _holds_numbers(fields: list[str]) -> bool:
    """A data row of amounts: some value field is a number, a percentage or a marker."""
    return any(parse(f).kind in (CellKind.NUMBER, CellKind.PERCENT, CellKind.MARKER) for f in fields[1:] if f.strip())
