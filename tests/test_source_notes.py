"""What an XLSX source says about itself becomes findings: typed totals among formulas, hidden rows."""

from __future__ import annotations

import openpyxl

import rapportkoll


def _workbook(path, hide_row=False):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Drift"
    sheet.append(["Belopp i tkr", "Budget 2024", "Prognos 2024", "Utfall 2024"])
    sheet.append(["Intäkter", 100, 120, 70])
    sheet.append(["Kostnader", -80, -90, -50])
    sheet.append(["Netto", "=SUM(B2:B3)", 30, "=SUM(D2:D3)"])  # C4 typed between two formulas
    if hide_row:
        sheet.row_dimensions[3].hidden = True
    book.save(path)


def test_typed_total_among_formulas_is_a_warning_at_its_cell(tmp_path):
    path = tmp_path / "rapport.xlsx"
    _workbook(path)
    notes = [f for f in rapportkoll.check(path).findings if f.code == "RK401"]
    assert [(f.severity.value, f.cells[0].location.sheet, f.cells[0].location.ref) for f in notes] == \
        [("warning", "Drift", "C4")]
    assert "C4" in notes[0].message("en")


def test_formulas_saved_without_values_are_warnings(tmp_path):
    # openpyxl writes formulas without cached values, as a file saved without recalculation would be.
    path = tmp_path / "rapport.xlsx"
    _workbook(path)
    refs = sorted(f.cells[0].location.ref for f in rapportkoll.check(path).findings if f.code == "RK402")
    assert refs == ["B4", "D4"]


def test_hidden_row_is_reported_as_info(tmp_path):
    path = tmp_path / "rapport.xlsx"
    _workbook(path, hide_row=True)
    hidden = [f for f in rapportkoll.check(path).findings if f.code == "RK404"]
    assert hidden and all(f.severity.value == "info" for f in hidden)
    assert any(f.cells[0].row == "Kostnader" for f in hidden)
