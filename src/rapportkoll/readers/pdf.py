"""Reader for PDF reports: ruled tables cell by cell with their page, the text outside them as prose.

Library: pdfplumber (MIT, on pdfminer.six). Reports are typeset with ruled tables, and
pdfplumber's table finder works from exactly those rulings and gives every cell's box, so merged
cells (a header spanning three columns, running text merged down over blank cells) are seen as
such, and the characters give each line's font and position for telling headings and page
furniture apart. PyMuPDF is faster but AGPL; camelot needs Ghostscript/OpenCV; pypdf and
pypdfium2 have no table finding.

Reading follows the text reader: a table's caption is the nearest heading line before it, a
table that goes on over a page break (its title and header repeated, or a row split at the page
foot, or plain rows) is one table, running heads and page numbers are furniture, footnotes do
not end a table. A row split over a page break is joined back into one row that keeps the
locations of its first part. Cells are located by page, table on that page, row in that table on
that page and grid column (all 1-based): what a reader of the PDF counts. Prose paragraphs carry
their page and the number of their first line on it.

Safety: at most MAX_PAGES pages and MAX_SECONDS of reading (a timer where the platform has one,
otherwise checked between pages), pages with more than MAX_PAGE_OBJECTS objects are skipped with
a problem, and pdfminer's Flate decoding is bounded (MAX_STREAM per stream, MAX_INFLATED per read),
so a compression bomb is refused instead of filling memory. Encrypted files that need a password, damaged files and
files that are not PDFs give an InputError. The input is only read.
"""

from __future__ import annotations

import io
import logging
import re
import signal
import threading
import time
import zlib
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from rapportkoll.model import Location, Paragraph, ReadProblem, Report
from rapportkoll.readers.docx import (
    GridCell,
    build_table,
    is_repeated_header,
    is_title_row,
    merge_continuation,
    texts,
)
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.source import read_bytes
from rapportkoll.readers.text import _FOOTNOTE, _is_furniture, _is_heading, _looks_like_header, clean_cell_text

MAX_PAGES = 2000
MAX_SECONDS = 300.0
MAX_PAGE_OBJECTS = 200_000
MAX_INFLATED = 512 * 1024 * 1024  # bytes pdfminer may inflate from Flate streams in one read
MAX_STREAM = 64 * 1024 * 1024  # ... and from any one stream
_TABLES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_MARGIN = 0.08  # running heads and feet live in the top and bottom 8 % of a page
_DIGITS = re.compile(r"\d+")

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # damaged files are reported, not logged


def read(path: Path) -> Report:
    """Read a PDF into a Report; raises InputError only when the file as a whole is unreadable."""
    place = str(path)
    data = read_bytes(path)
    if b"%PDF-" not in data[:1024]:
        raise InputError(place, "inte en PDF-fil", "not a PDF file")
    _bound_inflation()
    budget = _inflated.set([MAX_INFLATED])
    try:
        with _time_limit(MAX_SECONDS) as deadline:
            pages = _read_pages(data, place, deadline)
        return _assemble(pages, place)
    except InputError:
        raise
    except _TimeUp:
        raise InputError(place, f"läsningen tog mer än {MAX_SECONDS:g} s och avbröts",
                         f"reading took more than {MAX_SECONDS:g} s and was stopped") from None
    except _Inflated:
        raise InputError(place, "komprimerat innehåll packas upp till orimlig storlek (komprimeringsbomb?)",
                         "compressed content inflates to an implausible size (compression bomb?)") from None
    except Exception as exc:
        raise _classify(place, exc) from None
    finally:
        _inflated.reset(budget)


def _classify(place: str, exc: BaseException) -> InputError:
    causes, seen = [], exc
    while seen is not None and len(causes) < 10:
        causes.append(seen)
        seen = seen.__cause__ or seen.__context__ or next(
            (a for a in getattr(seen, "args", ()) if isinstance(a, BaseException)), None)
    names = {type(c).__name__ for c in causes}
    if names & {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"}:
        return InputError(place, "lösenordsskyddad (krypterad) PDF; spara en kopia utan lösenord",
                          "password-protected (encrypted) PDF; save a copy without a password")
    detail = type(causes[-1]).__name__
    return InputError(place, f"skadad eller ogiltig PDF ({detail})", f"damaged or invalid PDF ({detail})")


# --- Pages: text lines and table grids ---------------------------------------------------------


@dataclass
class _Line:
    text: str
    page: int
    number: int  # 1-based among the page's text lines outside tables
    top: float
    bottom: float
    size: float
    bold: bool
    margin: bool  # in the top or bottom band where running heads and feet are


@dataclass
class _Grid:
    rows: list[list[GridCell]]
    page: int
    top: float


@dataclass
class _Page:
    number: int
    lines: list[_Line] = field(default_factory=list)
    grids: list[_Grid] = field(default_factory=list)
    problem: ReadProblem | None = None


def _read_pages(data: bytes, place: str, deadline) -> list[_Page]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        declared = _declared_pages(pdf)
        if declared > MAX_PAGES:
            raise _too_many(place, declared)
        pages = []
        for number, page in enumerate(pdf.pages, start=1):
            if number > MAX_PAGES:
                raise _too_many(place, number)
            deadline()
            pages.append(_read_page(page, number, place))
            page.close()
        return pages


def _too_many(place: str, count: int) -> InputError:
    return InputError(place, f"för många sidor ({count}; högst {MAX_PAGES})",
                      f"too many pages ({count}; at most {MAX_PAGES})")


def _declared_pages(pdf) -> int:
    from pdfminer.pdftypes import resolve1

    try:
        return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except Exception:
        return 0  # no usable count: the page loop's own cap applies


def _read_page(page, number: int, place: str) -> _Page:
    result = _Page(number)
    objects = sum(len(v) for v in page.objects.values())
    if objects > MAX_PAGE_OBJECTS:
        result.problem = ReadProblem(Location(place, page=number),
                                     f"sidan har för många objekt ({objects}) och lästes inte",
                                     f"page has too many objects ({objects}) and was not read")
        return result
    tables = [t for t in page.find_tables(_settings(page)) if len(t.rows) and len(t.rows[0].cells) > 1]
    result.grids = [_Grid(_grid(t, place, number, k), number, t.bbox[1]) for k, t in enumerate(tables, 1)]
    boxes = [t.bbox for t in tables]
    outside = page.filter(lambda o: not any(_inside(o, b) for b in boxes))
    lines = outside.extract_text_lines(return_chars=True, strip=True)
    band = page.height * _MARGIN
    for n, line in enumerate(lines, start=1):
        chars = line["chars"]
        size = round(max(c["size"] for c in chars), 1)
        bold = all("bold" in c["fontname"].casefold() for c in chars if c["text"].strip())
        margin = line["bottom"] <= band or line["top"] >= page.height - band
        result.lines.append(_Line(clean_cell_text(line["text"]), number, n, line["top"], line["bottom"],
                                  size, bold, margin))
    return result


def _settings(page) -> dict:
    """Ruling lines, plus a closing line where a ruled table stops open (a row split at a page break)."""
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    horizontals = [e for e in page.edges if e["orientation"] == "h"]
    closing = []
    for key, before in (("top", False), ("bottom", True)):
        ends: dict[float, list[dict]] = {}
        for edge in verticals:
            ends.setdefault(round(edge[key]), []).append(edge)
        for y, edges in ends.items():
            x0, x1 = min(e["x0"] for e in edges), max(e["x1"] for e in edges)
            ruled = any(h["x0"] <= x0 + 2 and h["x1"] >= x1 - 2 and (h["top"] < y - 2 if before else h["top"] > y + 2)
                        for h in horizontals)
            if len(edges) > 1 and ruled:
                closing.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
                                "width": x1 - x0, "height": 0})
    return {**_TABLES, "explicit_horizontal_lines": closing}


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _grid(table, place: str, page: int, number: int) -> list[list[GridCell]]:
    """The table's rows as GridCells: a cell's text at its first position, merged positions covered."""
    boxes = [row.cells for row in table.rows]
    values = table.extract()
    starts = sorted({box[0] for row in boxes for box in row if box})
    rows: list[list[GridCell]] = []
    for r, (row_boxes, row_values) in enumerate(zip(boxes, values), start=1):
        row = []
        for c, (box, value) in enumerate(zip(row_boxes, row_values), start=1):
            at = Location(place, page=page, table_index=number, row_index=r, column_index=c)
            if box is None:
                row.append(GridCell("", at, covered=True))
                continue
            span = sum(1 for x in starts if box[0] <= x < box[2] - 0.5)
            text = clean_cell_text(" ".join((value or "").split("\n")))
            row.append(GridCell(text, at, max(span, 1)))
        rows.append(row)
    return rows


# --- Assembly: paragraphs, captions and tables over page breaks --------------------------------


@dataclass
class _Open:
    """A table being read, possibly over several pages."""

    caption: str
    rows: list[list[GridCell]]

    @property
    def header(self) -> list[GridCell]:
        rows = self.rows
        return rows[1] if len(rows) > 1 and is_title_row(rows[0]) else rows[0]


def _assemble(pages: list[_Page], place: str) -> Report:
    report = Report(place)
    report.problems.extend(p.problem for p in pages if p.problem)
    furniture = _running_furniture(pages)
    caption, current = "", None
    for item in _reading_order(pages, furniture):
        if isinstance(item, _Grid):
            if current is not None and _continue(current, item.rows):
                continue
            _close(current, report)
            current = _Open(caption, list(item.rows))
            continue
        text, first = item.text, item.lines[0]
        report.prose.append(Paragraph(text, Location(place, page=first.page, line=first.number)))
        if _FOOTNOTE.match(text):
            continue  # footnotes stand between a table and its continuation on the next page
        _close(current, report)
        current = None
        if _is_heading(text):
            caption = text
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
    if is_title_row(first) and texts(rest[0]) == texts(first):
        rest, repeated = rest[1:], True  # the title row repeated
    elif is_title_row(rest[0]) and rest[0][0].span == len(rest[0]):
        return False  # a title spanning the table, a new one: a new table
    if rest and is_repeated_header(rest[0], header):
        rest, repeated = rest[1:], True
    elif not repeated and _looks_like_header(texts(rows[0])) and not _is_fragment(rows[0]):
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


def _running_furniture(pages: list[_Page]) -> set[str]:
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

    lines: list[_Line]

    @property
    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)


def _reading_order(pages: list[_Page], furniture: set[str]) -> list[_Grid | _Para]:
    """Page by page, top to bottom: paragraphs and table grids; a paragraph cut by a page break is one."""
    ordered: list[_Grid | _Para] = []
    for page in pages:
        lines = [ln for ln in page.lines if ln.text and not _is_page_furniture(ln, furniture)]
        items: list[tuple[float, _Grid | _Para]] = [(g.top, g) for g in page.grids]
        items += [(group[0].top, _Para(group)) for group in _paragraphs(lines, page.grids)]
        for _, item in sorted(items, key=lambda pair: pair[0]):
            last = ordered[-1] if ordered else None
            if isinstance(item, _Para) and isinstance(last, _Para) and _goes_on(last.lines[-1], item.lines[0]):
                last.lines.extend(item.lines)
            else:
                ordered.append(item)
    return ordered


def _goes_on(above: _Line, below: _Line) -> bool:
    """The first line of a page continues the last paragraph of the page before: same font, lower-case start."""
    same_font = abs(above.size - below.size) <= 0.3 and above.bold == below.bold
    return below.page == above.page + 1 and same_font and below.text[:1].islower()


def _is_page_furniture(line: _Line, furniture: set[str]) -> bool:
    return _is_furniture(line.text) or (line.margin and _DIGITS.sub("#", line.text) in furniture)


def _paragraphs(lines: list[_Line], grids: list[_Grid]) -> list[list[_Line]]:
    """Wrapped lines of one paragraph: same font, no wider gap than the line spacing, no table between."""
    groups: list[list[_Line]] = []
    for line in lines:
        last = groups[-1][-1] if groups else None
        if last is not None and _same_paragraph(last, line, grids):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _same_paragraph(above: _Line, below: _Line, grids: list[_Grid]) -> bool:
    if abs(above.size - below.size) > 0.3 or above.bold != below.bold:
        return False
    if below.top - above.bottom > 0.4 * below.size:
        return False
    return not any(above.bottom <= g.top <= below.top for g in grids)


# --- Bounds: time and inflation ----------------------------------------------------------------


class _TimeUp(BaseException):
    """Raised from the timer; a BaseException so that no library's `except Exception` swallows it."""


class _Inflated(BaseException):
    """Flate streams inflate past MAX_INFLATED; a BaseException for the same reason."""


@contextmanager
def _time_limit(seconds: float):
    """Yield a check to call between pages; where possible a timer also interrupts a page that hangs."""
    end = time.monotonic() + seconds

    def check() -> None:
        if time.monotonic() > end:
            raise _TimeUp

    timer = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
             and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not timer:
        yield check
        return

    def expire(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_inflated: ContextVar[list[int] | None] = ContextVar("rapportkoll_pdf_inflated", default=None)


class _BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes: inflation charged to the read's budget."""

    error = zlib.error

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        inflater = zlib.decompressobj()
        out = _charge(inflater, data)
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")  # pdfminer then tries its fallback
        return out


def _bounded_corrupted(data: bytes) -> bytes:
    """pdfminer's fallback for streams with a bad checksum or cut short, with the same bound."""
    try:
        return _charge(zlib.decompressobj(), data)
    except zlib.error:
        return b""


def _charge(inflater, data: bytes) -> bytes:
    """Inflate at most what the budget allows; more than that is a bomb, not a report."""
    budget = _inflated.get()
    limit = min(MAX_STREAM, budget[0] if budget else MAX_INFLATED)
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise _Inflated
    if budget:
        budget[0] -= len(out)
    return out


def _bound_inflation() -> None:
    """pdfminer inflates streams with an unbounded zlib.decompress; give it the bounded one."""
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib()
        pdftypes.decompress_corrupted = _bounded_corrupted
