"""A pack's column expectations as a pandera DataFrameSchema, for use in other data pipelines.

Columns are keyed by the table's header labels; the checks are the predicates the engine itself
uses (expectations.py), so a table passes the exported schema exactly when the engine finds nothing.
"""

from __future__ import annotations

from typing import Iterator

from rapportkoll.expectations import checks_of, violation
from rapportkoll.findings import Violation
from rapportkoll.frame import TableView
from rapportkoll.packs import ColumnSpec


def to_pandera(view: TableView, specs: tuple[ColumnSpec, ...], backend: str = "pandas"):
    """The pandera DataFrameSchema of one table (a frame of cell texts, one column per header label).

    ``backend`` "polars" gives the same schema for polars frames (pandera's polars backend), so
    the checks run where the data is too large for one report: lazily, on a file scanned by polars.
    """
    import importlib

    pa = importlib.import_module(f"pandera.{backend}")

    columns = {}
    for spec in specs:
        for j in view.column_indices(spec.column):
            checks = [pa.Check(accepts, element_wise=True, name=name) for name, accepts in checks_of(spec)]
            columns[view.table.columns[j]] = pa.Column(str, checks=checks, nullable=False)
    return pa.DataFrameSchema(columns, strict=False)


def text_frame(view: TableView):
    """The table as a pandas DataFrame of cell texts, indexed by row label."""
    import pandas as pd

    table = view.table
    data = {name: [row.cells[j].text for row in table.rows] for j, name in enumerate(table.columns)}
    return pd.DataFrame(data)


def validate_with_pandera(view: TableView, specs: tuple[ColumnSpec, ...]) -> Iterator[Violation]:
    """Validate lazily with pandera, collecting every failing cell as the engine would report it."""
    import pandera.errors

    positions = {name: j for j, name in enumerate(view.table.columns)}
    try:
        to_pandera(view, specs).validate(text_frame(view), lazy=True)
    except pandera.errors.SchemaErrors as errors:
        for case in errors.failure_cases.itertuples(index=False):
            if case.index is not None and case.column in positions:
                yield violation(view, int(case.index), positions[case.column], str(case.check))
