"""Table-level diagnosis: the failures of all linear rules in a table, located and grouped by culprit.

A cell usually sits in several relations at once (a part of a sum, the minuend of an avvikelse);
one wrong cell breaks them all. Failing instances that share cells form a component; each component
is located as a whole (locate.py), with the holding instances as constraints, and becomes one group:
the failures one culprit explains are reported once, the others listed as related.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Iterator

import numpy as np

from rapportkoll.findings import Suggestion, Violation
from rapportkoll.frame import TableView
from rapportkoll.locate import Instance, locate
from rapportkoll.records import CheckedRelation
from rapportkoll.relations import BoundRelation, checkable, evaluate_all, instance, word


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
    instance: tuple[int, int]  # (relation, position) of the failing instance


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
    searched: int = 0  # failures whose culprit was searched (at most LOCATE_LIMIT)
    unlocated: int = 0  # failures past LOCATE_LIMIT, reported without a culprit search


# Failing positions per table whose culprit is searched (each costs about a millisecond); a table
# failing in more places has a systematic problem, and its first failures show it.
LOCATE_LIMIT = 500


def diagnose(view: TableView, linear: list[Linear]) -> Diagnosis:
    """Every linear relation of a table evaluated once; failures located together and grouped by culprit.

    Only failing instances, and the holding ones that share a cell with them, are built as
    equations: a table where nothing fails costs one evaluation per relation and its record.
    """
    instances: dict[tuple[int, int], Instance] = {}
    failed: list[Failed] = []
    diagnosis = Diagnosis()
    evaluated = evaluate_all(view, [(item.bound.relation, item.bound.positions) for item in linear])
    for index, (item, failures) in enumerate(zip(linear, evaluated)):
        diagnosis.checked.extend(_checked(view, item))
        for failure in failures:
            checked = instance(view, item.bound.relation, failure.position)
            if checked is not None:
                instances[index, failure.position] = checked
                failed.append(Failed(index, _worded(view, item.bound, failure, len(failed)), (index, failure.position)))
    searched = {f.instance for f in failed[:LOCATE_LIMIT]}
    diagnosis.searched, diagnosis.unlocated = len(searched), len(failed) - len(searched)
    touching = _Touching([item.bound for item in linear])
    for component in _components(failed, instances):
        if all(f.instance in searched for f in component):
            local = _neighbourhood(view, linear, component, instances, touching)
            diagnosis.groups += _locate(component, local, instances)
        else:  # past the cap: each failure reported as it stands, with the suspect its own equation gave
            diagnosis.groups += [Group((item,), _touching(item, instances, None)) for item in component]
    return diagnosis


def _worded(view: TableView, bound: BoundRelation, failure, earlier: int) -> Violation:
    """The failure in its rule's words; past the cap without the search for its own culprit.

    Kinds word failures through the view they compiled with, so the cap is told to that view.
    """
    view.localise = earlier < LOCATE_LIMIT
    try:
        return word(view, bound, failure)
    finally:
        view.localise = True


def _checked(view: TableView, item: Linear) -> list[CheckedRelation]:
    """The record of every position the relation can be evaluated at (no equation is built for it)."""
    relation = item.bound.relation
    index = [relation.result] + [t for t, _ in relation.terms]
    coefficients = (-1.0,) + tuple(coeff for _, coeff in relation.terms)
    positions = checkable(view, relation, _positions(view, item.bound))
    cells = view.locations[np.ix_(index, positions)] if relation.axis == "rows" \
        else view.locations[np.ix_(positions, index)].T
    return [CheckedRelation(item.rule.id, tuple(column), coefficients) for column in cells.T]


def _positions(view: TableView, item: BoundRelation) -> list[int]:
    if item.positions is not None:
        return item.positions
    rows, columns = view.frame.values.shape
    return list(range(columns if item.relation.axis == "rows" else rows))


def _neighbourhood(view: TableView, linear: list[Linear], component: list[Failed],
                   instances: dict[tuple[int, int], Instance], touching: _Touching) -> list[Instance]:
    """The component's failing instances and the holding ones sharing a cell with them (its constraints)."""
    local = {f.instance: instances[f.instance] for f in component}
    for key in touching.instances({op.key for f in component for op in instances[f.instance].operands}):
        if key not in local and (checked := instance(view, linear[key[0]].bound.relation, key[1])) is not None \
                and not checked.failing:
            local[key] = checked
    return list(local.values())


class _Touching:
    """Which relation positions read a cell: row relations by their rows, column relations by their columns.

    One sorted array of (axis, operand) keys with the relation each belongs to, searched per cell.
    """

    def __init__(self, items: list[BoundRelation]) -> None:
        sizes = [len(item.relation.operands) for item in items]
        keys = np.fromiter(chain.from_iterable(_keys(item.relation) for item in items), dtype=np.int64,
                           count=sum(sizes))
        owners = np.repeat(np.arange(len(items)), sizes)
        order = np.argsort(keys, kind="stable")
        self._keys, self._owners = keys[order], owners[order]
        self._positions = [None if item.positions is None else set(item.positions) for item in items]

    def instances(self, cells: set) -> list[tuple[int, int]]:
        """(relation, position) of every instance reading one of ``cells``, in the order of the rules."""
        found = set()
        for i, j in cells:
            for key, position in ((2 * i, j), (2 * j + 1, i)):
                low, high = np.searchsorted(self._keys, [key, key + 1])
                for n in dict.fromkeys(self._owners[low:high].tolist()):
                    if self._positions[n] is None or position in self._positions[n]:
                        found.add((n, position))
        return sorted(found)


def _keys(relation) -> Iterator[int]:
    """A row relation's operands as even keys, a column relation's as odd ones."""
    parity = 0 if relation.axis == "rows" else 1
    return (2 * operand + parity for operand in relation.operands)


def _components(failed: list[Failed], instances: dict[tuple[int, int], Instance]) -> list[list[Failed]]:
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


def _locate(component: list[Failed], local: list[Instance], instances: dict[tuple[int, int], Instance]
            ) -> list[Group]:
    """The component located as a whole, its holding neighbours constraining the culprit's value."""
    explanation = locate(local)
    if explanation is None or len(explanation.changes) != 1:
        # No single culprit: each failure stands alone, with the change (if any) that touches it.
        return [Group((item,), _touching(item, instances, explanation)) for item in component]
    return [Group(tuple(component), explanation.changes[0], explanation.alternatives)]


def _touching(item: Failed, instances: dict[tuple[int, int], Instance], explanation) -> Suggestion | None:
    if explanation is None:
        suspect = item.violation.suspect
        return replace(suspect, confidence="hint") if suspect else None
    cells = {op.ref for op in instances[item.instance].operands}
    return next((change for change in explanation.changes if change.cell in cells), None)
