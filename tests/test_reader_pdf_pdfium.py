"""pdfium's characters and rulings against pdfminer's, and the page count made before pdfium parses a page.

The PDF reader gives pdfplumber's table finder the rulings pdfium reads (``pdf_objects``) where
pdfplumber would have made them with pdfminer, and groups pdfium's characters into words and lines
itself (``pdf_words``, which ``test_pdf_words`` holds against pdfplumber's grouping); these tests
hold pdfium's objects and pdfminer's side by side on the examples and on pages built here (drawing
operators chosen by hypothesis), and check that ``pdf_scan`` never counts fewer objects than
pdfminer makes.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hostile
from rapportkoll.bounds import Limits, using
from rapportkoll.readers import pdf as reader
from rapportkoll.readers import pdf_scan
from rapportkoll.readers.pdf_objects import load_objects
from rapportkoll.readers.pdf_tables import find_tables
from rapportkoll.readers.pdf_words import cell_texts, text_lines
from reader_helpers import EXAMPLES, STEMS
from test_reader_pdf import Page, build_pdf

_KINDS = ("line", "rect", "curve")


def _pages(data: bytes):
    """(pdfminer's page, pdfium's page, pdfium's characters) of each page, pdfium's rulings loaded into the second."""
    import pdfplumber
    import pypdfium2

    theirs, ours, document = pdfplumber.open(io.BytesIO(data)), pdfplumber.open(io.BytesIO(data)), None
    try:
        document = pypdfium2.PdfDocument(data)
        for k, (their_page, our_page) in enumerate(zip(theirs.pages, ours.pages)):
            yield their_page, our_page, load_objects(our_page, document[k])
    finally:
        theirs.close(), ours.close()
        if document is not None:
            document.close()


def _assert_same_page(theirs, ours, chars, within: float) -> None:
    """Same characters in the same order (boxes within ``within`` points), same rulings, tables and lines."""
    their_chars = theirs.chars
    assert chars.text == "".join(c["text"] for c in their_chars)
    for i, their in enumerate(their_chars):
        mine = {"x0": chars.x0[i], "x1": chars.x1[i], "top": chars.top[i], "bottom": chars.bottom[i]}
        assert max(abs(mine[k] - their[k]) for k in mine) <= within
        assert chars.size[i] == pytest.approx(their["size"]) and chars.upright[i] == their["upright"]
        assert their["fontname"].endswith(chars.fonts[chars.font[i]][0])  # pdfium leaves out a subset's 'ABCDEF+'
    for kind in _KINDS:
        mine, their = ours.objects.get(kind, []), theirs.objects.get(kind, [])
        assert len(mine) == len(their), kind
        for a, b in zip(mine, their):
            assert [a[k] for k in ("x0", "x1", "top", "bottom")] == pytest.approx([b[k] for k in ("x0", "x1", "top", "bottom")], abs=1e-3)
    their_tables = [[[" ".join(text.split("\n")) if text else "" for text in row] for row in t.extract()]
                    for t in theirs.find_tables(reader._settings(theirs))]
    our_tables = [[cell_texts(chars, [box or (0, 0, 0, 0) for box in row.cells]) for row in t.rows]
                  for t in find_tables(ours, reader._settings(ours))]
    assert our_tables == their_tables
    everything = np.arange(len(chars.text))
    assert [ln.text for ln in text_lines(chars, everything)] == [ln["text"] for ln in theirs.extract_text_lines()]


@pytest.mark.parametrize("stem", STEMS)
def test_pdfium_reads_the_examples_as_pdfminer_does(stem):
    # Boxes differ by under a point: pdfium places characters in single precision along a line.
    for theirs, ours, chars in _pages((EXAMPLES / f"{stem}.pdf").read_bytes()):
        _assert_same_page(theirs, ours, chars, within=1.0)


# --- Pages built here: tables, text, rectangles, closed paths and curves in any mix ----------------

_WORDS = st.sampled_from(["Intäkter", "Summa", "1 325", "-80", "Budget 2024", "3,4 %", "Övrigt (netto)", ""])


@st.composite
def _page(draw) -> Page:
    page = Page()
    top = 40.0
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["table", "text", "rect", "closed", "curve"]))
        if kind == "table":
            columns = draw(st.integers(2, 4))
            rows = draw(st.lists(st.lists(_WORDS, min_size=columns, max_size=columns), min_size=1, max_size=4))
            page.table(top, rows, [draw(st.integers(40, 120)) for _ in range(columns)],
                       open_bottom=draw(st.booleans()))
            top += 16 * len(rows) + 20
        elif kind == "text":
            page.text(draw(st.integers(40, 400)), top, draw(_WORDS) or "x", draw(st.sampled_from([7, 9, 14])))
            top += 20
        else:
            y = page.height - top
            page.ops.append({"rect": f"50 {y} {draw(st.integers(1, 300))} -12 re f",
                             "closed": f"60 {y} m 200 {y} l 200 {y - 10} l 60 {y - 10} l h S",
                             "curve": f"60 {y} m 100 {y + 9} 150 {y - 9} 200 {y} c S"}[kind])
            top += 20
    return page


@settings(max_examples=25, deadline=None)
@given(st.lists(_page(), min_size=1, max_size=2))
def test_pdfium_reads_built_pages_as_pdfminer_does(pages):
    # Helvetica is not embedded: both use its standard metrics, pdfium in single precision.
    for theirs, ours, chars in _pages(build_pdf([p.stream() for p in pages])):
        _assert_same_page(theirs, ours, chars, within=0.5)


@settings(max_examples=25, deadline=None)
@given(st.lists(_page(), min_size=1, max_size=2))
def test_the_page_count_is_never_below_the_objects_pdfminer_makes(pages):
    for theirs, *_ in _pages(build_pdf([p.stream() for p in pages])):
        made = sum(len(theirs.objects.get(kind, [])) for kind in ("char", *_KINDS))
        assert pdf_scan.objects_on(theirs.page_obj, 10**9) >= made


@pytest.mark.parametrize("stem", STEMS)
def test_the_page_count_of_the_examples_is_never_below_pdfminers(stem):
    for theirs, *_ in _pages((EXAMPLES / f"{stem}.pdf").read_bytes()):
        made = sum(len(theirs.objects.get(kind, [])) for kind in ("char", *_KINDS))
        counted = pdf_scan.objects_on(theirs.page_obj, 10**9)
        assert made <= counted <= 3 * made + 100  # an upper bound, not one that skips a dense page


# --- Forms: counted each time they are drawn, before pdfium parses any of them ----------------------


def _read_forms(tmp_path, data: bytes, **limits):
    path = tmp_path / "forms.pdf"
    path.write_bytes(data)
    with using(Limits(**limits)):
        return reader.read(path)


def test_a_form_is_counted_each_time_it_is_drawn(tmp_path):
    data = hostile.pdf_nested_forms(depth=1, fan=3, lines=100)  # 3 × 3 × 100 lines from one form of 100
    counted = next(pdf_scan.objects_on(p, 10**9) for theirs, *_ in _pages(data) for p in [theirs.page_obj])
    assert counted >= 900
    assert "--limit pdf_objects=" in _read_forms(tmp_path, data, pdf_objects=800).problems[0].message_en
    assert _read_forms(tmp_path, data, pdf_objects=2000).problems == []


def test_forms_nested_a_million_times_over_are_refused_before_parsing(tmp_path):
    # 10**7 paths from a file of a few kilobytes: pdfium, parsing it in C, would hold them all.
    data = hostile.pdf_nested_forms(depth=6, fan=10, lines=10)
    assert len(data) < 4096
    (problem,) = _read_forms(tmp_path, data, seconds=20).problems
    assert "--limit pdf_objects=" in problem.message_en


@pytest.mark.parametrize("fan", [1, 2])
def test_a_form_drawn_within_itself_is_refused_before_parsing(tmp_path, fan):
    # pdfium expands a cycle of forms (X1 draws X0 twice, X0 draws X1) exponentially, in C, where no
    # timer reaches: the page must never be given to it.
    data = hostile.pdf_nested_forms(depth=1, fan=fan, lines=5, cycle=True)
    (problem,) = _read_forms(tmp_path, data, seconds=20).problems
    assert "--limit pdf_objects=" in problem.message_en


# --- Bytes inside text strings, counted with arrays a chunk at a time ------------------------------


def _string_bytes(data: bytes) -> int:
    """The definition, byte by byte: depth after each byte (escaped parentheses not counted), bytes at depth > 0."""
    counted = depth = backslashes = 0
    for byte in data:
        escaped = backslashes % 2 == 1
        backslashes = backslashes + 1 if byte == 0x5C else 0
        if not escaped and byte == 0x28:
            depth += 1
        elif not escaped and byte == 0x29:
            depth = max(depth - 1, 0)
        counted += depth > 0
    return counted


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=80).map(lambda b: bytes(b"()\\a "[x % 5] for x in b)), st.sampled_from([1, 3, 7, 1 << 20]))
def test_string_bytes_as_a_byte_by_byte_scan_counts_them(data, chunk):
    original = pdf_scan._CHUNK
    pdf_scan._CHUNK = chunk  # chunk borders anywhere: inside runs of backslashes, between '(' and ')'
    try:
        assert pdf_scan.string_bytes(data) == _string_bytes(data)
    finally:
        pdf_scan._CHUNK = original


def test_hex_strings_count_their_bytes():
    # Four bytes (two 2-byte character codes); a dictionary's '<<' and '>>' are no string.
    assert pdf_scan.string_bytes(b"BT <00410042> Tj ET << /Type /Font >>") == 4
