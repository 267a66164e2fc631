"""Readers turn a document into a Report; one module per format, chosen by file suffix."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from rapportkoll.model import Report
from rapportkoll.readers import text
from rapportkoll.readers.errors import InputError

Reader = Callable[[Path], Report]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".tsv": text.read,
    ".text": text.read,
}


def read_report(path: Path) -> Report:
    """Read any supported document; unknown suffixes are read as text exports (the common case)."""
    reader = READERS.get(path.suffix.lower(), text.read)
    return reader(path)


__all__ = ["READERS", "InputError", "read_report"]
