"""Building small reports for prose tests: paragraphs and tab tables written as a text export."""

from __future__ import annotations

from pathlib import Path

from rapportkoll.model import Location, Paragraph
from rapportkoll.prose.check import check_claims
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


def judged(tmp_path: Path, text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Each claim's verdict with its text, and the codes of the text's disagreements (RK50x)."""
    result = check_claims(report_of(tmp_path, text))
    return [(v.verdict, v.claim.text) for v in result.verdicts], [f.code for f in result.findings
                                                                  if f.code.startswith("RK50")]
