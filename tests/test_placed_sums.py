"""A discovered row sum compiled from the positions discovery found is the rule its pack data validates to.

`discovered_pack` builds a row sum from the rows discovery placed it on (`kinds.sum.PlacedSum`) instead of
validating its pack data and resolving its labels again; `infer` still writes the labels. Either way the
table must get the same rule and the same check, or a written pack (`infer`) would check something else than
the default suite. Tables: the examples' text exports, every real table of tests/realworld (published
reports, sources in its README) and a generated driftredovisning (`bench/scale.py`'s, constructed data).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rapportkoll.discovery.pack import discovered_in, discovered_pack, pack_data
from rapportkoll.frame import TableView
from rapportkoll.kinds.sum import PlacedSum
from rapportkoll.packs import pack_from_mapping
from rapportkoll.readers import read_report

ROOT = Path(__file__).resolve().parents[1]
TABLES = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests" / "realworld").glob("*.tsv"))


def _generated(tmp_path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from scale import generate

    path = tmp_path / "drift.tsv"
    path.write_text(generate(300, 4, 6), encoding="utf-8")
    return path


def _same_rules(path: Path) -> int:
    """Rules of every table of ``path`` compared with their pack data's; how many were placed."""
    report, placed = read_report(path), 0
    for table in report.tables:
        view = TableView.of(table, tuple(report.tables))
        pack = discovered_pack(view)
        if pack is None:
            continue
        written = pack_from_mapping(pack_data(table, discovered_in(view)), pack.source, "discovered")
        assert [(r.id, r.kind, r.severity, r.title, r.rationale) for r in pack.rules] == \
            [(r.id, r.kind, r.severity, r.title, r.rationale) for r in written.rules]
        assert (pack.name, pack.title, pack.selector) == (written.name, written.title, written.selector)
        for mine, theirs in zip(pack.rules, written.rules):
            assert mine.kind.compile(view, mine.params) == theirs.kind.compile(view, theirs.params)
            placed += isinstance(mine.params, PlacedSum)
    return placed


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_a_placed_sum_is_its_written_rule(path):
    _same_rules(path)


def test_the_real_tables_have_placed_sums_to_compare():
    # Some files discover no row sum (their cases above then compare only the rules there are): across the real
    # tables the comparison must still meet many placed sums.
    assert sum(_same_rules(path) for path in TABLES) >= 20


def test_a_long_tables_sums_are_placed(tmp_path):
    assert _same_rules(_generated(tmp_path)) >= 30  # one per nämnd
