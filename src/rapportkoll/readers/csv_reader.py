"""Reader for CSV and TSV exports: encoding and delimiter recognised, records located by line and field."""

from __future__ import annotations

import csv
import io
from collections import Counter
from functools import partial
from pathlib import Path

from rapportkoll.model import Location, Report
from rapportkoll.numbers import parse
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.sheet import SheetRow, clean_fields, tables_from_sheet
from rapportkoll.bounds import current, over
from rapportkoll.readers.source import read_bytes

# Candidates in tie-break order: with decimal commas, Swedish exports separate fields with ';'.
DELIMITERS = (";", "\t", ",")
_SNIFF_CHARS = 64 * 1024


def read(path: Path) -> Report:
    """Read a CSV or TSV file into a Report; raises InputError only when the file as a whole is unreadable."""
    text = decode(read_bytes(path), str(path))
    report = Report(str(path))
    tables_from_sheet(_records(text, sniff_delimiter(text), str(path)), report)
    return report


def decode(data: bytes, place: str) -> str:
    """UTF-8 (with or without BOM) first, then Windows-1252; UTF-16 only when it carries its BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(place, "ogiltig UTF-16-text", "invalid UTF-16 text") from None
    elif b"\x00" in data:
        raise _binary(place)
    else:
        text = _decode_8bit(data, place)
    if "\x00" in text:
        raise _binary(place)
    return text


def _binary(place: str) -> InputError:
    return InputError(place, "binärfil, inte en CSV-fil", "binary file, not a CSV file")


def _decode_8bit(data: bytes, place: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{place}:{line}",
            f"varken UTF-8 eller Windows-1252 (byte 0x{data[exc.start]:02x}); spara filen som UTF-8",
            f"neither UTF-8 nor Windows-1252 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        ) from None


def sniff_delimiter(text: str) -> str:
    """The candidate whose split leaves the most fields as numbers, then splits the most fields at the file's
    start into records of one common width (≥ 2).

    A ',' that splits decimal commas leaves '2010;9' and '9' of '2010;9,9', fewer numbers than the ';' that
    splits it into '2010' and '9,9' (a caption with a comma above such a table made the ',' split as wide as
    the ';' one, and its first line as wide as its records). Tables have one width; a decimal comma ('3,0 %')
    splits a ';' file's lines into ragged widths and only where numbers have decimals, so it loses. Fields,
    not records, are counted: a ',' split of such a file can make more (narrower) records of one width than
    it has rows, where a quoted line break is no longer quoted. A candidate that splits the first line (the
    header) into that width comes first, though: a ',' that only splits decimal commas in the rows leaves the
    header whole ('Belopp i tkr;Budget;Prognos' over '9,3 20,7);…'). Then the wider split wins, then the
    earlier candidate.
    """
    sample = text[:_SNIFF_CHARS]
    scores = ((numbers, first == width, count * (width - 1), width, -rank, d) for rank, d in enumerate(DELIMITERS)
              for count, width, first, numbers in [_common_width(sample, d)])
    return max(scores)[-1]


def _common_width(sample: str, delimiter: str) -> tuple[int, int, int, int]:
    """How many records share the most common width above one field, that width, the first record's width, and
    how many fields of a record of several are numbers: a ',' that splits decimal commas leaves '2010;9,9' as
    '2010;9' and '9', fewer numbers than the ';' that splits it into '2010' and '9,9' (a caption with a comma
    above the table had made the ',' split as wide and as common)."""
    try:
        records = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if r]
    except csv.Error:
        return 0, 0, 0, 0
    widths = Counter(len(r) for r in records if len(r) > 1)
    width, count = max(widths.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
    numbers = sum(parse(f).is_numeric for r in records if len(r) > 1 for f in r)
    return count, width, len(records[0]) if records else 0, numbers


def _records(text: str, delimiter: str, path: str) -> list[SheetRow]:
    """Each record with its fields located by the line it starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[SheetRow] = []
    start, count = 1, 0
    try:
        for record in reader:
            cells = {pos: text for pos, text in enumerate(clean_fields(record), start=1) if text}
            count += len(cells)
            if count > current().cells:
                raise over(path, "cells", count)
            rows.append(SheetRow(cells, partial(_csv_location, path, start), start))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}:{start}", f"felaktig CSV ({exc})", f"malformed CSV ({exc})") from None
    return rows


def _csv_location(path: str, line: int, field: int) -> Location:
    return Location.of_field(path, line, field)
