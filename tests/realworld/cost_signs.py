"""Costs printed without their minus: the one rewriting of a table that changes printed signs, and when it may."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from rapportkoll.numbers import CellKind, parse

from realworld.annotations import Annotation, Key, equations, kind_of, ratio_positions
from realworld.layouts import Doc, Sheet, Slot, per_sheet


_COST = re.compile(r"kostnad|avskrivning|utbetalning|utgift|lämnade bidrag", re.IGNORECASE)
_NET = re.compile(r"netto|resultat|intäkter och kostnader", re.IGNORECASE)  # a net of incomes and costs keeps its sign
_MINUS = re.compile(r"^[-\u2212\u2013\u2011\u2010\u2012\u2014]\s?")


def costs_positive(annotation: Annotation) -> Callable[[Doc], Doc]:
    """Rows of costs printed with a minus, printed without it, as reports that show costs positive do.

    A row is flipped whole (every amount of it), only if its label names a cost and no net of incomes and
    costs ('Verksamhetens nettokostnader' keeps its sign), every amount is ≤ 0 and two are < 0 (one amount
    flipped alone is what a slip of the sign looks like: no reader could tell the layout from it), it holds
    no percentage, and no `equal` or `ratio` relation reads it. A section of costs is printed one way: a total
    flips with all its parts, and parts flip under a total that keeps its sign only if it is a net. A sum or a
    column equation then holds with the flipped rows' coefficients negated, which the sign the slot carries
    records; no other relation changes.
    """
    fixed = _ratio_and_equal_keys(annotation)

    def flippable(row: tuple[Slot, ...]) -> bool:
        parsed = [parse(s.text) for s in row[1:]]
        return bool(row[0].origin and _COST.search(row[0].text) and not _NET.search(row[0].text)
                    and not any(p.kind is CellKind.PERCENT or (p.is_numeric and p.value > 0) for p in parsed)
                    and sum(p.is_numeric and p.value < 0 for p in parsed) > 1 and not {s.origin for s in row} & fixed)

    def change(doc: Doc) -> Doc:
        nets = {r[0].origin[0] for s in doc for r in s.rows if r[0].origin and _NET.search(r[0].text)}
        lines = _whole_sections({r[0].origin[0] for s in doc for r in s.rows if flippable(r)}, _sums(annotation), nets)
        return per_sheet(lambda s: Sheet(s.caption, s.header, tuple(
            _flipped(r) if r[0].origin and r[0].origin[0] in lines else r for r in s.rows)))(doc)
    return change


def _flipped(row: tuple[Slot, ...]) -> tuple[Slot, ...]:
    return (row[0], *(replace(s, text=_negated(s.text), sign=-s.sign) if parse(s.text).is_numeric
                      and parse(s.text).value else s for s in row[1:]))


def _sums(annotation: Annotation) -> list[tuple[int, set[int]]]:
    """(total's line, its parts' lines that show a non-zero amount) of each annotated sum."""
    found = []
    for number, relation in enumerate(annotation.relations):
        if kind_of(relation) == "sum":
            for eq in equations(annotation, number):
                found.append((eq.terms[0][1][0], {t[1][0] for t, v in zip(eq.terms[1:], eq.values[1:]) if v}))
    return found


def _whole_sections(lines: set[int], sums: list[tuple[int, set[int]]], nets: set[int]) -> set[int]:
    """The lines less every total of costs some part of which does not flip, and that total's parts; and less the
    parts of a total that keeps its sign unless it is a net (a section of costs is printed one way)."""
    kept = set(lines)
    while broken := [(total, parts) for total, parts in sums if parts & kept
                     and (total in kept and not parts <= kept or total not in kept | nets)]:
        for total, parts in broken:
            kept -= {total} | parts
    return kept


def _negated(text: str) -> str:
    core = text.strip()
    return core[1:-1].strip() if core.startswith("(") else _MINUS.sub("", core)


def _ratio_and_equal_keys(annotation: Annotation) -> set[Key]:
    keys: set[Key] = set()
    for number, relation in enumerate(annotation.relations):
        kind = kind_of(relation)
        if kind == "equal":
            keys |= {key for eq in equations(annotation, number) for _, key, _ in eq.terms}
        elif kind == "ratio":
            grid = annotation.grid(relation["ratio"].get("table"))
            keys |= {grid.key(i, j) for i, _ in ratio_positions(annotation, number) for j in range(len(grid.columns))}
    return keys
