"""Reader for PDF reports: ruled tables cell by cell with their page, the text outside them as prose.

Libraries: pdfplumber (MIT, on pdfminer.six) and pdfium (pypdfium2, Apache/BSD, which pdfplumber
depends on). Reports are typeset with ruled tables, and pdfplumber's table finder works from
exactly those rulings and gives every cell's box, so merged cells (a header spanning three
columns, running text merged down over blank cells) are seen as such, and the characters give
each line's font and position for telling headings and page furniture apart. pdfminer reads the
document's structure (pages, their boxes and content streams); the characters and rulings of a
page are read by pdfium in C (``pdf_objects``), several times faster than pdfminer's
interpretation in Python. The rulings go to pdfplumber's table finder in its own shape (its cell
search done by ``pdf_tables``); the characters stay arrays, grouped into words, lines and cell
texts as pdfplumber groups them (``pdf_words``). PyMuPDF is faster still but AGPL; camelot needs
Ghostscript/OpenCV; pypdf and pdfium have no table finding.

This module reads what is on each page; ``pdf_assembly`` puts the pages together as the text
reader reads an export. Cells are located by page, table on that page, row in that table on
that page and grid column (all 1-based): what a reader of the PDF counts. Prose paragraphs carry
their page and the number of their first line on it.

Safety: at most the `pages` limit of pages; pdfium parses a page in C, where no timer or count
reaches, so a page is first counted in its inflated content (``pdf_scan``) and skipped with a
problem when it would make more than the `pdf_objects` limit of objects; pdfminer's Flate
decoding, which inflates every stream pdfium will read, is bounded (see ``limits``), so a
compression bomb is refused instead of filling memory; time and memory are the budget's
(``rapportkoll.guard``). Encrypted files that need a password, damaged files and
files that are not PDFs give an InputError. The input is only read.
"""

from __future__ import annotations

import io
import logging
import threading
from pathlib import Path

from rapportkoll.model import Location, ReadProblem, Report
from rapportkoll.readers.contents import with_pdf_contents
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.grid import GridCell
from rapportkoll.readers.layout import clean_cell_text
from rapportkoll.bounds import current, over
from rapportkoll.readers.limits import Inflated, inflation_limit
from rapportkoll.readers.pdf_ascii85 import install as install_ascii85
from rapportkoll.readers.pdf_assembly import Grid, Line, Page, assemble
from rapportkoll.readers.pdf_objects import Chars, load_objects
from rapportkoll.readers.pdf_scan import objects_on
from rapportkoll.readers.pdf_tables import find_tables
from rapportkoll.readers.pdf_words import cell_texts, outside, text_lines
from rapportkoll.readers.source import read_bytes

_TABLES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_MARGIN = 0.08  # running heads and feet live in the top and bottom 8 % of a page

_PDFIUM = threading.Lock()  # pdfium is not thread-safe: one read at a time in a process

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # damaged files are reported, not logged


def read(path: Path) -> Report:
    """Read a PDF into a Report; raises InputError only when the file as a whole is unreadable."""
    place = str(path)
    data = read_bytes(path)
    if b"%PDF-" not in data[:1024]:
        raise InputError(place, "inte en PDF-fil", "not a PDF file")
    with inflation_limit():
        try:
            return with_pdf_contents(assemble(_read_pages(data, place), place), data)
        except InputError:
            raise
        except Inflated:
            raise InputError(place, "komprimerat innehåll packas upp till orimlig storlek (komprimeringsbomb?)",
                             "compressed content inflates to an implausible size (compression bomb?)") from None
        except Exception as exc:
            raise _classify(place, exc) from None


def _classify(place: str, exc: BaseException) -> InputError:
    """Encrypted, damaged or out of memory, judged by the errors anywhere in the chain of causes.

    pdfplumber wraps whatever pdfminer raises, a MemoryError from the memory budget too."""
    causes, seen = [], exc
    while seen is not None and len(causes) < 10:
        causes.append(seen)
        seen = seen.__cause__ or seen.__context__ or next(
            (a for a in getattr(seen, "args", ()) if isinstance(a, BaseException)), None)
    names = {type(c).__name__ for c in causes}
    if "MemoryError" in names:
        return over(place, "memory")
    if names & {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"}:
        return InputError(place, "lösenordsskyddad (krypterad) PDF; spara en kopia utan lösenord",
                          "password-protected (encrypted) PDF; save a copy without a password")
    detail = type(causes[-1]).__name__
    return InputError(place, f"skadad eller ogiltig PDF ({detail})", f"damaged or invalid PDF ({detail})")


def _read_pages(data: bytes, place: str) -> list[Page]:
    import pdfplumber
    import pypdfium2

    install_ascii85()  # the same bytes as pdfminer's own decoder, by array operations
    limit = current().pages
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        declared = _declared_pages(pdf)
        if declared > limit:
            raise over(place, "pages", declared)
        with _PDFIUM:
            document = pypdfium2.PdfDocument(data)
            try:
                return [_read_page(page, document, number, place) for number, page in _pages(pdf, limit, place)]
            finally:
                document.close()


def _pages(pdf, limit: int, place: str):
    """(number, pdfplumber page) in order, closing each when the next is asked for; at most ``limit``."""
    for number, page in enumerate(pdf.pages, start=1):
        if number > limit:
            raise over(place, "pages", number)
        yield number, page
        page.close()


def _declared_pages(pdf) -> int:
    from pdfminer.pdftypes import resolve1

    try:
        return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except Exception:
        return 0  # no usable count: the page loop's own cap applies


def _read_page(page, document, number: int, place: str) -> Page:
    """The page's ruled tables and the text lines outside them; a page too large to read holds a problem."""
    result = Page(number)
    if objects_on(page.page_obj, current().pdf_objects) > current().pdf_objects:  # before pdfium parses it
        error = over("", "pdf_objects")
        result.problem = ReadProblem(Location(place, page=number), f"sidan {error.message_sv}; den lästes inte",
                                     f"page {error.message_en}; it was not read")
        return result
    if number > len(document):  # pdfium found fewer pages than pdfminer: the page tree is damaged
        raise InputError(place, "skadad eller ogiltig PDF (sidträdet)", "damaged or invalid PDF (page tree)")
    pdfium_page = document[number - 1]
    try:
        chars = load_objects(page, pdfium_page)
    finally:
        pdfium_page.close()
    tables = [t for t in find_tables(page, _settings(page)) if len(t.rows) and len(t.rows[0].cells) > 1]
    result.grids = [Grid(_grid(t, chars, place, number, k), number, t.bbox[1]) for k, t in enumerate(tables, 1)]
    result.lines = _text_lines(page, chars, outside(chars, [t.bbox for t in tables]), number)
    return result


def _text_lines(page, chars: Chars, members, number: int) -> list[Line]:
    """The page's text lines of the characters ``members``, with their font and whether they sit in a margin."""
    band = page.height * _MARGIN
    return [Line(clean_cell_text(line.text), number, n, line.top, line.bottom, round(line.size, 1), line.bold,
                 line.bottom <= band or line.top >= page.height - band)
            for n, line in enumerate(text_lines(chars, members), start=1)]


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


def _grid(table, chars: Chars, place: str, page: int, number: int) -> list[list[GridCell]]:
    """The table's rows as GridCells: a cell's text at its first position, merged positions covered."""
    boxes = [row.cells for row in table.rows]
    values = iter(cell_texts(chars, [box for row in boxes for box in row if box is not None]))
    starts = sorted({box[0] for row in boxes for box in row if box})
    rows: list[list[GridCell]] = []
    for r, row_boxes in enumerate(boxes, start=1):
        row = []
        for c, box in enumerate(row_boxes, start=1):
            at = Location(place, page=page, table_index=number, row_index=r, column_index=c)
            if box is None:
                row.append(GridCell("", at, covered=True))
                continue
            span = sum(1 for x in starts if box[0] <= x < box[2] - 0.5)
            row.append(GridCell(clean_cell_text(next(values)), at, max(span, 1)))
        rows.append(row)
    return rows
