"""Readers turn a document into a Report; one module per format, chosen by file suffix."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from rapportkoll.model import Report
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.precision import zeros_take_column_precision

# Module per suffix, imported on use: checking a text export never loads openpyxl or pdfplumber.
READERS: dict[str, str] = {
    ".txt": "rapportkoll.readers.text",
    ".tsv": "rapportkoll.readers.text",
    ".text": "rapportkoll.readers.text",
    ".docx": "rapportkoll.readers.docx",
    ".xlsx": "rapportkoll.readers.xlsx",
    ".xlsm": "rapportkoll.readers.xlsx",
    ".csv": "rapportkoll.readers.csv_reader",
    ".pdf": "rapportkoll.readers.pdf",
}


def read_report(path: Path) -> Report:
    """Read any supported document; unknown suffixes are read as text exports (the common case)."""
    module = READERS.get(path.suffix.lower(), "rapportkoll.readers.text")
    return zeros_take_column_precision(import_module(module).read(path))


__all__ = ["READERS", "InputError", "read_report"]
