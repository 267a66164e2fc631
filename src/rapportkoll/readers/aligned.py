"""Tables whose columns are aligned with spaces (a PDF's text copied with its layout) turned into tab lines.

A text export separates its fields by tabs; text copied from a PDF or a terminal lines them up
with spaces instead. Such a text is read only where no line holds a tab (a tab export is never
second-guessed). A run of lines without a blank line between them is a table when two or more of
them hold a label and a number set apart by at least two spaces; its cells go to the column whose
right edge (amounts are right-aligned) is nearest to theirs, and the text reader then reads the
tab lines as it reads any export.
"""

from __future__ import annotations

import re

from rapportkoll.numbers import parse

_FIELD = re.compile(r"\S+(?: \S+)*")  # words separated by single spaces; two spaces or more end a field
_SAME_EDGE = 2  # right edges this close are one column (a minus or a footnote mark sticks out)
_ROWS = 2  # rows of numbers that make a run of lines a table


def tab_lines(lines: list[str]) -> list[str]:
    """The lines with each space-aligned table rewritten as tab-separated lines; the others unchanged."""
    out, run = [], []
    for line in [*lines, ""]:
        if line.strip():
            run.append(line)
            continue
        out += _table(run) if sum(map(_is_row, run)) >= _ROWS else run
        out.append(line)
        run = []
    return out[:-1]


def _fields(line: str) -> list[re.Match]:
    return list(_FIELD.finditer(line.rstrip("\r")))


def _is_row(line: str) -> bool:
    """A label (or nothing) and at least one number, set apart by two spaces or more."""
    fields = _fields(line)
    return len(fields) >= 2 and any(parse(f[0]).is_numeric for f in fields[1:])


def _table(run: list[str]) -> list[str]:
    """The run as tab lines; the lines of one field above its first row stay as they are (a caption)."""
    first = next(k for k, line in enumerate(run) if len(_fields(line)) >= 2 or _is_row(line))
    body = run[first:]
    rows = [line for line in body if _is_row(line)]
    margin = min(_fields(line)[1].start() for line in rows)  # where the cells begin
    edges = sorted(f.end() for line in body for f in _fields(line) if f.start() >= margin)
    anchors = _columns(edges)
    return run[:first] + [_tab_line(line, margin, anchors) for line in body]


def _columns(edges: list[int]) -> list[int]:
    """The right edge of each column: edges within a few characters of each other are one column."""
    anchors: list[int] = []
    for edge in edges:
        if anchors and edge - anchors[-1] <= _SAME_EDGE:
            anchors[-1] = edge
        else:
            anchors.append(edge)
    return anchors


def _tab_line(line: str, margin: int, anchors: list[int]) -> str:
    """A line's label (the text left of the cells) and its cells, each under the column nearest its right edge."""
    fields = _fields(line)
    label = " ".join(f[0] for f in fields if f.start() < margin)
    cells = [""] * len(anchors)
    for f in fields:
        if f.start() >= margin:
            column = min(range(len(anchors)), key=lambda k: abs(anchors[k] - f.end()))
            cells[column] = f"{cells[column]} {f[0]}".strip()
    return "\t".join([label, *cells])
