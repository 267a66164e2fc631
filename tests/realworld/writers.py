"""A rewritten table (layouts.Doc) printed in one file format, with the annotated cell that stands at each place."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from rapportkoll.numbers import CellKind, parse

from realworld.annotations import Key
from realworld.layouts import Doc, Sheet, Slot


Places = dict[tuple, tuple[Key, int]]  # place in the written file -> (annotated cell, sign)


def lines_of(doc: Doc) -> list[tuple[str, list[Slot] | None, Sheet]]:
    """The document as lines: a caption (text, None) or a table row (slots), each with its sheet."""
    lines: list[tuple[str, list[Slot] | None, Sheet]] = []
    for k, sheet in enumerate(doc):
        if k:
            lines.append(("", None, sheet))
        if sheet.caption or len(doc) > 1:
            lines += [(sheet.caption or f"Tabell {k + 1}", None, sheet), ("", None, sheet)]
        lines += [("", list(row), sheet) for row in (sheet.header, *sheet.rows)]
    return lines


def write_delimited(doc: Doc, path: Path, delimiter: str = "\t") -> Places:
    """A text export (tab) or CSV (';' or ','): places are (line, field)."""
    import csv
    import io

    places: Places = {}
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=delimiter, lineterminator="\n") if delimiter != "\t" else None
    for number, (text, slots, _) in enumerate(lines_of(doc), start=1):
        fields = [text] if slots is None else [s.text for s in slots]
        _remember(places, slots, lambda j: (number, j + 1))
        if out is None:
            buffer.write("\t".join(fields) + "\n")
        else:
            out.writerow(fields)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return places


def write_fixed_width(doc: Doc, path: Path) -> Places:
    """Columns padded with spaces (a PDF's text copied with its layout): labels left-aligned, cells
    right-aligned, two spaces at least between them; places are (line, field) as the fields are counted."""
    places: Places = {}
    out = []
    for number, (text, slots, sheet) in enumerate(lines_of(doc), start=1):
        if slots is None:
            out.append(text)
            continue
        widths = [max(len(row[j].text) if j < len(row) else 0 for row in (sheet.header, *sheet.rows))
                  for j in range(len(sheet.header))]
        _remember(places, slots, lambda j: (number, j + 1))
        out.append(slots[0].text.ljust(widths[0]) + "".join("  " + s.text.rjust(w) for s, w in zip(slots[1:], widths[1:])))
    path.write_text("\n".join(line.rstrip() for line in out) + "\n", encoding="utf-8")
    return places


def _remember(places: Places, slots: list[Slot] | None, place: Callable[[int], tuple]) -> None:
    for j, slot in enumerate(slots or []):
        if slot.origin is not None:
            places[place(j)] = (slot.origin, slot.sign)


def write_xlsx(doc: Doc, path: Path) -> Places:
    """One worksheet; amounts as numbers with the decimals shown as a number format: places are the A1 refs."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Blad1"
    places: Places = {}
    for number, (text, slots, _) in enumerate(lines_of(doc), start=1):
        if slots is None:
            sheet.cell(number, 1, text or None)
            continue
        for j, slot in enumerate(slots, start=1):
            _excel_cell(sheet.cell(number, j), slot.text)
        _remember(places, slots, lambda j: ("Blad1", f"{get_column_letter(j + 1)}{number}"))
    book.save(path)
    return places


def _excel_cell(cell, text: str) -> None:
    parsed = parse(text)
    if not parsed.is_numeric or parsed.parenthesized:
        cell.value = text or None
        return
    decimals = "." + "0" * parsed.decimals if parsed.decimals else ""
    if parsed.kind is CellKind.PERCENT:
        cell.value, cell.number_format = parsed.value / 100, f"0{decimals}%"
    else:
        cell.value, cell.number_format = parsed.value, f"#,##0{decimals}"


def write_docx(doc: Doc, path: Path) -> Places:
    """A heading per caption and a Word table per sheet: places are (table, row, column), 1-based."""
    from docx import Document

    word = Document()
    places: Places = {}
    for number, sheet in enumerate(doc, start=1):
        if sheet.caption:
            word.add_heading(sheet.caption, level=2)
        rows = [sheet.header, *sheet.rows]
        table = word.add_table(rows=len(rows), cols=len(sheet.header))
        for r, row in enumerate(rows, start=1):
            for c, slot in enumerate(row[: len(sheet.header)], start=1):
                table.cell(r - 1, c - 1).text = slot.text
            _remember(places, list(row), lambda j: (number, r, j + 1))
    word.save(path)
    return places


def place_of(location) -> tuple:
    """A finding's cell location in the writers' terms of places."""
    if location.sheet is not None:
        return (location.sheet, location.ref)
    if location.table_index is not None:
        return (location.table_index, location.row_index, location.column_index)
    return (location.line, location.field)
