"""A PDF page's characters grouped into words, text lines and table cells' texts as pdfplumber groups them.

pdfplumber's word extractor and its text lines (default tolerances, blank characters ending words,
ligatures expanded) were most of reading a PDF once pdfium read the characters: a dict per
character and per word, sorted and clustered in Python, and each table cell's characters found
by a scan of the page's. The same grouping is done here with array operations over a page's
characters, with pdfplumber's comparisons in its order, so words, lines and cell texts come out
exactly as pdfplumber made them (``tests/test_pdf_words.py`` holds the two side by side):

- characters are taken in content order, in runs of one uprightness; a run's lines are clusters
  of the characters' tops (of their left edges when rotated), a value joining a cluster when it
  is within the tolerance of the next smaller value; the clusters in order of value, each sorted
  along the line (stable, so content order breaks ties);
- a word ends at a blank character, at a new line, where the next character starts before the
  last one or more than the tolerance after its end, or more than the tolerance above or below it;
- the page's text lines are consecutive words whose tops fall in one cluster of all words' tops;
  a cell's text is its words, in clusters of their tops (ordered by value), joined by spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from rapportkoll.readers.pdf_objects import Chars

_TOLERANCE = 3  # pdfplumber's default x and y tolerance, in points
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"})
_LIGATURE = re.compile("[ﬀﬃﬄﬁﬂﬆﬅ]")


@dataclass(frozen=True)
class TextLine:
    """A line of words: its text, its box's top and bottom, its largest font size, all of it bold."""

    text: str
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class _Words:
    """Words in the order pdfplumber makes them: the characters of word k are ``chars[start[k]:start[k + 1]]``."""

    chars: np.ndarray
    start: np.ndarray  # with the end of the last word appended
    group: np.ndarray
    top: np.ndarray

    def __len__(self) -> int:
        return len(self.group)


def text_lines(chars: Chars, members: np.ndarray) -> list[TextLine]:
    """pdfplumber's text lines (``chars_to_textmap(...).extract_text_lines()``) of the characters ``members``."""
    words = _words(chars, members, np.zeros(len(members), dtype=np.intp))
    if not len(words):
        return []
    cluster = _clusters(words.top, words.group)
    begins = _first_and(cluster[1:] != cluster[:-1])  # a word beginning a line
    at = words.start[:-1][begins]  # each line's first character among ``words.chars``
    picked = words.chars
    tops = np.minimum.reduceat(chars.top[picked], at).tolist()
    bottoms = np.maximum.reduceat(chars.bottom[picked], at).tolist()
    sizes = np.maximum.reduceat(chars.size[picked], at).tolist()
    bold = np.minimum.reduceat(chars.bold[picked], at).tolist()
    texts = _text(chars, picked, words.start[1:-1], begins[1:]).split("\n")
    return [TextLine(*line) for line in zip(texts, tops, bottoms, sizes, bold)]


def cell_texts(chars: Chars, boxes: list[tuple[float, float, float, float]]) -> list[str]:
    """Each box's text as pdfplumber's ``Table.extract()`` gives a cell's, its lines joined by spaces.

    A character belongs to each box holding its centre (right and foot open), as in pdfplumber.
    """
    cell, member = _members(chars, boxes)
    words = _words(chars, member, cell)
    texts = [""] * len(boxes)
    if len(words):
        order = np.argsort(_clusters(words.top, words.group), kind="stable")  # by cell, line, word
        picked, begins = _reordered(words, order)
        group = words.group[order]
        found = _text(chars, picked, begins, group[1:] != group[:-1]).split("\n")
        for k, text in zip(group[_first_and(group[1:] != group[:-1])].tolist(), found):
            texts[k] = text
    return texts


def _reordered(words: _Words, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The characters of the words taken in ``order``, and where each word after the first begins among them."""
    length = np.diff(words.start)[order]
    begins = np.cumsum(length)[:-1]
    shift = np.repeat(words.start[order] - np.concatenate([[0], begins]), length)  # new position -> old, per word
    return words.chars[np.arange(len(shift)) + shift], begins


_COMPARED = 1 << 22  # box-against-character comparisons made at once (a page ruled into thousands of cells)


def _members(chars: Chars, boxes: list[tuple[float, float, float, float]]) -> tuple[np.ndarray, np.ndarray]:
    """(box, character) of each character in each box holding its centre, by box and then content order; the
    boxes are compared only with the characters within their span, a slice of boxes at a time (memory then stays
    bounded by `_COMPARED`, not by cells × characters)."""
    if not boxes:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    x, y = _centres(chars)
    x0, top, x1, bottom = (np.array(side, dtype=float).reshape(-1, 1) for side in zip(*boxes))
    near = np.flatnonzero((x >= x0.min()) & (x < x1.max()) & (y >= top.min()) & (y < bottom.max()))
    x, y = x[near], y[near]
    step = max(1, _COMPARED // max(1, len(near)))
    cells, members = [], []
    for at in range(0, len(boxes), step):
        part = slice(at, at + step)
        cell, member = np.nonzero((x >= x0[part]) & (x < x1[part]) & (y >= top[part]) & (y < bottom[part]))
        cells.append(cell + at)
        members.append(near[member])
    return np.concatenate(cells), np.concatenate(members)


def outside(chars: Chars, boxes: list[tuple[float, float, float, float]]) -> np.ndarray:
    """The characters whose centre is in none of the boxes (edges included), in content order."""
    x, y = _centres(chars)
    inside = np.zeros(len(x), dtype=bool)
    for x0, top, x1, bottom in boxes:
        inside |= (x0 <= x) & (x <= x1) & (top <= y) & (y <= bottom)
    return np.flatnonzero(~inside)


def _centres(chars: Chars) -> tuple[np.ndarray, np.ndarray]:
    """Each character's centre (x, y): a character belongs to the box holding it."""
    return (chars.x0 + chars.x1) / 2, (chars.top + chars.bottom) / 2


def _words(chars: Chars, members: np.ndarray, group: np.ndarray) -> _Words:
    """The words of each group of characters (``members`` by group, content order within one)."""
    if not len(members):
        return _Words(members, np.zeros(1, dtype=np.intp), group, np.zeros(0))
    upright = chars.upright[members]
    run = np.cumsum(_first_and((group[1:] != group[:-1]) | (upright[1:] != upright[:-1])))
    x0, x1, top, bottom = (side[members] for side in (chars.x0, chars.x1, chars.top, chars.bottom))
    if upright.all():  # a line along x, read by x0 (the common case, without the choices below)
        along, end, across, then = x0, x1, top, x0
    else:  # a rotated run's line runs along y, read by top and then bottom
        along, end, across = np.where(upright, x0, top), np.where(upright, x1, bottom), np.where(upright, top, x0)
        then = np.where(upright, x0, bottom)
    line = _clusters(across, run)
    order = _along_lines(line, along, then)
    line, along, end, across = line[order], along[order], end[order], across[order]
    blank = chars.blank[members[order]]
    begins = _first_and((line[1:] != line[:-1]) | blank[:-1] | (along[1:] < along[:-1])
                        | (along[1:] > end[:-1] + _TOLERANCE) | (np.abs(across[1:] - across[:-1]) > _TOLERANCE))
    kept = np.flatnonzero(~blank)
    picked, start = members[order][kept], np.flatnonzero(begins[kept])
    tops = np.minimum.reduceat(chars.top[picked], start) if len(start) else np.zeros(0)
    return _Words(picked, np.append(start, len(picked)), group[order][kept][start], tops)


def _along_lines(line: np.ndarray, along: np.ndarray, then: np.ndarray) -> np.ndarray:
    """The stable order by line, then ``along`` and ``then`` (content order breaking ties, as in pdfplumber's sorts).

    Within a line, content order is mostly that order already: then sorting by line alone gives it,
    at a fraction of a sort by three keys (a page's sort of floats was most of grouping its words).
    """
    order = np.argsort(line, kind="stable")
    same, a, b = line[order][1:] == line[order][:-1], along[order], then[order]
    if not np.any(same & ((a[1:] < a[:-1]) | ((a[1:] == a[:-1]) & (b[1:] < b[:-1])))):
        return order
    return np.lexsort((then, along, line))


def _text(chars: Chars, picked: np.ndarray, at: np.ndarray, new_line: np.ndarray) -> str:
    """The text of the characters ``picked`` with a separator before each position ``at``: a line end where
    ``new_line``, else a space; ligatures written out as pdfplumber does."""
    codes = np.insert(chars.codes[picked], at, np.where(new_line, ord("\n"), ord(" ")).astype(np.uint32))
    text = codes.tobytes().decode("utf-32-le", "surrogatepass")
    return text.translate(_LIGATURES) if _LIGATURE.search(text) else text


def _first_and(rest: np.ndarray) -> np.ndarray:
    """A flag for each position: set for the first, ``rest`` for the others."""
    flags = np.empty(len(rest) + 1, dtype=bool)
    flags[0], flags[1:] = True, rest
    return flags


def _clusters(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    """pdfplumber's ``cluster_objects`` per group: a cluster number for each value, in order of group and value.

    Sorted, a value joins the cluster of the value before it when within the tolerance of it.
    """
    order = np.lexsort((values, group))
    ordered, groups = values[order], group[order]
    begins = _first_and((groups[1:] != groups[:-1]) | (ordered[1:] > ordered[:-1] + _TOLERANCE))
    cluster = np.empty(len(values), dtype=np.intp)
    cluster[order] = np.cumsum(begins)
    return cluster
