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
from rapportkoll.model import CellLocations
from rapportkoll.locate import Explanation, Instance, locate
from rapportkoll.records import CheckedPositions
from rapportkoll.relations import Failure, LinearCheck, checkable_all, cite, evaluate_all, instance, word_blank


@dataclass(frozen=True)
class Linear:
    """One linear check of a rule of a pack: what the table-wide diagnosis works on."""

    rule: object  # packs.RuleSpec; its kind words the failures
    pack: object  # packs.Pack
    check: LinearCheck


@dataclass(frozen=True)
class _Failing:
    """One failing position of a check (by index), before it is located and worded."""

    rule: int
    failure: Failure

    @property
    def key(self) -> tuple[int, int]:
        return self.rule, self.failure.position


@dataclass(frozen=True)
class Failed:
    """One failing relation instance in its rule's words, with the check (by index) that found it."""

    rule: int
    violation: Violation


@dataclass(frozen=True)
class Group:
    failures: tuple[Failed, ...]
    suspect: Suggestion | None
    alternatives: tuple[Suggestion, ...] = ()


@dataclass
class Diagnosis:
    """The groups of failures, one per culprit, and every relation position that was checked."""

    groups: list[Group] = field(default_factory=list)
    checked: list[CheckedPositions] = field(default_factory=list)
    searched: int = 0  # failures whose culprit was searched (at most LOCATE_LIMIT)
    unlocated: int = 0  # failures past LOCATE_LIMIT, reported without a culprit search


# Failing positions per table whose culprit is searched (each costs about a millisecond); a table
# failing in more places has a systematic problem, and its first failures show it.
LOCATE_LIMIT = 500

_Located = tuple  # (failings, suspect, alternatives): one culprit's share of a component


def diagnose(view: TableView, linear: list[Linear]) -> Diagnosis:
    """Every linear relation of a table evaluated once; failures located together, grouped by culprit
    and then worded, so the words can name the culprit (a blank part, the value a blank needs).

    Only failing instances, and the holding ones that share a cell with them, are built as
    equations: a table where nothing fails costs one evaluation per relation and its record.
    """
    instances: dict[tuple[int, int], Instance] = {}
    failing: list[_Failing] = []
    diagnosis = Diagnosis()
    relations = [(item.check.relation, item.check.positions) for item in linear]
    evaluated = evaluate_all(view, relations)
    located = view.cell_locations  # one object all records share, making a cell's location when read
    for index, (item, failures, where) in enumerate(zip(linear, evaluated, checkable_all(view, relations))):
        diagnosis.checked.append(_checked(item, where, located))
        for failure in failures:
            checked = instance(view, item.check.relation, failure.position)
            if checked is not None:
                instances[index, failure.position] = checked
                failing.append(_Failing(index, failure))
    searched = {f.key for f in failing[:LOCATE_LIMIT]}
    diagnosis.searched, diagnosis.unlocated = len(searched), len(failing) - len(searched)
    touching = _Touching([item.check for item in linear]) if failing else None  # what a failure's neighbours read
    for component in _components(failing, instances):
        if all(f.key in searched for f in component):
            located = _locate(component, _neighbourhood(view, linear, component, instances, touching), instances)
        else:  # across the cap: those within it with their own culprit as a hint, the rest as they stand
            located = [((f,), _touching(instances[f.key], None) if f.key in searched else None, ())
                       for f in component]
        diagnosis.groups += [_group(linear, instances, *share) for share in located]
    return diagnosis


def _group(linear: list[Linear], instances: dict[tuple[int, int], Instance], failings: tuple[_Failing, ...],
           suspect: Suggestion | None, alternatives: tuple[Suggestion, ...]) -> Group:
    """A culprit's failures, each in its rule's words."""
    worded = tuple(Failed(f.rule, _word(linear[f.rule], f.failure, instances[f.key], suspect)) for f in failings)
    return Group(worded, suspect, alternatives)


def _word(item: Linear, failure: Failure, checked: Instance, suspect: Suggestion | None) -> Violation:
    """The kind's words for a failure, or the shared words for a blank where the relation calls for a value."""
    if failure.blank is not None:
        return word_blank(checked, failure, suspect)
    return item.rule.kind.word(item.check, failure, cite(checked, failure, suspect))


def _checked(item: Linear, positions: np.ndarray, located: CellLocations) -> CheckedPositions:
    """The record of every position the relation can be evaluated at (no equation is built for it)."""
    relation = item.check.relation
    index = np.array(relation.operands)
    # flat cell indices, positions × operands: a row relation reads rows `index` at columns `positions`
    width = located.width
    cells = index[None, :] * width + positions[:, None] if relation.axis == "rows" \
        else positions[:, None] * width + index[None, :]
    return CheckedPositions(item.rule.id, cells, relation.coefficients, located)


def _neighbourhood(view: TableView, linear: list[Linear], component: list[_Failing],
                   instances: dict[tuple[int, int], Instance], touching: _Touching) -> list[Instance]:
    """The component's failing instances and the holding ones sharing a cell with them (its constraints)."""
    local = {f.key: instances[f.key] for f in component}
    for key in touching.instances({op.key for f in component for op in instances[f.key].operands}):
        if key not in local and (checked := instance(view, linear[key[0]].check.relation, key[1])) is not None \
                and not checked.failing:
            local[key] = checked
    return list(local.values())


class _Touching:
    """Which relation positions read a cell: row relations by their rows, column relations by their columns.

    One sorted array of (axis, operand) keys with the relation each belongs to, searched per cell.
    """

    def __init__(self, items: list[LinearCheck]) -> None:
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


def _components(failed: list[_Failing], instances: dict[tuple[int, int], Instance]) -> list[list[_Failing]]:
    """Failures connected through shared cells (union-find over their instances' cells)."""
    parent = list(range(len(failed)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    owner: dict = {}
    for k, item in enumerate(failed):
        for op in instances[item.key].operands:
            if op.key in owner:
                parent[root(k)] = root(owner[op.key])
            else:
                owner[op.key] = k
    groups: dict[int, list[_Failing]] = {}
    for k, item in enumerate(failed):
        groups.setdefault(root(k), []).append(item)
    return list(groups.values())


def _locate(component: list[_Failing], local: list[Instance], instances: dict[tuple[int, int], Instance]
            ) -> list[_Located]:
    """The component located as a whole, its holding neighbours constraining the culprit's value."""
    explanation = locate(local)
    if explanation is None or len(explanation.changes) != 1:
        # No single culprit: each failure stands alone, with the change (if any) that touches it.
        return [((item,), _touching(instances[item.key], explanation), ()) for item in component]
    return [(tuple(component), explanation.changes[0], explanation.alternatives)]


def _touching(checked: Instance, explanation: Explanation | None) -> Suggestion | None:
    """The change of a joint explanation that touches this instance; with none, its own culprit as a hint."""
    if explanation is None:
        alone = locate([checked])
        return replace(alone.changes[0], confidence="hint") if alone else None
    cells = {op.ref for op in checked.operands}
    return next((change for change in explanation.changes if change.cell in cells), None)
