"""Kind `sum`: a total row (or column) equals the sum of its parts; chains of sums make hierarchies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Literal

from rapportkoll.findings import Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import KindDoc, RuleKind, label_of, positions, resolve
from rapportkoll.labels import LabelPattern
from rapportkoll.relations import BoundRelation, Failure, LinearRelation, describe, violations


@dataclass(frozen=True)
class SumParams:
    total: LabelPattern
    parts: tuple[LabelPattern, ...] = ()
    above: bool = False
    axis: Literal["rows", "columns"] = "rows"
    columns: tuple[LabelPattern, ...] = ()


def compile(view: TableView, params: SumParams) -> list[BoundRelation] | Violation:
    found = resolve(view, [("total", params.total)] + [("part", p) for p in params.parts], params.axis)
    if isinstance(found, Violation):
        return found
    total, *parts = found
    if params.above:
        parts = list(range(total)) + parts
    relation = LinearRelation(params.axis, total, tuple((p, 1.0) for p in parts), blanks_as_zero=True)
    scope = positions(view, params.axis, params.columns)
    names = [label_of(view, p, params.axis) for p in parts]
    part_names = ", ".join(names) if len(names) <= 5 else f"{', '.join(names[:3])}, … {names[-1]} ({len(names)})"

    def word(failure: Failure) -> Violation:
        found = describe(view, relation, failure)
        total_name = f"{label_of(view, total, params.axis)} ({label_of(view, failure.position, _other(params.axis))})"
        fields = {**found.pop("fields"), "total": total_name, "parts": part_names}
        return Violation("RK101", fields=tuple(fields.items()), **found)

    return [BoundRelation(relation, scope, word)]


def evaluate(view: TableView, params: SumParams) -> Iterator[Violation]:
    return violations(compile(view, params), view)


def _other(axis: str) -> str:
    return "columns" if axis == "rows" else "rows"


KIND = RuleKind(
    name="sum",
    codes=("RK101",),
    params=SumParams,
    evaluate=evaluate,
    compile=compile,
    doc=KindDoc(
        summary="A total equals the sum of its parts in every numeric column: `parts` lists them, or `above: true` "
                "takes every row above the total. Blank parts and '-' count as zero. With `axis: columns` a "
                "total column is the sum of part columns in every row; `columns` limits where it is checked. "
                "Chains of sum rules check hierarchical subtotals.",
        why="A total not updated after a part changed is the most common error in a budget table, and "
            "it propagates into every relation built on the total.",
        failing="Kommunstyrelsen (Prognos 2023) 800, while the 18 projects above it add up to 12 954.",
        passing="Totala utgifter (Delårsbokslut 2024) 21 809 = 10 413 + 0 + 7 556 + 3 839 = 21 808, within the "
                "±2,5 that five rounded numbers allow.",
        example="- id: invest.totala-utgifter\n  kind: sum\n  total: Totala utgifter\n"
                "  parts: [Expansionsinvestering, Imageinvestering, Reinvestering, Anpassningsinvestering]",
    ),
)
