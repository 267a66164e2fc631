"""The positions a relation can be checked at, found for all relations of a table at once
(`relations.checkable_all`), must be those `relations.checkable` finds for each one alone.

Tables are generated: cells are numbers, blanks, '-' markers or text, so every rule of `_checkable`
(a missing operand, a blank result of a sum, one blank or two elsewhere) is met; relations are random
row and column relations over them, with and without named positions.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll.frame import TableView
from rapportkoll.relations import LinearRelation, checkable, checkable_all
from tests.helpers import table_from_rows

_CELLS = st.sampled_from(["12", "-3", "0", "", "-", "text", "4,5"])


@st.composite
def _tables_and_relations(draw):
    rows, columns = draw(st.integers(1, 6)), draw(st.integers(1, 5))
    texts = [[f"r{i}"] + [draw(_CELLS) for _ in range(columns)] for i in range(rows)]
    view = TableView.of(table_from_rows(["T"] + [f"c{j}" for j in range(columns)], texts))
    relations = []
    for _ in range(draw(st.integers(0, 6))):
        axis = draw(st.sampled_from(["rows", "columns"]))
        size, across = (rows, columns) if axis == "rows" else (columns, rows)
        operands = draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=4))
        relation = LinearRelation(axis, operands[0], tuple((o, draw(st.sampled_from([1.0, -1.0]))) for o in operands[1:]),
                                  blanks_as_zero=draw(st.booleans()))
        named = draw(st.none() | st.lists(st.integers(0, across - 1), unique=True))
        relations.append((relation, named))
    return view, relations


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_tables_and_relations())
def test_all_at_once_is_each_alone(case):
    view, relations = case
    alone = [checkable(view, relation, list(range(view.frame.values.shape[1 if relation.axis == "rows" else 0]))
                       if named is None else named) for relation, named in relations]
    together = checkable_all(view, relations)
    assert len(together) == len(alone)
    assert all(np.array_equal(a, b) for a, b in zip(together, alone))
