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

    text: list[str]
    chars: np.ndarray
    start: np.ndarray  # with the end of the last word appended
    group: np.ndarray
    top: np.ndarray


def text_lines(chars: Chars, members: np.ndarray) -> list[TextLine]:
    """pdfplumber's text lines (``chars_to_textmap(...).extract_text_lines()``) of the characters ``members``."""
    words = _words(chars, members, np.zeros(len(members), dtype=np.intp))
    if not words.text:
        return []
    cluster = _clusters(words.top, words.group)
    first = np.flatnonzero(np.r_[True, cluster[1:] != cluster[:-1]])  # each line's first word
    ends = np.r_[first[1:], len(words.text)]
    at = words.start[first]  # each line's first character among ``words.chars``
    picked = words.chars
    tops = np.minimum.reduceat(chars.top[picked], at)
    bottoms = np.maximum.reduceat(chars.bottom[picked], at)
    sizes = np.maximum.reduceat(chars.size[picked], at)
    bold = np.minimum.reduceat(chars.bold[picked], at)
    return [TextLine(" ".join(words.text[a:b]), float(tops[k]), float(bottoms[k]), float(sizes[k]), bool(bold[k]))
            for k, (a, b) in enumerate(zip(first, ends))]


def cell_texts(chars: Chars, boxes: list[tuple[float, float, float, float]]) -> list[str]:
    """Each box's text as pdfplumber's ``Table.extract()`` gives a cell's, its lines joined by spaces.

    A character belongs to each box holding its centre (right and foot open), as in pdfplumber.
    """
    if not boxes or not len(chars.text):
        return [""] * len(boxes)
    x, y = (chars.x0 + chars.x1) / 2, (chars.top + chars.bottom) / 2
    x0, top, x1, bottom = (np.array(side, dtype=float)[:, None] for side in zip(*boxes))
    cell, member = np.nonzero((x >= x0) & (x < x1) & (y >= top) & (y < bottom))  # by cell, then content order
    words = _words(chars, member, cell)
    order = np.lexsort((np.arange(len(words.text)), _clusters(words.top, words.group)))
    texts: list[list[str]] = [[] for _ in boxes]
    for k in order:
        texts[words.group[k]].append(words.text[k])
    return [" ".join(parts) for parts in texts]


def outside(chars: Chars, boxes: list[tuple[float, float, float, float]]) -> np.ndarray:
    """The characters whose centre is in none of the boxes (edges included), in content order."""
    x, y = (chars.x0 + chars.x1) / 2, (chars.top + chars.bottom) / 2
    inside = np.zeros(len(x), dtype=bool)
    for x0, top, x1, bottom in boxes:
        inside |= (x0 <= x) & (x <= x1) & (top <= y) & (y <= bottom)
    return np.flatnonzero(~inside)


def _words(chars: Chars, members: np.ndarray, group: np.ndarray) -> _Words:
    """The words of each group of characters (``members`` by group, content order within one)."""
    if not len(members):
        return _Words([], members, np.zeros(1, dtype=np.intp), group, np.zeros(0))
    upright = chars.upright[members]
    run = np.cumsum(np.r_[True, (group[1:] != group[:-1]) | (upright[1:] != upright[:-1])])
    x0, x1, top, bottom = (side[members] for side in (chars.x0, chars.x1, chars.top, chars.bottom))
    along, end, across = np.where(upright, x0, top), np.where(upright, x1, bottom), np.where(upright, top, x0)
    line = _clusters(across, run)
    order = np.lexsort((np.arange(len(members)), np.where(upright, x0, bottom), along, line))
    line, along, end, across = line[order], along[order], end[order], across[order]
    blank = chars.blank[members[order]]
    begins = np.r_[True, (line[1:] != line[:-1]) | blank[:-1] | (along[1:] < along[:-1])
                   | (along[1:] > end[:-1] + _TOLERANCE) | (np.abs(across[1:] - across[:-1]) > _TOLERANCE)]
    kept = np.flatnonzero(~blank)
    picked, start = members[order][kept], np.flatnonzero(begins[kept])
    tops = np.minimum.reduceat(chars.top[picked], start) if len(start) else np.zeros(0)
    return _Words(_texts(chars, picked, start), picked, np.r_[start, len(picked)], group[order][kept][start], tops)


def _texts(chars: Chars, picked: np.ndarray, start: np.ndarray) -> list[str]:
    """The words' texts, ligatures written out as pdfplumber does."""
    joined = chars.text_of(picked)
    bounds = np.r_[start, len(picked)].tolist()
    words = [joined[a:b] for a, b in zip(bounds, bounds[1:])]
    return [w.translate(_LIGATURES) for w in words] if _LIGATURE.search(joined) else words


def _clusters(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    """pdfplumber's ``cluster_objects`` per group: a cluster number for each value, in order of group and value.

    Sorted, a value joins the cluster of the value before it when within the tolerance of it.
    """
    order = np.lexsort((values, group))
    ordered, groups = values[order], group[order]
    begins = np.r_[True, (groups[1:] != groups[:-1]) | (ordered[1:] > ordered[:-1] + _TOLERANCE)]
    cluster = np.empty(len(values), dtype=np.intp)
    cluster[order] = np.cumsum(begins)
    return cluster
