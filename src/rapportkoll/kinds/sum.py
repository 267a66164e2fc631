"""Kind `sum`: a total row (or column) equals the sum of its parts; chains of sums make hierarchies."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from typing import Literal

from rapportkoll.findings import Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import Compiled, KindDoc, RuleKind, label_of, positions, resolve
from rapportkoll.labels import LabelPattern
from rapportkoll.relations import Cited, Failure, LinearCheck, LinearRelation


@dataclass(frozen=True)
class SumParams:
    total: LabelPattern
    parts: tuple[LabelPattern, ...] = ()
    above: bool = False
    axis: Literal["rows", "columns"] = "rows"
    columns: tuple[LabelPattern, ...] = ()


@dataclass(frozen=True)
class PlacedSum:
    """A row sum whose rows its maker knows (discovery found them): compiled from the positions, no label
    resolved again (a long table's 10⁴ discovered sums each resolved ten labels). Never read from a rule file."""

    total: int
    parts: tuple[int, ...]
    columns: tuple[LabelPattern, ...] = ()


def compile(view: TableView, params: SumParams | PlacedSum) -> Compiled:
    if isinstance(params, PlacedSum):
        return _compiled(view, "rows", params.total, list(params.parts), params.columns)
    found = resolve(view, [("total", params.total)] + [("part", p) for p in params.parts], params.axis)
    if isinstance(found, Violation):
        return Compiled(violations=(found,))
    total, *parts = found
    if params.above:
        parts = list(range(total)) + parts
    return _compiled(view, params.axis, total, parts, params.columns)


def _compiled(view: TableView, axis: str, total: int, parts: list[int], scope: tuple[LabelPattern, ...]) -> Compiled:
    """The check of a total over its parts, titled by the parts' labels (a long total's first three and last)."""
    relation = LinearRelation(axis, total, tuple(zip(parts, repeat(1.0))), blanks_as_zero=True)
    if len(parts) <= 5:
        part_names = ", ".join([label_of(view, p, axis) for p in parts])
    else:
        first, last = ", ".join([label_of(view, p, axis) for p in parts[:3]]), label_of(view, parts[-1], axis)
        part_names = f"{first}, … {last} ({len(parts)})"
    check = LinearCheck(relation, tuple(positions(view, axis, scope)), label_of(view, total, axis),
                        view.labels_across(axis), (("parts", part_names),))
    return Compiled(checks=(check,))


def word(check: LinearCheck, failure: Failure, cited: Cited) -> Violation:
    return cited.violation("RK101", (("total", check.result_at(failure)),) + check.words)


KIND = RuleKind(
    name="sum",
    codes=("RK101",),
    params=SumParams,
    compile=compile,
    word=word,
    mutations_detected=True,
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
