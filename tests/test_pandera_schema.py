"""The pandera schema a pack exports agrees cell for cell with the engine's own column checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapportkoll.engine import matching_packs
from rapportkoll.expectations import validate
from rapportkoll.frame import TableView
from rapportkoll.model import Cell
from rapportkoll.pandera_schema import validate_with_pandera
from rapportkoll.readers import read_report
from rapportkoll.suites import load_suite

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))


def _cells(violations):
    return sorted((v.code, v.cells[0].location.line, v.cells[0].location.field) for v in violations if v.cells)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_pandera_and_engine_agree_on_real_reports(path):
    suite = load_suite()
    report = read_report(path)
    compared = 0
    for table in report.tables:
        for pack, _ in matching_packs(table, suite):
            if pack.schema:
                view = TableView.of(table)
                assert _cells(validate_with_pandera(view, pack.schema)) == _cells(validate(view, pack.schema))
                compared += 1
    assert compared >= 5


def test_pandera_collects_every_bad_cell():
    suite = load_suite()
    report = read_report(EXAMPLES[0])
    table = next(t for t in report.tables if t.corner == "Uppdrag")
    pack = next(p for p, _ in matching_packs(table, suite))
    # Put an unknown status in two rows: lazy validation must report both.
    for i in (0, 3):
        row = table.rows[i]
        cells = list(row.cells)
        cells[0] = Cell.read("Klart!", cells[0].location)
        table.rows[i] = type(row)(row.label, tuple(cells))
    view = TableView.of(table)
    found = _cells(validate_with_pandera(view, pack.schema))
    assert [code for code, *_ in found] == ["RK302", "RK302"]
    assert found == _cells(validate(view, pack.schema))
