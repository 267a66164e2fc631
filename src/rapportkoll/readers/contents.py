"""Tables of contents of Word and PDF documents, kept as the report's contents entries as the text reader keeps a
text export's: Word's contents control, TOC-styled paragraphs or a grid of entries and page numbers; a PDF's
outline (bookmarks) or its printed contents page. The document lint compares them with the headings."""

from __future__ import annotations

import io
import re

from rapportkoll.model import Location, Paragraph, Report
from rapportkoll.readers.layout import clean_cell_text, is_contents

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# An entry and its page number: 'Sammanfattning\t3', 'Ekonomi ........ 26', 'Drift … 26'.
_ENTRY = re.compile(r"^(?P<title>.*?\S)\s*(?:\t|[.…·]{2,}|\s)\s*(?P<page>\d{1,4})\s*$")
_TOC_STYLES = ("toc", "innehåll", "inneh")  # 'TOC 1', 'toc 1', Swedish Word's 'Innehåll 1'
_PRINTED_HEADING = re.compile(r"^\s*innehåll(?:sförteckning)?\b\s*", re.IGNORECASE)
_LEADERED = re.compile(r"\s*[.…·]{3,}\s*(\d{1,4})(?=\s|$)")
_MERGED = re.compile(r"\s\d{1,4}\s+[A-ZÅÄÖ]")  # a page number inside a title: two entries run together


def entry_title(text: str) -> str | None:
    """The title of a contents line that ends in its page number; None for any other line."""
    found = _ENTRY.match(text.replace("\u00a0", " "))
    return clean_cell_text(found.group("title").rstrip(" .…·\t")) if found else None


def word_toc(sdt, place: str, line: int) -> list[Paragraph]:
    """The entries of a Word contents control (a docPartGallery 'Table of Contents'), placed where it stands."""
    return [Paragraph(title, Location(place, line=line)) for p in sdt.iter(f"{_W}p")
            if (title := entry_title(_word_text(p))) is not None]


def is_toc_style(names: tuple[str, ...]) -> bool:
    """A paragraph in a TOC style ('TOC 1', 'Innehåll 2', by name or id): a contents entry, not prose."""
    return any(n.casefold().startswith(_TOC_STYLES) for n in names)


def toc_paragraph(paragraph, place: str, line: int) -> list[Paragraph]:
    title = entry_title(_word_text(paragraph._p))
    return [Paragraph(title, Location(place, line=line))] if title else []


def grid_entries(rows: list[list[str]], place: str, line: int) -> list[Paragraph]:
    """A two-column grid of titles and page numbers (the text reader's rule), as contents entries."""
    if not rows or not is_contents(rows):
        return []
    return [Paragraph(clean_cell_text(row[0]), Location(place, line=line)) for row in rows]


def _word_text(p) -> str:
    """A Word paragraph's text with its tabs kept (python-docx's own text flattens nothing else we need)."""
    parts = []
    for node in p.iter(f"{_W}t", f"{_W}tab"):
        parts.append("\t" if node.tag == f"{_W}tab" else node.text or "")
    return "".join(parts)


def with_pdf_contents(report: Report, data: bytes) -> Report:
    """The PDF's outline as its contents, else its printed contents page (taken out of the prose)."""
    report.contents.extend(_outline(data, report.path) or _printed(report))
    return report


def _outline(data: bytes, place: str) -> list[Paragraph]:
    """The bookmarks' titles, placed before the body (an outline is printed nowhere); none when damaged."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        titles = [title for _, title, *_ in PDFDocument(PDFParser(io.BytesIO(data))).get_outlines()]
    except Exception:  # no outline (PDFNoOutlines) or a damaged one: the printed page may still serve
        return []
    return [Paragraph(text, Location(place, page=0, line=0)) for t in titles if isinstance(t, str)
            and (text := clean_cell_text(t))]


def _printed(report: Report) -> list[Paragraph]:
    """A paragraph 'Innehållsförteckning Sammanfattning ..... 3 Ekonomi ..... 26 …' (the lines of a printed
    contents page run together): its entries, when every one has dot leaders and none holds two entries; the
    paragraph then leaves the prose."""
    for k, paragraph in enumerate(report.prose):
        heading = _PRINTED_HEADING.match(paragraph.text)
        entries = _leadered(paragraph.text[heading.end():]) if heading else []
        if entries:
            del report.prose[k]
            return [Paragraph(title, paragraph.location) for title in entries]
    return []


def _leadered(text: str) -> list[str]:
    pieces = _LEADERED.split(text)
    titles, tail = [t.strip() for t in pieces[0::2][:-1]], pieces[-1].strip()
    if len(titles) < 2 or tail or any(not t or _MERGED.search(t) for t in titles):
        return []
    return titles
