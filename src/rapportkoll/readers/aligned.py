"""Tables whose columns are aligned with spaces (a PDF's text copied with its layout) turned into tab lines.

A text export separates its fields by tabs; text copied from a PDF or a terminal lines them up
with spaces instead. Such a text is read only where no line holds a tab (a tab export is never
second-guessed). A run of lines without a blank line between them is a table when two or more of
them hold a label and a number set apart by at least two spaces (or one does, under a header); its cells go to the column whose
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
        out += _table(run) if _is_table(run) else run
        out.append(line)
        run = []
    return out[:-1]


def _fields(line: str) -> list[re.Match]:
    return list(_FIELD.finditer(line.rstrip("\r")))


def _is_table(run: list[str]) -> bool:
    """Two rows of numbers, or one under its header (a line of two fields, or of one set in from the left)."""
    rows = [k for k, line in enumerate(run) if _is_row(line)]
    if len(rows) >= _ROWS:
        return True
    above = _fields(run[rows[0] - 1]) if rows and rows[0] > 0 else []
    return len(above) >= 2 or bool(above) and above[0].start() > 0


def _is_row(line: str) -> bool:
    """A label (or nothing) and at least one number, set apart by two spaces or more."""
    fields = _fields(line)
    return len(fields) >= 2 and any(parse(f[0]).is_numeric for f in fields[1:])


def _table(run: list[str]) -> list[str]:
    """The run as tab lines. Lines of one field at the left edge above the first line of two fields (or of one
    indented: a header over one column) stay as they are (a caption); the first line then is the header,
    whose cells may start left of the amounts below them (a header wider than its column)."""
    margin = min(_fields(line)[1].start() for line in run if _is_row(line))  # where the cells begin
    first = next(k for k, line in enumerate(run) if len(_fields(line)) >= 2 or _fields(line)[0].start() > 0)
    header, body = _fields(run[first]), run[first + 1:]
    header_cells = [f for f in header if f.end() > margin and f.start() > 0]
    edges = sorted([f.end() for line in body for f in _fields(line) if f.start() >= margin]
                   + [f.end() for f in header_cells])
    anchors = _columns(edges)
    head = _tab_line([f for f in header if f not in header_cells], header_cells, anchors)
    return run[:first] + [head] + [_tab_line(*_split(line, margin), anchors) for line in body]


def _split(line: str, margin: int) -> tuple[list[re.Match], list[re.Match]]:
    """A line's label fields (left of the cells) and its cells."""
    fields = _fields(line)
    return [f for f in fields if f.start() < margin], [f for f in fields if f.start() >= margin]


def _columns(edges: list[int]) -> list[int]:
    """The right edge of each column: edges within a few characters of each other are one column."""
    anchors: list[int] = []
    for edge in edges:
        if anchors and edge - anchors[-1] <= _SAME_EDGE:
            anchors[-1] = edge
        else:
            anchors.append(edge)
    return anchors


def _tab_line(label: list[re.Match], cells: list[re.Match], anchors: list[int]) -> str:
    """A line's label and its cells, each under the column nearest its right edge."""
    placed = [""] * len(anchors)
    for f in cells:
        column = min(range(len(anchors)), key=lambda k: abs(anchors[k] - f.end()))
        placed[column] = f"{placed[column]} {f[0]}".strip()
    return "\t".join([" ".join(f[0] for f in label), *placed])
