"""The PDF reader's search for table cells between ruling crossings against pdfplumber's own."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll.readers import pdf as reader
from rapportkoll.readers.pdf_tables import cells, find_tables
from reader_helpers import STEMS
from test_pdf_words import _example_pages


def _edge(orientation: str, at: float, start: float, end: float) -> dict:
    if orientation == "h":
        return {"orientation": "h", "x0": start, "x1": end, "top": at, "bottom": at}
    return {"orientation": "v", "x0": at, "x1": at, "top": start, "bottom": end}


@st.composite
def _rulings(draw) -> list[dict]:
    """A ruled grid with segments left out (merged cells, open sides) and a few stray rulings: each segment
    between two neighbouring grid lines drawn or not, some drawn twice."""
    xs = sorted(draw(st.sets(st.integers(0, 12), min_size=2, max_size=5)))
    ys = sorted(draw(st.sets(st.integers(0, 12), min_size=2, max_size=5)))
    drawn = st.sampled_from([0, 1, 1, 1, 2])
    rulings = [_edge("h", 10.0 * y, 10.0 * a, 10.0 * b) for y in ys for a, b in zip(xs, xs[1:]) for _ in range(draw(drawn))]
    rulings += [_edge("v", 10.0 * x, 10.0 * a, 10.0 * b) for x in xs for a, b in zip(ys, ys[1:]) for _ in range(draw(drawn))]
    strays = st.tuples(st.sampled_from("hv"), st.integers(0, 12), st.integers(0, 12), st.integers(1, 6))
    return rulings + [_edge(o, 10.0 * at, 10.0 * a, 10.0 * (a + n)) for o, at, a, n in draw(st.lists(strays, max_size=3))]


@settings(max_examples=150, deadline=None)
@given(_rulings())
def test_cells_as_pdfplumber_finds_them(rulings):
    from pdfplumber.table import edges_to_intersections, intersections_to_cells

    crossings = edges_to_intersections(rulings, 1, 1)
    assert cells(crossings) == intersections_to_cells(crossings)


@pytest.mark.parametrize("stem", STEMS)
def test_the_examples_tables_as_pdfplumber_finds_them(stem):
    found = 0
    for page, _ in _example_pages(stem):
        ours = find_tables(page, reader._settings(page))
        theirs = page.find_tables(reader._settings(page))
        assert [t.cells for t in ours] == [t.cells for t in theirs]
        found += len(ours)
    assert found >= 5
