"""Build the examples as one long sheet (XLSX) and one long Word table (DOCX), as many exports lay a report out.

    python examples/build/one_sheet.py

Every table of the text export, in order, with no blank row between them: a caption row (the
caption in the first cell, the rest blank; in Word one cell spanning the width), the header row,
then the rows. Amounts are stored as text, as many exports do ('1 325', '-5 806', '3,0 %'). A table
with the caption of the one above (the four 'Drift' tables of Herrljunga) gets no caption row: its
header follows the data above directly. The values are the
printed ones, genuine errors included. Outputs go to examples/one-sheet/ and are byte-for-byte
reproducible (fixed timestamps). Needs openpyxl and python-docx.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.oxml.ns import qn
from openpyxl import Workbook

from rapportkoll.model import Table
from rapportkoll.readers import text

EXAMPLES = Path(__file__).resolve().parent.parent
OUT = EXAMPLES / "one-sheet"
STEMS = ["alingsas-ks-delarsbokslut-2024", "herrljunga-ks-delarsrapport-2023"]
FIXED_TIME = datetime(2024, 1, 1)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for stem in STEMS:
        tables = text.read(EXAMPLES / f"{stem}.txt").tables
        rows = [row for i, table in enumerate(tables)
                for row in _printed(table, i == 0 or tables[i - 1].caption != table.caption)]
        write_xlsx(rows, OUT / f"{stem}.xlsx")
        write_docx(rows, OUT / f"{stem}.docx")
        print(f"{stem}: {len(tables)} tables, {len(rows)} rows -> one-sheet .xlsx, .docx")


def _printed(table: Table, with_caption: bool) -> list[list[str]]:
    """The table's rows as printed: caption, header (a spanning label over blanks), body."""
    header = [table.corner] + [_printed_label(name) for name in table.columns]
    body = [[row.label.text, *(cell.text for cell in row.cells)] for row in table.rows]
    return ([[table.caption]] if table.caption and with_caption else []) + [header] + body


def _printed_label(name: str) -> str:
    """'X #1', 'X #2' were one label X spanning two columns; '#n' was a blank header cell."""
    label, sep, k = name.rpartition(" #")
    if re.fullmatch(r"#\d+", name):
        return ""
    if sep and k.isdigit():
        return label if k == "1" else ""
    return name


def write_xlsx(rows: list[list[str]], path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rapport"
    workbook.properties.creator = "rapportkoll examples/build/one_sheet.py"
    workbook.properties.created = FIXED_TIME
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value:
                cell = sheet.cell(r, c)
                cell.value = value
                cell.data_type = "s"  # amounts stored as text
    workbook.save(path)
    _fix_zip_times(path, "docProps/core.xml", rb"(<dcterms:modified[^>]*>)[^<]*")


def write_docx(rows: list[list[str]], path: Path) -> None:
    document = docx.Document()
    document.core_properties.created = document.core_properties.modified = FIXED_TIME
    document.core_properties.last_modified_by = document.core_properties.author = "rapportkoll"
    width = max(len(r) for r in rows)
    table = document.add_table(rows=0, cols=width)
    for values in rows:
        cells = table.add_row().cells
        if len(values) == 1:  # a caption: one cell spanning the width
            cells[0].merge(cells[-1]).text = values[0]
            continue
        for cell, value in zip(cells, values):
            cell.text = value
    _no_rsids(document)
    document.save(path)
    _fix_zip_times(path, "docProps/core.xml", rb"(<dcterms:modified[^>]*>)[^<]*")


def _no_rsids(document) -> None:
    """Word's revision ids would differ between builds."""
    settings = document.settings.element
    for rsids in settings.findall(qn("w:rsids")):
        settings.remove(rsids)


def _fix_zip_times(path: Path, part: str, stamp_pattern: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            if name == part:
                data = re.sub(stamp_pattern, rb"\g<1>" + stamp, data)
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6]), data,
                             compress_type=zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    main()
