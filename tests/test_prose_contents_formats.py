"""Tables of contents in Word and PDF documents: kept as the report's contents entries, so the contents lint (RK603)
compares them with the headings as it does for a text export.

The documents are constructed for these tests: Word files with python-docx (a contents control, TOC-styled
paragraphs, a grid of entries and page numbers) and PDFs with the hostile-input builder (an outline, a printed
contents page); the headings are made up.
"""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

import hostile
from rapportkoll.prose.lint.document import lint
from rapportkoll.readers import docx as word_reader, pdf as pdf_reader

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BODY = [("Sammanfattning", "Text om året."), ("1. Ekonomi", "Text om ekonomin."),
        ("2. Personal", "Text om personalen.")]


def _toc_control(entries: list[str]) -> str:
    paragraphs = "".join(f"<w:p><w:r><w:t>{title}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>{page}</w:t></w:r></w:p>"
                         for page, title in enumerate(entries, start=2))
    return (f'<w:sdt {_NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj>'
            f"</w:sdtPr><w:sdtContent><w:p><w:r><w:t>Innehåll</w:t></w:r></w:p>{paragraphs}</w:sdtContent></w:sdt>")


def word(tmp_path, toc: str, entries: list[str]):
    document = Document()
    document.add_paragraph("Delårsrapport", style="Title")
    if toc == "control":
        document.element.body.insert(1, parse_xml(_toc_control(entries)))
    elif toc == "styles":
        document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
        for page, title in enumerate(entries, start=2):
            document.add_paragraph(f"{title}\t{page}", style="toc 1")
    else:  # a grid: titles and page numbers in a two-column table
        table = document.add_table(rows=len(entries), cols=2)
        for row, (page, title) in zip(table.rows, enumerate(entries, start=2)):
            row.cells[0].text, row.cells[1].text = title, str(page)
    for heading, text in BODY:
        document.add_paragraph(heading, style="Heading 2")
        document.add_paragraph(text)
    path = tmp_path / "r.docx"
    document.save(path)
    return word_reader.read(path)


@pytest.mark.parametrize("toc", ["control", "styles", "grid"])
def test_word_contents_are_kept_and_compared_with_the_headings(tmp_path, toc):
    # the contents list 'Investeringar', which the document lacks, and lack '2. Personal', which it has
    report = word(tmp_path, toc, ["Sammanfattning", "1. Ekonomi", "Investeringar"])
    assert [e.text for e in report.contents] == ["Sammanfattning", "1. Ekonomi", "Investeringar"]
    assert not any("Investeringar" in p.text for p in report.prose)  # an entry is no prose
    found = sorted(f.cells[0].text for f in lint(report) if f.code == "RK603")
    assert found == ["2. Personal", "Investeringar"]


def _page(lines: list[str]) -> bytes:
    return b"BT /F1 12 Tf 72 760 Td 14 TL\n" + b"".join(b"(%s) Tj T*\n" % l.encode("cp1252") for l in lines) + b"ET\n"


def _pdf(tmp_path, pages: list[list[str]], outline: tuple[str, ...] = ()):
    path = tmp_path / "r.pdf"
    path.write_bytes(hostile.pdf_document([_page(p) for p in pages], outline=outline))
    return pdf_reader.read(path)


def test_a_pdf_outline_is_its_contents(tmp_path):
    report = _pdf(tmp_path, [["Sammanfattning", "Text om året."]], outline=("Sammanfattning", "Investeringar"))
    assert [e.text for e in report.contents] == ["Sammanfattning", "Investeringar"]
    # a heading run into its first line ('Sammanfattning Text om året.') is still found
    assert [f.cells[0].text for f in lint(report) if f.code == "RK603"] == ["Investeringar"]


def test_a_printed_contents_page_leaves_the_prose(tmp_path):
    contents = ["Innehållsförteckning", "Sammanfattning ........ 2", "Investeringar ........ 2"]
    report = _pdf(tmp_path, [contents, ["Sammanfattning", "Text om året."]])
    assert [e.text for e in report.contents] == ["Sammanfattning", "Investeringar"]
    assert [p.text for p in report.prose] == ["Sammanfattning Text om året."]


def test_a_printed_contents_page_with_an_entry_run_into_another_is_left_alone(tmp_path):
    # without leaders 'Mål 3 Drift' could be one heading or two entries: nothing is guessed
    contents = ["Innehållsförteckning", "Sammanfattning ........ 2", "Mål 3 Drift ........ 3"]
    report = _pdf(tmp_path, [contents, ["Sammanfattning", "Text om året."]])
    assert report.contents == [] and report.prose[0].text.startswith("Innehållsförteckning")
