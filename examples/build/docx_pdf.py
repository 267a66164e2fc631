"""Regenerate the Word and PDF versions of the example reports from their text exports.

Run from anywhere: ``python examples/build/docx_pdf.py``. Needs rapportkoll (its text reader
gives the tables and the prose), python-docx, reportlab and the DejaVu fonts (Debian's
fonts-dejavu-core). The printed values are exactly those of the text export, genuine errors
included; only the layout is new:

- DOCX: the report title in the Title style, the headings of the table of contents as Heading 2,
  every other prose line as a paragraph, and each table as a real Word table (title row and
  header row repeated on every page, the RxK header as one cell spanning three columns, running
  text that stood over blank cells merged vertically over them).
- PDF: the same content set with reportlab, ruled tables whose header repeats on every page and
  whose long rows may split over a page break, a running head and 'n(N)' page numbers.

The output is byte-for-byte reproducible (fixed dates in both formats).
"""

from __future__ import annotations

import functools
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle)

from rapportkoll.numbers import CellKind
from rapportkoll.readers import text as text_reader
from rapportkoll.readers.text import _FOOTNOTE, _is_heading

EXAMPLES = Path(__file__).resolve().parents[1]
REPORTS = {
    "alingsas-ks-delarsbokslut-2024": "Alingsås kommun · Kommunstyrelsen · Delårsbokslut 2024",
    "herrljunga-ks-delarsrapport-2023": "Herrljunga kommun · Kommunstyrelsen · Delårsrapport 2023",
}
FIXED_TIME = datetime(2024, 10, 1, tzinfo=timezone.utc)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_SPAN = re.compile(r"^(?P<label>.+) #(?P<k>\d+)$")
_UNNAMED = re.compile(r"^#\d+$")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_MERGED_TEXT_WORDS = 8  # running text this long over blank cells was one vertically merged cell


@dataclass
class Header:
    """A header cell as printed: its text and how many grid columns it spans."""

    text: str
    span: int


@dataclass
class Layout:
    """One table as it is to be printed: optional title row, header cells, body texts, merges."""

    title: str | None
    header: list[Header]
    body: list[list[str]]
    numeric: list[bool]  # per grid column
    merged_below: dict[tuple[int, int], int]  # (body row, column) of running text -> rows it spans


def main() -> int:
    for stem, running_head in REPORTS.items():
        source = EXAMPLES / f"{stem}.txt"
        items = _items(source)
        write_docx(items, EXAMPLES / f"{stem}.docx")
        write_pdf(items, EXAMPLES / f"{stem}.pdf", running_head)
        print(f"wrote {stem}.docx and {stem}.pdf")
    return 0


# --- Content: the text reader's prose and tables, in document order ----------------------------


def _items(source: Path) -> list[tuple[str, object]]:
    """('title'|'heading'|'footnote'|'paragraph', text) and ('table', Layout) in reading order."""
    report = text_reader.read(source)
    lines = source.read_text(encoding="utf-8").split("\n")
    contents = _contents_entries(lines)
    placed: list[tuple[int, str, object]] = []
    for number, paragraph in enumerate(report.prose):
        # The line as printed, an autolink '<https://…>' shown as its address (the text reader drops tags).
        text = _AUTOLINK.sub(r"\1", lines[paragraph.location.line - 1].strip())
        if number == 0:
            kind = "title"
        elif _FOOTNOTE.match(text):
            kind = "footnote"
        elif _is_heading(text) and text in contents:
            kind = "heading"
        else:
            kind = "paragraph"
        placed.append((paragraph.location.line, kind, text))
    for table in report.tables:
        line = table.location.line
        title = _title_row(lines, line, table.caption)
        placed.append((line - (1 if title else 0), "table", _layout(table, title)))
    return [(kind, value) for _, kind, value in sorted(placed, key=lambda p: p[0])]


def _contents_entries(lines: list[str]) -> set[str]:
    """Headings as the table of contents lists them ('Drift\t6', 'Sjukfrånvaro.....\t14')."""
    entries = set()
    for line in lines:
        fields = line.split("\t")
        if len(fields) == 2 and fields[1].strip().isdigit():
            entries.add(fields[0].rstrip(". ").strip())
    return entries


def _title_row(lines: list[str], header_line: int, caption: str) -> str | None:
    """The text export's title line just above the header ('Uppföljning per …\t\t\t'), if any."""
    above = lines[header_line - 2] if header_line >= 2 else ""
    fields = above.split("\t")
    if len(fields) > 1 and fields[0].strip() == caption and not any(f.strip() for f in fields[1:]):
        return caption
    return None


def _layout(table, title: str | None) -> Layout:
    header = [Header(table.corner, 1)]
    for name in table.columns:
        span = _SPAN.match(name)
        label = span["label"] if span else ("" if _UNNAMED.match(name) else name)
        if span and int(span["k"]) > 1 and header[-1].text == label:
            header[-1].span += 1
        else:
            header.append(Header(label, 1))
    body = [[row.label.text, *(c.text for c in row.cells)] for row in table.rows]
    numeric = [False] + [
        any(r.cells[j].kind in (CellKind.NUMBER, CellKind.PERCENT) for r in table.rows)
        and all(r.cells[j].kind is not CellKind.TEXT for r in table.rows)
        for j in range(len(table.columns))
    ]
    return Layout(title, header, body, numeric, _merged_below(table))


def _merged_below(table) -> dict[tuple[int, int], int]:
    """Running text followed by blank cells in its column: one vertically merged cell."""
    merges: dict[tuple[int, int], int] = {}
    for j in range(len(table.columns)):
        start = None
        for i, row in enumerate(table.rows):
            cell = row.cells[j]
            if cell.kind is CellKind.BLANK and start is not None and not row.is_blank:
                merges[(start, j + 1)] = i - start + 1
                continue
            long_text = cell.kind is CellKind.TEXT and len(cell.text.split()) >= _MERGED_TEXT_WORDS
            start = i if long_text else None
    return merges


# --- DOCX -------------------------------------------------------------------------------------


def write_docx(items, target: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10)
    for kind, value in items:
        if kind == "title":
            document.add_paragraph(value, style="Title")
        elif kind == "heading":
            document.add_paragraph(value, style="Heading 2")
        elif kind == "footnote":
            run = document.add_paragraph().add_run(value)
            run.font.size = Pt(8)
        elif kind == "paragraph":
            document.add_paragraph(value)
        else:
            _docx_table(document, value)
    properties = document.core_properties
    properties.author = "rapportkoll examples"
    properties.title = items[0][1]
    properties.created = properties.modified = FIXED_TIME.replace(tzinfo=None)
    properties.last_modified_by = "rapportkoll examples"
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(_fixed_zip_times(buffer.getvalue()))


def _docx_table(document, layout: Layout) -> None:
    width = len(layout.numeric)
    extra = 1 if layout.title else 0
    table = document.add_table(rows=len(layout.body) + 1 + extra, cols=width)
    table.style = "Table Grid"
    if layout.title:
        title = table.cell(0, 0).merge(table.cell(0, width - 1))
        _docx_text(title, layout.title, bold=True)
    column = 0
    for head in layout.header:
        cell = table.cell(extra, column)
        if head.span > 1:
            cell = cell.merge(table.cell(extra, column + head.span - 1))
        _docx_text(cell, head.text, bold=True)
        column += head.span
    for r in range(extra + 1):
        _repeat_as_header(table.rows[r])
    for i, values in enumerate(layout.body):
        for j, value in enumerate(values):
            right = layout.numeric[j] and j > 0
            _docx_text(table.cell(i + 1 + extra, j), value, right=right)
    for (i, j), rows in layout.merged_below.items():
        table.cell(i + 1 + extra, j).merge(table.cell(i + extra + rows, j))
    document.add_paragraph()


def _docx_text(cell, value: str, *, bold: bool = False, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(value)
    run.bold = bold
    run.font.size = Pt(8)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite the package with one fixed timestamp, so a rebuild changes no byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------------------


def write_pdf(items, target: Path, running_head: str) -> None:
    rl_config.invariant = 1  # no creation date or random document id: reproducible bytes
    styles = _pdf_styles()
    margins = {"leftMargin": 20 * mm, "rightMargin": 20 * mm, "topMargin": 22 * mm, "bottomMargin": 20 * mm}
    portrait_width, landscape_width = A4[0] - 40 * mm, A4[1] - 40 * mm
    story = []
    for kind, value in items:
        if kind != "table":
            story.append(Paragraph(escape(value), styles[kind]))
        elif sum(_least_widths(value)) <= portrait_width:
            story += [_pdf_table(value, portrait_width), Spacer(1, 8)]
        else:  # too wide for portrait: a landscape section, as reports do for wide tables
            story += [NextPageTemplate("landscape"), PageBreak(), _pdf_table(value, landscape_width),
                      NextPageTemplate("portrait"), PageBreak()]
    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=A4, title=items[0][1], author="rapportkoll examples",
                               creator="rapportkoll examples/build", **margins)
    templates = []
    for name, size in (("portrait", A4), ("landscape", landscape(A4))):
        frame = Frame(20 * mm, 20 * mm, size[0] - 40 * mm, size[1] - 42 * mm, id=name)
        templates.append(PageTemplate(id=name, frames=[frame], pagesize=size))
    document.addPageTemplates(templates)
    document.build(story, canvasmaker=_numbered_canvas(running_head))
    target.write_bytes(buffer.getvalue())


@functools.cache
def _pdf_styles() -> dict[str, object]:
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold")
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=9.5, leading=12, spaceAfter=6, splitLongWords=0)
    return {
        "title": ParagraphStyle("title", parent=body, fontName="DejaVu-Bold", fontSize=16, leading=20, spaceAfter=12),
        "heading": ParagraphStyle("heading", parent=body, fontName="DejaVu-Bold", fontSize=12, leading=15,
                                  spaceBefore=6, spaceAfter=6),
        "paragraph": body,
        "footnote": ParagraphStyle("footnote", parent=body, fontSize=7.5, leading=9.5, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9, spaceAfter=0),
        "number": ParagraphStyle("number", parent=body, fontSize=7.5, leading=9, spaceAfter=0, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=body, fontName="DejaVu-Bold", fontSize=7.5, leading=9, spaceAfter=0),
    }


def _pdf_table(layout: Layout, available: float):
    styles = _pdf_styles()
    width = len(layout.numeric)
    rows: list[list[object]] = []
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if layout.title:
        rows.append([Paragraph(escape(layout.title), styles["head"])] + [""] * (width - 1))
        commands.append(("SPAN", (0, 0), (-1, 0)))
    header, column = [], 0
    for head in layout.header:
        header.append(Paragraph(escape(head.text), styles["head"]))
        header.extend([""] * (head.span - 1))
        if head.span > 1:
            commands.append(("SPAN", (column, len(rows)), (column + head.span - 1, len(rows))))
        column += head.span
    rows.append(header)
    heads = len(rows)
    commands.append(("BACKGROUND", (0, 0), (-1, heads - 1), colors.Color(0.88, 0.91, 0.95)))
    for values in layout.body:
        rows.append([Paragraph(escape(v), styles["number" if layout.numeric[j] and j else "cell"])
                     for j, v in enumerate(values)])
    for (i, j), span in layout.merged_below.items():
        commands.append(("SPAN", (j, heads + i), (j, heads + i + span - 1)))
    # Rows may break over a page (as Word allows): the next page then starts with the row's rest.
    table = Table(rows, colWidths=_column_widths(layout, available), repeatRows=heads,
                  splitByRow=0, splitInRow=24)
    table.setStyle(TableStyle(commands))
    return table


def _column_widths(layout: Layout, available: float) -> list[float]:
    """Each column gets room for its longest word (numbers: whole value); the rest goes by text length."""
    least = _least_widths(layout)
    columns = [[row[j] for row in layout.body] for j in range(len(least))]
    weights = [0.0 if layout.numeric[j] and j else min(max(map(len, columns[j]), default=10), 400) ** 0.5
               for j in range(len(least))]
    spare = max(available - sum(least), 0)
    return [least[j] + spare * weights[j] / (sum(weights) or 1) for j in range(len(least))]


def _least_widths(layout: Layout) -> list[float]:
    """Room for the longest word of each column (a whole number in number columns): nothing is split."""
    _pdf_styles()
    least = []
    for j, head in enumerate(_grid_heads(layout)):
        values = [row[j] for row in layout.body]
        pieces = values if layout.numeric[j] and j else [w for v in values for w in v.split()]
        widest = max([stringWidth(p, "DejaVu", 7.5) for p in pieces] + [20])
        widest = max([widest] + [stringWidth(w, "DejaVu-Bold", 7.5) for w in head.split()])
        least.append(widest + 8)
    return least


def _grid_heads(layout: Layout) -> list[str]:
    """The header text over each grid column ('' under the spanned part of a merged cell)."""
    heads = []
    for head in layout.header:
        heads.extend([head.text] + [""] * (head.span - 1))
    return heads


def _numbered_canvas(running_head: str):
    """A canvas that prints the running head and 'n(N)' on every page once N is known."""
    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                width, height = self._pagesize
                self.setFont("DejaVu", 7.5)
                self.setFillGray(0.35)
                self.drawString(20 * mm, height - 12 * mm, running_head)
                self.drawRightString(width - 20 * mm, 10 * mm, f"{self._pageNumber}({total})")
                super().showPage()
            super().save()

    return NumberedCanvas


if __name__ == "__main__":
    sys.exit(main())
