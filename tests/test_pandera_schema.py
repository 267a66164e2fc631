"""The pandera schema a pack exports agrees cell for cell with the engine's own column checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapportkoll.engine import matching_packs
from rapportkoll.expectations import validate
from rapportkoll.frame import TableView
from rapportkoll.model import Cell
from rapportkoll.pandera_schema import to_pandera, validate_with_pandera
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


def test_exported_schema_runs_on_a_polars_frame():
    # Beyond one machine's reports the same checks run where the data is: here a polars frame of the
    # Alingsås 'Uppdrag' table's cell texts with two statuses made unknown (constructed, as above).
    import polars as pl
    import pandera.errors

    report = read_report(EXAMPLES[0])
    table = next(t for t in report.tables if t.corner == "Uppdrag")
    pack = next(p for p, _ in matching_packs(table, load_suite()))
    for i in (1, 4):
        row = table.rows[i]
        table.rows[i] = type(row)(row.label, (Cell.read("Klart!", row.cells[0].location),) + row.cells[1:])
    view = TableView.of(table)
    frame = pl.DataFrame({name: [row.cells[j].text for row in table.rows] for j, name in enumerate(table.columns)})
    with pytest.raises(pandera.errors.SchemaErrors) as raised:
        to_pandera(view, pack.schema, backend="polars").validate(frame, lazy=True)
    cases = raised.value.failure_cases
    found = sorted({(int(i), column) for i, column in zip(cases["index"], cases["column"]) if i is not None})
    where = {cell.location: (i, table.columns[j]) for i, row in enumerate(table.rows) for j, cell in enumerate(row.cells)}
    expected = sorted({where[v.cells[0].location] for v in validate(view, pack.schema)})
    assert found == expected and len(found) >= 2
