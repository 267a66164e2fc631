"""The PDF reader: same tables and findings as the text export, page-native locations, safe on bad input."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest

import hostile
from rapportkoll.bounds import Limits, using
from rapportkoll.guard import within_budget
from hypothesis import given
from hypothesis import strategies as st

from rapportkoll.readers import limits
from rapportkoll.readers import pdf as reader
from rapportkoll.readers.errors import InputError
from reader_helpers import (EXAMPLES, FUZZ, STEMS, assert_refused, cells_key, damaged, missing_and_empty,
                            read_fuzzed, read_pair, read_read_only, table_findings, table_shapes)


def _norm(value: str) -> str:
    return " ".join(value.split())  # PDF text has no double spaces: the export's few are not compared


def _key(finding):
    return cells_key(finding, _norm)


def _shape(report):
    return table_shapes(report, _norm)


_READ: dict[str, object] = {}


def _example(stem: str):
    if stem not in _READ:  # reading a PDF takes seconds: once per report for the whole module
        _READ[stem] = read_pair(stem, reader.read, ".pdf")
    return _READ[stem]


@pytest.fixture(params=STEMS)
def pair(request):
    as_text, as_pdf = _example(request.param)
    return as_text, as_pdf, EXAMPLES / f"{request.param}.pdf"


# --- The example reports -----------------------------------------------------------------------


def test_same_tables_as_the_text_export(pair):
    as_text, as_pdf, _ = pair
    assert _shape(as_pdf) == _shape(as_text)
    assert as_pdf.problems == []


def test_same_findings_as_the_text_export(pair):
    as_text, as_pdf, _ = pair
    expected = sorted(_key(f) for f in table_findings(as_text))
    assert expected
    assert sorted(_key(f) for f in table_findings(as_pdf)) == expected


def test_findings_cite_cells_where_the_pdf_prints_them(pair):
    """Page, table on the page, row and column lead to the printed cell (pdfplumber, read independently)."""
    import pdfplumber

    _, as_pdf, path = pair
    with pdfplumber.open(path) as document:
        for finding in table_findings(as_pdf):
            for cell in finding.cells:
                where = cell.location
                assert where.path == str(path) and where.line is None
                page = document.pages[where.page - 1]
                table = page.find_tables(reader._settings(page))[where.table_index - 1]
                printed = table.extract()[where.row_index - 1][where.column_index - 1] or ""
                assert _norm(cell.text).startswith(_norm(printed.replace("\n", " ")))


def test_the_genuine_errors_are_located_in_pdf_terms():
    _, as_pdf = _example(STEMS[0])
    (sick_leave,) = [f for f in table_findings(as_pdf) if f.code == "RK122"]
    where = sick_leave.cells[0].location
    assert (where.page, where.table_index, where.row_index, where.column_index) == (9, 1, 3, 4)


def test_a_table_over_three_pages_is_one_table_with_split_rows_joined():
    as_text, as_pdf = _example(STEMS[1])
    control = next(t for t in as_pdf.tables if t.corner == "Risk")
    expected = next(t for t in as_text.tables if t.corner == "Risk")
    assert control.caption == "Uppföljning per 31 augusti 2023"
    assert control.columns[1:4] == tuple(f"Risk- och konsekvens bedömning RxK #{k}" for k in (1, 2, 3))
    assert [r.label.text for r in control.rows] == [r.label.text for r in expected.rows]
    assert len({r.label.location.page for r in control.rows}) >= 2
    assert [_norm(c.text) for c in control.rows[1].cells] == [_norm(c.text) for c in expected.rows[1].cells]


def test_running_heads_and_page_numbers_are_not_prose(pair):
    _, as_pdf, _ = pair
    for paragraph in as_pdf.prose:
        assert "Kommunstyrelsen · " not in paragraph.text
        assert not paragraph.text.rstrip(")").replace("(", "").isdigit()
        assert paragraph.location.page and paragraph.location.line


# --- PDFs built here, byte by byte -------------------------------------------------------------


class Page:
    """One A4 page of PDF drawing operators: text in Helvetica, ruled tables."""

    height = 842

    def __init__(self) -> None:
        self.ops: list[str] = []

    def text(self, x: float, top: float, value: str, size: float = 9) -> Page:
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        self.ops.append(f"BT /F1 {size} Tf {x} {self.height - top - size} Td ({escaped}) Tj ET")
        return self

    def line(self, x0: float, top0: float, x1: float, top1: float) -> None:
        self.ops.append(f"{x0} {self.height - top0} m {x1} {self.height - top1} l S")

    def table(self, top: float, rows: list[list[str | None]], widths: list[float], *, open_bottom: bool = False) -> Page:
        """None in a row: that position belongs to the cell to its left (a horizontal merge)."""
        x0, height = 50, 16
        edges = [x0 + sum(widths[:k]) for k in range(len(widths) + 1)]
        for r, row in enumerate(rows):
            y = top + r * height
            self.line(edges[0], y, edges[-1], y)
            for k, value in enumerate(row + [""]):
                if value is not None:
                    self.line(edges[k], y, edges[k], y + height)
                if value:
                    self.text(edges[k] + 2, y + 3, value, 8)
        if not open_bottom:
            self.line(edges[0], top + len(rows) * height, edges[-1], top + len(rows) * height)
        return self

    def stream(self) -> bytes:
        return "\n".join(self.ops).encode("cp1252")


def build_pdf(pages: list[bytes], *, deflate: bool = False) -> bytes:
    """A complete PDF (catalog, page tree, Helvetica, one content stream per page, xref)."""
    return hostile.pdf_document(pages, deflate=deflate)


def _read(tmp_path: Path, pages: list[Page], name: str = "built.pdf"):
    path = tmp_path / name
    path.write_bytes(build_pdf([p.stream() for p in pages]))
    return reader.read(path)


HEADER = ["Belopp i tkr", "Budget 2024", "Utfall 2024"]
WIDTHS = [150, 80, 80]


def _furnished(number: int, total: int) -> Page:
    return Page().text(50, 20, "Exempelby kommun - Delårsrapport 2024", 7).text(500, 815, f"{number}({total})", 7)


def test_table_over_a_page_break_with_its_header_repeated(tmp_path):
    first = _furnished(1, 2).text(50, 60, "Drift", 14).table(90, [HEADER, ["Intäkter", "100", "90"], ["Kostnader", "-80", "-70"]], WIDTHS)
    second = _furnished(2, 2).table(60, [HEADER, ["Övrigt", "5", "6"], ["Summa", "25", "26"]], WIDTHS)
    report = _read(tmp_path, [first, second])
    (table,) = report.tables
    assert (table.caption, table.corner, table.columns) == ("Drift", "Belopp i tkr", ("Budget 2024", "Utfall 2024"))
    assert [r.label.text for r in table.rows] == ["Intäkter", "Kostnader", "Övrigt", "Summa"]
    places = [(c.location.page, c.location.table_index, c.location.row_index, c.location.column_index)
              for c in (table.rows[0].cells[0], table.rows[3].cells[0])]
    assert places == [(1, 1, 2, 2), (2, 1, 3, 2)]
    assert [p.text for p in report.prose] == ["Drift"]  # the running head and page numbers are furniture


def test_row_split_by_a_page_break_is_joined(tmp_path):
    header = ["Risk", "Uppföljning", "Riskvärde"]
    first = Page().text(50, 60, "Internkontroll", 14).table(90, [header, ["Cyberhot", "Arbetet med", "8"]], WIDTHS, open_bottom=True)
    second = Page().table(60, [header, ["", "skydd fortsätter.", ""], ["Lönefel", "Stickprov.", "6"]], WIDTHS)
    (table,) = _read(tmp_path, [first, second]).tables
    assert [(r.label.text, tuple(c.text for c in r.cells)) for r in table.rows] == [
        ("Cyberhot", ("Arbetet med skydd fortsätter.", "8")), ("Lönefel", ("Stickprov.", "6"))]
    assert table.rows[0].cells[0].location.page == 1


def test_header_cell_spanning_three_columns(tmp_path):
    page = Page().table(60, [["Risk", "Bedömning RxK", None, None], ["IT", "3", "4", "12"]], [100, 40, 40, 40])
    (table,) = _read(tmp_path, [page]).tables
    assert table.columns == ("Bedömning RxK #1", "Bedömning RxK #2", "Bedömning RxK #3")
    assert [c.text for c in table.rows[0].cells] == ["3", "4", "12"]


def test_a_new_table_after_a_page_break_stays_apart(tmp_path):
    first = Page().table(60, [HEADER, ["Intäkter", "1", "2"]], WIDTHS)
    second = Page().table(60, [["Sjukfrånvaro", "2024", "2023"], ["Kvinnor", "3,0 %", "3,4 %"]], WIDTHS)
    third = Page().table(60, [["Uppföljning 2024", None, None], ["Risk", "Riskvärde", "Åtgärd"], ["IT", "8", "Ny"]], WIDTHS)
    tables = _read(tmp_path, [first, second, third]).tables
    assert [(t.caption, t.corner) for t in tables] == [("", "Belopp i tkr"), ("", "Sjukfrånvaro"),
                                                        ("Uppföljning 2024", "Risk")]


def test_paragraphs_join_wrapped_lines_and_page_breaks(tmp_path):
    first = Page().text(50, 60, "Ekonomi", 14).text(50, 90, "Kommunstyrelsen redovisar ett").text(50, 101, "överskott om 1 325 tkr.")
    first.text(50, 800, "Prognosen för helåret visar")
    second = Page().text(50, 60, "ett litet underskott.")
    prose = _read(tmp_path, [first, second]).prose
    assert [p.text for p in prose] == ["Ekonomi", "Kommunstyrelsen redovisar ett överskott om 1 325 tkr.",
                                       "Prognosen för helåret visar ett litet underskott."]
    assert [(p.location.page, p.location.line) for p in prose] == [(1, 1), (1, 2), (1, 4)]


# --- Bad input ---------------------------------------------------------------------------------


def _refused(path: Path, within: float = 10.0) -> InputError:
    return assert_refused(reader.read, path, within)


def test_not_a_pdf(tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(b"PK\x03\x04 a zip, not a pdf")
    assert "not a PDF" in _refused(path).message_en


@pytest.mark.parametrize("cut", [9, 200, 800])
def test_damaged_pdf(tmp_path, cut):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(build_pdf([Page().table(60, [HEADER, ["A", "1", "2"]], WIDTHS).stream()])[:cut])
    assert "damaged" in _refused(path).message_en


def _encrypted(user: str) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(build_pdf([Page().text(50, 60, "Drift", 14).stream()])))
    writer.encrypt(user_password=user, owner_password="ägare", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf(tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(_encrypted("hemligt"))
    error = _refused(path)
    assert "password" in error.message_en and "lösenord" in error.message_sv


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(_encrypted(""))
    assert [p.text for p in reader.read(path).prose] == ["Drift"]


def test_too_many_pages(tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(build_pdf([Page().text(50, 60, "Sida").stream()] * 3))
    with using(Limits(pages=2)):
        assert "--limit pages=" in _refused(path).message_en


def test_reading_time_is_bounded():
    # A budget far below any real read (~0.2 s CPU for this PDF): one of 0.2 s let the faster reader finish within
    # it now and then; the timer (setitimer) fires at a millisecond whatever the machine.
    path = EXAMPLES / f"{STEMS[1]}.pdf"
    with using(Limits(seconds=0.001)):
        error = within_budget(str(path), lambda: reader.read(path))
    assert "--max-seconds" in error.message_en


def test_a_page_with_too_many_objects_is_skipped_while_it_is_parsed(tmp_path):
    path = tmp_path / "rapport.pdf"
    lines = b"".join(b"%d 100 m %d 200 l S\n" % (x, x) for x in range(50, 250))
    path.write_bytes(build_pdf([lines, Page().text(50, 60, "Drift").stream()]))
    with using(Limits(pdf_objects=100)):
        report = reader.read(path)
    assert [p.location.page for p in report.problems] == [1]
    assert "--limit pdf_objects=" in report.problems[0].message_en
    assert [p.text for p in report.prose] == ["Drift"]


def test_compression_bomb_is_refused(tmp_path):
    squeeze, parts = zlib.compressobj(9), []
    chunk = b" " * (1 << 20)
    for _ in range(limits.MAX_STREAM // len(chunk) + 16):  # streamed: the bomb is never in memory whole
        parts.append(squeeze.compress(chunk))
    bomb = b"".join(parts) + squeeze.flush()
    document = build_pdf([b"PLACEHOLDER"])
    document = document.replace(b"<< /Length 11 >>\nstream\nPLACEHOLDER",
                                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(document)
    assert len(document) < 1 << 20
    assert "bomb" in _refused(path).message_en


def test_missing_and_empty_files(tmp_path):
    for path in missing_and_empty(tmp_path, ".pdf"):
        _refused(path)


def test_the_input_is_never_written(tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(build_pdf([Page().table(60, [HEADER, ["A", "1", "2"]], WIDTHS).stream()], deflate=True))
    assert len(read_read_only(reader.read, path).tables) == 1


# --- Arbitrary bytes: InputError or a Report, nothing else --------------------------------------

_SMALL = build_pdf([Page().text(50, 60, "Drift", 14).table(90, [HEADER, ["Intäkter", "1", "2"]], WIDTHS).stream(),
                    Page().table(60, [HEADER, ["Summa", "1", "2"]], WIDTHS).stream()], deflate=True)


def _read_bytes(tmp_path_factory, data: bytes):
    return read_fuzzed(reader.read, tmp_path_factory, data, ".pdf")


@FUZZ
@given(st.binary(max_size=2048), st.booleans())
def test_arbitrary_bytes(tmp_path_factory, data, header):
    _read_bytes(tmp_path_factory, (b"%PDF-1.4\n" if header else b"") + data)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(_SMALL) - 1), st.integers(0, 255)), min_size=1, max_size=8),
       st.integers(1, len(_SMALL)))
def test_damaged_pdf_bytes(tmp_path_factory, flips, cut):
    _read_bytes(tmp_path_factory, damaged(_SMALL, flips, cut))


def test_reading_pdfs_one_after_another_does_not_keep_memory():
    """A batch reads file after file in one process: the reference cycles pdfminer leaves behind must be
    collected, not frozen (they kept ~90 MB per read of the Herrljunga PDF). Measured in a fresh process."""
    import subprocess
    import sys

    code = ("import gc; from pathlib import Path; from rapportkoll.readers import read_report\n"
            "rss = lambda: int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20\n"
            f"path = Path({str(EXAMPLES / 'herrljunga-ks-delarsrapport-2023.pdf')!r})\n"
            "read_report(path); first = rss()\n"
            "for _ in range(3): read_report(path)\n"
            "print(rss() - first)")
    grown = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 timeout=300).stdout)
    assert grown < 40, f"{grown:.0f} MB kept after three more reads"
