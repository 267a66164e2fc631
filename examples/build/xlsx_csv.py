"""Regenerate the XLSX and CSV versions of the example reports from their text exports.

    python examples/build/xlsx_csv.py

Every table as rapportkoll's text reader understands it becomes a block: its caption on a row of
its own, the header (a label spanning columns is merged in XLSX), then the rows; a blank row
separates blocks. In XLSX, tables sharing a caption share a sheet. Numbers are written as numbers
with a number format that displays exactly the printed text (decimals, grouping, per cent, sign);
what no format reproduces ('Prel 70', '+ 2022', '9,3 20,7)') stays text. The values are the
printed ones, genuine errors included, and there are no formulas: a formula's cached value would
have to differ from what it computes, and that would not be honest.

The CSV files differ on purpose: Alingsås is ';'-separated UTF-8 with BOM and CRLF (as Excel
saves "CSV UTF-8"), Herrljunga ','-separated UTF-8 with quoted decimal commas. The output is
byte-for-byte reproducible (fixed timestamps inside the XLSX archive).
"""

from __future__ import annotations

import csv
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from rapportkoll.model import Cell, Table
from rapportkoll.numbers import CellKind
from rapportkoll.readers import text
from rapportkoll.readers.xlsx import render_number

EXAMPLES = Path(__file__).resolve().parent.parent
REPORTS = {  # stem -> (CSV delimiter, encoding, line end)
    "alingsas-ks-delarsbokslut-2024": (";", "utf-8-sig", "\r\n"),
    "herrljunga-ks-delarsrapport-2023": (",", "utf-8", "\n"),
}
FIXED_TIME = datetime(2024, 1, 1)
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def main() -> None:
    for stem, (delimiter, encoding, line_end) in REPORTS.items():
        report = text.read(EXAMPLES / f"{stem}.txt")
        write_xlsx(report.tables, EXAMPLES / f"{stem}.xlsx")
        write_csv(report.tables, EXAMPLES / f"{stem}.csv", delimiter, encoding, line_end)
        print(f"{stem}: {len(report.tables)} tables -> .xlsx, .csv")


def header_labels(columns: tuple[str, ...]) -> tuple[list[str], list[tuple[int, int]]]:
    """The header as printed: 'X #1', 'X #2' are one label X spanning two columns; '#n' is a blank header."""
    labels, spans, i = list(columns), [], 0
    while i < len(columns):
        match = re.fullmatch(r"(.*) #1", columns[i])
        j = i + 1
        while match and j < len(columns) and columns[j] == f"{match[1]} #{j - i + 1}":
            j += 1
        if match and j - i > 1:
            labels[i:j] = [match[1]] + [""] * (j - i - 1)
            spans.append((i, j - 1))
        elif columns[i] == f"#{i + 2}":
            labels[i] = ""
        i = j if match and j - i > 1 else i + 1
    return labels, spans


def as_number(cell: Cell) -> tuple[float | int, str] | None:
    """The value and number format that display exactly the cell's text, or None to keep it as text."""
    parsed = cell.parsed
    if not parsed.is_numeric or parsed.preliminary:
        return None
    decimals = parsed.decimals or 0
    base = ("#,##0" if parsed.grouped or abs(parsed.value) < 1000 else "0") + ("." + "0" * decimals if decimals else "")
    value: float | int = parsed.value
    if parsed.kind is CellKind.PERCENT:
        base += " %" if re.search(r"\s%$", cell.text) else "%"
        value = round(value / 100, decimals + 2)
    elif decimals == 0:
        value = int(value)
    if parsed.parenthesized:
        number_format = f"{base};({base})"
    elif cell.text.lstrip().startswith("+"):
        number_format = f"+{base};-{base}"
    else:
        number_format = base
    shown, _ = render_number(value, number_format)
    return (value, number_format) if _normalized(shown) == _normalized(cell.text) else None


def _normalized(shown: str) -> str:
    for minus in "\u2212\u2013":
        shown = shown.replace(minus, "-")
    return re.sub(r"[\u00a0\u2009\u202f]", " ", shown).strip()


def _groups(tables: list[Table]) -> list[list[Table]]:
    """Consecutive tables with the same caption share a sheet."""
    groups: list[list[Table]] = []
    for table in tables:
        if groups and table.caption and groups[-1][-1].caption == table.caption:
            groups[-1].append(table)
        else:
            groups.append([table])
    return groups


def _sheet_title(group: list[Table], used: set[str]) -> str:
    base = _SHEET_NAME_BAD.sub(" ", group[0].caption or group[0].corner or "Tabell").strip()[:28] or "Tabell"
    title, n = base, 2
    while title.casefold() in used:
        title, n = f"{base} {n}", n + 1
    used.add(title.casefold())
    return title


def write_xlsx(tables: list[Table], path: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "rapportkoll examples/build/xlsx_csv.py"
    workbook.properties.created = FIXED_TIME
    used: set[str] = set()
    for group in _groups(tables):
        sheet = workbook.create_sheet(_sheet_title(group, used))
        sheet.column_dimensions["A"].width = 48
        for letter in "BCDEFGHIJ":
            sheet.column_dimensions[letter].width = 16
        row = 1
        for table in group:
            row = _write_table(sheet, table, row) + 1
    workbook.save(path)
    _make_reproducible(path)


def _write_table(sheet, table: Table, row: int) -> int:
    """Write caption, header and rows from ``row`` on; returns the row after the table."""
    if table.caption:
        sheet.cell(row, 1, table.caption).font = Font(bold=True, size=12)
        row += 1
    labels, spans = header_labels(table.columns)
    for column, label in enumerate([table.corner, *labels], start=1):
        _put_text(sheet, row, column, label).font = Font(bold=True)
    for first, last in spans:
        sheet.merge_cells(start_row=row, start_column=first + 2, end_row=row, end_column=last + 2)
        sheet.cell(row, first + 2).alignment = Alignment(horizontal="center")
    for table_row in table.rows:
        row += 1
        _put_text(sheet, row, 1, table_row.label.text)
        for column, cell in enumerate(table_row.cells, start=2):
            number = as_number(cell)
            if number is None:
                _put_text(sheet, row, column, cell.text)
            else:
                target = sheet.cell(row, column, number[0])
                target.number_format = number[1]
    return row + 1


def _put_text(sheet, row: int, column: int, value: str):
    cell = sheet.cell(row, column)
    if value:
        cell.value = value
        cell.data_type = "s"  # text, even when it starts with '=' like a formula
    return cell


def _make_reproducible(path: Path) -> None:
    """Fixed timestamps in the archive and in docProps/core.xml, so regenerating changes nothing."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6]), data,
                             compress_type=zipfile.ZIP_DEFLATED)


def write_csv(tables: list[Table], path: Path, delimiter: str, encoding: str, line_end: str) -> None:
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter, lineterminator=line_end)
        for i, table in enumerate(tables):
            if i:
                writer.writerow([])
            if table.caption:
                writer.writerow([table.caption])
            writer.writerow([table.corner, *header_labels(table.columns)[0]])
            for row in table.rows:
                writer.writerow([row.label.text, *(cell.text for cell in row.cells)])


if __name__ == "__main__":
    main()
