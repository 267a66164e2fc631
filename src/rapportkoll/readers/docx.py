"""Reader for Word documents (.docx): body paragraphs as prose, Word tables cell by cell on their grid.

Tables are read on the Word grid, so a header cell spanning three columns (``gridSpan``) names
them 'Label #1', '#2', '#3' as the text reader does, and the cells a vertical merge covers are
blank. Cells are located by 1-based table, row and grid column; prose by paragraph number.
Captions, title rows, repeated headers and tables of contents follow the text reader's rules, so
both formats of one report give the same tables; the contents (a TOC control, TOC-styled paragraphs or a
grid of entries and page numbers) are kept as the report's contents entries (``readers.contents``).

The file is checked before python-docx sees it: an encrypted (password-protected) Word file, a
legacy .doc, a ZIP that is not a Word document and a ZIP bomb (judged by the sizes its directory
declares and by inflating each part in bounded steps, as for workbooks) are refused with an
InputError. The input is only read.
"""

from __future__ import annotations

import io
from functools import partial
from pathlib import Path
from typing import Callable

from rapportkoll.model import Location, Paragraph, Report
from rapportkoll.bounds import current, over
from rapportkoll.readers import archive, contents
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.grid import GridCell, build_tables
from rapportkoll.readers.layout import FootnoteMarks, clean_cell_text, is_furniture, is_heading
from rapportkoll.readers.source import read_bytes

MAX_COLUMNS = 64  # grid columns of one table: spans beyond are cut (a crafted gridSpan could ask for millions)
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


def _not_docx(place: str, exc: BaseException | None = None) -> InputError:
    detail = f" ({type(exc).__name__}: {str(exc)[:80]})" if exc else ""
    return InputError(place, f"inte en .docx-fil (ingen giltig ZIP-behållare){detail}",
                      f"not a .docx file (no valid ZIP container){detail}")


def _check_container(place: str, data: bytes) -> None:
    """Refuse encrypted, legacy, foreign and bomb-like containers before any parsing."""
    archive.refuse_ole(data, place, "EncryptionInfo",
                       ("lösenordsskyddad (krypterad) Word-fil; spara en kopia utan lösenord",
                        "password-protected (encrypted) Word file; save a copy without a password"),
                       ("äldre Word-format (.doc) eller annan OLE-fil; spara som .docx",
                        "legacy Word format (.doc) or other OLE file; save it as .docx"))
    if not archive.is_zip(data):
        raise _not_docx(place)
    with archive.opened(data, place, _not_docx) as zipped:
        members = zipped.infolist()
        archive.check_declared(members, place)
        xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
        if xml > current().text:  # python-docx builds the whole document tree at once
            raise over(place, "text", xml)
        for member in members:  # what each part really inflates to, in bounded steps, before python-docx reads it
            archive.check_member(data, member, place)
    if not any(m.filename == "[Content_Types].xml" for m in members):
        raise InputError(place, "ZIP-fil men inget Office-dokument (saknar [Content_Types].xml)",
                         "a ZIP file but not an Office document (no [Content_Types].xml)")


def _open(place: str, data: bytes):
    import docx  # python-docx, imported on use

    try:
        return docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception as exc:
        raise _unreadable(place, exc) from None


def _read_body(document, place: str) -> Report:
    """Paragraphs as prose (a heading names the tables after it), tables on their Word grid."""
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph as WordParagraph

    report = Report(place)
    caption, paragraphs, tables, footnotes = "", 0, 0, FootnoteMarks()
    style_names = _StyleNames(document)
    for element in _blocks(document.element.body):
        if element.tag == f"{_W}p":
            paragraphs += 1
            paragraph = WordParagraph(element, document._body)
            style = style_names.of(paragraph)
            if contents.is_toc_style(style):
                report.contents.extend(contents.toc_paragraph(paragraph, place, paragraphs))
                continue
            raw = _flat(paragraph.text).strip()
            text = clean_cell_text(raw)
            if not text or is_furniture(text):
                continue
            report.prose.append(Paragraph(text, Location(place, line=paragraphs)))
            footnotes.read(raw)
            if not footnotes.opens_footnote(raw) and (_heading_style(style, paragraph) or is_heading(text)):
                caption = text
                footnotes.read_heading(text)
            continue
        if element.tag == f"{_W}sdt":  # a contents control: its entries, placed where it stands
            report.contents.extend(contents.word_toc(element, place, paragraphs))
            continue
        tables += 1
        grid = _word_grid(WordTable(element, document._body), place, tables)
        for row in grid:
            footnotes.read(" ".join(cell.text for cell in row))
        entries = contents.grid_entries([[c.text for c in row] for row in grid], place, paragraphs)
        if entries:
            report.contents.extend(entries)
            continue
        if grid and len(grid[0]) < 2:  # a one-column layout box: its text is prose
            report.prose.extend(Paragraph(c.text, c.location) for row in grid for c in row if c.text)
            continue
        report.tables.extend(build_tables(grid, caption, len(report.tables)))
    return report


def _blocks(parent):
    """Paragraphs and tables of the body in order, looking inside content controls; a TOC control whole."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl") or child.tag == f"{_W}sdt" and _is_toc(child):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _is_toc(sdt) -> bool:
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(f"{_W}val") or "").casefold()


class _StyleNames:
    """A paragraph's style name and id, from a table built once per document: python-docx's `paragraph.style`
    scans every style of the document for the default on each paragraph without one of its own (a second
    for a long report's paragraphs)."""

    def __init__(self, document) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        paragraph = WD_STYLE_TYPE.PARAGRAPH
        self._by_id = {s.style_id: _names(s) for s in document.styles if s.type == paragraph}
        self._default = _names(document.styles.default(paragraph))

    def of(self, paragraph) -> tuple[str, ...]:
        """As `paragraph.style` resolves it: its own style if the document has it, else the default."""
        return self._by_id.get(paragraph._p.style, self._default)


def _names(style) -> tuple[str, ...]:
    return (style.name or "", style.style_id or "") if style is not None else ()


def _heading_style(names: tuple[str, ...], paragraph) -> bool:
    """Heading, Rubrik or Title styles, or an outline level set on the paragraph itself."""
    if any(n.casefold().startswith(_HEADING_STYLES) for n in names):
        return True
    return paragraph._p.find(f"{_W}pPr/{_W}outlineLvl") is not None


def _flat(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _word_grid(table, place: str, number: int) -> list[list[GridCell]]:
    """Each Word row as one GridCell per grid column, merged cells marked as covered, short rows padded."""
    rows = [_word_row(tr, partial(_at, place, number, r)) for r, tr in enumerate(table._tbl.tr_lst, start=1)]
    width = max((len(r) for r in rows), default=0)
    for r, row in enumerate(rows, start=1):
        row.extend(GridCell("", _at(place, number, r, c + 1)) for c in range(len(row), width))
    return rows


def _word_row(tr, at: Callable[[int], Location]) -> list[GridCell]:
    row = [GridCell("", at(c + 1)) for c in range(min(tr.grid_before, MAX_COLUMNS))]
    for tc in tr.tc_lst:
        span, column = max(1, min(tc.grid_span, MAX_COLUMNS - len(row))), len(row) + 1
        if column > MAX_COLUMNS:
            break  # Word itself allows 63 columns
        continued = tc.vMerge == "continue"
        text = "" if continued else _cell_text(tc)
        row.append(GridCell(text, at(column), span, covered=continued))
        row.extend(GridCell("", at(column + k), covered=True) for k in range(1, span))
    return row


def _at(place: str, table: int, row: int, column: int) -> Location:
    return Location(place, table_index=table, row_index=row, column_index=column)


def _cell_text(tc) -> str:
    """The cell's paragraphs on one line, as a text export prints them."""
    from docx.text.paragraph import Paragraph as WordParagraph

    parts = (_flat(WordParagraph(p, None).text) for p in tc.p_lst)
    return clean_cell_text(" ".join(p for p in parts if p.strip()))
