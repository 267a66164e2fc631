"""Trend words against the values: 'fortsätter att minska' about a row whose newest value is higher."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Cell, Paragraph, Table
from rapportkoll.periods import bare_year
from rapportkoll.prose.cite import paragraph_ref, prose_finding, table_cell_ref
from rapportkoll.prose.claims import content_words, last_clause
from rapportkoll.prose.columns import by_year, columns_of
from rapportkoll.prose.linking import certain_row, row_named
from rapportkoll.prose.sentences import split_sentences
from rapportkoll.prose.vocabulary import Vocabulary

_NUMBER_AFTER = re.compile(r"^\s*(?:med\s+)?(?:ca\s+|cirka\s+)?[+-]?\d")  # 'ökat med 5 806 tkr' is a change claim


@dataclass(frozen=True)
class Trend:
    """A trend word in a sentence, the row it is about, and its two newest values."""

    paragraph: Paragraph
    start: int
    end: int
    direction: str  # up | down
    table: Table
    row: int
    newer: Cell
    older: Cell

    @property
    def contradicted(self) -> bool:
        """The values moved the other way by more than their rounding."""
        return moved(self.newer, self.older) not in (None, self.direction)


def trends(paragraph: Paragraph, heading: str, tables: list[Table], vocabulary: Vocabulary) -> list[Trend]:
    """The paragraph's trend words whose row is named for certain and has two newest values of one sign."""
    found = []
    for sentence in split_sentences(paragraph.text):
        for direction, pattern in vocabulary.trend:
            for match in pattern.finditer(sentence.text):
                if not _is_verb(sentence.text[match.end():], vocabulary):
                    continue
                subject = content_words(last_clause(sentence.text[:match.start()], vocabulary), vocabulary)
                located = _located(subject, heading, tables, vocabulary)
                if located is not None:
                    table, row, newer, older = located
                    found.append(Trend(paragraph, sentence.start + match.start(), sentence.start + match.end(),
                                       direction, table, row, newer, older))
    return found


def _is_verb(after: str, vocabulary: Vocabulary) -> bool:
    """The trend word is the clause's verb, not an adjective ('ökade kostnader') or a change with its amount
    ('ökat med 5 806 tkr', judged as a change claim)."""
    if _NUMBER_AFTER.match(after):
        return False
    following = re.match(r"\s*([\wÅÄÖåäö]+)", after)
    return following is None or after.lstrip()[:1] in ".,;:" or following.group(1).casefold() in \
        vocabulary.trend_followers


def _located(subject: tuple[str, ...], heading: str, tables: list[Table], vocabulary: Vocabulary):
    if not subject:
        return None
    match = row_named(subject, tables, vocabulary)
    table, row = match.table, match.row
    if table is None or not certain_row(table.rows[row].label.text, subject + content_words(heading, vocabulary),
                                        vocabulary):
        return None
    pair = two_newest(table, row, vocabulary)
    return None if pair is None else (table, row, *pair)


def two_newest(table: Table, row: int, vocabulary: Vocabulary) -> tuple[Cell, Cell] | None:
    """The row's newest and previous outcome (or bare-year) values, when both are numbers of one sign."""
    columns = by_year(table, columns_of(table, "outcome", vocabulary)
                       or [i for i, c in enumerate(table.columns) if bare_year(c) is not None])
    values = [table.rows[row].cells[i] for i in columns[:2]]
    if len(values) < 2 or any(v.value is None for v in values) or values[0].value * values[1].value < 0:
        return None
    return values[0], values[1]


def moved(newer: Cell, older: Cell) -> str | None:
    """'up' or 'down' in magnitude beyond rounding, else None."""
    change = abs(newer.value) - abs(older.value)
    if abs(change) <= newer.parsed.half_unit + older.parsed.half_unit:
        return None
    return "up" if change > 0 else "down"


def trend_finding(trend: Trend, heading: str) -> Finding:
    """RK507: the sentence with the trend word marked, and the two values that moved the other way."""
    cells = (paragraph_ref(trend.paragraph, heading, trend.start, trend.end),
             table_cell_ref(trend.table, trend.row, _column_of(trend.table, trend.row, trend.newer)),
             table_cell_ref(trend.table, trend.row, _column_of(trend.table, trend.row, trend.older)))
    sentence = next(s.text for s in split_sentences(trend.paragraph.text) if s.start <= trend.start < s.end)
    fields = {"word": trend.paragraph.text[trend.start:trend.end], "row": trend.table.rows[trend.row].label.text,
              "older": trend.older.text, "newer": trend.newer.text, "sentence": " ".join(sentence.split())}
    return prose_finding("RK507", "prose.trend", Severity.ERROR, cells, fields, table=trend.table,
                         expected=trend.older.value, actual=trend.newer.value)


def _column_of(table: Table, row: int, cell: Cell) -> int:
    return table.rows[row].cells.index(cell)
