"""Reader for Word documents (.docx): body paragraphs as prose, Word tables cell by cell on their grid.

Tables are read on the Word grid, so a header cell spanning three columns (``gridSpan``) names
them 'Label #1', '#2', '#3' as the text reader does, and the cells a vertical merge covers are
blank. Cells are located by 1-based table, row and grid column; prose by paragraph number.
Captions, title rows, repeated headers and tables of contents follow the text reader's rules, so
both formats of one report give the same tables. The grid helpers are shared with the PDF reader.

The file is checked before python-docx sees it: an encrypted (password-protected) Word file, a
legacy .doc, a ZIP that is not a Word document and a ZIP bomb (judged by the sizes its directory
declares; ``zipfile`` never inflates a member past its declared size) are refused with an
InputError. The input is only read.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from rapportkoll.model import Cell, Location, Paragraph, Report, Row, Table
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.source import read_bytes

# The text reader's layout rules, shared so that every format of one report reads alike.
from rapportkoll.readers.text import (
    _FOOTNOTE,
    _Block,
    _column_names,
    _is_contents,
    _is_furniture,
    _is_heading,
    _Line,
    _similar_header,
    clean_cell_text,
)

MAX_MEMBERS = 10_000
MAX_UNPACKED = 256 * 1024 * 1024  # declared uncompressed bytes of all members together
MAX_COLUMNS = 64  # grid columns of one table: spans beyond are cut (a crafted gridSpan could ask for millions)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLES = ("heading", "rubrik", "title", "overskrift")


def read(path: Path) -> Report:
    """Read a .docx into a Report; raises InputError only when the file as a whole is unreadable."""
    place = str(path)
    data = read_bytes(path)
    _check_container(place, data)
    document = _open(place, data)
    try:
        return _read_body(document, place)
    except (InputError, MemoryError):
        raise
    except Exception as exc:  # a valid ZIP with malformed WordprocessingML
        raise _unreadable(place, exc) from None


def _unreadable(place: str, exc: BaseException) -> InputError:
    detail = type(exc).__name__
    return InputError(place, f"kan inte läsas som Word-dokument (.docx) ({detail})",
                      f"cannot be read as a Word document (.docx) ({detail})")


def _check_container(place: str, data: bytes) -> None:
    """Refuse encrypted, legacy, foreign and bomb-like containers before any parsing."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_INFO in data:
            raise InputError(place, "lösenordsskyddad (krypterad) Word-fil; spara en kopia utan lösenord",
                             "password-protected (encrypted) Word file; save a copy without a password")
        raise InputError(place, "äldre Word-format (.doc) eller annan OLE-fil; spara som .docx",
                         "legacy Word format (.doc) or other OLE file; save it as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise InputError(place, "inte en .docx-fil (ingen giltig ZIP-behållare)",
                         "not a .docx file (no valid ZIP container)") from None
    declared = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or declared > MAX_UNPACKED:
        raise InputError(place, f"orimligt stort uppackat innehåll ({len(members)} delar, {declared} byte); "
                                "troligen en ZIP-bomb",
                         f"implausibly large unpacked content ({len(members)} parts, {declared} bytes); "
                         "probably a ZIP bomb")
    if not any(m.filename == "[Content_Types].xml" for m in members):
        raise InputError(place, "ZIP-fil men inget Office-dokument (saknar [Content_Types].xml)",
                         "a ZIP file but not an Office document (no [Content_Types].xml)")


def _open(place: str, data: bytes):
    import docx  # python-docx; imported on use so the PDF reader can share the grid helpers

    try:
        return docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception as exc:
        raise _unreadable(place, exc) from None


def _read_body(document, place: str) -> Report:
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph as WordParagraph

    report = Report(place)
    caption, paragraphs, tables = "", 0, 0
    for element in _blocks(document.element.body):
        if element.tag == f"{_W}p":
            paragraphs += 1
            paragraph = WordParagraph(element, document._body)
            raw = _flat(paragraph.text).strip()
            text = clean_cell_text(raw)
            if not text or _is_furniture(text):
                continue
            report.prose.append(Paragraph(text, Location(place, line=paragraphs)))
            if not _FOOTNOTE.match(raw) and (_heading_style(paragraph) or _is_heading(text)):
                caption = text
            continue
        tables += 1
        grid = _word_grid(WordTable(element, document._body), place, tables)
        if grid and len(grid[0]) < 2:  # a one-column layout box: its text is prose
            report.prose.extend(Paragraph(c.text, c.location) for row in grid for c in row if c.text)
            continue
        table = build_table(grid, caption, len(report.tables))
        if table is not None:
            report.tables.append(table)
    return report


def _blocks(parent):
    """Paragraphs and tables of the body in order, looking inside content controls but not a TOC."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt" and not _is_toc(child):
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _is_toc(sdt) -> bool:
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(f"{_W}val") or "").casefold()


def _heading_style(paragraph) -> bool:
    """Heading, Rubrik or Title styles, or an outline level set on the paragraph itself."""
    style = paragraph.style
    names = (style.name or "", style.style_id or "") if style is not None else ()
    if any(n.casefold().startswith(_HEADING_STYLES) for n in names):
        return True
    return paragraph._p.find(f"{_W}pPr/{_W}outlineLvl") is not None


def _flat(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _word_grid(table, place: str, number: int) -> list[list[GridCell]]:
    """Each Word row as one GridCell per grid column, merged cells marked as covered."""
    rows: list[list[GridCell]] = []
    for r, tr in enumerate(table._tbl.tr_lst, start=1):
        row: list[GridCell] = []

        def at(column: int) -> Location:
            return Location(place, table_index=number, row_index=r, column_index=column)

        row.extend(GridCell("", at(c + 1)) for c in range(min(tr.grid_before, MAX_COLUMNS)))
        for tc in tr.tc_lst:
            span, column = max(1, min(tc.grid_span, MAX_COLUMNS - len(row))), len(row) + 1
            if column > MAX_COLUMNS:
                break  # Word itself allows 63 columns
            continued = tc.vMerge == "continue"
            text = "" if continued else _cell_text(tc)
            row.append(GridCell(text, at(column), span, covered=continued))
            row.extend(GridCell("", at(column + k), covered=True) for k in range(1, span))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    for r, row in enumerate(rows, start=1):
        row.extend(GridCell("", Location(place, table_index=number, row_index=r, column_index=c + 1))
                   for c in range(len(row), width))
    return rows


def _cell_text(tc) -> str:
    """The cell's paragraphs on one line, as a text export prints them."""
    from docx.text.paragraph import Paragraph as WordParagraph

    parts = (_flat(WordParagraph(p, None).text) for p in tc.p_lst)
    return clean_cell_text(" ".join(p for p in parts if p.strip()))


# --- Grid tables: shared with the PDF reader ------------------------------------------------


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


def build_table(grid: list[list[GridCell]], caption: str, index: int) -> Table | None:
    """A Table from grid rows of equal width, read as the text reader reads tab-separated lines."""
    rows = [row for row in grid if any(c.text for c in row)]
    if not rows or len(rows[0]) < 2:
        return None
    if is_contents(rows):
        return None
    if is_title_row(rows[0]) and len(rows) > 1:
        caption, rows = rows[0][0].text, rows[1:]
    header, body = rows[0], rows[1:]
    columns = column_names(header, body)
    table_rows = [_make_row(row) for row in body if not is_repeated_header(row, header)]
    return Table(caption, header[0].text, columns, table_rows, header[0].location, index)


def texts(row: list[GridCell]) -> list[str]:
    return [c.text for c in row]


def is_title_row(row: list[GridCell]) -> bool:
    """A row naming the table: text in its first cell only (typically one cell spanning the width)."""
    return bool(row[0].text) and not any(c.text for c in row[1:])


def is_repeated_header(row: list[GridCell], header: list[GridCell]) -> bool:
    return _similar_header(texts(row), texts(header))


def is_contents(rows: list[list[GridCell]]) -> bool:
    lines = [_Line(n, texts(row)) for n, row in enumerate(rows, start=1)]
    return _is_contents(_Block("", lines))


def column_names(header: list[GridCell], body: list[list[GridCell]]) -> tuple[str, ...]:
    """Header labels of the value columns; a label spanning several columns names each part '#n'."""
    lines = [_Line(n, texts(row)) for n, row in enumerate(body, start=1)]
    names = list(_column_names(texts(header), lines, len(header)))
    for position, cell in enumerate(header):
        if cell.span > 1 and cell.text and not cell.covered:
            for k in range(cell.span):
                if 0 < position + k < len(header):
                    names[position + k - 1] = f"{cell.text} #{k + 1}"
    return tuple(names)


def merge_continuation(row: list[GridCell], fragment: list[GridCell]) -> list[GridCell]:
    """Append the texts of a row's fragment (split over a page break), keeping the row's locations."""
    return [replace(cell, text=f"{cell.text} {extra.text}".strip()) if extra.text else cell
            for cell, extra in zip(row, fragment)]


def _make_row(row: list[GridCell]) -> Row:
    cells = tuple(Cell.read(c.text, c.location) for c in row)
    return Row(cells[0], cells[1:])
