"""Coverage finds the cells a relation cites by identity, with a sort and a binary search over the
identities (`coverage._among`); it must answer as a membership test does, for any arrays of them. A linear
relation's positions are index arrays, which must mark the cells their records name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll.coverage import _among, covered_cells
from rapportkoll.engine import check_table
from rapportkoll.frame import TableView
from rapportkoll.readers import read_report
from rapportkoll.records import CheckedPositions
from rapportkoll.suites import load_suite

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

_IDS = st.lists(st.integers(0, 2**64 - 1), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_IDS, _IDS, st.integers(1, 4))
def test_among_is_membership(items, known, width):
    """Arbitrary identities (including repeats and none known); the items shaped as a table, the known flat."""
    items = np.array(items[: len(items) // width * width], dtype=np.uint64).reshape(-1, width)
    known = np.array(known, dtype=np.uint64)
    assert np.array_equal(_among(items, known), np.isin(items, known))


@pytest.mark.parametrize("example", ["alingsas-ks-delarsbokslut-2024.txt", "herrljunga-ks-delarsrapport-2023.txt"])
def test_positions_recorded_as_index_arrays_read_the_cells_their_records_name(example):
    """A linear relation's checked positions are kept as index arrays (`CheckedPositions`): the cells they
    mark as covered are exactly the cells whose locations their expanded records (`each`) cite, and each
    expanded record reads as many cells as the relation has coefficients. On the examples' tables."""
    report = read_report(EXAMPLES / example)
    suite = load_suite()
    for table in report.tables:
        view = TableView.of(table, tuple(report.tables))
        check, _ = check_table(view, suite, str(report.path))
        positions = tuple(r for r in check.records if isinstance(r, CheckedPositions))
        cited = {location for record in positions for relation in record.each() for location in relation.cells}
        assert all(len(r.cells) == len(r.coefficients) for p in positions for r in p.each())
        marked = covered_cells(view, positions)
        assert {view.locations[i, j] for i, j in zip(*np.nonzero(marked))} == cited
