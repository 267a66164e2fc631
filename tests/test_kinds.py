"""Every rule kind against its named pass/fail cases in tests/cases/<kind>.yaml.

A case is a table, the rule's params (one rule or a list of rules of the same kind) and the exact set
of [code, row label, column label] the findings must be about; findings that cite no cell (RK902,
a label not in the table) are [code, null, null]. Assertions are on codes and cells, never wording.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import evaluate_rule, keys, table_from_rows
from rapportkoll.kinds import KINDS

CASES = Path(__file__).parent / "cases"
_CASE_KEYS = {"name", "params", "table", "expect", "other"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"cell {value!r}: quote cell texts in case files")
    return str(value)


def _table(spec: dict, caption: str = "T", index: int = 0):
    header = [_text(h) for h in spec["header"]]
    rows = [[_text(c) for c in row] for row in spec["rows"]]
    # case files write every cell, so an unquoted comma splitting a label shows up here
    assert all(len(row) == len(header) for row in rows), f"row widths differ from the header {header}"
    return table_from_rows(header, rows, caption=spec.get("caption", caption), index=index)


def _load() -> list:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(path.stem, case, id=f"{path.stem}: {case['name']}"))
    return params


ALL_CASES = _load()


@pytest.mark.parametrize(("kind", "case"), ALL_CASES)
def test_case(kind, case):
    assert set(case) <= _CASE_KEYS and {"name", "params", "table", "expect"} <= set(case), sorted(case)
    table = _table(case["table"])
    others = [table] + [_table(o, index=i + 1) for i, o in enumerate(_as_list(case.get("other")))]
    found = set()
    for params in _as_list(case["params"]):
        found |= keys(evaluate_rule(kind, params, table, others))
    expected = {(code, row, column) for code, row, column in case["expect"]}
    assert found == expected


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def test_every_kind_has_passing_and_failing_cases_for_each_of_its_codes():
    by_kind: dict[str, list[dict]] = {}
    for param in ALL_CASES:
        kind, case = param.values
        by_kind.setdefault(kind, []).append(case)
    assert set(by_kind) == set(KINDS)
    for name, kind in KINDS.items():
        cases = by_kind[name]
        assert any(not c["expect"] for c in cases), f"{name}: no passing case"
        codes = {e[0] for c in cases for e in c["expect"]}
        assert set(kind.codes) <= codes, f"{name}: no case for {set(kind.codes) - codes}"
        assert "RK902" in codes or name in ("markers", "format"), f"{name}: no case for a missing label"


def test_case_names_are_unique_per_kind():
    ids = [param.id for param in ALL_CASES]
    assert len(ids) == len(set(ids))


# --- robustness: every kind, with every params of the case files, on arbitrary tables -------------

_CELLS = st.sampled_from([
    "", "-", "..", "0", "1", "-1", "12", "1 325", "3,0 %", "(788)", "Prel 70", "Inget utfall", "9,3 20,7)",
    "Summa", "A", "Budget 2023", "Differens", "RxK #3", "Medborgarundersökningen utförs inte under 2023", "0,48 %",
])
_ALL_PARAMS = [(kind, params) for kind, case in (p.values for p in ALL_CASES) for params in _as_list(case["params"])]


@st.composite
def _tables(draw, corner=None):
    width, height = draw(st.integers(1, 5)), draw(st.integers(0, 5))
    header = [corner or draw(_CELLS)] + [draw(_CELLS) for _ in range(width)]
    rows = [[draw(_CELLS) for _ in range(width + 1)] for _ in range(height)]
    return table_from_rows(header, rows)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=st.sampled_from(_ALL_PARAMS), table=_tables(), other=_tables(corner="Resultaträkning, tkr"))
def test_kinds_never_raise_and_cite_only_cells_of_the_tables(rule, table, other):
    kind, params = rule
    for violation in evaluate_rule(kind, params, table, [table, other]):
        assert violation.code in KINDS[kind].codes + ("RK902",)
        for ref in violation.cells:
            assert ref.location.line >= 2 and 2 <= ref.location.field


def test_every_kind_that_relates_numbers_is_held_to_the_mutation_benchmark():
    """A relation kind (codes RK1xx) must fail when one of its cells changes; markers and format do not relate cells."""
    for kind in KINDS.values():
        relates = any(code.startswith("RK1") and code != "RK103" for code in kind.codes)
        assert kind.mutations_detected == relates, kind.name


def test_a_linear_kind_words_a_failure_without_the_engine():
    """Wording is a pure function of the compiled check, the failure and the cited numbers."""
    from rapportkoll.kinds.sum import word
    from rapportkoll.relations import Cited, Failure, LinearCheck, LinearRelation

    check = LinearCheck(LinearRelation("rows", 2, ((0, 1.0), (1, 1.0)), blanks_as_zero=True), None, "Summa",
                        ("Utfall 2024",), (("parts", "A, B"),))
    cited = Cited((), (("actual", "12"), ("expected", "11"), ("tolerance", "±1")), 11.0, 12.0, 1.0)
    violation = word(check, Failure(0, 11.0, 12.0, 1.0, 1.0), cited)
    assert violation.code == "RK101"
    assert dict(violation.fields) == {"actual": "12", "expected": "11", "tolerance": "±1",
                                      "total": "Summa (Utfall 2024)", "parts": "A, B"}
