"""Rounding-aware equality: correctly rounded data never fails, a change beyond rounding always does."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers import evaluate_rule, keys, table_from_rows
from rapportkoll.frame import TableView
from rapportkoll.relations import LinearRelation, evaluate
from rapportkoll.rounding import linear_residual, product_interval, within


def show(value: Decimal, decimals: int) -> str:
    """``value`` rounded half-up to ``decimals`` and printed the Swedish way ('-1 234,50')."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, frac = f"{abs(rounded):.{decimals}f}".partition(".")
    whole = f"{int(whole):,}".replace(",", " ")
    return sign + whole + (f",{frac}" if frac else "")


def half(decimals: int) -> Decimal:
    return Decimal(5).scaleb(-decimals - 1)


@st.composite
def rounded_relations(draw, max_abs: int = 10**10, scale: int = 6, max_decimals: int = 3):
    """Exact reals x₁..x_k with total = Σ cᵢ·xᵢ, over several columns, each printed with its own decimals."""
    k = draw(st.integers(min_value=1, max_value=6))
    n = draw(st.integers(min_value=1, max_value=3))
    coeffs = draw(st.lists(st.sampled_from([1, -1]), min_size=k, max_size=k))
    exact = [[Decimal(draw(st.integers(-max_abs, max_abs))).scaleb(-scale) for _ in range(n)] for _ in range(k)]
    totals = [sum((c * row[p] for c, row in zip(coeffs, exact)), Decimal(0)) for p in range(n)]
    decimals = [[draw(st.integers(0, max_decimals)) for _ in range(n)] for _ in range(k + 1)]
    grid = exact + [totals]
    texts = [[show(grid[i][p], decimals[i][p]) for p in range(n)] for i in range(k + 1)]
    return coeffs, texts, decimals


def relation_table(texts: list[list[str]], transpose: bool = False):
    k = len(texts) - 1
    if not transpose:
        header = ["Belopp"] + [f"Kolumn {p + 1}" for p in range(len(texts[0]))]
        rows = [[f"Del {i + 1}"] + row for i, row in enumerate(texts[:-1])] + [["Summa"] + texts[-1]]
        return table_from_rows(header, rows), "rows", k
    header = ["Belopp"] + [f"Del {i + 1}" for i in range(k)] + ["Summa"]
    rows = [[f"Rad {p + 1}"] + [texts[i][p] for i in range(k + 1)] for p in range(len(texts[0]))]
    return table_from_rows(header, rows), "columns", k


def failures(texts, coeffs, transpose=False):
    table, axis, k = relation_table(texts, transpose)
    relation = LinearRelation(axis, k, tuple((i, float(c)) for i, c in enumerate(coeffs)))
    return evaluate(TableView.of(table), relation)


def exact_tolerance(decimals_column: list[int]) -> Decimal:
    return sum((half(d) for d in decimals_column), Decimal(0))


# --- correctly rounded data never fails ---------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(data=rounded_relations(), transpose=st.booleans())
def test_correctly_rounded_data_never_fails(data, transpose):
    coeffs, texts, _ = data
    assert failures(texts, coeffs, transpose) == []


@settings(max_examples=150, deadline=None)
@given(data=rounded_relations())
def test_correctly_rounded_sums_pass_the_sum_kind(data):
    coeffs, texts, _ = data
    coeffs = [1] * len(coeffs)  # the sum kind adds
    texts = texts[:-1] + [[show(sum(Decimal(t.replace(" ", "").replace(",", ".")) for t in col), 0)
                           for col in zip(*texts[:-1])]]
    table, _, _ = relation_table(texts)
    # the total is rounded from the *rounded* parts here, to 0 decimals: still consistent
    assert evaluate_rule("sum", {"total": "Summa", "above": True}, table) == []


@settings(max_examples=300, deadline=None)
@given(data=rounded_relations())
def test_within_accepts_the_residual_of_rounded_values(data):
    coeffs, texts, decimals = data
    values = np.array([[float(t.replace(" ", "").replace(",", ".")) for t in row] for row in texts])
    halves = np.array([[0.5 * 10.0 ** -d for d in row] for row in decimals])
    residual, tolerance = linear_residual(values, halves, np.array([float(c) for c in coeffs] + [-1.0]))
    assert within(residual, tolerance, np.abs(values).max(axis=0)).all()


# --- a single change beyond rounding always fails -----------------------------------------------

@st.composite
def mutated(draw, max_abs: int = 10**10, scale: int = 6, max_decimals: int = 3):
    coeffs, texts, decimals = draw(rounded_relations(max_abs, scale, max_decimals))
    i = draw(st.integers(0, len(texts) - 1))
    p = draw(st.integers(0, len(texts[0]) - 1))
    column_decimals = [decimals[r][p] for r in range(len(texts))]
    tolerance = exact_tolerance(column_decimals)
    unit = Decimal(1).scaleb(-decimals[i][p])
    minimum = int(2 * tolerance / unit) + 1  # |change| > 2·tolerance: no rounding can explain it
    steps = draw(st.integers(minimum, minimum + 10**4)) * draw(st.sampled_from([1, -1]))
    old = Decimal(texts[i][p].replace(" ", "").replace(",", "."))
    texts[i][p] = show(old + steps * unit, decimals[i][p])
    return coeffs, texts, decimals, (i, p), steps * unit, tolerance


@settings(max_examples=300, deadline=None)
@given(data=mutated(max_abs=10**10, scale=6), transpose=st.booleans())
@example(data=([1, 1], [["1"], ["2"], ["7"]], [[0], [0], [0]], (2, 0), Decimal(4), Decimal("1.5")), transpose=False)
def test_a_change_beyond_the_tolerance_is_always_flagged(data, transpose):
    """Rounded data may already use up to one tolerance T in either direction, so a change of more
    than 2·T is what no rounding can explain; smaller changes are covered by the exact test below."""
    coeffs, texts, _, (_, p), change, tolerance = data
    assert abs(change) > 2 * tolerance
    found = failures(texts, coeffs, transpose)
    assert [f.position for f in found] == [p]
    assert found[0].tolerance == pytest.approx(float(tolerance))


@settings(max_examples=300, deadline=None)
@given(data=mutated(max_abs=10**10, scale=6))
def test_flagged_exactly_when_the_exact_residual_exceeds_the_tolerance(data):
    """Not only big changes: the decision equals the exact interval test for every column."""
    coeffs, texts, decimals, _, _, _ = data
    values = [[Decimal(t.replace(" ", "").replace(",", ".")) for t in row] for row in texts]
    expected = []
    for p in range(len(texts[0])):
        residual = sum((c * values[i][p] for i, c in enumerate(coeffs)), Decimal(0)) - values[-1][p]
        if abs(residual) > exact_tolerance([row[p] for row in decimals]):
            expected.append(p)
    assert [f.position for f in failures(texts, coeffs)] == expected


@settings(max_examples=100, deadline=None)
@given(parts=st.lists(st.integers(10**8, 10**9), min_size=1, max_size=6), data=st.data())
@example(parts=[500_000_000, 500_000_000], data=None)
def test_amounts_in_kronor_keep_the_exact_tolerance(parts, data):
    """Whole kronor near a billion (a municipal budget in kr): exact integers, so the residual is 0 and
    any change beyond the tolerance must be flagged; the tolerance must not grow with the amounts."""
    tolerance = 0.5 * (len(parts) + 1)
    change = int(tolerance) + 1 if data is None else data.draw(st.integers(int(tolerance) + 1, int(tolerance) + 3))
    texts = [[show(Decimal(x), 0)] for x in parts] + [[show(Decimal(sum(parts) + change), 0)]]
    assert failures(texts[:-1] + [[show(Decimal(sum(parts)), 0)]], [1] * len(parts)) == []
    assert [f.position for f in failures(texts, [1] * len(parts))] == [0]


def test_the_boundary_of_the_interval_holds():
    # one part, one total, both whole numbers: the interval is closed, |r| = 0,5 + 0,5 holds
    assert failures([["1"], ["2"]], [1]) == []
    assert failures([["0,1"], ["0,2"]], [1]) == []
    assert [f.position for f in failures([["1"], ["3"]], [1])] == [0]
    assert [f.position for f in failures([["0,1"], ["0,3"]], [1])] == [0]
    # 1 + 2 = 4 holds (|r| = 1 <= 1,5); 1 + 2 = 4,6 does not (|r| = 1,6 > 1,05)
    assert failures([["1"], ["2"], ["4"]], [1, 1]) == []
    assert [f.position for f in failures([["1"], ["2"], ["4,6"]], [1, 1])] == [0]


def test_residual_and_tolerance_are_the_interval_sum():
    values = np.array([[3.0], [3.4], [-0.37]])
    halves = np.array([[0.05], [0.05], [0.005]])
    residual, tolerance = linear_residual(values, halves, np.array([1.0, -1.0, -1.0]))
    assert residual[0] == pytest.approx(-0.03)
    assert tolerance[0] == pytest.approx(0.105)
    assert within(residual, tolerance).all()
    assert not within(np.array([0.106]), np.array([0.105])).any()


# --- the DESIGN.md example: sick leave ----------------------------------------------------------

SICK_LEAVE = ["Sjukfrånvaro", "2024", "2023", "Differens"]
DIFFERENCE = {"result": "Differens", "minuend": "@1", "subtrahend": "@2"}


def test_sick_leave_women_hold_within_rounding():
    table = table_from_rows(SICK_LEAVE, [["Kvinnor", "3,0 %", "3,4 %", "-0,37 %"]])
    assert evaluate_rule("difference", DIFFERENCE, table) == []


def test_sick_leave_men_do_not_hold():
    table = table_from_rows(SICK_LEAVE, [["Kvinnor", "3,0 %", "3,4 %", "-0,37 %"], ["Män", "3,3 %", "3,8 %", "0,48 %"]])
    found = evaluate_rule("difference", DIFFERENCE, table)
    # 3,3 - 3,8 = -0,5 (+-0,105) does not contain 0,48; only the opposite sign fits: RK122
    assert keys(found) == {("RK122", "Män", "Differens")}
    assert found[0].tolerance == pytest.approx(0.105)
    assert found[0].expected == pytest.approx(-0.5)


def test_sick_leave_with_a_wrong_magnitude_is_a_mismatch_not_a_sign_error():
    table = table_from_rows(SICK_LEAVE, [["Kvinnor", "3,0 %", "3,4 %", "-0,52 %"]])
    assert keys(evaluate_rule("difference", DIFFERENCE, table)) == {("RK121", "Kvinnor", "Differens")}


# --- products -----------------------------------------------------------------------------------

RISK = ["Risk", "RxK #1", "RxK #2", "RxK #3"]
PRODUCT = {"result": "RxK #3", "factors": ["RxK #1", "RxK #2"]}


def test_product_3_by_4_is_12():
    table = table_from_rows(RISK, [["Digitalisering", "3", "4", "12"]])
    assert evaluate_rule("product", PRODUCT, table) == []


def test_product_3_by_4_is_not_16():
    table = table_from_rows(RISK, [["Digitalisering", "3", "4", "16"]])
    assert keys(evaluate_rule("product", PRODUCT, table)) == {("RK131", "Digitalisering", "RxK #3")}


def test_product_interval_of_rounded_factors():
    low, high = product_interval(np.array([[2.5], [-4.0]]), np.array([[0.05], [0.5]]))
    corners = [a * b for a in (2.45, 2.55) for b in (-4.5, -3.5)]
    assert low[0] == pytest.approx(min(corners))
    assert high[0] == pytest.approx(max(corners))


@settings(max_examples=200, deadline=None)
@given(a=st.integers(-500, 500), b=st.integers(-500, 500), da=st.integers(0, 2), db=st.integers(0, 2),
       dr=st.integers(0, 2))
def test_rounded_products_hold(a, b, da, db, dr):
    x, y = Decimal(a).scaleb(-1), Decimal(b).scaleb(-1)
    table = table_from_rows(RISK, [["R", show(x, da), show(y, db), show(x * y, dr)]])
    assert evaluate_rule("product", {**PRODUCT, "rounded": True}, table) == []


@settings(max_examples=200, deadline=None)
@given(a=st.integers(1, 5), b=st.integers(1, 5), wrong=st.integers(-25, 25).filter(bool))
def test_exact_scale_scores_fail_on_any_other_product(a, b, wrong):
    """Risk scores (1-5) are exact: a × b is the only value their product may show."""
    table = table_from_rows(RISK, [["R", str(a), str(b), str(a * b)], ["S", str(a), str(b), str(a * b + wrong)]])
    assert keys(evaluate_rule("product", PRODUCT, table)) == {("RK131", "S", "RxK #3")}


def test_the_engine_and_the_culprit_search_agree_on_a_boundary():
    """One float guard (issue 10): a residual just beyond its tolerance by float noise holds for both the
    relation check and the culprit search, and one beyond it by a real amount fails for both."""
    from rapportkoll.findings import CellRef
    from rapportkoll.locate import Instance, Operand
    from rapportkoll.model import Location
    from rapportkoll.numbers import parse

    def instance(residual_extra: float) -> Instance:
        ref = CellRef("t", "r", "c", "", Location("t.txt", line=1, field=2))
        operands = (Operand((0, 0), ref, parse("1 000,0"), -1.0), Operand((1, 0), ref, parse("999,9"), 1.0))
        tolerance = 0.1
        residual = tolerance + residual_extra
        return Instance(operands, residual, tolerance)

    for extra, fails in ((1e-10, False), (1e-3, True)):
        inst = instance(extra)
        assert inst.failing is fails
        assert bool(within(np.array(inst.residual), np.array(inst.tolerance), inst.scale)) is not fails
