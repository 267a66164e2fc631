"""Reader for OpenDocument spreadsheets (.ods, LibreOffice Calc): every sheet's tables, cells as displayed.

Read with odfpy (imported on use, ~35 ms). An .ods cell stores the text it displays beside its
value, so a number shows exactly the decimals of the sheet; the tables are then found as in an
.xlsx sheet. The archive is checked as a workbook's is (ZIP bombs, encryption) before it is parsed.
"""

from __future__ import annotations

import io
from collections import defaultdict
from functools import partial
from pathlib import Path

from rapportkoll.model import Cell, Report
from rapportkoll.readers import archive
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.sheet import clean_field, sheet_location, sheet_rows, tables_from_sheet
from rapportkoll.readers.source import read_bytes

MAX_CELLS = 500_000  # as for .xlsx
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def read(path: Path) -> Report:
    """Read every sheet of an .ods workbook; raises InputError when the file as a whole is unreadable."""
    place = str(path)
    data = read_bytes(path)
    _guard(data, place)
    document = _open(data, place)
    report = Report(place)
    budget = [MAX_CELLS]
    for sheet in _sheets(document):
        name = sheet.getAttrNS(_TABLE, "name") or ""
        locate = partial(sheet_location, place, name)
        tables_from_sheet(sheet_rows(_cells(sheet, locate, budget, place), locate), report, caption=name)
    return report


def _guard(data: bytes, place: str) -> None:
    if not archive.is_zip(data):
        raise InputError(place, "inte en .ods-fil (inte ett zip-arkiv)", "not an .ods file (not a zip archive)")
    with archive.opened(data, place, _corrupt) as zipped:
        infos = zipped.infolist()
        archive.check_declared(infos, place)
        for info in infos:
            archive.check_member(data, info, place)


def _corrupt(place: str, exc: BaseException) -> InputError:
    detail = f"{type(exc).__name__}: {exc}"[:120]
    return InputError(place, f"skadad eller ogiltig .ods-fil ({detail})", f"corrupt or invalid .ods file ({detail})")


def _open(data: bytes, place: str):
    from odf.opendocument import load

    try:
        return load(io.BytesIO(data))
    except Exception as exc:  # odfpy signals a broken part with many exception types
        raise _corrupt(place, exc) from None


def _sheets(document):
    from odf.table import Table

    return document.spreadsheet.getElementsByType(Table) if document.spreadsheet is not None else []


def _cells(sheet, locate, budget: list[int], place: str) -> dict[int, dict[int, Cell]]:
    """The sheet's non-blank cells by 1-based row and column; repeated rows and cells are expanded while they hold text."""
    from odf.table import TableRow

    by_row: dict[int, dict[int, Cell]] = defaultdict(dict)
    r = 0
    for row in sheet.getElementsByType(TableRow):
        repeat = int(row.getAttrNS(_TABLE, "number-rows-repeated") or 1)
        cells = _row_cells(row, budget, place)
        if cells and repeat > 1:
            _spend(budget, len(cells) * (repeat - 1), place)
        for k in range(repeat if cells else 0):
            by_row[r + k + 1] = {c: Cell.read(text, locate(r + k + 1, c)) for c, text in cells.items()}
        r += repeat
    return by_row


def _row_cells(row, budget: list[int], place: str) -> dict[int, str]:
    """A row's displayed texts by 1-based column; covered cells of a merge take a position and are blank."""
    from odf import teletype
    from odf.text import P

    texts: dict[int, str] = {}
    c = 0
    for cell in row.childNodes:
        if cell.qname[1] not in ("table-cell", "covered-table-cell"):
            continue
        repeat = int(cell.getAttrNS(_TABLE, "number-columns-repeated") or 1)
        text = clean_field(" ".join(teletype.extractText(p) for p in cell.getElementsByType(P)))
        if text:
            _spend(budget, repeat, place)
            texts.update({c + k + 1: text for k in range(repeat)})
        c += repeat
    return texts


def _spend(budget: list[int], cells: int, place: str) -> None:
    """Count cells against the workbook's cap: a crafted repeat count must not fill memory."""
    budget[0] -= cells
    if budget[0] < 0:
        raise InputError(place, f"för stor arbetsbok (mer än {MAX_CELLS} celler)",
                         f"workbook too large (more than {MAX_CELLS} cells)")
