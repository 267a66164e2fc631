"""Rewritings of an annotated real table as another municipality would lay it out, every relation kept.

A table is read once (by rapportkoll's reader, as the annotations read it) into a `Doc` whose cells
remember the annotated cell they came from and the sign they are printed with. A transform returns
a new Doc; a writer (writers.py) prints a Doc in one file format and says, for each place in that file,
which annotated cell stands there; cost_signs.py flips the sign of costs. bench/metamorphic.py says why
each transform keeps the relations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from rapportkoll.numbers import CellKind, format_number, parse
from rapportkoll.readers import read_report

from realworld.annotations import NOTE_HEADERS, Annotation, Key


@dataclass(frozen=True)
class Slot:
    """One printed text; ``origin`` is the annotated cell it shows (None for a text a rewriting added)."""

    text: str
    origin: Key | None = None
    sign: int = 1


@dataclass(frozen=True)
class Sheet:
    """One table: caption, header (the corner first) and rows (the label first)."""

    caption: str
    header: tuple[Slot, ...]
    rows: tuple[tuple[Slot, ...], ...]


Doc = tuple[Sheet, ...]


_UNNAMED = re.compile(r"^#\d+$")  # the reader's name of a column printed without a header


def doc_of(annotation: Annotation) -> Doc:
    """The annotated file's tables as the reader sees them, each cell keyed by its (line, field)."""
    sheets = []
    for table in read_report(annotation.path).tables:
        header = (Slot(table.corner), *(Slot("" if _UNNAMED.match(name) else name) for name in table.columns))
        rows = tuple(tuple(Slot(c.text, (c.location.line, c.location.field)) for c in (row.label, *row.cells))
                     for row in table.rows)
        sheets.append(Sheet(table.caption, header, rows))
    return tuple(sheets)


# Transforms ------------------------------------------------------------------------------------------

def per_sheet(change: Callable[[Sheet], Sheet]) -> Callable[[Doc], Doc]:
    return lambda doc: tuple(change(sheet) for sheet in doc)


def columns(order: Callable[[list[int]], list[int]]) -> Callable[[Doc], Doc]:
    """Amount columns put in another order (note columns stay in front); ``order`` maps their indices."""
    def change(sheet: Sheet) -> Sheet:
        notes = _notes(sheet)
        amounts = [j for j in range(1, len(sheet.header)) if j not in notes]
        return _pick(sheet, [0, *notes, *order(amounts)])
    return per_sheet(change)


def _is_note(name: str) -> bool:
    return name.strip().casefold().split(" #")[0] in NOTE_HEADERS


def _notes(sheet: Sheet) -> list[int]:
    """The note columns: headed Not/Noter/Ref, or headed by nothing with 'Not 4' in every cell that is filled."""
    def cited(j: int) -> bool:
        filled = [r[j].text for r in sheet.rows if j < len(r) and r[j].text.strip()]
        return bool(filled) and all(_NOTE_CELL.match(text) for text in filled)
    return [j for j in range(1, len(sheet.header)) if _is_note(sheet.header[j].text) or cited(j)]


def _pick(sheet: Sheet, picked: list[int | None]) -> Sheet:
    """The sheet's columns in the order picked; None is a new empty column."""
    def take(row: tuple[Slot, ...]) -> tuple[Slot, ...]:
        return tuple(Slot("") if j is None else (row[j] if j < len(row) else Slot("")) for j in picked)
    return Sheet(sheet.caption, take(sheet.header), tuple(take(row) for row in sheet.rows))


def reversed_order(indices: list[int]) -> list[int]:
    return indices[::-1]


def rotated(indices: list[int]) -> list[int]:
    return indices[1:] + indices[:1]


def pairs_swapped(indices: list[int]) -> list[int]:
    return [indices[k ^ 1] if (k ^ 1) < len(indices) else indices[k] for k in range(len(indices))]


def note_column_moved(sheet: Sheet) -> Sheet:
    notes = _notes(sheet)
    return _pick(sheet, [j for j in range(len(sheet.header)) if j not in notes] + notes)


def note_column_removed(sheet: Sheet) -> Sheet:
    return _pick(sheet, [j for j in range(len(sheet.header)) if j not in _notes(sheet)])


def note_column_added(doc: Doc) -> Doc:
    """A 'Not' column after the labels, numbering every other row that shows amounts, from above any note
    number the document prints: references to notes that are not in it, so they claim no relation."""
    printed = " ".join(s.caption + " " + " ".join(r[0].text for r in s.rows) for s in doc)
    first = max((int(n) for n in _NOTE_NUMBER.findall(printed)), default=0) + 1

    def change(sheet: Sheet) -> Sheet:
        if _notes(sheet):
            return sheet
        numbered = [i for i, row in enumerate(sheet.rows) if any(parse(s.text).is_numeric for s in row[1:])][::2]
        notes = {i: str(k) for k, i in enumerate(numbered, start=first)}
        rows = tuple((row[0], Slot(notes.get(i, "")), *row[1:]) for i, row in enumerate(sheet.rows))
        return Sheet(sheet.caption, (sheet.header[0], Slot("Not"), *sheet.header[1:]), rows)
    return per_sheet(change)(doc)


_NOTE_CELL = re.compile(r"^not\s+\d", re.IGNORECASE)  # a note column headed by nothing ('Not 4' in its cells)
_NOTE_NUMBER = re.compile(r"\bnot\s+(\d{1,3})\b", re.IGNORECASE)


def spacer_columns(sheet: Sheet) -> Sheet:
    """An empty column before every amount column, as spreadsheets space their columns."""
    picked: list[int | None] = [0]
    for j in range(1, len(sheet.header)):
        picked += [None, j]
    return _pick(sheet, picked)


def spacer_rows(sheet: Sheet) -> Sheet:
    """An empty row after every third row."""
    blank = tuple(Slot("") for _ in sheet.header)
    rows = []
    for i, row in enumerate(sheet.rows, start=1):
        rows.append(row)
        if i % 3 == 0 and i < len(sheet.rows):
            rows.append(blank)
    return Sheet(sheet.caption, sheet.header, tuple(rows))


def numbers(render: Callable[[str], str | None]) -> Callable[[Doc], Doc]:
    """Every amount printed anew by ``render`` (None keeps the text as printed); note references stay."""
    def cell(slot: Slot, header: Slot) -> Slot:
        numeric = slot.origin and parse(slot.text).is_numeric and not _is_note(header.text)
        text = render(slot.text) if numeric else None
        return slot if text is None else replace(slot, text=text)

    def change(sheet: Sheet) -> Sheet:
        return Sheet(sheet.caption, sheet.header, tuple((r[0], *map(cell, r[1:], sheet.header[1:])) for r in sheet.rows))
    return per_sheet(change)


def printed(text: str, *, group: str = " ", point: str = ",", minus: str = "-", parentheses: bool = False,
            unit: str = "") -> str | None:
    """An amount's value written with the same decimals in another convention; None where that would be
    ambiguous (a dot as decimal point before exactly three decimals reads as a thousands separator)."""
    parsed = parse(text)
    if point == "." and group in ("", ".") and parsed.decimals == 3:
        return None
    core = format_number(abs(parsed.value), parsed.decimals or 0, grouped=False)
    whole, _, frac = core.partition(",")
    whole = f"{int(whole):,}".replace(",", group) if group else whole
    body = whole + (point + frac if frac else "")
    if parsed.kind is CellKind.PERCENT:
        body += " %"
    elif unit:
        body += f" {unit}"
    if parsed.value < 0:
        return f"({body})" if parentheses else f"{minus}{body}"
    return body


def currency(annotation: Annotation) -> str:
    """'tkr' or 'mnkr' when the annotation names that unit, else '' (the unit transforms then do nothing)."""
    unit = str(annotation.data.get("unit") or "").casefold()
    return "tkr" if unit.startswith("tkr") else "mnkr" if unit.startswith(("mnkr", "mkr")) else ""


def unit_in_header(unit: str) -> Callable[[Doc], Doc]:
    """Amounts without a unit, the unit after every header naming an amount column."""
    def change(sheet: Sheet) -> Sheet:
        amount = [any(parse(r[j].text).kind is CellKind.NUMBER for r in sheet.rows if j < len(r))
                  for j in range(len(sheet.header))]
        header = tuple(replace(s, text=f"{s.text} {unit}") if j and amount[j] and not _is_note(s.text) else s
                       for j, s in enumerate(sheet.header))
        return Sheet(sheet.caption, header, sheet.rows)
    stripped = numbers(lambda text: printed(text) if parse(text).kind is CellKind.NUMBER else None)
    return lambda doc: per_sheet(change)(stripped(doc)) if unit else doc


def labels(rename: Callable[[str], str], rows: bool = True, header: bool = False) -> Callable[[Doc], Doc]:
    """Row labels and/or the column headers written anew."""
    def change(sheet: Sheet) -> Sheet:
        head = tuple(replace(s, text=rename(s.text)) for s in sheet.header) if header else sheet.header
        body = tuple((replace(r[0], text=rename(r[0].text)), *r[1:]) for r in sheet.rows) if rows else sheet.rows
        return Sheet(sheet.caption, head, body)
    return per_sheet(change)


_LONG_WORD = re.compile(r"[A-Za-zÅÄÖåäö]{8,}")


def hyphenated(text: str) -> str:
    """Each word of eight letters or more broken after its fourth letter, as a narrow printed column breaks it."""
    return _LONG_WORD.sub(lambda m: f"{m[0][:4]}-{m[0][4:]}", text)


def sum_word(word: str) -> Callable[[str], str]:
    """'Summa X' printed as '<word> X' ('S:a', 'Totalt', 'Total'), any capitals kept."""
    def rename(text: str) -> str:
        head, _, rest = text.strip().partition(" ")
        if head.casefold() != "summa":
            return text
        new = word.upper() if head.isupper() else word
        return f"{new} {rest}" if rest else new
    return rename


def _markable(label: str) -> bool:
    """A label a mark can follow: not empty, and not ending in a digit ('…, not 1' then reads 'not 1²')."""
    return bool(label.strip()) and not label.rstrip()[-1].isdigit()


def note_marks(sheet: Sheet) -> Sheet:
    """A footnote mark after every third row label, ¹ and ² in turn."""
    rows = tuple((replace(r[0], text=r[0].text + "¹²"[(i // 3) % 2]), *r[1:]) if i % 3 == 2 and _markable(r[0].text)
                 else r for i, r in enumerate(sheet.rows))
    return Sheet(sheet.caption, sheet.header, rows)
