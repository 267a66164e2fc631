"""A result figure: which row it is (the result row of the group its sentence names, or a qualified result's own
row) and whether its sentence says it plainly enough to call a different value wrong."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapportkoll.model import Table
from rapportkoll.prose.claims import Claim
from rapportkoll.prose.vocabulary import Vocabulary

if TYPE_CHECKING:
    from rapportkoll.prose.linking import Link


def speaks_of_result(claim: Claim, vocabulary: Vocabulary) -> bool:
    """'Resultatet för perioden – ett överskott om …', 'ett positivt resultat … som uppgår till …', and the figures
    that follow such a one ('462 mkr (143 mkr), … en förbättring med 319 mkr')."""
    return claim.type in ("amount", "surplus", "change", "part") and claim.about_result and \
        claim.subject_source != "bold"


def result_rows(claim: Claim, tables: list[Table], vocabulary: Vocabulary) -> list[tuple[Table, int]]:
    """The one result row in scope ('Årets resultat', 'Årets resultat, mnkr'); of several, the one of the claim's
    group (a summary's 'Årets resultat, mkr' under 'Kommunen' and again under 'Koncernen')."""
    qualified = result_qualified(claim, vocabulary)
    named = qualified[1] if qualified else vocabulary.result_rows
    rows = rows_labelled(tables, named)
    return of_group(rows, claim.group, vocabulary) if len(rows) > 1 else rows


def rows_labelled(tables: list[Table], label: re.Pattern[str]) -> list[tuple[Table, int]]:
    """The printed rows whose label, its unit aside ('Årets resultat, mnkr'), is ``label`` in full."""
    return [(t, i) for t in tables for i, row in enumerate(t.rows)
            if not row.is_blank and label.fullmatch(LABEL_UNIT.sub("", row.label.text).strip())]


def result_qualified(claim: Claim, vocabulary: Vocabulary) -> tuple[re.Match[str], re.Pattern[str]] | None:
    """A qualifying phrase before a result figure in its sentence and the row it makes the figure's ('Efter årets
    reservering till resultatutjämningsreserven, RUR, uppgick årets resultat till …': 'Balanskravsresultat';
    'Årets resultat efter balanskravsjusteringar uppgick till …': that row)."""
    before = claim.paragraph.text[claim.sentence.start:claim.start]
    return next(((m, row) for said, row in vocabulary.qualified_results if (m := said.search(before))), None)


LABEL_UNIT = re.compile(r",\s*(?:mnkr|mkr|tkr|kr|%)\s*$|\s*\((?:mnkr|mkr|tkr)\)\s*$", re.IGNORECASE)


def _whose(table: Table, row: int) -> str:
    """Where a row says whose it is: its table's caption and corner ('Koncernen, mnkr' over a five-year summary,
    'Den kommunala koncernen' in the corner) and its section row."""
    return f"{table.caption} {table.corner} {_section(table, row)}"


def _section(table: Table, row: int) -> str:
    """A row's label with the label of the section row above it (a row without values, 'Koncernen')."""
    above = next((table.rows[i].label.text for i in range(row - 1, -1, -1) if table.rows[i].is_blank), "")
    return f"{above} {table.rows[row].label.text}"


def of_group(rows: list[tuple[Table, int]], group: str, vocabulary: Vocabulary) -> list[tuple[Table, int]]:
    """The rows of the koncern (by their table's caption, corner or section row) or the others."""
    koncern = [(t, i) for t, i in rows if vocabulary.koncern.search(_whose(t, i))]
    return koncern if group == "koncern" else [r for r in rows if r not in koncern]


def plain_result(claim: Claim, found: Link, vocabulary: Vocabulary) -> bool:
    """'Koncernens resultat uppgår till 6,4 mnkr, vilket är 30,9 mnkr sämre än föregående år': the sentence opens
    with the result and joins each figure to it only by a link, no qualifier follows the figure ('exklusive …'),
    and whose result it is (kommun or koncern) is said when the table holds both."""
    text = claim.paragraph.text
    qualified = result_qualified(claim, vocabulary)
    # 'Efter årets reservering …, uppgick årets resultat till': the opening phrase left out
    opening = qualified[0].end() if qualified and qualified[0].start() == 0 else 0
    said = vocabulary.plain_result.match(text[claim.sentence.start + opening:claim.start])
    if not said or (said.group("figures") and not claim.prior and claim.type not in ("change", "deviation")):
        return False  # 'vilket jämfört med 2017 var ett lägre resultat med 383 mkr' is a change, not an amount
    after = vocabulary.result_compared.split(text[claim.end:claim.sentence.end], maxsplit=1)[0]
    if vocabulary.result_qualifier.search(after):
        return False
    if claim.group == "koncern":  # the koncern's figure in the koncern's column, section or table
        where = f"{_whose(found.table, found.row)} {found.table.columns[found.column]}"
        return vocabulary.koncern.search(where) is not None
    return claim.group is not None or not _has_koncern(found.table, vocabulary)


def _has_koncern(table: Table, vocabulary: Vocabulary) -> bool:
    return any(vocabulary.koncern.search(c) for c in table.columns) or \
        any(vocabulary.koncern.search(r.label.text) for r in table.rows if r.is_blank)
