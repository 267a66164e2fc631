"""A short, fixed-seed slice of the fuzzing in `bench/fuzz.py`, and hypothesis-generated reports and packs.

Nothing generated may escape as an exception, be caught as a bug, take longer than the budget or
change the input; packs are either loaded or refused with a PackError.
"""

from __future__ import annotations

import random

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzzing
from rapportkoll.bounds import Limits, using
from rapportkoll.packs import load_pack
from rapportkoll.params import PackError
from rapportkoll.suites import load_suite

SECONDS = 10.0


@pytest.fixture(scope="module")
def pool():
    """Four table blocks in every format: enough variety for a slice that runs in seconds."""
    slices = fuzzing.table_slices()
    picked = random.Random(12).sample(slices, 4)
    return {suffix: [fuzzing.as_format(text, suffix) for text in picked] for suffix in fuzzing.FORMATS}


@pytest.fixture(scope="module")
def suite():
    fuzzing.record_bug_locations()
    return load_suite()


def _assert_clean(tally: fuzzing.Tally) -> None:
    assert not tally.failures, (dict(tally.failures), tally.examples)


@pytest.mark.parametrize("suffix", fuzzing.FORMATS)
def test_mutated_inputs_of_every_format_end_cleanly(tmp_path, pool, suite, suffix):
    rng, tally = random.Random(f"slice{suffix}"), fuzzing.Tally()
    mutator = {".xlsx": fuzzing.mutate_container, ".docx": fuzzing.mutate_container,
               ".pdf": fuzzing.mutate_pdf}.get(suffix, fuzzing.mutate)
    others = [seed for seeds in pool.values() for seed in seeds]
    with using(Limits(seconds=SECONDS)):
        for number in range(12):
            written = rng.choice(fuzzing.FORMATS) if number % 4 == 3 else suffix  # wrong suffixes too
            path = tmp_path / f"in{number}{written}"
            path.write_bytes(mutator(rng, rng.choice(pool[suffix]), others))
            fuzzing.check_one(path, suite, tally, SECONDS)
    assert tally.inputs == 12
    _assert_clean(tally)


def test_mutated_rule_packs_load_or_are_refused(tmp_path, pool):
    rng, tally = random.Random(7), fuzzing.Tally()
    packs = [p.read_bytes() for p in sorted((fuzzing.ROOT / "rules").glob("*.yaml"))]
    report = tmp_path / "report.tsv"
    report.write_bytes(pool[".tsv"][0])
    with using(Limits(seconds=SECONDS)):
        for _ in range(15):
            fuzzing.check_pack(fuzzing.mutate(rng, rng.choice(packs), packs), tmp_path / "packs", report, tally, SECONDS)
    _assert_clean(tally)


_CELL = st.one_of(st.integers(-10**20, 10**20).map(str), st.decimals(allow_nan=False, allow_infinity=False).map(str),
                  st.sampled_from(["-", "..", "Inget utfall", "", " ", "(*)", "1 234,5 %", "−12", "9" * 40]),
                  st.text(max_size=12))
_ROW = st.lists(_CELL, min_size=1, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(caption=st.text(max_size=30), rows=st.lists(_ROW, min_size=1, max_size=12),
       suffix=st.sampled_from([".tsv", ".csv", ".txt"]))
def test_generated_tables_end_cleanly(tmp_path, suite, caption, rows, suffix):
    separator = ";" if suffix == ".csv" else "\t"
    text = caption.replace("\n", " ") + "\n" + "\n".join(separator.join(c.replace("\n", " ") for c in row) for row in rows)
    path = tmp_path / f"generated{suffix}"
    path.write_text(text, encoding="utf-8")
    tally = fuzzing.Tally()
    with using(Limits(seconds=SECONDS)):
        fuzzing.check_one(path, suite, tally, SECONDS)
    _assert_clean(tally)


_YAML_VALUE = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
                           lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=20)
_RULE = st.fixed_dictionaries({"id": st.text(min_size=1, max_size=8), "kind": st.sampled_from(
    ["sum", "equation", "difference", "product", "ratio", "cross_table", "markers", "format", "nosuch"]),
    "title": st.text(max_size=8)}, optional={"total": _YAML_VALUE, "parts": _YAML_VALUE, "columns": _YAML_VALUE,
                                            "rows": _YAML_VALUE, "tolerance": _YAML_VALUE, "severity": _YAML_VALUE})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.dictionaries(st.sampled_from(["pack", "title", "applies_to", "schema", "description", "x"]),
                              _YAML_VALUE, max_size=5), rules=st.lists(_RULE, max_size=4))
def test_generated_packs_load_or_are_refused_with_a_pack_error(tmp_path, header, rules):
    path = tmp_path / "generated.yaml"
    path.write_text(yaml.safe_dump({**header, "rules": rules}, allow_unicode=True), encoding="utf-8")
    try:
        load_pack(path)
    except PackError as error:
        assert len(str(error)) < 2000
