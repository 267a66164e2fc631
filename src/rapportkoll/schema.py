"""Column expectations of a pack as a pandera DataFrameSchema, validated lazily to collect every failure.

pandera is imported only here, and only for tables whose pack declares a schema, because it is the
heaviest import on the check path.
"""

from __future__ import annotations

from typing import Iterator

from rapportkoll.findings import Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import unresolved
from rapportkoll.numbers import CellKind, parse
from rapportkoll.packs import ColumnSpec

_KINDS_ACCEPTED = {
    "number": {CellKind.NUMBER},
    "percent": {CellKind.PERCENT},
    "number-or-marker": {CellKind.NUMBER, CellKind.PERCENT, CellKind.MARKER, CellKind.BLANK},
}
_KIND_WORDS = {"number": "ett tal / a number", "percent": "ett procenttal / a percentage",
               "number-or-marker": "ett tal eller en markering / a number or a marker"}


def build_schema(view: TableView, specs: tuple[ColumnSpec, ...]):
    """The pandera schema of one table: a column per matched spec, keyed by position ('c0', 'c1', ...)."""
    import pandera.pandas as pa

    columns = {}
    for spec in specs:
        for j in view.column_indices(spec.column):
            checks = []
            if spec.kind in _KINDS_ACCEPTED:
                accepted = _KINDS_ACCEPTED[spec.kind]
                checks.append(pa.Check(lambda text, ok=accepted: parse(text).kind in ok, element_wise=True,
                                       name=f"kind:{spec.kind}"))
            if spec.allowed:
                allowed = frozenset(spec.allowed) | {""}
                checks.append(pa.Check(lambda text, ok=allowed: text in ok, element_wise=True,
                                       name="allowed:" + " | ".join(spec.allowed)))
            columns[f"c{j}"] = pa.Column(str, checks=checks, nullable=False)
    return pa.DataFrameSchema(columns, strict=False)


def validate(view: TableView, specs: tuple[ColumnSpec, ...]) -> Iterator[Violation]:
    """Violations of the pack's column expectations, one per failing cell."""
    if not specs:
        return
    for spec in specs:
        if not view.column_indices(spec.column):
            yield unresolved("column", spec.column)
    import pandas as pd
    import pandera.errors

    table = view.table
    frame = pd.DataFrame({f"c{j}": [row.cells[j].text for row in table.rows] for j in range(len(table.columns))})
    try:
        build_schema(view, specs).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        yield from _violations(view, errors.failure_cases)


def _violations(view: TableView, cases) -> Iterator[Violation]:
    for case in cases.itertuples(index=False):
        if case.index is None or not isinstance(case.column, str) or not case.column.startswith("c"):
            continue
        i, j = int(case.index), int(case.column[1:])
        ref = view.ref(i, j)
        check = str(case.check)
        if check.startswith("allowed:"):
            fields = (("text", ref.text), ("column", ref.column), ("allowed", check.removeprefix("allowed:")))
            yield Violation("RK302", (ref,), fields)
        elif check.startswith("kind:"):
            kind = check.removeprefix("kind:")
            fields = (("text", ref.text), ("column", ref.column), ("expected_kind", _KIND_WORDS.get(kind, kind)))
            yield Violation("RK301", (ref,), fields)
