"""The .xls and .ods readers give the text export's findings; a file without a readable table is a problem.

The .xls and .ods examples are built from the .xlsx examples by examples/build/xls_ods.py (xlwt and
odfpy write every cell with its number format, nothing typed by hand).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import rapportkoll
from rapportkoll.readers import InputError, ods, read_report, xls
from reader_helpers import (EXAMPLES, STEMS, assert_refused, check_json, finding_key, read_read_only, table_findings,
                            table_shapes)

QUICK = 5.0


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
@pytest.mark.parametrize("stem", STEMS)
def test_example_findings_and_tables_are_those_of_the_xlsx_and_text_export(stem: str, suffix: str):
    text_report = read_report(EXAMPLES / f"{stem}.txt")
    report = read_read_only(read_report, EXAMPLES / f"{stem}{suffix}")
    assert sorted(finding_key(f) for f in table_findings(report)) == \
        sorted(finding_key(f) for f in table_findings(text_report))
    assert table_shapes(report) == table_shapes(read_report(EXAMPLES / f"{stem}.xlsx"))


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_cells_are_located_by_sheet_and_ref(suffix: str):
    findings = rapportkoll.check(EXAMPLES / f"{STEMS[1]}{suffix}").findings
    total = next(f for f in findings if f.rule == "investering.total")
    xlsx_total = next(f for f in rapportkoll.check(EXAMPLES / f"{STEMS[1]}.xlsx").findings
                      if f.rule == "investering.total")
    where = total.suspect.cell.location
    assert (where.sheet, where.ref) == (xlsx_total.suspect.cell.location.sheet, xlsx_total.suspect.cell.location.ref)
    assert where.path.endswith(suffix) and where.line is None


@pytest.mark.parametrize("read, suffix", [(xls.read, ".xls"), (ods.read, ".ods")])
def test_damaged_and_foreign_files_are_refused(tmp_path: Path, read, suffix: str):
    good = (EXAMPLES / f"{STEMS[0]}{suffix}").read_bytes()
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(good[: len(good) // 2])
    assert_refused(read, cut, QUICK)
    foreign = tmp_path / f"text{suffix}"
    foreign.write_text("Rubrik\nA\t1\n", encoding="utf-8")
    assert_refused(read, foreign, QUICK)


def test_an_xlsx_named_xls_says_to_rename_it(tmp_path: Path):
    misnamed = tmp_path / "bok.xls"
    misnamed.write_bytes((EXAMPLES / f"{STEMS[0]}.xlsx").read_bytes())
    assert ".xlsx" in assert_refused(xls.read, misnamed, QUICK).message_en


def test_the_text_path_does_not_import_the_workbook_libraries():
    code = ("import sys, rapportkoll; rapportkoll.check(sys.argv[1]);"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('xlrd', 'odf', 'openpyxl')))")
    out = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / f"{STEMS[1]}.txt")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# Nothing passes silently ------------------------------------------------------------------------


def _scanned_pdf(path: Path) -> Path:
    """A page as a scanner makes it: an image of the printed table, no text layer (Pillow writes it)."""
    image = Image.new("L", (600, 200), 255)
    for x in range(50, 550):
        image.putpixel((x, 100), 0)  # a rule, as a table would have, drawn in pixels
    image.save(path, "PDF", resolution=100.0)
    return path


def test_a_scanned_pdf_exits_2_with_the_ocr_hint(tmp_path: Path):
    result = check_json(_scanned_pdf(tmp_path / "skannad.pdf"))
    assert result.exit_code == 2
    with pytest.raises(InputError) as caught:
        read_report(tmp_path / "skannad.pdf")
    assert "OCR" in caught.value.message_en and "OCR" in caught.value.message_sv


@pytest.mark.parametrize("name, content", [
    ("rapport.rtf", b"{\\rtf1\\ansi Delarsrapport\\par Resultat 2023\\tab 12\\par}"),
    ("rapport.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
    ("rapport.odt", b"PK\x03\x04" + b"\x00" * 100),
])
def test_formats_not_read_exit_2_naming_the_format_to_save_as(tmp_path: Path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    assert check_json(path).exit_code == 2
    error = assert_refused(read_report, path, QUICK)
    assert ".docx" in error.message_en and ".docx" in error.message_sv


@pytest.mark.parametrize("text", [
    "Delårsrapport 2023\n\nKommunstyrelsen har under perioden arbetat med budgeten.\nResultatet är 12 mnkr.\n",
    "Resultat 2023 12 000 tkr\nBudget 2023 11 500 tkr\n",  # columns aligned with spaces, not tabs
])
def test_a_text_file_without_a_table_exits_2(tmp_path: Path, text: str):
    path = tmp_path / "prosa.txt"
    path.write_text(text, encoding="utf-8")
    result = check_json(path)
    assert result.exit_code == 2
    error = assert_refused(read_report, path, QUICK)
    assert "tab" in error.message_en


def test_a_report_with_a_table_beside_one_without_still_exits_2_and_checks_the_other(tmp_path: Path):
    from click.testing import CliRunner

    from rapportkoll.cli import main

    empty = tmp_path / "prosa.txt"
    empty.write_text("Bara text.\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["check", str(empty), str(EXAMPLES / f"{STEMS[0]}.txt"), "--format", "json"])
    assert run.exit_code == 2
    assert '"RK122"' in run.stdout
