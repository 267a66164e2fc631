"""What the table view counts once per table answers as the cell-by-cell definitions would."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import table_from_rows
from rapportkoll.frame import TableView

# Small signed amounts with zeros and blanks, so rows and columns of one sign with a lone other occur.
_CELL = st.sampled_from(["", "0", "5", "12", "-3", "-40", "7", "-"])


def _outlier(values: np.ndarray, i: int, j: int) -> bool:
    """The definition: the cell's sign differs from every other non-zero value of its row or column."""
    value = values[i, j]
    if not value or np.isnan(value):
        return False
    for peers in (np.delete(values[i, :], j), np.delete(values[:, j], i)):
        peers = peers[~np.isnan(peers) & (peers != 0)]
        if peers.size >= 2 and np.all(np.sign(peers) != np.sign(value)):
            return True
    return False


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5).flatmap(lambda width: st.lists(st.lists(_CELL, min_size=width, max_size=width),
                                                         min_size=1, max_size=6)))
def test_sign_outlier_as_defined(rows):
    header = ["Belopp"] + [f"K{j}" for j in range(len(rows[0]))]
    view = TableView.of(table_from_rows(header, [[f"R{i}"] + row for i, row in enumerate(rows)]))
    values = view.frame.values
    for i, j in np.ndindex(values.shape):
        assert view.sign_outlier(i, j) == _outlier(values, i, j)


def test_numeric_columns_and_style():
    view = TableView.of(table_from_rows(["Belopp", "Text", "Tal"], [["A", "x", ""], ["B", "", "1,5"]]))
    assert view.numeric_columns() == [1]
    assert view.column_style(1).decimals == 1 and view.column_style(0) is None
