"""Building small reports for prose tests: paragraphs and tab tables written as a text export."""

from __future__ import annotations

from pathlib import Path

from rapportkoll.model import Location, Paragraph
from rapportkoll.readers import text as text_reader


def paragraph(text: str, line: int = 1) -> Paragraph:
    return Paragraph(text, Location("t.txt", line=line))


def report_of(tmp_path: Path, text: str):
    """A report read by the text reader from ``text`` (tables as tab-separated lines, as the exports have them).

    The text reader itself, not `read_report`: a lint test's document may well have no table, which a
    check refuses as a whole (nothing of its numbers would be checked) but the lint can still read.
    """
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return text_reader.read(path)
