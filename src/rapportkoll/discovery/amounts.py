"""Which columns discovery relates: amounts, not note references, and percentages only column-wise.

A resultaträkning's "Not" column holds note numbers (1, 2, 7 …) that no total adds up, and a
"Förändring (%)" column holds ratios that do not add over rows. Summing them would either hide
the table's totals or turn every discovered total into a false error, so row relations leave
them out (and then name the columns they do check); column relations leave out note columns only,
since a percentage column may well be a difference of two others (sjukfrånvaro).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from rapportkoll.columnar import NUMBER, PERCENT
from rapportkoll.discovery.found import TOTAL_WORDS, column_names
from rapportkoll.frame import TableView
from rapportkoll.labels import normalize_label
from rapportkoll.numbers import CellKind
from rapportkoll.vocabulary import terms

NOTE_HEADERS = terms("note_columns")
PERCENT_HEADERS = terms("percent_columns")
RATE_HEADERS = terms("rate_columns")
SHARE_HEADERS = terms("share_columns")
UNNAMED = re.compile(r"^#\d+$")  # how the readers name a column whose header cell is empty
_ALNUM = re.compile(r"[A-Za-z0-9]")  # an ASCII text with one of these keys to something (`_prints_headers`)


@dataclass(frozen=True)
class Roles:
    """What each numeric column is to discovery, decided once per table."""

    relatable: list[int]  # not note references: the scope of column relations
    additive: list[int]  # relatable amounts, not percentages (shares of a whole aside) or rates beside amounts: the
    #                      scope of row relations
    percent: list[int]  # relatable percentages: results of ratio relations

    @classmethod
    def of(cls, view: TableView) -> Roles:
        relatable = [j for j in view.numeric_columns() if not is_note_column(view, j)]
        percent = [j for j in relatable if is_percent_column(view, j)]
        amounts = [j for j in relatable if j not in percent]
        rates = [j for j in amounts if RATE_HEADERS.search(view.table.columns[j])]
        # Amounts per head add up over a municipality's activities (one population) but not over municipalities;
        # beside plain amounts they are left to those, alone they are all there is to check.
        additive = [j for j in amounts if j not in rates] or amounts
        shares = [j for j in percent if is_share_column(view, j)]
        return cls(relatable, sorted(additive + shares), percent)


def additive_columns(view: TableView) -> list[int]:
    """Relatable columns of amounts, not percentages: the scope of row relations (sums, chains)."""
    return Roles.of(view).additive


def is_note_column(view: TableView, j: int) -> bool:
    """Headed "Not", or unheaded (exports drop the header) and holding small whole numbers only:
    note references, though blank on some rows with amounts, are never amounts themselves."""
    header = view.table.columns[j].strip()
    if NOTE_HEADERS.search(header):
        return True
    if header and not UNNAMED.match(header):
        return False
    cells = [row.cells[j].parsed for row in view.table.rows]
    numbers = [p for p in cells if p.is_numeric]
    small_whole = all(p.kind is CellKind.NUMBER and p.decimals == 0 and 0 < p.value < 100 for p in numbers)
    return small_whole and len(numbers) < len(cells)


def is_percent_column(view: TableView, j: int) -> bool:
    """Headed as a percentage, or most of its numbers are (counted once per table, `TableView.percent_cells`)."""
    if PERCENT_HEADERS.search(view.table.columns[j]):
        return True
    numbers = int(np.count_nonzero(~np.isnan(view.frame.values[:, j])))
    percent = int(np.count_nonzero(view.percent_cells[:, j]))
    return percent * 2 > numbers


def is_share_column(view: TableView, j: int) -> bool:
    """Percentages that are shares of one whole: one cell prints 100 % and the others add up to it within their
    rounding, or the header names shares and the 100 % is a total's ('Procentuell fördelning' of a fee among
    member kommuner, where a slip among the shares is then found by the total). They add over rows like amounts."""
    column, halves = view.frame.values[:, j], view.frame.halves[:, j]
    printed = ~np.isnan(column)
    whole = printed & (np.abs(column - 100.0) <= halves)
    rest = printed & ~whole
    if int(np.count_nonzero(whole)) != 1 or int(np.count_nonzero(column[rest])) < 2:
        return False
    if SHARE_HEADERS.search(view.table.columns[j]) and \
            TOTAL_WORDS.search(view.table.rows[int(np.flatnonzero(whole)[0])].label.text):
        return True
    return bool(abs(column[rest].sum() - 100.0) <= halves[rest].sum() + halves[whole].sum())


def column_scope(view: TableView, columns: list[int]) -> dict[str, list[str]]:
    """The `columns` param of a row rule checked in ``columns`` only, or {} when that is every numeric column."""
    if columns == view.numeric_columns():
        return {}
    # A header that names its column alone, else the position ('@3'); '*' would read as a wildcard.
    names = column_names(list(view.table.columns))
    return {"columns": [names[j] for j in columns]}


def header_lines(view: TableView, columns: list[int]) -> np.ndarray:
    """Rows that print the column headers again ('Investeringarnas kassaflöde  2019  2018' over each block of a
    statement printed as stacked blocks, or a header repeated after a page break): each cell is its column's
    header, so its 'numbers' are years, not amounts. Rows printing an amount shorter than its header are ruled
    out at once (`_amount_rows`): nearly every row of a long table."""
    headers = [normalize_label(view.table.columns[j]) for j in columns]
    found = np.zeros(len(view.table.rows), dtype=bool)
    for i in np.flatnonzero(~_amount_rows(view, columns, headers)).tolist():
        found[i] = _prints_headers(view.table.rows[i].texts, columns, headers)
    return found


def _amount_rows(view: TableView, columns: list[int], headers: list[str]) -> np.ndarray:
    """Rows where some cell prints an ASCII number shorter than its column's header: `_prints_headers` stops at it
    (a number holds a digit), from the store's distinct texts and codes (all False for a table without them)."""
    store = view.table.stored
    rows = np.zeros(len(view.table.rows), dtype=bool)
    if store is None or not columns:
        return rows
    length = np.fromiter(map(len, store.texts), dtype=np.int64, count=len(store.texts))
    short_number = np.isin(store.kind, (NUMBER, PERCENT)) \
        & np.fromiter(map(str.isascii, store.texts), dtype=bool, count=len(store.texts))
    for j, header in zip(columns, headers):
        codes = store.codes[:, j]
        rows |= short_number[codes] & (length[codes] < len(header))
    return rows


def _prints_headers(texts: tuple[str, ...], columns: list[int], headers: list[str]) -> bool:
    """Whether some of the cells print their column's header and the others nothing: stops at the first cell
    that prints something else (an amount, in nearly every row), keying no more cells than that. An ASCII text
    with a letter or digit keys to something no longer than itself, so one shorter than the header is something
    else without keying it (keying every amount of a long table also pushed its labels out of the key cache)."""
    printed = False
    for j, header in zip(columns, headers):
        printed_text = texts[j]
        if len(printed_text) < len(header) and printed_text.isascii() and _ALNUM.search(printed_text):
            return False
        if text := normalize_label(printed_text):
            if text != header:
                return False
            printed = True
    return printed
