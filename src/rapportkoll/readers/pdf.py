"""Reader for PDF reports: ruled tables cell by cell with their page, the text outside them as prose.

Library: pdfplumber (MIT, on pdfminer.six). Reports are typeset with ruled tables, and
pdfplumber's table finder works from exactly those rulings and gives every cell's box, so merged
cells (a header spanning three columns, running text merged down over blank cells) are seen as
such, and the characters give each line's font and position for telling headings and page
furniture apart. PyMuPDF is faster but AGPL; camelot needs Ghostscript/OpenCV; pypdf and
pypdfium2 have no table finding.

This module reads what is on each page; ``pdf_assembly`` puts the pages together as the text
reader reads an export. Cells are located by page, table on that page, row in that table on
that page and grid column (all 1-based): what a reader of the PDF counts. Prose paragraphs carry
their page and the number of their first line on it.

Safety: at most the `pages` limit of pages; a page is skipped with a problem as soon as pdfminer
has made more than the `pdf_objects` limit of objects on it (counted while the page is parsed,
see ``limits.count_objects``); pdfminer's Flate decoding is bounded (see ``limits``), so a
compression bomb is refused instead of filling memory; time and memory are the budget's
(``rapportkoll.guard``). Encrypted files that need a password, damaged files and
files that are not PDFs give an InputError. The input is only read.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from rapportkoll.model import Location, ReadProblem, Report
from rapportkoll.readers.contents import with_pdf_contents
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.grid import GridCell
from rapportkoll.readers.layout import clean_cell_text
from rapportkoll.bounds import current, over
from rapportkoll.readers.limits import Inflated, TooManyObjects, count_objects, inflation_limit
from rapportkoll.readers.pdf_assembly import Grid, Line, Page, assemble
from rapportkoll.readers.pdf_objects import load_objects
from rapportkoll.readers.source import read_bytes

_TABLES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_MARGIN = 0.08  # running heads and feet live in the top and bottom 8 % of a page

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

    limit = current().pages
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        declared = _declared_pages(pdf)
        if declared > limit:
            raise over(place, "pages", declared)
        pages = []
        for number, page in enumerate(pdf.pages, start=1):
            if number > limit:
                raise over(place, "pages", number)
            pages.append(_read_page(page, number, place))
            page.close()
        return pages


def _declared_pages(pdf) -> int:
    from pdfminer.pdftypes import resolve1

    try:
        return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except Exception:
        return 0  # no usable count: the page loop's own cap applies


def _read_page(page, number: int, place: str) -> Page:
    """The page's ruled tables and the text lines outside them; a page too large to read holds a problem."""
    result = Page(number)
    try:
        with count_objects(current().pdf_objects):
            load_objects(page)  # pdfminer parses the page here, and each object it makes is counted
    except TooManyObjects:
        error = over("", "pdf_objects")
        result.problem = ReadProblem(Location(place, page=number), f"sidan {error.message_sv}; den lästes inte",
                                     f"page {error.message_en}; it was not read")
        return result
    tables = [t for t in page.find_tables(_settings(page)) if len(t.rows) and len(t.rows[0].cells) > 1]
    result.grids = [Grid(_grid(t, place, number, k), number, t.bbox[1]) for k, t in enumerate(tables, 1)]
    result.lines = _text_lines(page, number, [t.bbox for t in tables])
    return result


def _text_lines(page, number: int, boxes: list[tuple[float, float, float, float]]) -> list[Line]:
    """The page's text lines outside the table boxes, with their font and whether they sit in a margin."""
    outside = page.filter(lambda o: not any(_inside(o, b) for b in boxes))
    band = page.height * _MARGIN
    lines = []
    for n, line in enumerate(outside.extract_text_lines(return_chars=True, strip=True), start=1):
        chars = line["chars"]
        size = round(max(c["size"] for c in chars), 1)
        bold = all("bold" in c["fontname"].casefold() for c in chars if c["text"].strip())
        margin = line["bottom"] <= band or line["top"] >= page.height - band
        lines.append(Line(clean_cell_text(line["text"]), number, n, line["top"], line["bottom"], size, bold, margin))
    return lines


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
    values = cell_texts(table)
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




def cell_texts(table) -> list[list[str | None]]:
    """``table.extract()``, over the characters inside the table only: pdfplumber scans the page's per row."""
    from types import SimpleNamespace

    from pdfplumber.table import Table

    x0, top, x1, bottom = table.bbox
    inside = [c for c in table.page.chars
              if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom]
    return Table(SimpleNamespace(chars=inside), table.cells).extract()
