"""A PDF's pages put together into a Report: reading order, paragraphs, captions, tables over page breaks.

Reading follows the text reader: a table's caption is the nearest heading line before it, a
table that goes on over a page break (its title and header repeated, or a row split at the page
foot, or plain rows) is one table, running heads and page numbers are furniture, footnotes do
not end a table. A row split over a page break is joined back into one row that keeps the
locations of its first part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapportkoll.model import Location, Paragraph, ReadProblem, Report
from rapportkoll.readers.grid import GridCell, build_table, is_repeated_header, merge_continuation, texts
from rapportkoll.readers.layout import (FootnoteMarks, is_caption_row, is_furniture, is_heading, is_title_row,
                                        looks_like_header)

_DIGITS = re.compile(r"\d+")


@dataclass
class Line:
    """A line of text outside the page's tables, with what tells headings, paragraphs and furniture apart."""

    text: str
    page: int
    number: int  # 1-based among the page's text lines outside tables
    top: float
    bottom: float
    size: float
    bold: bool
    margin: bool  # in the top or bottom band where running heads and feet are


@dataclass
class Grid:
    """A ruled table found on a page, and where on the page it starts."""

    rows: list[list[GridCell]]
    page: int
    top: float


@dataclass
class Page:
    """What one page holds; a page that could not be read holds only its problem."""

    number: int
    lines: list[Line] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    problem: ReadProblem | None = None


@dataclass
class _Open:
    """A table being read, possibly over several pages."""

    caption: str
    rows: list[list[GridCell]]

    @property
    def header(self) -> list[GridCell]:
        rows = self.rows
        return rows[1] if is_caption_row([texts(row) for row in rows[:2]]) else rows[0]


def assemble(pages: list[Page], place: str) -> Report:
    """The report the pages make: prose, and tables with the nearest heading before them as caption."""
    report = Report(place)
    report.problems.extend(p.problem for p in pages if p.problem)
    furniture = _running_furniture(pages)
    caption, current, footnotes = "", None, FootnoteMarks()
    for item in _reading_order(pages, furniture):
        if isinstance(item, Grid):
            for row in item.rows:
                footnotes.read(" ".join(texts(row)))
            if current is not None and _continue(current, item.rows):
                continue
            _close(current, report)
            current = _Open(caption, list(item.rows))
            continue
        text, first = item.text, item.lines[0]
        report.prose.append(Paragraph(text, Location(place, page=first.page, line=first.number)))
        footnotes.read(text)
        if footnotes.opens_footnote(text, in_table=current is not None):
            continue  # footnotes stand between a table and its continuation on the next page
        _close(current, report)
        current = None
        if is_heading(text):
            caption = text
            footnotes.read_heading(text)
    _close(current, report)
    return report


def _close(table: _Open | None, report: Report) -> None:
    if table is not None:
        built = build_table(table.rows, table.caption, len(report.tables))
        if built is not None:
            report.tables.append(built)


def _continue(table: _Open, rows: list[list[GridCell]]) -> bool:
    """Add a table found after a page break to the open one when it goes on with it, as the text reader does."""
    header = table.header
    if len(rows[0]) != len(header):
        return False
    rest, repeated = list(rows), False
    first = table.rows[0]
    if is_title_row(texts(first)) and texts(rest[0]) == texts(first):
        rest, repeated = rest[1:], True  # the title row repeated
    elif is_title_row(texts(rest[0])) and rest[0][0].span == len(rest[0]):
        return False  # a title spanning the table, a new one: a new table
    if rest and is_repeated_header(rest[0], header):
        rest, repeated = rest[1:], True
    elif not repeated and looks_like_header(texts(rows[0])) and not _is_fragment(rows[0]):
        return False  # a new table with a header of its own
    if rest and _is_fragment(rest[0]) and len(table.rows) > 1:
        table.rows[-1] = merge_continuation(table.rows[-1], rest[0])  # a row split by the page break
        rest = rest[1:]
    table.rows.extend(rest)
    return True


def _is_fragment(row: list[GridCell]) -> bool:
    """The rest of a row the page break split: an empty (not merged-over) label, text elsewhere."""
    label = row[0]
    return not label.covered and not label.text and any(c.text for c in row[1:])


def _running_furniture(pages: list[Page]) -> set[str]:
    """Lines in the page margins repeated (numbers aside) on at least half of the pages: running heads and feet."""
    counts: dict[str, int] = {}
    for page in pages:
        for key in {_DIGITS.sub("#", ln.text) for ln in page.lines if ln.margin}:
            counts[key] = counts.get(key, 0) + 1
    needed = max(2, (len(pages) + 1) // 2)
    return {key for key, count in counts.items() if count >= needed}


@dataclass
class _Para:
    """A paragraph: wrapped lines of one style, possibly going on over a page break."""

    lines: list[Line]

    @property
    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)


def _reading_order(pages: list[Page], furniture: set[str]) -> list[Grid | _Para]:
    """Page by page, top to bottom: paragraphs and table grids; a paragraph cut by a page break is one."""
    ordered: list[Grid | _Para] = []
    for page in pages:
        lines = [ln for ln in page.lines if ln.text and not _is_page_furniture(ln, furniture)]
        items: list[tuple[float, Grid | _Para]] = [(g.top, g) for g in page.grids]
        items += [(group[0].top, _Para(group)) for group in _paragraphs(lines, page.grids)]
        for _, item in sorted(items, key=lambda pair: pair[0]):
            last = ordered[-1] if ordered else None
            if isinstance(item, _Para) and isinstance(last, _Para) and _goes_on(last.lines[-1], item.lines[0]):
                last.lines.extend(item.lines)
            else:
                ordered.append(item)
    return ordered


def _goes_on(above: Line, below: Line) -> bool:
    """The first line of a page continues the last paragraph of the page before: same font, lower-case start."""
    return below.page == above.page + 1 and _same_font(above, below) and below.text[:1].islower()


def _same_font(above: Line, below: Line) -> bool:
    return abs(above.size - below.size) <= 0.3 and above.bold == below.bold


def _is_page_furniture(line: Line, furniture: set[str]) -> bool:
    return is_furniture(line.text) or (line.margin and _DIGITS.sub("#", line.text) in furniture)


def _paragraphs(lines: list[Line], grids: list[Grid]) -> list[list[Line]]:
    """Wrapped lines of one paragraph: same font, no wider gap than the line spacing, no table between."""
    groups: list[list[Line]] = []
    for line in lines:
        last = groups[-1][-1] if groups else None
        if last is not None and _same_paragraph(last, line, grids):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _same_paragraph(above: Line, below: Line, grids: list[Grid]) -> bool:
    if not _same_font(above, below):
        return False
    if below.top - above.bottom > 0.4 * below.size:
        return False
    return not any(above.bottom <= g.top <= below.top for g in grids)
