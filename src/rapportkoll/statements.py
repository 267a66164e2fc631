"""What the law makes true in every municipality's statements, applied wherever their labels appear.

A kommunkoncern's companies pay no municipal tax and receive no utjämning, so in a resultaträkning
printed with kommun and koncern (sammanställd redovisning) columns, the rows of tax income, general
state grants and the equalisation system print the same amount in the kommun and the koncern column
of the same year. And the statements of one report print one result and one cash balance: the
resultaträkning's årets resultat is the first line of the kassaflödesanalys, the result in the
balansräkning's eget kapital and the start of the balanskravsutredning; the cash flow's likvida medel
at year end are the balance sheet's kassa och bank. No layout needs naming: columns pair by year and
side (periods.py), rows by the words every municipality uses for these lines.
"""

from __future__ import annotations

from bisect import bisect_right

from rapportkoll.statement_chains import chain_rules
from rapportkoll.frame import TableView
from rapportkoll.labels import label_keys, occurrence_names
from rapportkoll.model import Table
from rapportkoll.movements import movement_rules
from rapportkoll.eliminations import elimination_rules
from rapportkoll.note_links import cited_notes, named_note_rules, note_rules
from rapportkoll.packs import Pack, pack_from_mapping
from rapportkoll.periods import period
from rapportkoll.vocabulary import Terms, terms

_SHARED_ROWS = terms("shared_rows")
# One quantity, the spellings its line has in each statement.
_SAME_QUANTITY = (terms("same_result"), terms("same_cash"), terms("same_equity"))
# An opening balance and the closing balances it may be carried from, first below it.
_OPENING = terms("opening_rows")
_CLOSING = terms("closing_rows")
_CLOSINGS_SEEN = 20  # closing rows below an opening balance searched for its own words (a note's section)
# The two sides of a balance sheet: the balance identity holds however far apart they are printed.
_ASSETS, _CLAIMS = terms("total_assets"), terms("total_claims")
# A cash flow may end by restating the year's flow as the change of the balance sheet's cash.
_CASH_CHANGE, _YEAR_FLOW = terms("cash_change_rows"), terms("year_flow_rows")
# A table is a statement when one of these lines is in it (a driftredovisning's "Årets resultat" is a nämnd's).
_STATEMENT_ROWS = terms("statement_rows")


def statement_pack(view: TableView) -> Pack | None:
    """The statutory relations of a table (chains, kommun = koncern, links, opening balances), or None."""
    table, labels = view.table, view.labels_across("columns")
    statement = _is_statement(labels)
    cited = cited_notes(view)
    opening_rows = _OPENING.rows(label_keys(labels))  # the carried balances' and the notes' movements' lines
    rules = (chain_rules(view) + _shared_row_rules(table, labels) + _carry_rules(labels, opening_rows)
             + note_rules(view, cited) + named_note_rules(view, cited) + elimination_rules(view)
             + (movement_rules(view) if opening_rows else []))
    if statement:  # a balance sheet or a cash flow, each of them a statement
        rules += _balance_rules(labels) + _cash_change_rules(labels) + _link_rules(table, view.others)
    if not rules:
        return None
    data = {"pack": "rakenskaper", "title": {"sv": "Räkenskapernas lagstadgade samband",
                                            "en": "The statutory relations of the financial statements"},
            "applies_to": {}, "rules": [{"id": f"rakenskaper.{n}", **rule} for n, rule in enumerate(rules, 1)]}
    return pack_from_mapping(data, "bundled:statements", "declared")


def _shared_row_rules(table: Table, labels: tuple[str, ...]) -> list[dict]:
    rows = [labels[i] for i in _SHARED_ROWS.rows(label_keys(labels))]
    if not rows:
        return []
    names = ", ".join(rows)
    return [{"kind": "equation", "axis": "columns", "severity": "error",
             "title": {"sv": f"{names} är desamma för kommunen och koncernen ({table.columns[group]})",
                       "en": f"{names} are the same for the municipality and the group ({table.columns[group]})"},
             "result": f"@{group + 1}", "plus": [f"@{own + 1}"], "columns": rows}
            for own, group in _kommun_koncern(list(table.columns))]


def _balance_rules(labels: tuple[str, ...]) -> list[dict]:
    """Summa tillgångar = summa eget kapital, avsättningar och skulder, wherever both lines are printed once."""
    return _same_amount(labels, _CLAIMS, _ASSETS, ("balansräkningen balanserar", "the balance sheet balances"))


def _cash_change_rules(labels: tuple[str, ...]) -> list[dict]:
    """Förändring av likvida medel (enligt BR) = årets kassaflöde, wherever both lines are printed once."""
    return _same_amount(labels, _CASH_CHANGE, _YEAR_FLOW, ("kassaflödet är kassans förändring",
                                                          "the cash flow is the change in cash"))


def _same_amount(labels: tuple[str, ...], first: Terms, second: Terms, why: tuple[str, str]) -> list[dict]:
    line, other = _line(labels, first), _line(labels, second)
    if not (line and other):
        return []
    return [{"kind": "sum", "severity": "error", "total": line, "parts": [other],
             "title": {"sv": f"{line} = {other} ({why[0]})", "en": f"{line} = {other} ({why[1]})"}}]


def _kommun_koncern(columns: list[str]) -> list[tuple[int, int]]:
    """(kommun column, koncern column) of each year that has exactly one of each."""
    sides: dict[tuple[str, str], list[int]] = {}
    for j, name in enumerate(columns):
        key = period(name)
        if key is not None:
            sides.setdefault(key, []).append(j)
    return [(own[0], group[0]) for (side, year), group in sides.items()
            if side == "koncern" and len(group) == 1 and len(own := sides.get(("kommun", year), [])) == 1]


def _link_rules(table: Table, others: tuple[Table, ...]) -> list[dict]:
    """This statement's result and cash lines equal those of each statement printed before it."""
    rules = []
    mine_labels = _labels(table)
    for other in others[: others.index(table)] if table in others else ():
        if not (other.caption and _is_statement(theirs_labels := _labels(other))):
            continue
        for quantity in _SAME_QUANTITY:
            mine, theirs = _line(mine_labels, quantity), _line(theirs_labels, quantity)
            if mine and theirs:
                rules.append({"kind": "cross_table", "severity": "error", "match": "period",
                              "title": {"sv": f"{mine} = {theirs} i {other.caption}",
                                        "en": f"{mine} = {theirs} in {other.caption}"},
                              "row": mine, "other": {"caption": other.caption, "rows": [theirs]},
                              "other_row": theirs})
    return rules


def _carry_rules(labels: tuple[str, ...], opening_rows: list[int]) -> list[dict]:
    """Each opening balance is last year's closing: the closing row of the same words, else the first below."""
    keys = label_keys(labels)
    if not opening_rows:
        return []
    closing_rows = _CLOSING.rows(keys)
    named = occurrence_names(list(labels))
    rules = []
    for i in opening_rows:
        start = bisect_right(closing_rows, i)
        closings = closing_rows[start:start + _CLOSINGS_SEEN]
        rest = keys[i][_OPENING.search(keys[i]).end():]
        same_words = [k for k in closings if rest and keys[k][_CLOSING.search(keys[k]).end():] == rest]
        # One opening and one closing balance are one balance, in whichever order they are printed (a Finnish
        # cash flow states 'Likvida medel 31.12' above 'Likvida medel 1.1').
        closings = closings or (closing_rows if len(closing_rows) == 1 == len(opening_rows) else [])
        if closings:
            closing = (same_words or closings)[0]
            names = named[i], named[closing]
            rules.append({"kind": "carry", "severity": "error", "opening": names[0], "closing": names[1],
                          "title": {"sv": f"{names[0]} = förra årets {names[1]}",
                                    "en": f"{names[0]} = last year's {names[1]}"}})
    return rules


def _is_statement(labels: tuple[str, ...]) -> bool:
    return bool(_STATEMENT_ROWS.rows(label_keys(labels)))


def _line(labels: tuple[str, ...], quantity: Terms) -> str | None:
    found = [labels[i] for i in quantity.rows(label_keys(labels))]
    return found[0] if len(set(found)) == 1 else None


def _labels(table: Table) -> tuple[str, ...]:
    return tuple(row.label.text for row in table.rows)
