"""The subtotal chains of a resultaträkning and a kassaflödesanalys, known by their lines' names.

RKR's model statements fix the chain: verksamhetens nettokostnader is the lines above it,
verksamhetens resultat adds skatteintäkter and utjämning to it, resultat efter finansiella poster the
financial lines, årets resultat the extraordinary ones; in the cash flow each "kassaflöde från …" is
its section, årets kassaflöde the sections, and likvida medel at year end the opening plus årets
kassaflöde. Discovery guesses these from the numbers and must refuse a line whose only part is
non-zero (Extraordinära poster "-") or whose columns a slip has split; knowing the chain, rapportkoll
names the parts by position. A chain line is kept only where it holds in most places, with costs
printed negative or positive, so an unusual layout is left to discovery instead of misread.
"""

from __future__ import annotations


import numpy as np

from rapportkoll.discovery.amounts import additive_columns, column_scope
from rapportkoll.discovery.found import BREAKDOWN, TOTAL_WORDS
from rapportkoll.frame import TableView
from rapportkoll.labels import label_keys, normalize_label, occurrence_names
from rapportkoll.rounding import within
from rapportkoll.slips import slips
from rapportkoll.vocabulary import Terms, terms

# Lines that close a stretch of the chain; the first four continue from the line before them.
_CUMULATIVE = terms("chain_closing_rows")
_SECTION = terms("chain_section_rows")
_YEAR_FLOW = terms("year_flow_rows")
_FLOW = terms("flow_rows")
_COSTS = terms("cost_rows")
_NETS = terms("net_rows")
_RESULT = terms("year_result_rows")
_NET_COSTS = terms("net_cost_rows")
# Where the chain is known: a resultaträkning (its net costs) or a kassaflödesanalys (its flows).
_STATEMENT = terms("chain_statement_rows")


def chain_rules(view: TableView) -> list[dict]:
    """Rules for the chain lines of a resultaträkning or kassaflödesanalys that their parts confirm."""
    lines = marked_lines(view, _STATEMENT)
    if lines is None:
        return []
    labels, keys, columns = lines
    # Headings and lines printed empty are no parts; details ("varav") are not either, unless the
    # numbers say the table counts one in (a "varav ej likviditetspåverkande" line of a cash flow).
    empty = {i for i in range(len(keys)) if np.isnan(view.frame.values[i, columns]).all()}
    details = {i for i in range(len(keys)) if BREAKDOWN.search(labels[i])}
    top = _result_on_top(keys, empty)
    rules, start, last = [], (top + 1 if top is not None else 0), None
    for total in range(start, len(keys)):
        parts = _parts(keys, total, start, empty | details)
        if not parts:
            continue
        with_details = _parts(keys, total, start, empty)
        start, last = total + 1, total
        outer = _without_nested(view, labels, parts, columns)
        readings = [parts] + [r for r in (with_details, outer) if r != parts]
        rule = confirmed(view, labels, total, readings, columns)
        if rule:
            rules.append(rule)
    if top is not None and last is not None:
        # The result printed above the chain closes it: the last chain line and what follows it, up to the
        # lines the numbers show it leaves out (an andel in intresseföretag printed after it).
        tail = [i for i in range(last + 1, len(keys)) if i not in empty | details]
        rule = confirmed(view, labels, top, [[last] + tail[:k] for k in range(len(tail), -1, -1)], columns)
        rules += [rule] if rule else []
    return rules


def _without_nested(view: TableView, labels: list[str], parts: list[int], columns: list[int]) -> list[int]:
    """The parts less the rows a total among them sums right under it ('Skatteinkomster totalt' over
    'Kommunens inkomstskatt', … in a summary of the Finnish chain): counting both counts them twice."""
    nested: set[int] = set()
    for n, total in enumerate(parts):
        if total in nested or not TOTAL_WORDS.search(labels[total]):
            continue
        run = parts[n + 1:]
        size = next((k for k in range(2, len(run) + 1)
                     if (found := _agreement(view, total, run[:k], [], columns))[1] == found[2] > 0), 0)
        nested.update(run[:size])
    return [p for p in parts if p not in nested]


def marked_lines(view: TableView, marker: Terms) -> tuple[list[str], list[str], list[int]] | None:
    """(labels, their keys, the amount columns) of a table with a line ``marker`` knows, else None."""
    labels = view.labels_across("columns")
    keys = label_keys(labels)
    if not marker.rows(keys):  # most tables (a long driftredovisning's every row) know no such line
        return None
    columns = additive_columns(view)
    return (list(labels), list(keys), columns) if columns else None


def _result_on_top(keys: list[str], empty: set[int]) -> int | None:
    """The year's result printed as the first line with amounts, above the resultaträkning it closes (Malmö
    prints 'PERIODENS RESULTAT' over it), or None; a cash flow's first line is its start, not its end."""
    if not any(_NET_COSTS.search(key) for key in keys):
        return None
    first = next((i for i in range(len(keys)) if i not in empty), None)
    return first if first is not None and _RESULT.search(keys[first]) else None


def _parts(keys: list[str], total: int, start: int, skipped: set[int]) -> list[int]:
    """The rows a chain line sums: those since the previous chain line, which a continuing line includes.

    None when the row is no chain line or nothing precedes it (a cash flow's first line, Årets resultat).
    """
    key = keys[total]
    if _YEAR_FLOW.search(key):
        flows = [i for i in range(total) if _FLOW.search(keys[i])]
        return flows + [i for i in range(flows[-1] + 1, total) if i not in skipped] if flows else []
    cumulative = bool(_CUMULATIVE.search(key))
    if not (cumulative or _SECTION.search(key)):
        return []
    body = [i for i in range(start, total) if i not in skipped]
    if not body:
        return []
    continues = start > 0 and (cumulative or keys[start - 1].startswith("medelfr"))
    return ([start - 1] if continues else []) + body


def confirmed(view: TableView, labels: list[str], total: int, readings: list[list[int]],
               columns: list[int]) -> dict | None:
    """The reading of a chain line the numbers agree with best (its parts, costs added or subtracted as the
    table prints them), if they agree with it clearly; of readings agreeing as often, the one that holds as
    printed in more places (a cost printed positive is no flipped sign where subtracting it holds everywhere),
    then the plainest."""
    best, best_score = None, (0, 0)
    for parts in readings:
        costs = [p for p in parts if _COSTS.search(normalize_label(labels[p]))]
        for minus in _cost_readings(view, costs, parts, columns):
            held, exact, checked = _agreement(view, total, parts, minus, columns)
            if (held, exact) > best_score and (2 * held > checked or checked <= 2 and 2 * held == checked):
                best, best_score = (parts, minus), (held, exact)
    return _rule(view, labels, total, *best, columns) if best else None


def _cost_readings(view: TableView, costs: list[int], parts: list[int], columns: list[int]) -> list[list[int]]:
    """Which parts are subtracted: none (costs printed negative), every cost line, or the cost lines printed
    positive (a statement printing its costs without a minus keeps its net costs' sign, and a line of
    incomes and costs together keeps its own)."""
    positive = [p for p in costs if not _NETS.search(normalize_label(view.table.rows[p].label.text))
                and all((value := view.cell(p, j).parsed.value) is None or value >= 0 for j in columns)]
    readings = [[]] + [m for m in (costs, positive) if m and len(m) < len(parts)]
    return [m for k, m in enumerate(readings) if m not in readings[:k]]


def _rule(view: TableView, labels: list[str], total: int, parts: list[int], minus: list[int],
          columns: list[int]) -> dict:
    named = occurrence_names(labels)
    name = named[total]
    plus = [named[p] for p in parts if p not in minus]
    title = {"sv": f"{name} i räkenskapernas kedja", "en": f"{name} in the statements' chain"}
    scope = column_scope(view, columns)
    if not minus:
        return {"kind": "sum", "severity": "error", "title": title, "total": name, "parts": plus, **scope}
    return {"kind": "equation", "severity": "error", "title": title, "result": name, "plus": plus,
            "minus": [named[p] for p in minus], "blanks_as_zero": True, **scope}


def _agreement(view: TableView, total: int, parts: list[int], minus: list[int], columns: list[int]
               ) -> tuple[int, int, int]:
    """(places it holds, places it holds as printed, places it can be checked); a place one flipped sign or one
    swap of two digits explains counts as held (a mistyped digit has too many values to be evidence)."""
    operands = [total] + parts
    signs = np.array([-1.0] + [-1.0 if p in minus else 1.0 for p in parts])
    checked = held = exact = 0
    for j in columns:
        cells = [view.cell(i, j).parsed for i in operands]
        if not cells[0].is_numeric:
            continue
        checked += 1
        values = np.array([c.value if c.is_numeric else 0.0 for c in cells])
        tolerance = sum(c.half_unit for c in cells if c.is_numeric)
        fits = _fits(values, signs, tolerance)
        exact += fits
        held += fits or any(
            _fits(np.where(np.arange(len(values)) == k, slip, values), signs, tolerance)
            for k, cell in enumerate(cells) for shape in ("sign", "transposition")
            for slip in slips(cell, shape))
    return held, exact, checked


def _fits(values: np.ndarray, signs: np.ndarray, tolerance: float) -> bool:
    residual = float(signs @ values)
    return bool(within(np.array(residual), np.array(tolerance), float(np.abs(values).max())))
