"""Coverage finds the cells a relation cites by identity, with a sort and a binary search over the
identities (`coverage._among`); it must answer as a membership test does, for any arrays of them."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll.coverage import _among

_IDS = st.lists(st.integers(0, 2**64 - 1), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_IDS, _IDS, st.integers(1, 4))
def test_among_is_membership(items, known, width):
    """Arbitrary identities (including repeats and none known); the items shaped as a table, the known flat."""
    items = np.array(items[: len(items) // width * width], dtype=np.uint64).reshape(-1, width)
    known = np.array(known, dtype=np.uint64)
    assert np.array_equal(_among(items, known), np.isin(items, known))
