"""The PDF reader's grouping of characters into words, lines and cell texts against pdfplumber's own.

``pdf_words`` reproduces pdfplumber's word extractor, text lines and ``Table.extract()`` with array
operations; these tests give both the same characters (pdfplumber as its dicts) and compare what
they make: on characters chosen by hypothesis (on a grid of 1.5 pt, so that gaps and heights land
exactly on the 3 pt tolerances, blanks and ligatures among the texts, rotated runs among upright
ones) and on every page and table of the examples as pdfium reads them.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll.readers import pdf as reader
from rapportkoll.readers.pdf_objects import Chars, load_objects
from rapportkoll.readers.pdf_words import cell_texts, outside, text_lines
from reader_helpers import EXAMPLES, STEMS


def as_dicts(chars: Chars) -> list[dict]:
    """The characters as pdfplumber's dicts (the keys its word extractor and text lines read)."""
    return [{"text": chars.text[i], "x0": chars.x0[i], "x1": chars.x1[i], "top": chars.top[i],
             "bottom": chars.bottom[i], "doctop": chars.top[i], "size": chars.size[i],
             "upright": bool(chars.upright[i]), "fontname": chars.fonts[chars.font[i]][0]}
            for i in range(len(chars.text))]


def theirs_lines(dicts: list[dict]) -> list[tuple]:
    """pdfplumber's text lines of ``dicts``, as the reader took them before (text, top, bottom, size, bold)."""
    from pdfplumber.utils import chars_to_textmap

    if not dicts:
        return []
    lines = chars_to_textmap(dicts, layout_bbox=(0, 0, 600, 800), layout_width=600, layout_height=800)
    return [(ln["text"], ln["top"], ln["bottom"], max(c["size"] for c in ln["chars"]),
             all("bold" in c["fontname"].casefold() for c in ln["chars"] if c["text"].strip()))
            for ln in lines.extract_text_lines(strip=True, return_chars=True)]


def theirs_cell(dicts: list[dict], box) -> str:
    """pdfplumber's ``Table.extract()`` text of one cell, its lines joined by spaces as the reader joins them."""
    from pdfplumber.utils import extract_text

    x0, top, x1, bottom = box
    inside = [c for c in dicts if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom]
    return " ".join(extract_text(inside).split("\n")) if inside else ""


def theirs_outside(dicts: list[dict], boxes) -> list[dict]:
    return [c for c in dicts if not any(x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
                                        for x0, top, x1, bottom in boxes)]


def ours_lines(chars: Chars, members) -> list[tuple]:
    return [(ln.text, ln.top, ln.bottom, ln.size, ln.bold) for ln in text_lines(chars, members)]


# --- Characters chosen by hypothesis ----------------------------------------------------------------

_GRID = 1.5
_TEXTS = st.sampled_from(["a", "b", "1", "-", " ", "\u00a0", "ﬁ", "Ö"])
_FONTS = st.lists(st.tuples(st.sampled_from(["Helvetica", "Helvetica-Bold", "Arial,Bold"]),
                            st.sampled_from([3.0, 4.5, 9.0]), st.booleans()), min_size=1, max_size=3)


@st.composite
def _chars(draw) -> Chars:
    fonts = draw(_FONTS)
    count = draw(st.integers(0, 40))
    texts = "".join(draw(st.lists(_TEXTS, min_size=count, max_size=count)))
    font = np.array(draw(st.lists(st.integers(0, len(fonts) - 1), min_size=count, max_size=count)), dtype=np.intp)
    x0 = _GRID * np.array(draw(st.lists(st.integers(0, 30), min_size=count, max_size=count)), dtype=float)
    width = _GRID * np.array(draw(st.lists(st.integers(0, 3), min_size=count, max_size=count)), dtype=float)
    top = _GRID * np.array(draw(st.lists(st.integers(0, 16), min_size=count, max_size=count)), dtype=float)
    size = np.array([fonts[k][1] for k in font], dtype=float).reshape(-1)
    return Chars(texts, x0, x0 + width, top, top + size, font, fonts)


_BOXES = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 20), st.integers(1, 30), st.integers(1, 20)).map(
    lambda b: (_GRID * b[0], _GRID * b[1], _GRID * (b[0] + b[2]), _GRID * (b[1] + b[3]))), max_size=4)


@settings(max_examples=100, deadline=None)
@given(_chars(), _BOXES)
def test_text_lines_as_pdfplumber_makes_them(chars, boxes):
    dicts = as_dicts(chars)
    assert ours_lines(chars, outside(chars, boxes)) == theirs_lines(theirs_outside(dicts, boxes))


@settings(max_examples=100, deadline=None)
@given(_chars(), _BOXES)
def test_cell_texts_as_pdfplumber_extracts_them(chars, boxes):
    dicts = as_dicts(chars)
    assert cell_texts(chars, boxes) == [theirs_cell(dicts, box) for box in boxes]


@settings(max_examples=50, deadline=None)
@given(_chars(), _BOXES)
def test_boxes_compared_a_slice_at_a_time_find_the_same_texts(chars, boxes):
    # A page ruled into thousands of cells is compared with its characters a slice of boxes at a time, so that
    # memory does not grow with cells x characters: the slices, down to one box each, give the same texts.
    import unittest.mock

    from rapportkoll.readers import pdf_words

    whole = cell_texts(chars, boxes)
    with unittest.mock.patch.object(pdf_words, "_COMPARED", 1):
        assert cell_texts(chars, boxes) == whole


# --- The examples, as pdfium reads them ---------------------------------------------------------------


def _example_pages(stem: str):
    """(pdfplumber page with pdfium's rulings, pdfium's characters) for each page of the example."""
    import pdfplumber
    import pypdfium2

    data = (EXAMPLES / f"{stem}.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as document:
        pdfium = pypdfium2.PdfDocument(data)
        try:
            for k, page in enumerate(document.pages):
                yield page, load_objects(page, pdfium[k])
        finally:
            pdfium.close()


@pytest.mark.parametrize("stem", STEMS)
def test_the_examples_group_as_pdfplumber_groups_them(stem):
    tables = lines = 0
    for page, chars in _example_pages(stem):
        dicts = as_dicts(chars)
        found = page.find_tables(reader._settings(page))
        boxes = [t.bbox for t in found]
        ours = ours_lines(chars, outside(chars, boxes))
        assert ours == theirs_lines(theirs_outside(dicts, boxes))
        for table in found:
            cells = [box for row in table.rows for box in row.cells if box is not None]
            assert cell_texts(chars, cells) == [theirs_cell(dicts, box) for box in cells]
        tables, lines = tables + len(found), lines + len(ours)
    assert tables >= 5 and lines >= 50
