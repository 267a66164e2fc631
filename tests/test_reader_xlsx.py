"""The XLSX reader: the same tables and findings as the text export, sheet!ref locations, sheet risks
noted, and unreadable or hostile files refused with an InputError in bounded time."""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from rapportkoll.numbers import CellKind
from rapportkoll.readers import InputError, xlsx
from reader_helpers import (EXAMPLES, STEMS, check_json, finding_key, read_pair, table_findings, write_zip_bomb,
                            zip_bytes, zip_parts)

QUICK = 5.0  # seconds: hostile input is refused before it costs anything


@pytest.fixture(scope="module", params=STEMS)
def pair(request):
    return read_pair(request.param, xlsx.read, ".xlsx")


def test_example_findings_are_those_of_the_text_export(pair):
    text_report, xlsx_report = pair
    expected = sorted(finding_key(f) for f in table_findings(text_report))
    found = table_findings(xlsx_report)
    assert sorted(finding_key(f) for f in found) == expected
    assert len([f for f in found if f.severity.value == "error"]) in (1, 11)


def test_example_findings_cite_sheet_and_ref_showing_the_cell(pair):
    _, xlsx_report = pair
    workbook = openpyxl.load_workbook(xlsx_report.path, data_only=True)
    for finding in table_findings(xlsx_report):
        for ref in finding.cells:
            location = ref.location
            assert location.path == xlsx_report.path and location.line is None and location.field is None
            cell = workbook[location.sheet][location.ref]
            shown = "" if cell.value is None else (
                xlsx.render_number(cell.value, cell.number_format)[0] if isinstance(cell.value, (int, float))
                else str(cell.value))
            assert shown == ref.text, (location, shown, ref.text)


def test_example_tables_are_those_of_the_text_export(pair):
    text_report, xlsx_report = pair
    assert len(xlsx_report.tables) == len(text_report.tables)
    for mine, theirs in zip(xlsx_report.tables, text_report.tables):
        assert (mine.caption, mine.corner, mine.columns) == (theirs.caption, theirs.corner, theirs.columns)
        assert [r.label.text for r in mine.rows] == [r.label.text for r in theirs.rows]
        for row, other in zip(mine.rows, theirs.rows):
            for a, b in zip(row.cells, other.cells):
                assert (a.kind, a.value, a.parsed.decimals) == (b.kind, b.value, b.parsed.decimals), (a, b)
    assert xlsx_report.notes == []


def test_reading_never_writes_the_file():
    path = EXAMPLES / f"{STEMS[1]}.xlsx"
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    xlsx.read(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize(("value", "number_format", "shown", "kind", "decimals"), [
    (1325, "#,##0", "1 325", CellKind.NUMBER, 0),
    (-5806, "#,##0", "-5 806", CellKind.NUMBER, 0),
    (0.03, "0.0 %", "3,0 %", CellKind.PERCENT, 1),
    (-0.0037, "0.00 %", "-0,37 %", CellKind.PERCENT, 2),
    (0.0304, "0.0%", "3,0%", CellKind.PERCENT, 1),
    (0.003, "+0.0%;-0.0%", "+0,3%", CellKind.PERCENT, 1),
    (-788, "#,##0;(#,##0)", "(788)", CellKind.NUMBER, 0),
    (2.675, "0.00", "2,68", CellKind.NUMBER, 2),
    (1234567, "#,##0,", "1 235", CellKind.NUMBER, 0),
    (1.5, "0.0#", "1,5", CellKind.NUMBER, 1),
    (1.256, "0.0#", "1,26", CellKind.NUMBER, 2),
    (1234.5, '#,##0.0 "tkr"', "1 234,5 tkr", CellKind.NUMBER, 1),
    (0, '#,##0;-#,##0;"-"', "-", CellKind.MARKER, None),
    (3.5, "General", "3,5", CellKind.NUMBER, 1),
    (12, "@", "12", CellKind.NUMBER, 0),
    (-5806, "[Red]#,##0;[Red]-#,##0", "-5 806", CellKind.NUMBER, 0),
])
def test_numbers_are_read_as_displayed(value, number_format, shown, kind, decimals):
    text_shown, parsed = xlsx.render_number(value, number_format)
    assert (text_shown, parsed.kind, parsed.decimals) == (shown, kind, decimals)


# --- Layout -------------------------------------------------------------------------------------

def _save(workbook: openpyxl.Workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def _sjukfranvaro(sheet, top: int, left: int = 1, caption: str | None = "Sjukfrånvaro") -> None:
    rows = ([[caption]] if caption else []) + [
        ["Sjukfrånvaro", "2024", "2023", "Differens"],
        ["Kvinnor", 0.030, 0.034, -0.0037],
        ["Män", 0.033, 0.038, 0.0048],
    ]
    for i, values in enumerate(rows):
        for j, value in enumerate(values):
            cell = sheet.cell(top + i, left + j, value)
            if isinstance(value, float):
                cell.number_format = "0.00 %" if j == 3 else "0.0 %"


def test_several_tables_per_sheet_with_captions_and_native_refs(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Personal"
    _sjukfranvaro(sheet, top=3, left=2)  # caption B3, header B4
    _sjukfranvaro(sheet, top=8, caption=None)  # blank row 7 between; no caption: the sheet's title
    report = xlsx.read(_save(workbook, tmp_path / "p.xlsx"))
    first, second = report.tables
    assert (first.caption, first.corner, first.columns) == ("Sjukfrånvaro", "Sjukfrånvaro", ("2024", "2023", "Differens"))
    assert first.location.as_dict() == {"path": str(tmp_path / "p.xlsx"), "sheet": "Personal", "ref": "B4"}
    assert [c.text for c in first.rows[1].cells] == ["3,3 %", "3,8 %", "0,48 %"]
    assert first.rows[1].cells[2].location.ref == "E6"
    assert second.caption == "Personal" and second.location.ref == "A8"
    findings = table_findings(report)
    assert sorted((f.code, f.cells[0].location.ref) for f in findings) == [("RK122", "D10"), ("RK122", "E6")]


def test_a_heading_above_a_blank_row_names_the_tables_below(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Personalredovisning"
    _sjukfranvaro(workbook.active, top=3, caption=None)
    report = xlsx.read(_save(workbook, tmp_path / "h.xlsx"))
    assert [t.caption for t in report.tables] == ["Personalredovisning"]
    assert [p.text for p in report.prose] == ["Personalredovisning"]


def test_merged_header_names_each_column_and_merged_body_cells_are_blank_and_noted(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["Risk", "RxK", None, None, "Ansvar"], ["Fel utbetalning", 2, 3, 6, "Text som löper över flera rader"],
                ["Jäv", 1, 4, 4, None]):
        sheet.append(row)
    sheet.merge_cells("B1:D1")
    sheet.merge_cells("E2:E3")
    report = xlsx.read(_save(workbook, tmp_path / "m.xlsx"))
    table = report.tables[0]
    assert table.columns == ("RxK #1", "RxK #2", "RxK #3", "Ansvar")
    assert table.rows[1].cells[3].kind is CellKind.BLANK
    merged = [n for n in report.notes if n.code == "merged"]
    assert [(n.location.ref, [c.ref for c in n.cells]) for n in merged] == [("E2", ["E3"])]


def test_hidden_rows_are_read_and_noted(tmp_path):
    workbook = openpyxl.Workbook()
    _sjukfranvaro(workbook.active, top=1)
    workbook.active.row_dimensions[3].hidden = True
    workbook.active.column_dimensions["C"].hidden = True
    report = xlsx.read(_save(workbook, tmp_path / "d.xlsx"))
    assert [r.label.text for r in report.tables[0].rows] == ["Kvinnor", "Män"]
    hidden = sorted((n.code, n.location.ref, n.severity) for n in report.notes)
    assert hidden == [("hidden-column", "C2", "info"), ("hidden-row", "A3", "info")]


def test_hidden_sheets_are_read_and_noted(tmp_path):
    workbook = openpyxl.Workbook()
    _sjukfranvaro(workbook.active, top=1)
    workbook.active.sheet_state = "hidden"
    workbook.create_sheet("Synlig")["A1"] = "Rubrik"
    report = xlsx.read(_save(workbook, tmp_path / "s.xlsx"))
    assert len(report.tables) == 1
    assert [(n.code, n.location.sheet) for n in report.notes] == [("hidden-sheet", "Sheet")]


def test_other_cell_types_are_read_as_text(tmp_path):
    from datetime import datetime

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Uppgift", "Värde"])
    sheet.append(["Datum", datetime(2023, 8, 31)])
    sheet.append(["Klar", True])
    sheet.append(["Kommentar", "Två\nrader"])
    sheet.append(["Andel", 0.125])
    report = xlsx.read(_save(workbook, tmp_path / "k.xlsx"))
    assert [(r.cells[0].text, r.cells[0].kind) for r in report.tables[0].rows] == [
        ("2023-08-31", CellKind.TEXT), ("SANT", CellKind.TEXT), ("Två rader", CellKind.TEXT), ("0,125", CellKind.NUMBER)]


# --- Formulas -------------------------------------------------------------------------------------

def _rewrite(path: Path, edit, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """Rewrite one part of a saved workbook with ``edit(xml) -> xml``, as another program might have written it."""
    parts = zip_parts(path)
    parts[part] = edit(parts[part])
    path.write_bytes(zip_bytes(parts))
    return path


def _with_cached_values(path: Path, values: dict[str, object], error: bool = False) -> Path:
    """openpyxl writes formulas without results: put Excel's cached values in, as Excel would."""
    def edit(xml: bytes) -> bytes:
        for ref, value in values.items():
            kind = b' t="e"' if error else b""
            xml, count = re.subn(rb'<c r="%s"[^>]*>(<f>[^<]*</f>)<v\s*/?>(?:</v>)?' % ref.encode(),
                                 rb'<c r="%s"%s>\g<1><v>%s</v>' % (ref.encode(), kind, str(value).encode()), xml)
            assert count == 1, ref
        return xml
    return _rewrite(path, edit)


def _drift(tmp_path: Path, typed_total: bool) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Belopp i tkr", "Budget", "Prognos", "Utfall"])
    sheet.append(["Intäkter", 100, 110, 90])
    sheet.append(["Kostnader", 200, 190, 210])
    sheet.append(["Summa", "=SUM(B2:B3)", 300 if typed_total else "=SUM(C2:C3)", "=SUM(D2:D3)"])
    path = _save(workbook, tmp_path / "f.xlsx")
    return _with_cached_values(path, {"B4": 300, "D4": 300} | ({} if typed_total else {"C4": 300}))


def test_a_typed_total_among_formulas_is_noted_as_stale_risk(tmp_path):
    report = xlsx.read(_drift(tmp_path, typed_total=True))
    assert [(n.code, n.severity, n.location.ref) for n in report.notes] == [("stale-total", "warning", "C4")]
    assert "=SUM(B2:B3)" in report.notes[0].message_en and report.notes[0].message_sv
    assert [c.text for c in report.tables[0].rows[2].cells] == ["300", "300", "300"]


def test_formulas_with_cached_values_give_no_note(tmp_path):
    assert xlsx.read(_drift(tmp_path, typed_total=False)).notes == []


def test_formulas_saved_without_values_are_noted_and_keep_the_table_whole(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["Belopp i tkr", "Budget"], ["A", 1], ["Summa", "=B2"], ["B", "=B2*2"], ["C", 3]):
        sheet.append(row)
    report = xlsx.read(_save(workbook, tmp_path / "u.xlsx"))
    assert [(n.code, n.location.ref) for n in report.notes] == [("uncalculated-formula", "B3"), ("uncalculated-formula", "B4")]
    assert len(report.tables) == 1 and [r.label.text for r in report.tables[0].rows] == ["A", "Summa", "B", "C"]


def test_error_values_are_noted(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Belopp i tkr", "Budget"])
    workbook.active.append(["A", "=1/0"])
    report = xlsx.read(_with_cached_values(_save(workbook, tmp_path / "e.xlsx"), {"B2": "#DIV/0!"}, error=True))
    assert [(n.code, n.location.ref) for n in report.notes] == [("formula-error", "B2")]
    assert report.tables[0].rows[0].cells[0].text == "#DIV/0!"


# --- Unreadable and hostile input ------------------------------------------------------------------

def _refused(path: Path) -> InputError:
    before = path.read_bytes() if path.exists() else None
    start = time.monotonic()
    with pytest.raises(InputError) as caught:
        xlsx.read(path)
    assert time.monotonic() - start < QUICK
    error = caught.value
    assert str(path) in error.message("sv") and str(path) in error.message("en")
    assert error.message_sv != error.message_en and "\n" not in error.message("en")
    if before is not None:
        assert path.read_bytes() == before
    return error


def test_non_zip_bytes_are_refused(tmp_path):
    path = tmp_path / "rapport.xlsx"
    path.write_text("Belopp i tkr\tBudget\nA\t1\n", encoding="utf-8")
    assert "not a zip" in _refused(path).message_en


@pytest.mark.parametrize("damage", ["truncated", "garbage", "no-workbook", "bad-deflate"])
def test_corrupt_archives_are_refused(tmp_path, damage):
    path = tmp_path / "trasig.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "x"
    good = io.BytesIO()
    workbook.save(good)
    data = good.getvalue()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = b"PK\x03\x04" + bytes(range(256)) * 40
    elif damage == "no-workbook":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "not a workbook")
        data = buffer.getvalue()
    else:  # flip bytes inside the deflated sheet
        at = data.index(b"xl/worksheets/sheet1.xml") + 40
        data = data[:at] + bytes(b ^ 0x5A for b in data[at:at + 40]) + data[at + 40:]
    path.write_bytes(data)
    _refused(path)


def test_password_protected_workbook_is_refused(tmp_path):
    # An encrypted XLSX is an OLE compound file holding EncryptionInfo and EncryptedPackage streams.
    path = tmp_path / "hemlig.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(3000))
    error = _refused(path)
    assert "password" in error.message_en and "lösenord" in error.message_sv


def test_old_xls_is_refused(tmp_path):
    path = tmp_path / "gammal.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    assert ".xls" in _refused(path).message_en


def _bomb(path: Path, size: int, name: str = "xl/worksheets/sheet1.xml") -> Path:
    """A zip with one huge, highly compressible part, streamed: nothing near its size touches the disk."""
    chunk = b"<row/>" * (1 << 17)
    return write_zip_bomb(path, name, chunk, size // len(chunk), force_zip64=size > 2**31)


def test_zip_bomb_is_refused_before_loading(tmp_path):
    path = _bomb(tmp_path / "bomb.xlsx", 210 * 2**20)
    assert path.stat().st_size < 2 * 2**20
    assert "--limit unpacked=" in _refused(path).message_en


def test_highly_compressed_large_part_is_refused(tmp_path):
    path = _bomb(tmp_path / "tät.xlsx", 48 * 2**20, name="xl/media/image1.bin")  # under the size caps
    assert "zip bomb" in _refused(path).message_en


def test_zip_bomb_lying_about_its_size_is_refused(tmp_path):
    # Declared 1 000 bytes (under every size and ratio cap), really 48 MB: found while inflating in bounded steps.
    path = _bomb(tmp_path / "lögn.xlsx", 48 * 2**20, name="xl/media/image1.bin")
    data = bytearray(path.read_bytes())
    central = data.rindex(b"PK\x01\x02")  # the part written last has the last central directory entry
    local = data.index(b"PK\x03\x04", 1)  # ... and the second local header
    data[central + 24:central + 28] = struct.pack("<I", 1000)
    data[local + 22:local + 26] = struct.pack("<I", 1000)
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo("xl/media/image1.bin").file_size == 1000
    assert "more than declared" in _refused(path).message_en


@pytest.mark.parametrize("span", ["mergeCell", "hyperlink"])
def test_ranges_covering_the_whole_sheet_are_refused(tmp_path, span):
    # openpyxl would create a cell object for each of the 17 billion cells of A1:XFD1048576.
    path = tmp_path / "hela.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "x"
    workbook.active.merge_cells("A1:B2")
    _save(workbook, path)
    huge = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>' if span == "mergeCell" else \
        b'<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells><hyperlinks><hyperlink ref="A1:XFD1048576" display="x"/></hyperlinks>'
    _rewrite(path, lambda xml: re.sub(rb"<mergeCells.*?</mergeCells>", huge, xml))
    assert "ranges cover" in _refused(path).message_en


def test_too_many_cells_are_refused(tmp_path):
    path = tmp_path / "stor.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = 1
    _save(workbook, path)
    rows = b"".join(b'<row r="%d">%s</row>' % (r, b"".join(b"<c><v>%d</v></c>" % (r * c * 7919 % 100003) for c in range(100)))
                    for r in range(1, 5002))  # 500 100 cells, 12 MB of XML that does not compress 100:1
    _rewrite(path, lambda xml: re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData>" + rows + b"</sheetData>", xml, flags=re.S))
    assert "--limit cells=" in _refused(path).message_en


def test_damaged_parts_give_a_report_or_input_error(tmp_path):
    """Bytes changed inside the XML of a well-formed archive: openpyxl's many errors become InputError."""
    import random

    parts = zip_parts(EXAMPLES / f"{STEMS[1]}.xlsx")
    chance = random.Random(5)
    path = tmp_path / "skadad.xlsx"
    outcomes = set()
    for _ in range(40):
        damaged = dict(parts)
        name = chance.choice(sorted(parts))
        data = bytearray(damaged[name])
        for _ in range(chance.randint(1, 4)):
            data[chance.randrange(len(data))] = chance.choice(b'<>"/=&;0123456789AZz \xff')
        damaged[name] = bytes(data)
        path.write_bytes(zip_bytes(damaged))
        start = time.monotonic()
        try:
            xlsx.read(path)
            outcomes.add("report")
        except InputError:
            outcomes.add("InputError")
        assert time.monotonic() - start < QUICK
    assert outcomes == {"report", "InputError"}


@pytest.mark.parametrize("content", [None, b"", b"   \n"])
def test_missing_or_empty_file_is_refused(tmp_path, content):
    path = tmp_path / "tom.xlsx"
    if content is not None:
        path.write_bytes(content)
    _refused(path)


def test_header_fonts_do_not_matter(tmp_path):
    workbook = openpyxl.Workbook()
    _sjukfranvaro(workbook.active, top=1)
    for cell in workbook.active[2]:
        cell.font = Font(bold=True)
    assert xlsx.read(_save(workbook, tmp_path / "b.xlsx")).tables[0].columns == ("2024", "2023", "Differens")


def test_cli_json_cites_sheet_and_ref(monkeypatch):
    from rapportkoll.readers import READERS

    monkeypatch.setitem(READERS, ".xlsx", "rapportkoll.readers.xlsx")
    path = EXAMPLES / f"{STEMS[1]}.xlsx"
    result = check_json(path)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["summary"]["errors"] == 11 and document["summary"]["problems"] == 0
    for finding in document["findings"]:
        for cell in finding["cells"]:
            assert cell["path"] == str(path) and cell["sheet"] and re.fullmatch(r"[A-Z]+\d+", cell["ref"])
            assert "line" not in cell and "field" not in cell
