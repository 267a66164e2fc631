"""Reader for XLSX workbooks: every sheet's tables, numbers as displayed, and the sheet's own risks noted."""

from __future__ import annotations

import io
import re
import struct
import warnings
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterator

import openpyxl
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple, get_column_letter

from rapportkoll.model import Cell, Location, ReadNote, Report, Table
from rapportkoll.numbers import CellKind, Parsed, parse
from rapportkoll.readers.csv_reader import GridRow, clean_field, tables_from_grid
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.source import read_bytes

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all parts together, as the archive declares them
MAX_XML = 32 * 1024 * 1024  # the XML openpyxl turns into objects (twice); reports need a few MB at most
MAX_RATIO, RATIO_FROM = 100, 8 * 1024 * 1024  # a large part compressed more than 100:1 is a bomb
MAX_MEMBERS, MAX_DIRECTORY = 10_000, 4 * 1024 * 1024
MAX_CELLS = 500_000  # openpyxl keeps an object per cell: about a minute and a gigabyte at this cap
MAX_SPAN_CELLS = 1_000_000  # cells openpyxl creates for merged ranges and hyperlinks
_CHUNK = 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
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
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError(place, "lösenordsskyddad (krypterad) arbetsbok; spara den utan lösenord",
                             "password-protected (encrypted) workbook; save it without a password")
        raise InputError(place, "gammalt Excel-format (.xls) eller annan OLE-fil; spara som .xlsx",
                         "old Excel format (.xls) or other OLE file; save it as .xlsx")
    if not data.startswith(b"PK\x03\x04"):
        raise InputError(place, "inte en XLSX-fil (inte ett zip-arkiv)", "not an XLSX file (not a zip archive)")
    try:
        entries, directory = struct.unpack_from("<HI", data, _end_record(data, place) + 10)
        if entries > MAX_MEMBERS or directory > MAX_DIRECTORY:
            raise _bomb(place, f"{entries} delar", f"{entries} parts")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_sizes(infos, place)
            for info in infos:
                _check_member(data, info, place)
            _check_cells(archive, infos, place)
    except (zipfile.BadZipFile, zlib.error, struct.error, EOFError, ValueError, OSError) as exc:
        raise _corrupt(place, exc) from None


def _end_record(data: bytes, place: str) -> int:
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if at < 0 or at + 22 > len(data):
        raise InputError(place, "skadad XLSX-fil (zip-arkivets slut saknas)",
                         "corrupt XLSX file (end of zip archive missing)")
    return at


def _check_sizes(infos: list[zipfile.ZipInfo], place: str) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise _bomb(place, f"packas upp till {total // 2**20} MB", f"unpacks to {total // 2**20} MB")
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _bomb(place, f"{info.filename} packas upp {ratio}:1", f"{info.filename} unpacks {ratio}:1")
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    if xml > MAX_XML:
        raise InputError(place, f"för stor arbetsbok ({xml // 2**20} MB XML)",
                         f"workbook too large ({xml // 2**20} MB of XML)")


def _check_member(data: bytes, info: zipfile.ZipInfo, place: str) -> None:
    """Inflate the part in bounded steps: what it really unpacks to must be what it declares."""
    if info.flag_bits & 0x1:
        raise InputError(place, "krypterat zip-arkiv; spara arbetsboken utan lösenord",
                         "encrypted zip archive; save the workbook without a password")
    if data[info.header_offset:info.header_offset + 4] != b"PK\x03\x04":
        raise InputError(place, "skadad XLSX-fil (trasig zip-del)", "corrupt XLSX file (broken zip part)")
    names = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + sum(names)
    raw = memoryview(data)[start:start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        produced = len(raw)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        produced = _inflated_size(raw, info.file_size)
    else:
        raise InputError(place, "okänd komprimering i zip-arkivet", "unsupported compression in the zip archive")
    if produced > info.file_size:
        raise _bomb(place, f"{info.filename} packas upp till mer än angivet",
                    f"{info.filename} unpacks to more than declared")
    if produced < info.file_size:
        raise InputError(place, f"skadad XLSX-fil ({info.filename} är avkortad)",
                         f"corrupt XLSX file ({info.filename} is truncated)")


def _inflated_size(raw: memoryview, limit: int) -> int:
    inflater = zlib.decompressobj(-15)
    produced = 0
    for at in range(0, len(raw), _CHUNK):
        pending: bytes | memoryview = raw[at:at + _CHUNK]
        while pending:
            produced += len(inflater.decompress(pending, _CHUNK))
            if produced > limit:
                return produced
            pending = inflater.unconsumed_tail
    return produced + len(inflater.flush())


def _check_cells(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], place: str) -> None:
    """Count the cell objects openpyxl would create (twice): the cells, and every cell of merged or linked ranges."""
    cells = spanned = 0
    for info in infos:
        if info.filename.endswith(".xml"):
            xml = archive.read(info)
            cells += xml.count(b"<c ") + xml.count(b"<c>")
            for c1, r1, c2, r2 in _SPAN.findall(xml):
                columns = column_index_from_string(c2.decode().upper()) - column_index_from_string(c1.decode().upper())
                spanned += (abs(int(r2) - int(r1)) + 1) * (abs(columns) + 1)
    if spanned > MAX_SPAN_CELLS:
        raise _bomb(place, f"sammanslagna eller länkade områden täcker {spanned} celler",
                    f"merged or linked ranges cover {spanned} cells")
    if cells > MAX_CELLS:
        raise InputError(place, f"för stor arbetsbok ({cells} celler, högst {MAX_CELLS})",
                         f"workbook too large ({cells} cells, at most {MAX_CELLS})")


def _bomb(place: str, what_sv: str, what_en: str) -> InputError:
    return InputError(place, f"misstänkt zip-bomb ({what_sv}); filen läses inte",
                      f"suspected zip bomb ({what_en}); the file is not read")


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
    tables_from_grid(_grid(sheet, formulas, path), report, caption=title)
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


def _grid(sheet, formulas: dict[str, str], path: str) -> list[GridRow]:
    """The sheet's rows with their cells; a formula without a value still occupies its cell."""
    by_row: dict[int, dict[int, Cell]] = defaultdict(dict)
    for (r, c), cell in sheet._cells.items():  # iter_rows would create every cell of the used range
        ref = f"{get_column_letter(c)}{r}"
        content = _content(cell.value, cell.number_format)
        if content is None and ref in formulas:
            content = ("", Parsed(CellKind.BLANK))
        if content is not None:
            by_row[r][c] = Cell(content[0], Location(path, sheet=sheet.title, ref=ref), content[1])
    rows: list[GridRow] = []
    for r in sorted(by_row):
        if r - 1 not in by_row and rows:  # blank rows between: the block above ends
            rows.append(GridRow({}, partial(_location, path, sheet.title, r - 1)))
        rows.append(GridRow(dict(sorted(by_row[r].items())), partial(_location, path, sheet.title, r)))
    return rows


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


# --- Number formats -----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Plan:
    """One section of a number format, read once: literal text around the digits, and the digits' shape."""

    prefix: str
    suffix: str
    percent: int  # each '%' multiplies by 100
    scale: int  # each ',' after the digits divides by 1 000
    min_int: int
    min_dec: int
    max_dec: int
    grouped: bool
    digits: bool  # False: the section is literal text only ('"-"' for zero, '' to hide)


def render_number(value: float, number_format: str) -> tuple[str, Parsed]:
    """The text Excel shows for ``value`` in ``number_format`` (Swedish: decimal comma, space grouping).

    Common formats are understood: 0, #,##0, decimals, %, thousands scaling ('#,##0,'), literal
    text, and sections for negatives and zero ('#,##0;(#,##0);"-"'). Anything else (dates,
    fractions, scientific, conditions) is shown as Excel's General format would.
    """
    sections = _sections(number_format)
    explicit = value < 0 and len(sections) > 1 or value == 0 and len(sections) > 2
    plan = _plan(sections[1 if value < 0 else 2] if explicit else sections[0])
    if plan is None:
        text = core = _general(value)
    elif not plan.digits:
        text = core = plan.prefix
    else:
        text, core = _render(abs(value) if explicit else value, plan, signed=not explicit)
    parsed = parse(text)
    if not parsed.is_numeric and core != text:  # a unit or word in the format ('1 234 tkr'): still the number
        parsed = bare if (bare := parse(core)).is_numeric else parsed
    return text, parsed


@lru_cache(maxsize=64)
def _sections(number_format: str) -> tuple[str, ...]:
    sections, current, quoted, at = [], "", False, 0
    while at < len(number_format):
        char = number_format[at]
        if char == "\\" and not quoted:
            current += number_format[at:at + 2]
            at += 2
            continue
        quoted ^= char == '"'
        if char == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += char
        at += 1
    return (*sections, current)


@lru_cache(maxsize=256)
def _plan(section: str) -> _Plan | None:
    """None for what is left to General: 'General', '@', dates, times, fractions, scientific, conditions."""
    if "general" in section.lower() or section.strip() == "@":
        return None
    tokens = _tokens(section)
    if tokens is None:
        return None
    places = [i for i, (kind, _) in enumerate(tokens) if kind == "digit"]
    if not places:
        return _Plan("".join(t for _, t in tokens), "", 0, 0, 0, 0, 0, False, False)
    pattern = "".join(text for kind, text in tokens if kind == "digit")
    whole, _, fraction = pattern.partition(".")
    scale = len(whole) - len(whole.rstrip(",")) + len(fraction) - len(fraction.rstrip(","))
    whole, fraction = whole.rstrip(","), fraction.replace(",", "")
    inner = tokens[places[0]:places[-1] + 1]
    grouped = "," in whole or ("lit", " ") in inner  # '# ##0' as some tools write it
    return _Plan("".join(t for _, t in tokens[:places[0]]), "".join(t for _, t in tokens[places[-1] + 1:]),
                 sum(kind == "pct" for kind, _ in tokens), scale, whole.count("0"), fraction.count("0"),
                 len(fraction), grouped, True)


def _tokens(section: str) -> list[tuple[str, str]] | None:
    """('lit', text), ('digit', placeholder) and ('pct', '%') tokens; None for formats left to General."""
    tokens: list[tuple[str, str]] = []
    at = 0
    while at < len(section):
        char = section[at]
        if char == '"':
            end = section.find('"', at + 1)
            end = len(section) if end < 0 else end
            tokens.append(("lit", section[at + 1:end]))
            at = end + 1
            continue
        if char in "\\_*":  # escaped literal, padding as wide as a character, fill
            tokens.append(("lit", {"\\": section[at + 1:at + 2], "_": " ", "*": ""}[char]))
            at += 2
            continue
        if char == "[":
            end = section.find("]", at)
            inner = section[at + 1:end] if end > 0 else ""
            if inner[:1] in "<>=":
                return None  # conditional sections
            if inner.startswith("$"):
                tokens.append(("lit", inner[1:].split("-")[0]))
            at = len(section) if end < 0 else end + 1
            continue
        if char in "0#?.,":
            tokens.append(("digit", char))
        elif char == "%":
            tokens.append(("pct", "%"))
        elif char.lower() in "ymdhseb/":
            return None  # dates, times, scientific and fractions
        elif char != "@":
            tokens.append(("lit", char))
        at += 1
    return tokens


def _render(value: float, plan: _Plan, signed: bool) -> tuple[str, str]:
    """The text shown, and the bare number in it (sign, digits, per cent) for when the text is not a number."""
    number = Decimal(repr(abs(value))) * 100 ** plan.percent / 1000 ** plan.scale
    shown = number.quantize(Decimal(1).scaleb(-plan.max_dec), rounding=ROUND_HALF_UP)
    int_digits, _, frac_digits = f"{shown:f}".partition(".")
    while len(frac_digits) > plan.min_dec and frac_digits.endswith("0"):
        frac_digits = frac_digits[:-1]
    int_digits = int_digits.lstrip("0").zfill(plan.min_int)
    if plan.grouped and int_digits:
        int_digits = f"{int(int_digits):,}".replace(",", " ")
    digits = int_digits + (f",{frac_digits}" if frac_digits else "")
    sign = "-" if signed and value < 0 and shown != 0 else ""
    bare = f"{sign}{'0' if digits.startswith(',') else ''}{digits}{'%' if plan.percent else ''}"
    return f"{sign}{plan.prefix}{digits}{plan.suffix}", bare


def _general(value: float) -> str:
    """Excel's General format: at most ten significant digits, no grouping."""
    if value == int(value) and abs(value) < 1e11:
        return str(int(value))
    if abs(value) >= 1e11 or abs(value) < 1e-9:
        return f"{value:.5E}".replace(".", ",")
    places = max(0, 10 - len(str(int(abs(value)))))
    text = f"{Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".").replace(".", ",") if "." in text else text
