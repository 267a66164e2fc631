"""Regenerate the .xls and .ods versions of the example reports from their .xlsx versions.

    python examples/build/xls_ods.py

Needs xlwt and odfpy (``pip install ".[examples]"``). Every sheet, cell and merged range of the
.xlsx is copied: numbers stay numbers with their number format (in the .ods also the text the
cell displays, as LibreOffice stores it), text stays text. The values are the printed ones, genuine
errors included. The output is byte-for-byte reproducible (fixed timestamps in the .ods archive;
xlwt writes none).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

from rapportkoll.readers.excel_format import render_number

EXAMPLES = Path(__file__).resolve().parent.parent
STEMS = ["alingsas-ks-delarsbokslut-2024", "herrljunga-ks-delarsrapport-2023"]
FIXED_TIME = datetime(2024, 1, 1)


def main() -> None:
    for stem in STEMS:
        workbook = openpyxl.load_workbook(EXAMPLES / f"{stem}.xlsx")
        write_xls(workbook, EXAMPLES / f"{stem}.xls")
        write_ods(workbook, EXAMPLES / f"{stem}.ods")
        print(f"{stem}: {len(workbook.worksheets)} sheets -> .xls, .ods")


def _merges(sheet) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """Anchor (row, column) -> (rows, columns) spanned, and the positions the merges cover."""
    anchors, covered = {}, set()
    for span in sheet.merged_cells.ranges:
        anchors[(span.min_row, span.min_col)] = (span.max_row - span.min_row + 1, span.max_col - span.min_col + 1)
        covered |= {(r, c) for r in range(span.min_row, span.max_row + 1)
                    for c in range(span.min_col, span.max_col + 1)} - {(span.min_row, span.min_col)}
    return anchors, covered


def write_xls(workbook, path: Path) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, xlwt.XFStyle] = {}
    for sheet in workbook.worksheets:
        target = book.add_sheet(sheet.title)
        anchors, covered = _merges(sheet)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or (cell.row, cell.column) in covered:
                    continue
                style = styles.setdefault(cell.number_format, xlwt.easyxf(num_format_str=cell.number_format))
                rows, columns = anchors.get((cell.row, cell.column), (1, 1))
                r, c = cell.row - 1, cell.column - 1
                if (rows, columns) != (1, 1):
                    target.write_merge(r, r + rows - 1, c, c + columns - 1, cell.value, style)
                else:
                    target.write(r, c, cell.value, style)
    stream = io.BytesIO()
    book.save(stream)
    path.write_bytes(stream.getvalue())


def write_ods(workbook, path: Path) -> None:
    document = OpenDocumentSpreadsheet()
    for sheet in workbook.worksheets:
        table = Table(name=sheet.title)
        anchors, covered = _merges(sheet)
        for r in range(1, sheet.max_row + 1):
            row = TableRow()
            for c in range(1, sheet.max_column + 1):
                row.addElement(_ods_cell(sheet.cell(r, c), anchors.get((r, c)), (r, c) in covered))
            table.addElement(row)
        document.spreadsheet.addElement(table)
    stream = io.BytesIO()
    document.write(stream)
    _reproducible(stream.getvalue(), path)


def _ods_cell(cell, span: tuple[int, int] | None, is_covered: bool):
    if is_covered:
        return CoveredTableCell()
    spanned = {"numberrowsspanned": span[0], "numbercolumnsspanned": span[1]} if span else {}
    if cell.value is None:
        return TableCell(**spanned)
    if isinstance(cell.value, (int, float)):
        shown, _ = render_number(cell.value, cell.number_format)
        target = TableCell(valuetype="float", value=cell.value, **spanned)
    else:
        shown = str(cell.value)
        target = TableCell(valuetype="string", **spanned)
    target.addElement(P(text=shown))
    return target


def _reproducible(data: bytes, path: Path) -> None:
    """The archive again with fixed timestamps; 'mimetype' first and stored, as OpenDocument requires."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as out:
        for name, content in parts:
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            out.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6]), content, compress_type=method)


if __name__ == "__main__":
    main()
