"""A pack's column expectations as a pandera DataFrameSchema, for use in other data pipelines.

`pack_schema` is the public export: a schema for frames of numbers (one column a header, the row
labels as index) whose column names are patterns, so the schema of `Budget *` keeps validating
when `Budget 2024` becomes `Budget 2025`. `to_pandera` keys a schema by one table's header labels
and checks cell texts with the engine's own predicates (expectations.py), so a table passes it
exactly when the engine finds nothing; the tests hold the two paths together.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

from rapportkoll.expectations import checks_of, violation
from rapportkoll.findings import Violation
from rapportkoll.frame import TableView
from rapportkoll.packs import ColumnSpec, Pack

__all__ = ["pack_schema"]

_NUMERIC = {"number": False, "percent": False, "number-or-marker": True}  # kind -> may be missing (NaN)


def pack_schema(pack: str | Pack, suite: str | None = None, rules: Iterable[str | Path] = ()):
    """The pandera DataFrameSchema of a pack's column expectations, by pack name or Pack.

    Number and percent columns are floats (ints are coerced; a percentage is the number shown,
    3,0 % is 3.0); in `number-or-marker` columns a marker or blank is NaN. Allowed values are
    checked on text columns. A column named by position (`@1`) is checked by position among the
    value columns. Raises KeyError for a pack the suite (with ``rules`` folders) does not have.
    """
    import pandera.pandas as pa

    chosen = pack if isinstance(pack, Pack) else _find_pack(pack, suite, tuple(Path(r) for r in rules))
    columns, checks = {}, []
    for spec in chosen.schema:
        if spec.column.names:
            columns[_regex(list(spec.column.names.alternatives))] = _column(pa, spec)
        checks += [_position_check(pa, spec, position) for position in spec.column.positions]
    return pa.DataFrameSchema(columns, checks=checks, strict=False, name=chosen.name,
                              title=chosen.title[1], description=f"rapportkoll pack {chosen.name}")


def _find_pack(name: str, suite: str | None, rules: tuple[Path, ...]) -> Pack:
    from rapportkoll.suites import load_suite

    packs = {p.name: p for p in load_suite(suite, rules).packs}
    if name not in packs:
        raise KeyError(f"no pack named '{name}' (packs: {', '.join(packs)})")
    return packs[name]


def _regex(alternatives: list[str]) -> str:
    """Header patterns as one case-insensitive regex: '*' is any text, spacing and punctuation are loose."""
    def one(pattern: str) -> str:
        parts = re.split(r"(\*|[^\w*]+)", pattern.strip())
        return "".join(".*" if p == "*" else r"\W*" if p and not p[0].isalnum() else re.escape(p) for p in parts)

    return "(?i)^(?:" + "|".join(one(a) for a in alternatives) + r")\W*$"


def _column(pa, spec: ColumnSpec):
    if spec.kind in _NUMERIC:
        return pa.Column(float, coerce=True, nullable=_NUMERIC[spec.kind], regex=True)
    checks = [pa.Check.isin([*spec.allowed, ""])] if spec.allowed else []
    return pa.Column(str, checks=checks, nullable=True, regex=True)


def _position_check(pa, spec: ColumnSpec, number: int):
    """The n-th value column holds numbers (and no gaps unless markers are allowed)."""
    def holds(frame) -> bool:
        import pandas as pd

        if frame.shape[1] < number:
            return False
        column = pd.to_numeric(frame.iloc[:, number - 1], errors="coerce")
        gaps = column.isna() & ~frame.iloc[:, number - 1].isna()
        return not gaps.any() and (_NUMERIC.get(spec.kind, True) or not column.isna().any())

    return pa.Check(holds, name=f"@{number} {spec.kind}")


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
