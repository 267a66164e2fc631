"""Table-level diagnosis: the failures of all linear rules in a table, located and grouped by culprit.

A cell usually sits in several relations at once (a part of a sum, the minuend of an avvikelse);
one wrong cell breaks them all. Failing instances that share cells form a component; each component
is located as a whole (locate.py), with the holding instances as constraints, and becomes one group:
the failures one culprit explains are reported once, the others listed as related.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rapportkoll.findings import Suggestion, Violation
from rapportkoll.frame import TableView
from rapportkoll.locate import Instance, locate
from rapportkoll.records import CheckedRelation
from rapportkoll.relations import BoundRelation, evaluate, instance, word


@dataclass(frozen=True)
class Linear:
    """One bound relation of a rule of a pack: what the table-wide diagnosis works on."""

    rule: object  # packs.RuleSpec
    pack: object  # packs.Pack
    bound: BoundRelation


@dataclass(frozen=True)
class Failed:
    """One failing relation instance, with the relation (by index) that checks it and its wording."""

    rule: int
    violation: Violation
    instance: int


@dataclass(frozen=True)
class Group:
    failures: tuple[Failed, ...]
    suspect: Suggestion | None
    alternatives: tuple[Suggestion, ...] = ()


@dataclass
class Diagnosis:
    """The groups of failures, one per culprit, and every relation position that was checked."""

    groups: list[Group] = field(default_factory=list)
    checked: list[CheckedRelation] = field(default_factory=list)


def diagnose(view: TableView, linear: list[Linear]) -> Diagnosis:
    """Every linear relation of a table evaluated once; failures located together and grouped by culprit."""
    instances: list[Instance] = []
    failed: list[Failed] = []
    diagnosis = Diagnosis()
    for index, item in enumerate(linear):
        failures = {f.position: f for f in evaluate(view, item.bound.relation, item.bound.positions)}
        for position in _positions(view, item.bound):
            checked = instance(view, item.bound.relation, position)
            if checked is None:
                continue
            instances.append(checked)
            diagnosis.checked.append(CheckedRelation(item.rule.id, tuple(op.ref.location for op in checked.operands),
                                                     tuple(op.coeff for op in checked.operands)))
            if position in failures:
                failed.append(Failed(index, word(view, item.bound, failures[position]), len(instances) - 1))
    diagnosis.groups = [group for component in _components(failed, instances) for group in _locate(component, instances)]
    return diagnosis


def _positions(view: TableView, item: BoundRelation) -> list[int]:
    if item.positions is not None:
        return item.positions
    rows, columns = view.frame.values.shape
    return list(range(columns if item.relation.axis == "rows" else rows))


def _components(failed: list[Failed], instances: list[Instance]) -> list[list[Failed]]:
    """Failures connected through shared cells (union-find over their instances' cells)."""
    parent = list(range(len(failed)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    owner: dict = {}
    for k, item in enumerate(failed):
        for op in instances[item.instance].operands:
            if op.key in owner:
                parent[root(k)] = root(owner[op.key])
            else:
                owner[op.key] = k
    groups: dict[int, list[Failed]] = {}
    for k, item in enumerate(failed):
        groups.setdefault(root(k), []).append(item)
    return list(groups.values())


def _locate(component: list[Failed], instances: list[Instance]) -> list[Group]:
    involved = {item.instance for item in component}
    # Holding instances constrain the culprit's value; failing ones outside the component do not.
    local = [inst for k, inst in enumerate(instances) if k in involved or not inst.failing]
    explanation = locate(local)
    if explanation is None or len(explanation.changes) != 1:
        # No single culprit: each failure stands alone, with the change (if any) that touches it.
        return [Group((item,), _touching(item, instances, explanation)) for item in component]
    return [Group(tuple(component), explanation.changes[0], explanation.alternatives)]


def _touching(item: Failed, instances: list[Instance], explanation) -> Suggestion | None:
    if explanation is None:
        suspect = item.violation.suspect
        return replace(suspect, confidence="hint") if suspect else None
    cells = {op.ref for op in instances[item.instance].operands}
    return next((change for change in explanation.changes if change.cell in cells), None)
