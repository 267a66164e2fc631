"""Column expectations of a pack (value kind, allowed status values), checked cell by cell.

The same predicates back the pandera DataFrameSchema a pack exports (pandera_schema.py); the check
path uses them directly because importing pandera costs more than a whole check of a report.
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
_KIND_WORDS = {"number": ("ett tal", "a number"), "percent": ("ett procenttal", "a percentage"),
               "number-or-marker": ("ett tal eller en markering", "a number or a marker")}


def checks_of(spec: ColumnSpec) -> list[tuple[str, object]]:
    """(name, predicate on cell text) pairs; the name says which finding a failure becomes."""
    checks: list[tuple[str, object]] = []
    if spec.kind in _KINDS_ACCEPTED:
        accepted = _KINDS_ACCEPTED[spec.kind]
        checks.append((f"kind:{spec.kind}", lambda text: parse(text).kind in accepted))
    if spec.allowed:
        allowed = frozenset(spec.allowed) | {""}
        checks.append(("allowed:" + " | ".join(spec.allowed), lambda text: text in allowed))
    return checks


def validate(view: TableView, specs: tuple[ColumnSpec, ...]) -> Iterator[Violation]:
    """One violation per cell that fails an expectation of its column; every cell is checked."""
    for spec in specs:
        columns = view.column_indices(spec.column)
        if not columns:
            yield unresolved("column", spec.column)
        for name, accepts in checks_of(spec):
            for j in columns:
                for i, row in enumerate(view.table.rows):
                    if not accepts(row.cells[j].text):
                        yield violation(view, i, j, name)


def violation(view: TableView, i: int, j: int, check: str) -> Violation:
    ref = view.ref(i, j)
    if check.startswith("allowed:"):
        fields = (("text", ref.text), ("column", ref.column), ("allowed", check.removeprefix("allowed:")))
        return Violation("RK302", (ref,), fields)
    kind = check.removeprefix("kind:")
    sv, en = _KIND_WORDS.get(kind, (kind, kind))
    fields = (("text", ref.text), ("column", ref.column), ("expected_kind_sv", sv), ("expected_kind_en", en))
    return Violation("RK301", (ref,), fields)
