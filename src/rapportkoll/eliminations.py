"""Internal transactions eliminated on both sides: the internal income a note strikes is the internal cost.

A kommun's nämnder buy from each other; the resultaträkning shows neither side, so the note on
verksamhetens intäkter deducts the internal income and the note on verksamhetens kostnader the same
amount of internal costs ("Interna poster", "Avgår interna intäkter" / "Avgår interna kostnader"). Where
costs are printed negative the two lines carry opposite signs. The first internal line of each note is
the kommun's (a koncern's own eliminations follow, and differ). The labels state the relation, so it
stands where the numbers agree in at least as many places as they disagree: a figure copied into one
of the lines is then reported, not taken as proof that there is no relation.
"""

from __future__ import annotations

from dataclasses import replace

from rapportkoll.discovery.amounts import additive_columns
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import agree
from rapportkoll.labels import occurrence_names
from rapportkoll.model import Table
from rapportkoll.note_links import Note, cited_notes
from rapportkoll.periods import paired_by_period
from rapportkoll.vocabulary import terms

_INCOME, _COSTS, _INTERNAL = terms("income_lines"), terms("cost_lines"), terms("internal_rows")


def elimination_rules(view: TableView) -> list[dict]:
    """The rule that this table's internal costs are the internal income, where this table holds the note on
    costs that a resultaträkning of the report cites (with the note on income)."""
    if not _INTERNAL.rows(view.labels_across("columns")):
        return []
    rules = []
    for statement in view.others or (view.table,):
        notes = _notes_of(statement, view.others)
        if notes and notes[1].table is view.table:
            rules += _eliminated(view, *notes)
    return rules


def _notes_of(statement: Table, others: tuple[Table, ...]) -> tuple[Note, Note] | None:
    """The notes a statement's income line and cost line cite, when it prints each line once."""
    income = [i for i, row in enumerate(statement.rows) if _INCOME.search(row.label.text)]
    costs = [i for i, row in enumerate(statement.rows) if _COSTS.search(row.label.text)]
    if len(income) != 1 or len(costs) != 1:
        return None
    cited = dict(cited_notes(TableView.of(statement, others)))
    return (cited[income[0]], cited[costs[0]]) if income[0] in cited and costs[0] in cited else None


def _eliminated(view: TableView, income: Note, costs: Note) -> list[dict]:
    mine, theirs = _internal(costs), _internal(income)
    if mine is None or theirs is None:
        return []
    sign = _sign(view, mine, income.table, theirs)
    line = occurrence_names([row.label.text for row in view.table.rows])[mine]
    other = occurrence_names([row.label.text for row in income.table.rows])[theirs]
    title = {"sv": f"{line} = {other} (interna poster elimineras på båda sidor)",
             "en": f"{line} = {other} (internal items are eliminated on both sides)"}
    if income.table is view.table and sign:
        if sign > 0:
            return [{"kind": "sum", "severity": "error", "total": line, "parts": [other], "title": title}]
        title = {language: text.replace(" = ", " = −", 1) for language, text in title.items()}
        return [{"kind": "equation", "severity": "error", "result": line, "minus": [other], "title": title}]
    if sign == 1:
        return [{"kind": "cross_table", "severity": "error", "match": "period", "row": line,
                 "other": {"caption": income.table.caption}, "other_row": other, "title": title}]
    return []


def _internal(note: Note) -> int | None:
    """The note's first internal line."""
    return next((k for k in range(note.start, note.end) if _INTERNAL.search(note.table.rows[k].label.text)), None)


def _sign(view: TableView, row: int, other: Table, other_row: int) -> int:
    """+1 where the two lines print the same amount, −1 where opposite amounts, in at least half the places
    both print a non-zero number (the better of the two); 0 where neither."""
    if other is view.table:
        pairs = [(j, j) for j in additive_columns(view)]
    else:
        pairs = paired_by_period(list(view.table.columns), list(other.columns))
    same = opposite = checked = 0
    for j, k in pairs:
        mine, theirs = view.cell(row, j).parsed, other.rows[other_row].cells[k].parsed
        if mine.is_numeric and theirs.is_numeric and mine.value and theirs.value:
            checked += 1
            same += agree(mine, theirs)
            opposite += agree(mine, replace(theirs, value=-theirs.value))
    best = max(same, opposite)
    if not best or 2 * best < checked:
        return 0
    return 1 if same >= opposite else -1
