"""A statement line and the note its note number points to: the note states the line's amount.

"Verksamhetens intäkter | Not 1 | 112 246" refers the reader to a note headed "Not 1 Verksamhetens
intäkter", printed as a table of its own, as a section of one long notes table (the "Not" column
carries the number on the section's heading row), or under the statement ("Not 1 Spec av …"). The
note ends in a total equal to the line, or (with no total printed) its rows add up to it. The note
number says which note; the numbers say which of its rows is the total: the row agreeing with the
line in the most places, the last of equals, as notes print their total last. A line pointing to two
notes ("4, 5") is stated by neither alone and is left out. A statement printed without note numbers
("Statsandelar" in a Finnish city's resultaträkning) is linked by name to the numbered note whose total
names the line ("6. Specifikation av statsandelar" ending "Statsandelar sammanlagt").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapportkoll.discovery.amounts import additive_columns, column_scope, is_note_column
from rapportkoll.discovery.found import BREAKDOWN, SUM_OF
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import agree
from rapportkoll.labels import normalize_label, occurrence_names
from rapportkoll.model import Table
from rapportkoll.periods import paired_by_period, side_of

_ONE_NOTE = re.compile(r"^\s*(?:not\s*)?(\d{1,2})\s*$", re.IGNORECASE)
_NOTE_IN_LABEL = re.compile(r",?\s*\bnot\s*(\d{1,2})\s*$", re.IGNORECASE)  # '… poster, not 1'
_NOTE_HEADING = re.compile(r"^\s*not\s*(\d{1,2})\b", re.IGNORECASE)  # 'Not 1 Verksamhetens intäkter', 'Not 11, …'
_NUMBERED = re.compile(r"^\s*(?:not\s*)?\d{1,2}\.?\s+[^\W\d]", re.IGNORECASE)  # '6. Specifikation av …', 'Not 6 …'
_TOTAL_AFTER = re.compile(r"sammanlagt|totalt|summa")  # 'Statsandelar sammanlagt', 'Skatteintäkter totalt'
_SAME_WORDS = (("inkomst", "intäkt"),)  # Finland-Swedish 'skatteinkomster' are Sweden's 'skatteintäkter'


@dataclass(frozen=True)
class Note:
    """Rows ``start``..``end`` (exclusive) of ``table``: one note's lines."""

    table: Table
    start: int
    end: int


def cited_notes(view: TableView) -> list[tuple[int, Note]]:
    """(row, note) of each line with amounts that cites exactly one note printed in the report."""
    headings: dict[int, list[tuple[int, str]]] = {}  # each table's note headings, read when first needed
    found = ((row, _find_note(view, row, number, headings)) for row, number in _references(view))
    return [(row, note) for row, note in found if note]


def note_rules(view: TableView, cited: list[tuple[int, Note]]) -> list[dict]:
    """Rules equating each line that cites one note with that note's total (or its rows' sum)."""
    return [rule for rule in (_linked(view, row, note) for row, note in cited) if rule]


def named_note_rules(view: TableView, cited: list[tuple[int, Note]]) -> list[dict]:
    """Rules equating each line no note number points to with the total of the numbered note named after it,
    where the two agree in a place and disagree in no more places than they agree: the names state the link,
    so a slip in one of two years does not hide it."""
    tables = view.others
    if not tables or _NUMBERED.match(view.table.caption or ""):
        return []
    totals = _named_totals([t for t in tables if t is not view.table and _NUMBERED.match(t.caption or "")
                            and _unique_caption(t, tables)])
    if not totals:
        return []
    citing = {row for row, _ in cited}
    rules = []
    for i, row in enumerate(view.table.rows):
        for note, k in totals.get(_named(row.label.text), ()) if i not in citing else ():
            held, checked = _agreement(view, i, note, [k], _pairs(view.table, note))
            if held and 2 * held >= checked:
                rules.append(_equal(view, i, Note(note, 0, len(note.rows)), k))
                break
    return rules


def _named_totals(notes: list[Table]) -> dict[str, list[tuple[Table, int]]]:
    """The rows of the notes that total a line, by the line's name: the row's name before a total word
    ('Statsandelar sammanlagt …') or after one ('Summa statsandelar')."""
    found: dict[str, list[tuple[Table, int]]] = {}
    for note in notes:
        for k, row in enumerate(note.rows):
            key = _named(row.label.text)
            named = SUM_OF.rest(row.label.text.strip())  # 'Summa statsandelar', 'S:a …'
            names = {key[:m.start()] for m in _TOTAL_AFTER.finditer(key)}
            names |= {_named(named)} if named else set()
            for name in names - {""}:
                found.setdefault(name, []).append((note, k))
    return found


def _named(label: str) -> str:
    """A label's key with the income words of both editions made one (Finland's skatteinkomster, skatteintäkter)."""
    key = normalize_label(label)
    for word, same in _SAME_WORDS:
        key = key.replace(word, same)
    return key


def _references(view: TableView) -> list[tuple[int, str]]:
    """(row, note number) of the lines with amounts that cite exactly one note."""
    table = view.table
    notes = [j for j in range(len(table.columns)) if is_note_column(view, j)]
    amounts = additive_columns(view)
    # without a note column only a label naming 'not' can cite one (most cite none: no pattern search for them; a
    # table where none does is told by one search of its labels folded together, a break between each two)
    labels = view.labels_across("columns")
    if notes:
        candidates = range(len(labels))
    elif "not" in "\n".join(labels).casefold():
        candidates = [i for i, label in enumerate(labels) if "not" in label.casefold()]
    else:
        candidates = []
    cited = []
    for i in candidates:
        row = table.rows[i]
        found = {m[1] for j in notes if (m := _ONE_NOTE.match(row.cells[j].text))}
        if "not" in row.label.text.casefold():
            found |= {m[1] for m in [_NOTE_IN_LABEL.search(row.label.text)] if m}
        if len(found) == 1 and any(row.cells[j].parsed.is_numeric for j in amounts):
            cited.append((i, found.pop()))
    return cited


def _find_note(view: TableView, row: int, number: str, headings: dict) -> Note | None:
    """The note of that number: a table captioned so, else a section headed so in another table or below."""
    tables = view.others or (view.table,)
    for table in tables:
        if table is not view.table and _caption_number(table) == number and _unique_caption(table, tables):
            return Note(table, 0, len(table.rows))
    for table in tables:
        own = table is view.table
        if id(table) not in headings:
            headings[id(table)] = _headings(table, own)
        starts = [i for i, n in headings[id(table)] if n == number and (i > row or not own)]
        if len(starts) == 1 and (own or _unique_caption(table, tables)):
            later = [i for i, _ in headings[id(table)] if i > starts[0]]
            return Note(table, starts[0] + 1, later[0] if later else len(table.rows))
    return None


def _caption_number(table: Table) -> str | None:
    match = _NOTE_HEADING.match(table.caption or "")
    return match[1] if match else None


def _unique_caption(table: Table, tables: tuple[Table, ...]) -> bool:
    """A rule names another table by its caption: only one that no other table has."""
    return bool(table.caption) and sum(t.caption == table.caption for t in tables) == 1


def _headings(table: Table, own: bool) -> list[tuple[int, str]]:
    """(row, number) of the rows that open a note: 'Not 1 …' without amounts, or (in another table) a row
    whose note column holds the number and nothing else."""
    view = TableView.of(table)
    notes = [] if own else [j for j in range(len(table.columns)) if is_note_column(view, j)]
    found = []
    for i, row in enumerate(table.rows):
        if any(c.parsed.is_numeric for j, c in enumerate(row.cells) if j not in notes):
            continue
        label = _NOTE_HEADING.match(row.label.text)
        numbers = [m[1] for j in notes if (m := _ONE_NOTE.match(row.cells[j].text))]
        if label or len(numbers) == 1:
            found.append((i, label[1] if label else numbers[0]))
    return found


def _linked(view: TableView, row: int, note: Note) -> dict | None:
    """The rule for the note's row that agrees with the line best, else for the note's rows as its parts."""
    pairs = _pairs(view.table, note.table)
    best = None
    for k in range(note.start, note.end):
        held, checked = _agreement(view, row, note.table, [k], pairs)
        if 2 * held > checked and (best is None or held >= best[0]):
            best = (held, k)
    if best is not None:
        return _equal(view, row, note, best[1])
    parts = [k for k in range(note.start, note.end) if not BREAKDOWN.search(note.table.rows[k].label.text)]
    held, checked = _agreement(view, row, note.table, parts, pairs) if note.table is view.table else (0, 0)
    return _sum(view, row, parts, pairs) if held >= 2 and 2 * held > checked else None


def _pairs(table: Table, other: Table) -> list[tuple[int, int]]:
    """Columns of the line and of the note holding the same figure: the same, or the same year and side."""
    if other is table:
        return [(j, j) for j in additive_columns(TableView.of(table))]
    return paired_by_period(list(table.columns), list(other.columns), (side_of(table.caption), side_of(other.caption)))


def _agreement(view: TableView, row: int, other: Table, rows: list[int], pairs) -> tuple[int, int]:
    """(places the line equals the note rows' sum with a non-zero amount, places both print numbers)."""
    held = checked = 0
    for j, k in pairs:
        mine = view.cell(row, j).parsed
        theirs = [other.rows[r].cells[k].parsed for r in rows]
        if not mine.is_numeric or not any(p.is_numeric for p in theirs):
            continue
        checked += 1
        total = sum(p.value for p in theirs if p.is_numeric)
        half = sum(p.half_unit for p in theirs if p.is_numeric)
        held += bool(mine.value) and agree(mine, _Amount(total, half))
    return held, checked


@dataclass(frozen=True)
class _Amount:
    """A sum of printed amounts as `agree` reads a number: its value and the rounding it carries."""

    value: float
    half_unit: float


def _title(line: str, note: str) -> dict:
    return {"sv": f"{line} = {note} i noten", "en": f"{line} = {note} in the note"}


def _equal(view: TableView, row: int, note: Note, total: int) -> dict:
    line = occurrence_names([r.label.text for r in view.table.rows])[row]
    named = occurrence_names([r.label.text for r in note.table.rows])[total]
    if note.table is view.table:
        return {"kind": "sum", "severity": "error", "total": line, "parts": [named], "title": _title(line, named)}
    return {"kind": "cross_table", "severity": "error", "match": "period", "row": line,
            "other": {"caption": note.table.caption}, "other_row": named, "title": _title(line, named)}


def _sum(view: TableView, row: int, parts: list[int], pairs) -> dict:
    names = occurrence_names([r.label.text for r in view.table.rows])
    stated = [j for j, _ in pairs if any(view.cell(k, j).parsed.is_numeric for k in parts)]
    return {"kind": "sum", "severity": "error", "total": names[row], "parts": [names[k] for k in parts],
            "title": _title(names[row], ", ".join(names[k] for k in parts)), **column_scope(view, stated)}
