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


# The public export: a pack's schema for frames of numbers, with column patterns that outlive a year.

def _number_frame(table, rename=lambda name: name):
    """A real table as a data engineer would load it: floats, one column a header, row labels as index."""
    import pandas as pd

    data = {rename(name): [row.cells[j].value for row in table.rows] for j, name in enumerate(table.columns)}
    return pd.DataFrame(data, index=[row.label.text for row in table.rows], dtype=float)


def _table(example: Path, pack_name: str):
    suite = load_suite()
    return next(t for t in read_report(example).tables
                if any(p.name == pack_name for p, _ in matching_packs(t, suite)))


def _next_year(name: str) -> str:
    return name.replace("2024", "2025").replace("2023", "2024")


def test_one_public_import_gives_a_schema_that_a_float_frame_passes():
    import rapportkoll.pandera_schema as module
    from rapportkoll.pandera_schema import pack_schema

    assert module.__all__ == ["pack_schema"]
    table = _table(EXAMPLES[0], "drift-kontogrupper")  # Alingsås: Budget 2024, Prognos helår 2024, ...
    schema = pack_schema("drift-kontogrupper")
    assert all(dtype == "float64" for dtype in schema.validate(_number_frame(table)).dtypes)
    renamed = _number_frame(table, _next_year)
    assert "Budget 2025" in renamed.columns and "Budget 2024" not in renamed.columns
    schema.validate(renamed)  # the next year's report passes the same schema
    schema.validate(_number_frame(table).astype(int))  # whole numbers are coerced


def test_a_text_in_a_number_column_and_a_missing_column_fail():
    import pandera.errors
    from rapportkoll.pandera_schema import pack_schema

    schema = pack_schema("drift-kontogrupper")
    frame = _number_frame(_table(EXAMPLES[0], "drift-kontogrupper")).astype(object)
    frame.iloc[1, 0] = "1 73O"
    with pytest.raises(pandera.errors.SchemaErrors):
        schema.validate(frame, lazy=True)
    with pytest.raises(pandera.errors.SchemaError):
        schema.validate(frame[[]])


def test_columns_named_by_position_are_checked_by_position():
    import pandera.errors
    from rapportkoll.pandera_schema import pack_schema

    table = _table(EXAMPLES[0], "sjukfranvaro")  # Alingsås sick leave: 2024 | 2023 | Differens
    schema = pack_schema("sjukfranvaro")
    frame = _number_frame(table, _next_year)
    schema.validate(frame)
    frame = frame.astype(object)
    frame.iloc[0, 1] = "n/a"
    with pytest.raises(pandera.errors.SchemaError):
        schema.validate(frame)


def test_an_unknown_pack_is_refused():
    from rapportkoll.pandera_schema import pack_schema

    with pytest.raises(KeyError, match="drift-kontogrupper"):
        pack_schema("drift")
