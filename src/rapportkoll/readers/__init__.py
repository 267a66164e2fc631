"""Readers turn a document into a Report; one module per format, chosen by file suffix."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import Iterator

from rapportkoll.model import Report
from rapportkoll.readers.bounded import within_limits
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.source import read_bytes

# Module per suffix, imported on use: checking a text export never loads openpyxl or pdfplumber. The package's own
# imports stay light too (numpy comes with what needs it): importing `readers.errors` runs this module, and the
# CLI's configuration does that before any check.
READERS: dict[str, str] = {
    ".txt": "rapportkoll.readers.text",
    ".tsv": "rapportkoll.readers.text",
    ".text": "rapportkoll.readers.text",
    ".docx": "rapportkoll.readers.docx",
    ".xlsx": "rapportkoll.readers.xlsx",
    ".xlsm": "rapportkoll.readers.xlsx",
    ".xls": "rapportkoll.readers.xls",
    ".ods": "rapportkoll.readers.ods",
    ".csv": "rapportkoll.readers.csv_reader",
    ".pdf": "rapportkoll.readers.pdf",
}
_SAVE_AS_SV = "spara rapporten som .docx, .xlsx eller PDF med text"
_SAVE_AS_EN = "save the report as .docx, .xlsx or a PDF with text"
# Formats not read, and what to save them as instead (sv, en).
REFUSED: dict[str, tuple[str, str]] = {
    ".doc": ("äldre Word-format (.doc) läses inte; spara som .docx (Word: Arkiv > Spara som > Word-dokument)",
             "the legacy Word format (.doc) is not read; save it as .docx (Word: File > Save As > Word Document)"),
    ".rtf": ("RTF läses inte; spara som .docx (eller PDF med text)",
             "RTF is not read; save it as .docx (or a PDF with text)"),
    ".odt": ("OpenDocument-text (.odt) läses inte; spara som .docx (LibreOffice: Arkiv > Spara som > Word 2007–365)",
             "OpenDocument text (.odt) is not read; save it as .docx (LibreOffice: File > Save As > Word 2007–365)"),
}


def read_report(path: Path) -> Report:
    """Read any supported document; unknown suffixes are read as text exports (the common case).

    A document in which no table could be read is refused: checking nothing must not look like a pass.
    """
    suffix = path.suffix.lower()
    if suffix in REFUSED:
        read_bytes(path)  # a missing or empty file says so first
        raise InputError(str(path), *REFUSED[suffix])
    with no_collection():
        report = import_module(READERS.get(suffix, "rapportkoll.readers.text")).read(path)
    if not report.tables and not report.problems:  # a page skipped past a limit says so itself (exit 2)
        raise no_tables(report, suffix)
    from rapportkoll.readers.precision import zeros_take_column_precision  # numpy: the package init stays light

    return zeros_take_column_precision(within_limits(report))


@contextmanager
def no_collection() -> Iterator[None]:
    """Reading makes an object per cell: the cycle collector, run again and again over the growing
    report, cost 40 % of reading 10⁵ rows, so it is paused while a file is read (and while a table
    is checked, which traverses the same cells). It is not frozen out afterwards: freezing kept the
    cycles the PDF and Word libraries leave behind (~90 MB a PDF in a batch) and anything else alive
    at that moment."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def no_tables(report: Report, suffix: str) -> InputError:
    """Why no table was found, and what to do: OCR for a scanned PDF, a format with real tables otherwise."""
    if not report.prose and suffix == ".pdf":
        return InputError(report.path, "ingen text i PDF-filen (en skannad bild utan textlager?); "
                                       f"kör textigenkänning (OCR) på den eller {_SAVE_AS_SV}",
                          "no text in the PDF (a scanned image without a text layer?); "
                          f"run text recognition (OCR) on it or {_SAVE_AS_EN}")
    if not report.prose:
        return InputError(report.path, f"ingen text och ingen tabell hittades; {_SAVE_AS_SV}",
                          f"no text and no table found; {_SAVE_AS_EN}")
    hint_sv = ("; i en textexport skiljs kolumnerna åt med tabbtecken" if suffix not in READERS or
               READERS[suffix].endswith(".text") else "")
    hint_en = "; in a text export the columns are separated by tabs" if hint_sv else ""
    return InputError(report.path, f"ingen tabell hittades, bara löptext{hint_sv}; inget kontrollerades; {_SAVE_AS_SV}",
                      f"no table found, only running text{hint_en}; nothing was checked; {_SAVE_AS_EN}")


__all__ = ["READERS", "REFUSED", "InputError", "read_report"]
