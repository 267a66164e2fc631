"""Cross-table links discovered from the numbers: a row of one table that repeats a row of another.

Two tables of a report often print the same total under different names ("Summa verksamhet",
"Summa Nettokostnader"). Rows that agree in most of the columns the tables share, and in at least
three non-zero amounts, are the same figure; where they disagree, one of them is wrong. Rows are not
linked by label alone: drift and exploatering tables share their row labels but not their scope. A label
and the amounts together are: rows of one label agreeing in every amount, two at least, are one figure
(the cash flow's first line restating the resultaträkning's in a report of this year and last).
"""

from __future__ import annotations

from collections import defaultdict

from rapportkoll.discovery import policy
from rapportkoll.discovery.evidence import Evidence
from rapportkoll.discovery.found import Found, referable
from rapportkoll.labels import normalize_label
from rapportkoll.model import Table
from rapportkoll.periods import paired_by_period
from rapportkoll.rounding import within


def table_links(table: Table, others: tuple[Table, ...]) -> list[Found]:
    found, usable = [], None
    for other in others:
        selector = _selector(other, others)
        if other.index >= table.index or selector is None:
            continue  # each pair once: the later table refers to the earlier one
        shared, match = _shared_columns(table, other)
        if len(shared) < policy.MIN_FITS:
            continue
        usable = usable or referable([row.label.text for row in table.rows])  # keyed where a table may link
        other_usable = referable([row.label.text for row in other.rows])
        index = _ValueIndex(table, other, shared, other_usable)
        for i, row in enumerate(table.rows):
            candidates = index.candidates(row)
            if "corner" not in selector:  # statements named by caption: where their lines share a label, as below
                candidates = [k for k in candidates if _same_label(row, other.rows[k])]
            link = _best_partner(row, other, shared, candidates) if usable[i] else None
            if link is not None:
                found.append(_found(row.label.text, selector, *link, match))
    return found


def _selector(other: Table, tables: tuple[Table, ...]) -> dict[str, str] | None:
    """How a rule names the other table: by a corner no other table has, else by such a caption (statements of
    one report print the same 'Belopp i tkr' in the corner and their names above), else not at all. Tables
    named by caption are linked only by rows sharing their label: their different lines agreeing in most years
    are often different quantities (a koncern's Årets resultat and its Resultat efter finansiella poster)."""
    for field in ("corner", "caption"):
        value = getattr(other, field)
        if value and sum(getattr(t, field) == value for t in tables) == 1:
            return {field: value}
    return None


def _shared_columns(table: Table, other: Table) -> tuple[list[tuple[int, int]], str]:
    """Columns of the same header, or else of the same year and side ('Kommunen Utfall 2017-12-31' in the
    resultaträkning, 'Kommunen 2017' in its notes), and how the rule is to pair them."""
    keys = {normalize_label(name): k for k, name in enumerate(other.columns)}
    same = [(j, keys[normalize_label(n)]) for j, n in enumerate(table.columns) if normalize_label(n) in keys]
    by_period = paired_by_period(list(table.columns), list(other.columns))
    return (same, "header") if len(same) >= len(by_period) else (by_period, "period")


class _ValueIndex:
    """The other table's referable rows by the amounts they show in each shared column, so a row is compared
    only with rows sharing one of its amounts (a partner agrees in three), not with every row. Amounts are
    keyed by bins wider than any rounding tolerance, so agreeing amounts fall in the same or a next bin."""

    def __init__(self, table: Table, other: Table, shared, usable):
        halves = [row.cells[j].parsed.half_unit for row in table.rows for j, _ in shared]
        halves += [row.cells[jj].parsed.half_unit for row in other.rows for _, jj in shared]
        self._width = 2.0 * max(halves, default=0.5) * 2
        self._columns = [j for j, _ in shared]
        self._rows: dict[tuple[int, int], list[int]] = defaultdict(list)
        for k, row in enumerate(other.rows):
            for j, jj in shared if usable[k] else ():
                parsed = row.cells[jj].parsed
                if parsed.is_numeric and parsed.value != 0:
                    self._rows[(j, int(parsed.value // self._width))].append(k)

    def candidates(self, row) -> list[int]:
        found: set[int] = set()
        for j in self._columns:
            parsed = row.cells[j].parsed
            if parsed.is_numeric and parsed.value != 0:
                key = int(parsed.value // self._width)
                for near in (key - 1, key, key + 1):
                    found.update(self._rows.get((j, near), ()))
        return sorted(found)


def _best_partner(row, other: Table, shared, candidates: list[int]) -> tuple[str, Evidence] | None:
    best = None
    for k in candidates:
        candidate = other.rows[k]
        agree = informative = 0
        for j, jj in shared:
            mine, theirs = row.cells[j].parsed, candidate.cells[jj].parsed
            if not (mine.is_numeric and theirs.is_numeric) or (mine.value == 0 and theirs.value == 0):
                continue
            diff, tol = mine.value - theirs.value, mine.half_unit + theirs.half_unit
            holds = bool(within(diff, tol, max(abs(mine.value), abs(theirs.value))))
            # As in `measure`: amounts within a few roundings of each other agree by chance (2 and 1, ±1).
            if holds and max(abs(mine.value), abs(theirs.value)) <= policy.CHANCE_MARGIN * tol:
                continue
            informative += 1
            agree += holds
        evidence = Evidence(agree, informative, agree)
        if policy.link(evidence, _same_label(row, candidate)):
            if best is None or agree > best[1].fits:
                best = (candidate.label.text, evidence)
    return best


def _same_label(row, other_row) -> bool:
    return normalize_label(row.label.text) == normalize_label(other_row.label.text)


def _found(label: str, selector: dict[str, str], other_label: str, evidence: Evidence, match: str) -> Found:
    params = {"row": label, "other": selector, "other_row": other_label,
              **({"match": match} if match != "header" else {})}
    name = next(iter(selector.values()))
    return Found("cross_table", params, evidence, f"{label} = {other_label} i tabellen {name}",
                 f"{label} = {other_label} in table {name}")
