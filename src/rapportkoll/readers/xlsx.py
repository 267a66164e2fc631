"""Reader for XLSX workbooks: every sheet's tables, numbers as displayed, and the sheet's own risks noted."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Iterator

import openpyxl
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple, get_column_letter

from rapportkoll.bounds import current, over
from rapportkoll.model import Cell, Location, ReadNote, Report, Table
from rapportkoll.numbers import CellKind, Parsed, parse
from rapportkoll.readers import archive
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.excel_format import render_number
from rapportkoll.readers.sheet import SheetRow, clean_field, sheet_rows, tables_from_sheet
from rapportkoll.readers.source import read_bytes

MAX_SPAN_CELLS = 1_000_000  # cells openpyxl creates for merged ranges and hyperlinks
_SPAN = re.compile(rb'<(?:\w+:)?(?:mergeCell|hyperlink)\b[^>]*?\sref="([A-Za-z]{1,3})(\d{1,7}):([A-Za-z]{1,3})(\d{1,7})"')


def read(path: Path) -> Report:
    """Read every sheet of a workbook; raises InputError when the file as a whole is unreadable or unsafe."""
    place = str(path)
    data = read_bytes(path)  # read once: the archive checked is the archive loaded, and never written
    guard(data, place)
    values, formulas = _load(data, place)
    report = Report(place)
    notes: list[ReadNote] = []
    for sheet in values.worksheets:
        _read_sheet(sheet, formulas[sheet.title], report, notes)
    report.notes = notes
    return report


# --- The archive, checked before openpyxl sees it ---------------------------------------------

def guard(data: bytes, place: str) -> None:
    """Refuse what is not a plain, reasonably sized XLSX archive, in time and memory bounded by the caps."""
    archive.refuse_ole(data, place, "EncryptedPackage",
                       ("lösenordsskyddad (krypterad) arbetsbok; spara den utan lösenord",
                        "password-protected (encrypted) workbook; save it without a password"),
                       ("gammalt Excel-format (.xls) eller annan OLE-fil; spara som .xlsx",
                        "old Excel format (.xls) or other OLE file; save it as .xlsx"))
    if not archive.is_zip(data):
        raise InputError(place, "inte en XLSX-fil (inte ett zip-arkiv)", "not an XLSX file (not a zip archive)")
    with archive.opened(data, place, _corrupt) as zipped:
        infos = zipped.infolist()
        archive.check_declared(infos, place)
        _check_xml(infos, place)
        for info in infos:
            archive.check_member(data, info, place)
        _check_cells(zipped, infos, place)


def _check_xml(infos: list[zipfile.ZipInfo], place: str) -> None:
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    if xml > current().text:  # the XML openpyxl turns into objects (twice); reports need a few MB at most
        raise over(place, "text", xml)


def _check_cells(zipped: zipfile.ZipFile, infos: list[zipfile.ZipInfo], place: str) -> None:
    """Count the cell objects openpyxl would create (twice): the cells, and every cell of merged or linked ranges."""
    cells = spanned = 0
    for info in infos:
        if info.filename.endswith(".xml"):
            xml = zipped.read(info)
            cells += xml.count(b"<c ") + xml.count(b"<c>")
            for c1, r1, c2, r2 in _SPAN.findall(xml):
                columns = column_index_from_string(c2.decode().upper()) - column_index_from_string(c1.decode().upper())
                spanned += (abs(int(r2) - int(r1)) + 1) * (abs(columns) + 1)
    if spanned > MAX_SPAN_CELLS:
        raise archive.bomb(place, f"sammanslagna eller länkade områden täcker {spanned} celler",
                           f"merged or linked ranges cover {spanned} cells")
    if cells > current().cells:  # openpyxl keeps an object per cell: about a minute and a gigabyte at 500 000
        raise over(place, "cells", cells)


def _corrupt(place: str, exc: BaseException) -> InputError:
    detail = f"{type(exc).__name__}: {exc}"[:120]
    return InputError(place, f"skadad eller ogiltig XLSX-fil ({detail})", f"corrupt or invalid XLSX file ({detail})")


def _load(data: bytes, place: str):
    """The workbook twice: with the values Excel last calculated, and with the formulas."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions it skips
        try:
            values = openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
            formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
        except MemoryError:
            raise  # the memory budget's, not damage
        except Exception as exc:  # openpyxl signals a broken part with many exception types
            raise _corrupt(place, exc) from None
    return values, formulas


# --- Sheets -----------------------------------------------------------------------------------

def _read_sheet(sheet, formula_sheet, report: Report, notes: list[ReadNote]) -> None:
    path, title = report.path, sheet.title
    formulas = {}
    for (r, c), cell in formula_sheet._cells.items():  # iter_rows would create every cell of the used range
        if formula := _formula_text(cell.value):
            formulas[f"{get_column_letter(c)}{r}"] = formula
    before = len(report.tables)
    tables_from_sheet(_grid(sheet, formulas, path), report, caption=title)
    if sheet.sheet_state != "visible":
        notes.append(ReadNote("hidden-sheet", "info", Location(path, sheet=title, ref="A1"),
                              f"bladet '{title}' är dolt men läses", f"sheet '{title}' is hidden but is read"))
    notes.extend(_formula_notes(sheet, formulas, path))
    for table in report.tables[before:]:
        notes.extend(_stale_totals(table, formulas))
        notes.extend(_layout_notes(sheet, table))


def _formula_text(value: object) -> str | None:
    if isinstance(value, str):
        return value if value.startswith("=") else None
    text = getattr(value, "text", None)  # array and data-table formulas
    return f"={text.lstrip('=')}" if isinstance(text, str) else None


def _grid(sheet, formulas: dict[str, str], path: str) -> list[SheetRow]:
    """The sheet's rows with their cells; a formula without a value still occupies its cell."""
    by_row: dict[int, dict[int, Cell]] = defaultdict(dict)
    for (r, c), cell in sheet._cells.items():  # iter_rows would create every cell of the used range
        ref = f"{get_column_letter(c)}{r}"
        content = _content(cell.value, cell.number_format)
        if content is None and ref in formulas:
            content = ("", Parsed(CellKind.BLANK))
        if content is not None:
            by_row[r][c] = Cell(content[0], Location(path, sheet=sheet.title, ref=ref), content[1])
    return sheet_rows(by_row, partial(_location, path, sheet.title))


def _location(path: str, sheet: str, row: int, column: int) -> Location:
    return Location(path, sheet=sheet, ref=f"{get_column_letter(column)}{row}")


def _content(value: object, number_format: str | None) -> tuple[str, Parsed] | None:
    """A cell's text as displayed and what it parses to; None for a cell without a value."""
    if value is None:
        return None
    if isinstance(value, bool):
        text = "SANT" if value else "FALSKT"
    elif isinstance(value, (int, float)) and value == value and abs(value) != float("inf"):
        return render_number(value, number_format or "General")
    elif isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == time() else value.isoformat(" ", "minutes")
    elif isinstance(value, (date, time)):
        text = value.isoformat()
    elif isinstance(value, timedelta):
        text = str(value)
    else:
        text = clean_field(str(value))
    return (text, parse(text)) if text else None


# --- Notes --------------------------------------------------------------------------------------

def _formula_notes(sheet, formulas: dict[str, str], path: str) -> Iterator[ReadNote]:
    """Formulas saved without a calculated value, and cells showing an error value."""
    for ref, formula in formulas.items():
        cell = sheet._cells.get(coordinate_to_tuple(ref))
        if cell is None or cell.value is None:
            yield ReadNote("uncalculated-formula", "warning", Location(path, sheet=sheet.title, ref=ref),
                           f"{ref}: formeln {formula} har inget beräknat värde (filen sparades utan omräkning)",
                           f"{ref}: formula {formula} has no calculated value (the file was saved without recalculation)")
    for (r, c), cell in sorted(sheet._cells.items()):
        if cell.data_type == "e":
            ref = f"{get_column_letter(c)}{r}"
            yield ReadNote("formula-error", "warning", Location(path, sheet=sheet.title, ref=ref),
                           f"{ref}: {formulas.get(ref, 'cellen')} visar felvärdet {cell.value}",
                           f"{ref}: {formulas.get(ref, 'the cell')} shows the error value {cell.value}")


def _stale_totals(table: Table, formulas: dict[str, str]) -> Iterator[ReadNote]:
    """A typed number among formulas: in a row or column where every other number is a formula."""
    numeric = [[cell if cell.parsed.is_numeric or cell.location.ref in formulas else None for cell in row.cells]
               for row in table.rows]
    lines = [("raden", "row", line) for line in numeric]
    lines += [("kolumnen", "column", list(column)) for column in zip(*numeric)]
    seen: set[str] = set()
    for word_sv, word_en, line in lines:
        cells = [c for c in line if c is not None]
        typed = [c for c in cells if c.location.ref not in formulas]  # numbers only: formulas are the rest
        if len(cells) < 3 or len(typed) != 1 or typed[0].location.ref in seen:
            continue
        cell, example = typed[0], next(c for c in cells if c is not typed[0])
        ref, other = cell.location.ref, example.location.ref
        seen.add(ref)
        yield ReadNote("stale-total", "warning", cell.location,
                       f"{ref} ({cell.text}) är ett inskrivet tal där övriga värden i {word_sv} är formler "
                       f"(t.ex. {other}: {formulas[other]}); en summa som inte räknas om kan vara inaktuell",
                       f"{ref} ({cell.text}) is a typed number where the other values in its {word_en} are formulas "
                       f"(e.g. {other}: {formulas[other]}); a total that is not recalculated may be stale",
                       (example.location,))


def _layout_notes(sheet, table: Table) -> Iterator[ReadNote]:
    """Hidden rows and columns of a table, and merged ranges among its rows: read, but not as printed."""
    if not table.rows:
        return
    hidden_columns = [(d.min, d.max) for d in sheet.column_dimensions.values() if d.hidden and d.min]
    for row in table.rows:
        r, _ = coordinate_to_tuple(row.label.location.ref)
        if (dimension := sheet.row_dimensions.get(r)) is not None and dimension.hidden:
            yield ReadNote("hidden-row", "info", row.label.location, f"rad {r} är dold i bladet men läses",
                           f"row {r} is hidden in the sheet but is read", tuple(c.location for c in row.cells))
    header_row, _ = coordinate_to_tuple(table.location.ref)
    for cell in table.rows[0].cells:
        _, c = coordinate_to_tuple(cell.location.ref)
        if any(low <= c <= high for low, high in hidden_columns):
            letter = get_column_letter(c)
            yield ReadNote("hidden-column", "info", _location(table.location.path, sheet.title, header_row, c),
                           f"kolumn {letter} är dold i bladet men läses",
                           f"column {letter} is hidden in the sheet but is read")
    by_ref = {c.location.ref: c.location for row in table.rows for c in (row.label, *row.cells)}
    top, left = coordinate_to_tuple(table.rows[0].label.location.ref)
    bottom, right = coordinate_to_tuple((table.rows[-1].cells or (table.rows[-1].label,))[-1].location.ref)
    for span in sheet.merged_cells.ranges:
        anchor = f"{get_column_letter(span.min_col)}{span.min_row}"
        rows = range(max(span.min_row, top), min(span.max_row, bottom) + 1)
        columns = range(max(span.min_col, left), min(span.max_col, right) + 1)
        covered = [by_ref[ref] for r in rows for c in columns if (ref := f"{get_column_letter(c)}{r}") != anchor]
        if anchor in by_ref and covered:
            yield ReadNote("merged", "info", by_ref[anchor],
                           f"{span.coord} är sammanslagna; värdet står i {anchor}, övriga celler är tomma",
                           f"{span.coord} are merged; the value is in {anchor}, the other cells are blank", tuple(covered))
