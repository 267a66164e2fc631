"""Discovery's batched computations answer exactly as the one-at-a-time ones they replace.

The row search computes, for all totals at once, what its sequential search would compute for each
(`first_pass.FirstPass`: running-sum fits and the evidence of each total's run), and a long column
relation finds repeated positions by one sort (`evidence._repeats_sorted`). Any difference would change
which relations discovery reports, so each property is equality. The amounts are constructed: random
whole numbers (exact amounts, the case the batched evidence is for), some zeros, some blanks and empty
cells, some rows planted as the sum of the rows above.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll.discovery.amounts import _prints_headers, header_lines
from rapportkoll.discovery.blocks import Amounts, block_evidence, contributing, prefits
from rapportkoll.discovery.evidence import _repeats, _repeats_sorted, measure, measure_many
from rapportkoll.discovery.first_pass import FirstPass
from rapportkoll.discovery.screen import _dense_matches, _pairs
from rapportkoll.frame import TableView
from rapportkoll.labels import normalize_label
from rapportkoll.readers import read_report


def _amounts(seed: int, rows: int, width: int) -> Amounts:
    rng = np.random.default_rng(seed)
    values = np.rint(rng.lognormal(4, 2, (rows, width)) * rng.choice([1, -1], (rows, width)))
    values[rng.random((rows, width)) < 0.15] = 0
    for total in rng.choice(rows, size=rows // 4, replace=False):
        count = int(rng.integers(1, 12))
        if total >= count:
            values[total] = values[total - count:total].sum(axis=0) + rng.integers(-1, 2, width)
    blank = rng.random((rows, width)) < 0.1
    empty = blank & (rng.random((rows, width)) < 0.7)
    halves = np.where(blank, 0.0, 0.5)
    return Amounts(np.where(blank, 0.0, values), halves, blank, empty)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(3, 60), st.integers(1, 5))
def test_the_first_pass_is_the_search_row_by_row(seed, rows, width):
    amounts = _amounts(seed, rows, width)
    rng = np.random.default_rng(seed + 1)
    totals = sorted(set(rng.integers(1, rows, size=rows // 5 + 1).tolist()))
    runs = {t: list(range(t - 1, max(-1, t - 1 - int(rng.integers(1, 15))), -1)) for t in totals}
    first = FirstPass(amounts, runs)
    for total, run in runs.items():
        candidates = run + list(range(run[-1] - 1, -1, -1))[:int(rng.integers(0, 5))]
        sizes, read = first.sizes(total, candidates)
        assert read == len(run)
        assert sizes == [k for k in prefits(amounts, total, candidates) if k <= read]
        parts = sorted(run)
        measured = first.measured(total, parts)
        assert (measured is not None) == (len(run) in sizes)
        if measured:
            residual = np.abs(amounts.values[total] - amounts.values[parts].sum(axis=0))[~amounts.blank[total]].sum()
            unstated = (amounts.unstated(parts) & ~amounts.blank[total]).any()
            assert measured == (block_evidence(amounts, total, parts), contributing(amounts, parts), residual, unstated)
        assert first.sizes(total, [rows] + candidates) is None  # other candidates: the search computes itself


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 12), st.integers(1, 6), st.integers(1, 3))
def test_measure_many_is_measure(seed, terms, positions, min_nonzero):
    rng = np.random.default_rng(seed)
    relations = int(rng.integers(1, 6))
    values = np.rint(rng.normal(0, 50, (relations, terms + 1, positions)))
    values[rng.random(values.shape) < 0.2] = 0
    values[:, 0] = -values[:, 1:].sum(axis=1) * rng.choice([1, -1]) + rng.integers(-2, 3, (relations, positions))
    values[rng.random(values.shape) < 0.05] = np.nan
    repeated = rng.random(relations) < 0.5  # a position printing another's numbers (koncern = kommun)
    values[repeated, :, -1] = values[repeated, :, 0]
    halves = np.full(values.shape, 0.5)
    lengths = rng.integers(1, terms + 1, relations) + 1  # each relation's terms; the rest padded with zeros
    real = np.arange(terms + 1)[None, :] < lengths[:, None]
    values, halves = np.where(real[:, :, None], values, 0.0), np.where(real[:, :, None], halves, 0.0)
    coeffs = np.where(real, rng.choice([1.0, -1.0], (relations, terms + 1)), 0.0)
    found = measure_many(values, halves, coeffs, np.full(relations, min_nonzero), lengths.tolist())
    for b, n in enumerate(lengths):
        assert found[b] == measure(values[b, :n], halves[b, :n], coeffs[b, :n], min_nonzero)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 4), st.integers(257, 800))
def test_repeats_by_sorting_are_repeats_by_set(seed, terms, positions):
    rng = np.random.default_rng(seed)
    columns = rng.integers(-2, 3, (terms, positions)).astype(float)
    zeros = columns == 0
    columns[zeros] = rng.choice([0.0, -0.0], size=int(zeros.sum()))  # -0.0 repeats 0.0
    seen: set[tuple[float, ...]] = set()
    expected = []
    for column in map(tuple, columns.T.tolist()):
        expected.append(column in seen)
        seen.add(column)
    assert _repeats_sorted(columns) == expected == _repeats(columns)


_HEADER_CELLS = ["2024", "2023", "Budget", "Utfall 2024", "12", "1 234", "123 456 789", "−5", "1\u00a0234", "-", "",
                 "12,5 %", "Budget 2024", "budget", "20 24"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_HEADER_CELLS), min_size=4, max_size=4), min_size=1, max_size=12))
def test_header_lines_ruled_out_from_the_store_are_those_read_row_by_row(tmp_path_factory, cells):
    """`header_lines` rules out rows printing a short ASCII number from the store's arrays: the same rows as reading
    each row's texts. Constructed text exports under the header 'Belopp, 2024, 2023, Budget, Utfall 2024': cells
    drawn from the headers themselves, amounts shorter and longer than them, non-ASCII minus and spaces, blanks."""
    path = tmp_path_factory.mktemp("header") / "tabell.tsv"
    repeated = ["2024\t2023\tBudget\tUtfall 2024", "2024\t\t\t", "\t2023\t\t"]  # header lines, whole and in part
    lines = ["Belopp\t2024\t2023\tBudget\tUtfall 2024"] + [f"Rad {i}\t" + "\t".join(row) for i, row in enumerate(cells)] \
        + [f"Huvud {i}\t{row}" for i, row in enumerate(repeated)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_report(path).tables[0]
    view = TableView.of(table)
    columns = list(range(len(table.columns)))
    headers = [normalize_label(header) for header in table.columns]
    assert table.stored is not None
    assert header_lines(view, columns).tolist() == [_prints_headers(row.texts, columns, headers) for row in table.rows]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 40), st.integers(3, 7), st.integers(0, 1))
def test_dense_readings_a_column_at_a_time_are_all_columns_at_once(seed, rows, width, kind):
    """`screen._dense_matches` compares each column with every pair's sum or difference a column at a time: the same
    keys as the plain rows × pairs × columns comparison written out here. Constructed amounts: random whole numbers,
    one column planted as a sum or difference of two others (±1), some zeros and blanks."""
    rng = np.random.default_rng(seed)
    values = np.rint(rng.normal(0, 300, (rows, width)))
    values[:, 2] = values[:, 0] + (1 - 2 * kind) * values[:, 1] + rng.integers(-1, 2, rows)
    values[rng.random(values.shape) < 0.1] = 0
    values[rng.random(values.shape) < 0.1] = np.nan
    halves = np.where(rng.random(values.shape) < 0.8, 0.5, 0.05)
    (a, b), (da, db) = _pairs(rows, width)
    a, b = (a, b) if kind == 0 else (da, db)
    present = ~np.isnan(values) & (values != 0)
    target = values[:, a] + values[:, b] if kind == 0 else values[:, a] - values[:, b]
    bound = np.where(present, halves, 0).max(axis=1, keepdims=True)
    tolerance = halves[:, a] + halves[:, b] + bound + 1e-9 * np.maximum(1.0, np.abs(target))
    with np.errstate(invalid="ignore"):
        hit = np.abs(values[:, None, :] - target[:, :, None]) <= tolerance[:, :, None]
    hit &= (present[:, a] & present[:, b])[:, :, None] & present[:, None, :]
    hit[:, np.arange(len(a)), a] = hit[:, np.arange(len(a)), b] = False
    _, pair, c = np.nonzero(hit)
    expected = ((c * width + a[pair]) * width + b[pair]) * 2 + kind
    assert sorted(_dense_matches(values, halves, a, b, kind).tolist()) == sorted(expected.tolist())
