"""The movements of a note on assets or equity: each closing value is its opening value and the year's movements.

A note on anläggningstillgångar or eget kapital prints, per class, "Ingående värde", the year's
investments, disposals and depreciation, and "Bokfört värde" (or "Utgående …"). A closing line with no
opening line of its own closes something else: a specification printed under it ("Resultatutjämningsreserv",
"Övrigt eget kapital" ahead of "Utgående eget kapital") is its parts, and a last closing line of the note
("Bokfört värde totalt") sums the closing values above it. The labels say which rows are a section; the
numbers confirm each reading before it becomes a rule, so an unusual note is left to discovery.
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery.found import BREAKDOWN
from rapportkoll.frame import TableView
from rapportkoll.statement_chains import confirmed, marked_lines
from rapportkoll.vocabulary import terms

OPENING, CLOSING = terms("opening_rows"), terms("closing_rows")


def movement_rules(view: TableView) -> list[dict]:
    """Rules for the closing lines of a note that prints opening values, each confirmed by the numbers."""
    lines = marked_lines(view, OPENING)
    if lines is None:
        return []
    labels, keys, columns = lines
    values = view.frame.values[:, columns]
    skipped = {i for i in range(len(keys)) if np.isnan(values[i]).all() or BREAKDOWN.search(labels[i])}
    rules, previous, closings = [], -1, []
    for closing in (i for i, key in enumerate(keys) if CLOSING.search(key)):
        between = [i for i in range(previous + 1, closing) if i not in skipped]
        openings = [i for i in between if OPENING.search(keys[i])]
        of_closings = None
        if openings:
            rules.append(confirmed(view, labels, closing, [[i for i in between if i >= openings[-1]]], columns))
        else:
            stated = [j for k, j in enumerate(columns) if between and not np.isnan(values[between, k]).all()]
            rules.append(confirmed(view, labels, closing, [between], stated) if stated else None)
            if len(closings) > 1 or (closings and between):
                of_closings = confirmed(view, labels, closing, [closings], columns)
                rules.append(of_closings)
        previous = closing
        closings = [] if of_closings else closings + [closing]
    return [rule for rule in rules if rule]
