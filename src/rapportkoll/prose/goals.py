"""Goal status against the numbers: 'Uppfyllt' while every indicator misses its target, or the reverse.

A target says its direction ('Max 14 %', 'Minst 29'); a bare number ('80') or a word ('Öka') does
not, and such an indicator is left out: the status may rest on activities, not on the values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapportkoll.findings import CellRef, Finding, Severity
from rapportkoll.model import Cell, Paragraph, Report, Table
from rapportkoll.numbers import parse
from rapportkoll.prose.cite import paragraph_ref, prose_finding, table_cell_ref
from rapportkoll.prose.columns import by_year
from rapportkoll.prose.sentences import split_sentences
from rapportkoll.prose.vocabulary import Vocabulary

_TARGET_COLUMN = re.compile(r"^\s*mål\b", re.IGNORECASE)
_BEDOMNING = re.compile(r"^\s*bedömning\s*:\s*(?P<status>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Indicator:
    """One indicator row: its target cell, the newest value cell, and whether the value meets the target."""

    table: Table
    row: int
    target: Cell
    value: Cell
    met: bool


@dataclass(frozen=True)
class StatusContradiction:
    status: str  # met | not_met
    where: Paragraph | Cell
    indicators: tuple[Indicator, ...]
    start: int = 0  # where the status statement starts in its paragraph


def status_of(text: str, vocabulary: Vocabulary) -> str | None:
    """'Ej uppfyllt' -> not_met, 'Målet beräknas uppnås' -> met, 'Delvis uppfyllt' -> partial."""
    return next((name for name, pattern in vocabulary.status if pattern.search(text)), None)


def indicator(table: Table, row: int, vocabulary: Vocabulary) -> Indicator | None:
    """The row as an indicator with a directed target and a numeric newest value, or None."""
    target_columns = [i for i, c in enumerate(table.columns) if _TARGET_COLUMN.match(c)]
    if len(target_columns) != 1:
        return None
    cells = table.rows[row].cells
    target = cells[target_columns[0]]
    found = vocabulary.target.match(target.text)
    if found is None:
        return None
    bound = parse(found["number"])
    value = next((cells[i] for i in by_year(table, [i for i in range(len(cells)) if i != target_columns[0]])
                  if cells[i].value is not None), None)
    if value is None or bound.value is None:
        return None
    margin = value.parsed.half_unit + bound.half_unit
    if abs(value.value - bound.value) <= margin:
        return None  # at the boundary within rounding: neither met nor missed for certain
    return Indicator(table, row, target, value, (value.value < bound.value) == bool(found["upper"]))


def status_cells(report: Report, vocabulary: Vocabulary) -> list[StatusContradiction]:
    """A status written in an indicator's own row ('Målet beräknas inte nås') against its target and value."""
    found = []
    for table in report.tables:
        if sum(1 for c in table.columns if _TARGET_COLUMN.match(c)) != 1:
            continue  # no row of it is an indicator (`indicator` needs the one target column)
        for i, row in enumerate(table.rows):
            measured = indicator(table, i, vocabulary)
            if measured is None:
                continue
            for cell in row.cells:
                status = status_of(cell.text, vocabulary) if cell.value is None else None
                if status in ("met", "not_met") and (status == "met") != measured.met:
                    found.append(StatusContradiction(status, cell, (measured,)))
    return found


def assessments(report: Report, vocabulary: Vocabulary) -> list[StatusContradiction]:
    """A goal's status stated in the text ('Bedömning: Uppfyllt', 'Målet bedöms inte uppnås.') against the indicator
    tables that follow it (before the next statement): a contradiction only when every indicator that can be
    measured says the opposite."""
    marks = _statements(report, vocabulary)
    found = []
    for (mark, status, start), following in zip(marks, [m[0] for m in marks[1:]] + [None]):
        if status not in ("met", "not_met"):
            continue
        measured = [m for t in _tables_between(report, mark, following) for i in range(len(t.rows))
                    if (m := indicator(t, i, vocabulary)) is not None]
        if measured and all(m.met != (status == "met") for m in measured):
            found.append(StatusContradiction(status, mark, tuple(measured), start))
    return found


def _statements(report: Report, vocabulary: Vocabulary) -> list[tuple[Paragraph, str | None, int]]:
    """Status statements in reading order, with their status and where they start: a 'Bedömning:' line, or a
    sentence that opens with the goal ('Målet är uppfyllt.')."""
    marks = []
    for paragraph in report.prose:
        if paragraph.location.line is None:
            continue
        line = _BEDOMNING.match(paragraph.text)
        if line:
            marks.append((paragraph, status_of(line["status"], vocabulary), 0))
            continue
        sentence = next((s for s in split_sentences(paragraph.text) if vocabulary.goal_opening.match(s.text)
                         and status_of(s.text, vocabulary)), None)
        if sentence is not None:
            marks.append((paragraph, status_of(sentence.text, vocabulary), sentence.start))
    return marks


def _tables_between(report: Report, mark: Paragraph, following: Paragraph | None) -> list[Table]:
    def key(location) -> tuple[int, int]:
        return (location.page or 0, location.line or 0)

    end = key(following.location) if following is not None else (10**9, 10**9)
    return [t for t in report.tables if t.location.line is not None and key(mark.location) < key(t.location) < end]


def goal_finding(found: StatusContradiction) -> Finding:
    """RK506: the status (a sentence or a cell) and each indicator's target and newest value."""
    first = found.indicators[0]
    if isinstance(found.where, Paragraph):
        place = paragraph_ref(found.where, first.table.title, found.start, len(found.where.text))
        status = found.where.text.strip()
    else:
        place = CellRef(first.table.title, first.table.rows[first.row].label.text, "", found.where.text,
                        found.where.location)
        status = found.where.text
    cells = [place] + [table_cell_ref(i.table, i.row, i.table.rows[i.row].cells.index(c))
                       for i in found.indicators for c in (i.target, i.value)]
    said = "; ".join(f"{i.table.rows[i.row].label.text}: {i.value.text} ({i.target.text})" for i in found.indicators)
    sv, en = ("alla mätbara indikatorer når målet", "every measurable indicator meets its target") \
        if found.status == "not_met" else ("ingen mätbar indikator når målet", "no measurable indicator meets its target")
    fields = {"status": status, "evidence_sv": f"{sv}: {said}", "evidence_en": f"{en}: {said}"}
    return prose_finding("RK506", "prose.goal-status", Severity.ERROR, tuple(cells), fields, table=first.table)
