"""Reader for legacy Excel workbooks (.xls, BIFF): every sheet's tables, numbers as Excel displays them.

Read with xlrd (imported on use, ~15 ms), with the cells' number formats so that a value shows the
decimals the sheet shows; the tables are then found as in an .xlsx sheet.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from pathlib import Path

from rapportkoll.model import Cell, Report
from rapportkoll.numbers import Parsed, parse
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.excel_format import render_number
from rapportkoll.readers.sheet import clean_field, sheet_location, sheet_rows, tables_from_sheet
from rapportkoll.readers.source import read_bytes

MAX_CELLS = 500_000  # as for .xlsx


def read(path: Path) -> Report:
    """Read every sheet of an .xls workbook; raises InputError when the file as a whole is unreadable."""
    place = str(path)
    book = _open(read_bytes(path), place)
    report = Report(place)
    cells = sum(sheet.nrows * sheet.ncols for sheet in book.sheets())
    if cells > MAX_CELLS:
        raise InputError(place, f"för stor arbetsbok ({cells} celler, högst {MAX_CELLS})",
                         f"workbook too large ({cells} cells, at most {MAX_CELLS})")
    for sheet in book.sheets():
        locate = partial(sheet_location, place, sheet.name)
        tables_from_sheet(sheet_rows(_cells(book, sheet, locate), locate), report, caption=sheet.name)
    return report


def _open(data: bytes, place: str):
    import xlrd

    if data.startswith(b"PK\x03\x04"):
        raise InputError(place, "en .xlsx-arbetsbok med namnet .xls; byt filändelsen till .xlsx",
                         "an .xlsx workbook named .xls; rename it to .xlsx")
    try:
        return xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False)
    except Exception as exc:  # xlrd signals damage, encryption and foreign files with many exception types
        detail = f"{type(exc).__name__}: {exc}"[:120]
        raise InputError(place, f"kan inte läsas som Excel 97–2003-arbetsbok (.xls) ({detail}); spara som .xlsx",
                         f"cannot be read as an Excel 97–2003 workbook (.xls) ({detail}); save it as .xlsx") from None


def _cells(book, sheet, locate) -> dict[int, dict[int, Cell]]:
    """The sheet's non-blank cells by 1-based row and column, with their displayed text."""
    by_row: dict[int, dict[int, Cell]] = defaultdict(dict)
    for r in range(sheet.nrows):
        for c, cell in enumerate(sheet.row(r)):
            text, parsed = _content(book, cell)
            if text:
                by_row[r + 1][c + 1] = Cell(text, locate(r + 1, c + 1), parsed)
    return by_row


def _content(book, cell) -> tuple[str, Parsed]:
    """A cell's text as Excel shows it: numbers in their format, dates as ISO dates, error codes by name."""
    import xlrd

    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return render_number(cell.value, book.format_map[book.xf_list[cell.xf_index].format_key].format_str or "General")
    if cell.ctype == xlrd.XL_CELL_DATE:
        text = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode).date().isoformat()
    elif cell.ctype == xlrd.XL_CELL_ERROR:
        text = xlrd.error_text_from_code.get(cell.value, "#ERR")
    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
        text = "SANT" if cell.value else "FALSKT"
    else:
        text = clean_field(str(cell.value))
    return text, parse(text)
