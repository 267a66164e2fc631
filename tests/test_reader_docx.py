"""The Word reader: same tables and findings as the text export, Word-native locations, safe on bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from rapportkoll.bounds import current
from hypothesis import given
from hypothesis import strategies as st

from rapportkoll.readers import docx as reader
from rapportkoll.readers.errors import InputError
from reader_helpers import (EXAMPLES, FUZZ, STEMS, assert_refused, cells_key, damaged, missing_and_empty,
                            read_fuzzed, read_pair, read_read_only, table_findings, table_shapes, write_zip_bomb,
                            zip_bytes, zip_parts)


@pytest.fixture(scope="module", params=STEMS)
def pair(request):
    return (*read_pair(request.param, reader.read, ".docx"), EXAMPLES / f"{request.param}.docx")


# --- The example reports -----------------------------------------------------------------------


def test_same_tables_as_the_text_export(pair):
    as_text, as_word, _ = pair
    assert table_shapes(as_word) == table_shapes(as_text)


def test_same_findings_as_the_text_export(pair):
    as_text, as_word, _ = pair
    expected = sorted(cells_key(f) for f in table_findings(as_text))
    assert expected  # both reports have genuine errors
    assert sorted(cells_key(f) for f in table_findings(as_word)) == expected


def test_findings_cite_word_cells(pair):
    """Every cited cell is located by table, row and grid column, and that Word cell holds its text."""
    import docx

    _, as_word, path = pair
    tables = docx.Document(str(path)).tables
    for finding in table_findings(as_word):
        for cell in finding.cells:
            where = cell.location
            assert where.path == str(path) and where.line is None and where.field is None
            tr = tables[where.table_index - 1]._tbl.tr_lst[where.row_index - 1]
            tc = tr.tc_at_grid_offset(where.column_index - 1)
            printed = " ".join(p.text for p in docx.table._Cell(tc, None).paragraphs).strip()
            assert printed == cell.text


def test_the_genuine_errors_are_located_in_word_terms():
    findings = table_findings(reader.read(EXAMPLES / f"{STEMS[0]}.docx"))
    sick_leave = [f for f in findings if f.code == "RK122"]
    assert [(c.location.table_index, c.location.row_index, c.location.column_index)
            for c in sick_leave[0].cells[:1]] == [(9, 3, 4)]  # Sjukfrånvaro, Män, Differens 0,48 %


def test_header_cell_spanning_three_columns_names_them_like_the_text_reader():
    report = reader.read(EXAMPLES / f"{STEMS[1]}.docx")
    control = next(t for t in report.tables if t.corner == "Risk")
    assert control.caption == "Uppföljning per 31 augusti 2023"  # the title row spanning the table
    assert control.columns[1:4] == tuple(f"Risk- och konsekvens bedömning RxK #{k}" for k in (1, 2, 3))
    assert [c.text for c in control.rows[0].cells[1:4]] == ["3", "4", "12"]


def test_vertically_merged_cells_are_blank_at_their_own_place():
    report = reader.read(EXAMPLES / f"{STEMS[1]}.docx")
    survey = next(t for t in report.tables if any("Möjlighet att påverka politiska" in r.label.text for r in t.rows))
    merged = [r.cells[-1] for r in survey.rows[1:]]
    assert merged and all(c.text == "" for c in merged)
    assert [c.location.row_index for c in merged] == [3, 4, 5]
    assert {c.location.column_index for c in merged} == {5}


def test_prose_is_numbered_by_paragraph(pair):
    _, as_word, _ = pair
    numbers = [p.location.line for p in as_word.prose]
    assert numbers == sorted(set(numbers)) and all(n >= 1 for n in numbers)
    assert all(p.location.table_index is None for p in as_word.prose)


# --- Word features built here ------------------------------------------------------------------


def _document(tmp_path: Path, build) -> Path:
    import docx

    document = docx.Document()
    build(document)
    path = tmp_path / "built.docx"
    document.save(str(path))
    return path


def _fill(table, rows):
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value


def test_heading_title_row_spans_and_merges(tmp_path):
    def build(document):
        document.add_paragraph("Ekonomi", style="Heading 1")
        document.add_paragraph("Drift är i balans. Prognosen håller.")
        table = document.add_table(rows=5, cols=5)
        table.cell(0, 0).merge(table.cell(0, 4))
        table.cell(1, 1).merge(table.cell(1, 3))
        _fill(table, [["Uppföljning 2024"], ["Risk", "RxK", None, None, "Kommentar"],
                      ["IT", "3", "4", "12", "Lång text som gäller för flera rader här"],
                      ["HR", "2", "2", "4", None], ["Risk", "RxK", "", "", "Kommentar"]])
        table.cell(2, 4).merge(table.cell(3, 4))

    report = reader.read(_document(tmp_path, build))
    (table,) = report.tables
    assert table.caption == "Uppföljning 2024"
    assert table.corner == "Risk"
    assert table.columns == ("RxK #1", "RxK #2", "RxK #3", "Kommentar")
    assert [r.label.text for r in table.rows] == ["IT", "HR"]  # the repeated header row is dropped
    merged = table.rows[1].cells[3]
    assert merged.text == "" and (merged.location.row_index, merged.location.column_index) == (4, 5)
    assert [p.text for p in report.prose] == ["Ekonomi", "Drift är i balans. Prognosen håller."]
    assert [p.location.line for p in report.prose] == [1, 2]


def test_caption_is_the_nearest_heading_before_the_table(tmp_path):
    def build(document):
        document.add_paragraph("Investeringar", style="Heading 2")
        document.add_paragraph("Prognosen för året ligger under budget, främst för att projekt skjutits fram.")
        _fill(document.add_table(rows=2, cols=2), [["Belopp i tkr", "Budget 2024"], ["Summa", "5"]])
        document.add_paragraph("Sjukfrånvaro")
        _fill(document.add_table(rows=2, cols=2), [["Sjukfrånvaro", "2024"], ["Kvinnor", "3,0 %"]])

    report = reader.read(_document(tmp_path, build))
    assert [t.caption for t in report.tables] == ["Investeringar", "Sjukfrånvaro"]
    assert [t.location.table_index for t in report.tables] == [1, 2]


# --- Bad input ---------------------------------------------------------------------------------


def _refused(path: Path) -> InputError:
    return assert_refused(reader.read, path, within=5.0)


def test_not_a_docx(tmp_path):
    path = tmp_path / "rapport.docx"
    path.write_bytes(b"Belopp i tkr\tBudget\nSumma\t1\n")
    assert "ZIP" in _refused(path).message_en


def test_truncated_docx(tmp_path):
    path = tmp_path / "rapport.docx"
    path.write_bytes((EXAMPLES / f"{STEMS[0]}.docx").read_bytes()[:20000])
    _refused(path)


def test_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "rapport.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hej")
    _refused(path)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types xmlns='x'/>")
        archive.writestr("word/document.xml", "<not-word/>")
    _refused(path)


def test_password_protected_docx(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    with open(EXAMPLES / f"{STEMS[0]}.docx", "rb") as plain:
        OOXMLFile(plain).encrypt("hemligt", encrypted)
    path = tmp_path / "rapport.docx"
    path.write_bytes(encrypted.getvalue())
    error = _refused(path)
    assert "password" in error.message_en and "lösenord" in error.message_sv


def test_legacy_doc_container(tmp_path):
    path = tmp_path / "rapport.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    assert ".doc" in _refused(path).message_en


def test_zip_bomb_is_refused_from_its_declared_sizes(tmp_path):
    chunk = bytes(1 << 20)
    path = write_zip_bomb(tmp_path / "bomb.docx", "word/document.xml", chunk,
                          current().unpacked // len(chunk) + 64, force_zip64=True)
    assert path.stat().st_size < 5 * 1024 * 1024
    assert "--limit unpacked=" in _refused(path).message_en


def test_zip_that_lies_about_its_sizes_is_refused(tmp_path):
    """A member declared tiny that inflates to 16 MiB: zipfile stops at the declared size, the CRC fails."""
    parts = zip_parts(EXAMPLES / f"{STEMS[0]}.docx")
    parts["word/document.xml"] = bytes(16 << 20)
    data = bytearray(zip_bytes(parts))
    big = (16 << 20).to_bytes(4, "little")
    small = (1000).to_bytes(4, "little")
    while (at := data.find(big)) >= 0:  # the size fields of the local header and the central directory
        data[at:at + 4] = small
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    _refused(path)


def test_many_members_are_refused(tmp_path, monkeypatch):
    from rapportkoll.readers import archive

    monkeypatch.setattr(archive, "MAX_MEMBERS", 50)
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for k in range(60):
            archive.writestr(f"word/media/{k}.bin", b"")
    _refused(path)


def test_missing_and_empty_files(tmp_path):
    for path in missing_and_empty(tmp_path, ".docx"):
        _refused(path)


def test_the_input_is_never_written(tmp_path):
    path = tmp_path / "rapport.docx"
    path.write_bytes((EXAMPLES / f"{STEMS[0]}.docx").read_bytes())
    read_read_only(reader.read, path)


# --- Arbitrary bytes: InputError or a Report, nothing else --------------------------------------

_SMALL = None


def _small_docx() -> bytes:
    global _SMALL
    if _SMALL is None:
        import docx

        document = docx.Document()
        document.add_paragraph("Drift", style="Heading 1")
        _fill(document.add_table(rows=2, cols=2), [["Belopp i tkr", "Budget"], ["Summa", "1"]])
        buffer = io.BytesIO()
        document.save(buffer)
        _SMALL = buffer.getvalue()
    return _SMALL


def _with_document_xml(body: bytes) -> bytes:
    parts = zip_parts(io.BytesIO(_small_docx()))
    parts["word/document.xml"] = body
    return zip_bytes(parts, zipfile.ZIP_STORED)


def _read_bytes(tmp_path_factory, data: bytes):
    return read_fuzzed(reader.read, tmp_path_factory, data, ".docx")


@FUZZ
@given(st.binary(max_size=2048))
def test_arbitrary_bytes(tmp_path_factory, data):
    _read_bytes(tmp_path_factory, data)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 40000), st.integers(0, 255)), min_size=1, max_size=8),
       st.integers(100, 50000))
def test_damaged_docx(tmp_path_factory, flips, cut):
    _read_bytes(tmp_path_factory, damaged(_small_docx(), flips, cut))


@FUZZ
@given(st.one_of(st.binary(max_size=600), st.text(max_size=600).map(str.encode),
                 st.sampled_from([b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
                                  b"<w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val='99999'/></w:tcPr>"
                                  b"</w:tc></w:tr></w:tbl></w:body></w:document>",
                                  b"<!DOCTYPE a [<!ENTITY b 'cccccccccc'><!ENTITY d '&b;&b;&b;&b;&b;'>]><a>&d;</a>"])))
def test_arbitrary_document_xml(tmp_path_factory, body):
    _read_bytes(tmp_path_factory, _with_document_xml(body))
