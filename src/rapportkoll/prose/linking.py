"""Linking a claim to the table cell it speaks of, by structure and words; the value never chooses."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapportkoll.model import Table
from rapportkoll.prose.claims import Claim, content_words
from rapportkoll.prose.columns import columns_of, find_column, find_column_for_result
from rapportkoll.prose.sentences import names, word_list
from rapportkoll.prose.totals import said_of_total, total_row
from rapportkoll.prose.results import (LABEL_UNIT, of_group, plain_result, result_qualified, result_rows,
                                       speaks_of_result)
from rapportkoll.prose.vocabulary import Vocabulary


@dataclass(frozen=True)
class RowMatch:
    """The row a claim's subject names in one of its scope's tables, or why none was chosen."""

    table: Table | None
    row: int | None
    reason: str = ""
    total: bool = False  # the total row of a total said of the rows (see totals): never sure enough to be wrong


@dataclass(frozen=True)
class Link:
    """A claim's cell: ``column`` None when the row is known but no column holds such a quantity.

    ``previous`` is the earlier year's outcome column when a change is read as the difference of two years.
    """

    table: Table
    row: int
    column: int | None
    previous: int | None = None
    reason: str = ""
    factor: float = 1.0  # the table's unit in tkr
    total: bool = False


def find_row(claim: Claim, tables: list[Table], vocabulary: Vocabulary, report: tuple[Table, ...] = ()) -> RowMatch:
    """The row whose label the subject names best; a tie or no match is no row. A qualified result's row (one
    figure of the whole report: 'Balanskravsresultat') is looked for in all the report's tables (``report``). A
    total said of rows none of which the subject names is the scope's one total row."""
    found = _named_row(claim, tables, vocabulary, report)
    if found.reason in ("no-row", "no-subject") and said_of_total(claim, vocabulary):
        total = total_row(tables, vocabulary)
        return RowMatch(*total, total=True) if total else found
    return found


def _named_row(claim: Claim, tables: list[Table], vocabulary: Vocabulary, report: tuple[Table, ...]) -> RowMatch:
    if speaks_of_result(claim, vocabulary):
        found = _result_row(claim, tables, vocabulary)
        if found.table is None and report and result_qualified(claim, vocabulary):
            return _result_row(claim, list(report), vocabulary)
        return found if tables else RowMatch(None, None, "no-table")
    if not tables:
        return RowMatch(None, None, "no-table")
    if not claim.subject:
        return RowMatch(None, None, "no-subject")
    return row_named(claim.subject, tables, vocabulary, claim.group)


def row_named(subject: tuple[str, ...], tables: list[Table], vocabulary: Vocabulary,
              group: str | None = None) -> RowMatch:
    """The one row the words name best; a tie or no match is no row. Of tied rows in a kommun's and a koncern's
    table (two five-year summaries), the one of the claim's ``group``."""
    scored = [(label_score(row.label.text, subject, vocabulary), t, i) for t in tables for i, row in enumerate(t.rows)]
    best = max((s[0] for s in scored), default=(0, 0.0))
    if best[0] == 0:
        return RowMatch(None, None, "no-row")
    winners = [(t, i) for score, t, i in scored if score == best]
    if len(winners) > 1 and group is not None:
        winners = of_group(winners, group, vocabulary)
    return RowMatch(*winners[0]) if len(winners) == 1 else RowMatch(None, None, "ambiguous-row")


def _result_row(claim: Claim, tables: list[Table], vocabulary: Vocabulary) -> RowMatch:
    specific = [] if result_qualified(claim, vocabulary) else _specific_result_rows(claim, tables, vocabulary)
    rows = specific if len(specific) == 1 else result_rows(claim, tables, vocabulary)
    return RowMatch(*rows[0]) if len(rows) == 1 else RowMatch(None, None, "ambiguous-row" if rows else "no-row")


def _specific_result_rows(claim: Claim, tables: list[Table], vocabulary: Vocabulary) -> list[tuple[Table, int]]:
    """Rows of a result of its own ('Årets balanskravsresultat', 'Verksamhetens resultat') whose label, 'årets'
    aside, its sentence says word for word in order before the figure: 'då balanskravsresultatet är positivt med
    2 250 mnkr (1 858 mnkr)' is not 'Årets resultat', nor is 'Stadens verksamheter har … och årets resultat'
    'Verksamhetens resultat'."""
    said = word_list(claim.paragraph.text[claim.sentence.start:claim.start])
    found = []
    for t in tables:
        for i, row in enumerate(t.rows):
            label = LABEL_UNIT.sub("", row.label.text).strip()
            if row.is_blank or not vocabulary.own_result.search(label) or vocabulary.result_rows.fullmatch(label):
                continue
            tokens = [w for w in label_tokens(label, vocabulary) if w not in vocabulary.own_result_leave_out]
            if tokens and _said_in_order(tokens, said, vocabulary):
                found.append((t, i))
    return found


def _said_in_order(tokens: list[str], said: list[str], vocabulary: Vocabulary) -> bool:
    return any(all(names(said[k + j], token, vocabulary.unit_words) for j, token in enumerate(tokens))
               for k in range(len(said) - len(tokens) + 1))


def label_score(label: str, subject: tuple[str, ...], vocabulary: Vocabulary) -> tuple[int, float]:
    """(label words named, share of the label's words named): 'Övriga kostnader' beats 'Verksamhetens kostnader'."""
    tokens = label_tokens(label, vocabulary)
    if not tokens:
        return (0, 0.0)
    starts = {w[:3] for w in subject}  # a word names a token only if both start alike: a cheap first sieve
    named = sum(1 for t in tokens if t[:3] in starts and any(names(w, t, vocabulary.unit_words) for w in subject))
    return (named, named / len(tokens))


@lru_cache(maxsize=4096)
def label_tokens(label: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The words of a row label that can be named (aliases written out, stopwords left out)."""
    return tuple(w for w in word_list(aliased(label, vocabulary)) if w not in vocabulary.stopwords and "-" not in w)


def aliased(text: str, vocabulary: Vocabulary) -> str:
    """A label or text with its aliases written out ('Ks övrig verksamhet' -> 'kommunstyrelsen övrig …')."""
    for pattern, canonical in vocabulary.aliases:
        text = pattern.sub(canonical, text)
    return text


def table_factor(table: Table, vocabulary: Vocabulary) -> float | None:
    """The table's unit in tkr: 'Mkr' in its caption, corner or headers makes it 1 000; None when it says none."""
    said = " ".join((table.caption, table.corner, *table.columns))
    for unit, _ in vocabulary.units:
        if unit.kind == "money" and re.search(rf"(?<!\w)(?:{unit.pattern})(?!\w)", said, re.IGNORECASE):
            return unit.factor
    return None


def row_factor(table: Table, row: int, vocabulary: Vocabulary) -> float | None:
    """A row's unit in tkr: the one its label states ('Årets resultat, mkr' in a summary of mixed units), else
    its table's."""
    stated = LABEL_UNIT.search(table.rows[row].label.text)
    if stated:
        for unit, pattern in vocabulary.units:
            if unit.kind == "money" and pattern.match(stated.group().strip(" ,()")):
                return unit.factor
    return table_factor(table, vocabulary)


def _unstated_factor(claim: Claim, table: Table, row: int, column: int | None) -> float:
    """A table that states no unit is read in tkr, or in the claim's money unit where that reads its cell nearer the
    claim ('62,5 mnkr' beside a five-year summary's 62,5): an unstated unit is never called a factor-1000 slip."""
    value = table.rows[row].cells[column].value if column is not None else None
    if not value or claim.unit is None or claim.unit.kind != "money" or not claim.value:
        return 1.0
    claimed = abs(claim.value) * claim.unit.factor
    return min((1.0, claim.unit.factor), key=lambda f: abs(math.log(abs(value) * f / claimed)))


def link(claim: Claim, tables: list[Table], vocabulary: Vocabulary, report: tuple[Table, ...] = ()) -> Link | RowMatch:
    """The claim's cell, or the row match that says why there is none."""
    match = find_row(claim, tables, vocabulary, report)
    if match.table is None:
        return match
    if claim.type == "percent":  # 'Soliditeten har ökat från 26,1 procent till 26,8 procent': a row of percentages
        if not _percent_row(match.table, match.row):
            return RowMatch(None, None, "not-a-percent-row")
        column, previous, reason = find_column(replace(claim, type="amount"), match.table, vocabulary)
        return Link(match.table, match.row, column, previous, reason, 1.0)
    column, previous, reason = find_column(claim, match.table, vocabulary)
    result_read = speaks_of_result(claim, vocabulary) and claim.type == "surplus"
    if result_read:
        column, previous, reason = find_column_for_result(claim, match.table, vocabulary)
    elif match.total and speaks_of_result(claim, vocabulary) and not columns_of(match.table, "result", vocabulary):
        # the units' 'sammanlagt resultat' in a table without a result column is their deviation against budget
        column, previous, reason = find_column(replace(claim, type="surplus"), match.table, vocabulary)
    factor = row_factor(match.table, match.row, vocabulary)
    if factor is None:
        factor = _unstated_factor(claim, match.table, match.row, column)
    return Link(match.table, match.row, column, previous, reason, factor, match.total)


def _percent_row(table: Table, row: int) -> bool:
    """A row of percentages: its label says so ('Soliditet, %', 'i procent') or its cells are written with '%'."""
    line = table.rows[row]
    if "%" in line.label.text or "procent" in line.label.text.casefold():
        return True
    written = [c.text for c in line.cells if c.text.strip()]
    return bool(written) and all(t.rstrip().endswith("%") for t in written)


# "personalkostnaderna för den politiska verksamheten ökade med 922 tkr": a qualifier narrows the row to a part.
_QUALIFIED = re.compile(r"^\W*(?:för|inom|avseende|gällande|kopplat till|inkluderar)\s+(?:den |det |de )?\w+",
                        re.IGNORECASE)


def certain(claim: Claim, found: Link, vocabulary: Vocabulary) -> bool:
    """Sure enough of the row to call a different value wrong: the row named in full (by the subject or its
    heading), by the claim itself and not as an aside or a qualified part of it. A result figure is sure only when
    said plainly (see plain_result). A total row found for a total said of the rows is never sure."""
    if found.total:
        return False
    if speaks_of_result(claim, vocabulary):
        return plain_result(claim, found, vocabulary)
    if claim.aside or claim.subject_source not in ("bold", "clause", "part", "heading", "inherited"):
        return False
    label = found.table.rows[found.row].label.text
    if claim.subject_source != "bold" and not certain_row(label, claim.subject + content_words(claim.heading,
                                                                                               vocabulary), vocabulary):
        return False
    return not _qualified(claim, label, vocabulary) and not _names_another_row(claim, found, vocabulary)


def _names_another_row(claim: Claim, found: Link, vocabulary: Vocabulary) -> bool:
    """'Skatteintäkter och generella bidrag ökade med 112,2 miljoner kronor': the words the linked row's label
    leaves over name another row of its table, so the figure may be two rows together."""
    tokens = label_tokens(found.table.rows[found.row].label.text, vocabulary)
    left = tuple(w for w in claim.subject if not any(names(w, t, vocabulary.unit_words) for t in tokens))
    return bool(left) and any(label_score(row.label.text, left, vocabulary)[0] > 0
                              for i, row in enumerate(found.table.rows) if i != found.row and not row.is_blank)


def certain_row(label: str, words: tuple[str, ...], vocabulary: Vocabulary) -> bool:
    """The words name the label in full; 'IT/Växel/Telefoni' is named by 'IT', the first of its alternatives."""
    return any(label_score(name, words, vocabulary)[1] >= 1.0 for name in (label, label.split("/")[0]))


def _qualified(claim: Claim, label: str, vocabulary: Vocabulary) -> bool:
    tokens = [w for w in word_list(label) if w not in vocabulary.stopwords]
    text = claim.clause
    ends = [m.end() for m in re.finditer(r"[\wÅÄÖåäö-]+", text)
            if any(names(m.group().casefold(), t, vocabulary.unit_words) for t in tokens)]
    return bool(ends) and _QUALIFIED.match(text[ends[-1]:]) is not None
