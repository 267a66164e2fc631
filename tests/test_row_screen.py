"""The screen of totals above their parts, batched over the rows ahead, answers exactly as row by row.

Discovery screens each row for a run of the nearest unclaimed rows above that adds up to it
(`RowStack.prefits`); `RowStack.prefits_ahead` answers for a run of rows at once, assuming they are
pushed in turn. Any difference would change which totals discovery searches, so the property is
equality on every row. The amounts are constructed: random whole numbers, some rows planted as the
sum of the rows just above (±1, a rounding residual), some zeros, some halves zero (exact numbers).
"""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll.discovery import chain_screen
from rapportkoll.discovery.blocks import Amounts, RowStack
from rapportkoll.discovery.chain_screen import ChainScreen


def _amounts(seed: int, rows: int, width: int) -> Amounts:
    rng = np.random.default_rng(seed)
    values = np.rint(rng.lognormal(5, 3, (rows, width)) * rng.choice([1, -1], (rows, width)))
    values[rng.random((rows, width)) < 0.2] = 0
    for i in range(3, rows):
        if rng.random() < 0.3:  # a total of the k rows above, off by a rounding residual
            k = int(rng.integers(1, min(i, 12) + 1))
            values[i] = values[i - k:i].sum(axis=0) + rng.integers(-1, 2, width)
    halves = np.where(rng.random((rows, width)) < 0.9, 0.5, 0.0)
    nothing = np.zeros((rows, width), dtype=bool)
    return Amounts(values, halves, nothing, nothing)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 90), st.integers(1, 5), st.integers(1, 45), st.data())
def test_prefits_ahead_is_prefits_row_by_row(seed, rows, width, most, data):
    amounts = _amounts(seed, rows, width)
    sequential, batched = RowStack(amounts), RowStack(amounts)
    start = data.draw(st.integers(0, rows - 1))
    for row in range(start):  # the same history on both stacks, pops included
        sequential.push(row)
        batched.push(row)
        if row % 7 == 6:
            sequential.pop(2)
            batched.pop(2)
    ahead = list(range(start, rows))
    screened = batched.prefits_ahead(ahead, most)
    for row, fitting in zip(ahead, screened):
        count = min(len(sequential), most)
        assert [bool(sequential.prefits(row, count, positions)) for positions in range(1, width + 1)] == \
            [fitting >= positions for positions in range(1, width + 1)]
        sequential.push(row)


def test_a_planted_total_passes_the_screen():
    amounts = _amounts(3, 12, 2)
    amounts.values[11] = amounts.values[8:11].sum(axis=0)
    stack = RowStack(amounts)
    for row in range(8):
        stack.push(row)
    assert stack.prefits_ahead([8, 9, 10, 11], 40)[-1]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 90), st.integers(1, 5), st.data())
def test_running_sums_read_late_are_those_added_at_each_push(seed, rows, width, data):
    """The stack sums the rows pushed since it was last read when it is read; each running sum must be exactly
    the one an addition per push makes (a stack read after every push), whatever pops came between."""
    amounts = _amounts(seed, rows, width)
    eager, late = RowStack(amounts), RowStack(amounts)
    for row in range(rows):
        eager.push(row)
        late.push(row)
        eager.prefits(row, 1)  # read: its sums are brought up to date at every push
        if data.draw(st.booleans()) and len(eager) > 1:
            count = data.draw(st.integers(1, len(eager) - 1))
            eager.pop(count)
            late.pop(count)
        if data.draw(st.integers(0, 9)) == 0:
            late.prefits(row, 1)
    late.prefits(rows - 1, 1)
    size = len(late) + 1
    for mine, theirs in ((late._sums, eager._sums), (late._halves, eager._halves),
                         (late._magnitude, eager._magnitude)):
        assert np.array_equal(mine[:size], theirs[:size])


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 300), st.integers(1, 4), st.integers(1, 45), st.data())
def test_the_chain_screen_is_the_stack_screen_of_a_table_of_sections(seed, rows, width, most, data):
    """Sections closed by totals, each total taking the rows since the one before it, or now and then nothing
    (the shape broken: the screen starts again at the next total from the stack as it stands): the chain screen's
    count for every other row it screened is the stack's at that row (popped and pushed as the row search does)."""
    amounts = _amounts(seed, rows, width)
    totals = data.draw(st.sets(st.integers(0, rows - 1), max_size=rows // 3))
    breaks = data.draw(st.sets(st.sampled_from(sorted(totals)), max_size=3)) if totals else set()
    with patch.object(chain_screen, "_FIRST", data.draw(st.integers(1, 64))):  # windows renewed along the table
        _check_chain_screen(amounts, rows, most, totals, breaks)


def _check_chain_screen(amounts: Amounts, rows: int, most: int, totals: set[int], breaks: set[int]) -> None:
    screen = ChainScreen(amounts, list(range(rows)), [r in totals for r in range(rows)], most)
    screen.resume(RowStack(amounts), -1)
    stack, section, checked = RowStack(amounts), 0, 0
    for row in range(rows):
        if row in breaks:
            screen.broken = True  # it takes nothing: its section stays on the stack under it
        elif row in totals:
            stack.pop(section)
        elif (counted := screen.count(row)) is not None:  # else left to the stack: past the window or a break
            assert counted == stack.prefits_ahead([row], most)[0]
            checked += 1
        section = 0 if row in totals else section + 1
        stack.push(row)
        if row in totals:
            screen.resume(stack, row)
    assert checked or 0 in totals  # the first window screens the first row at least
