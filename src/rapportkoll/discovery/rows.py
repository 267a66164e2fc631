"""Row relations discovered from the numbers: totals of the rows below or above, and two-row chains.

Hierarchical tables put a parent either above its parts (Expansionsinvestering, then its projects)
or below them (Summa kostnader). Parents of the rows below are found first, from the bottom up
(parts_below.py); their parts are then claimed, so a grand total on top or further down sums only the unclaimed rows
(the parents). A total under its parts (parts_above.py) is read, in this order, as "Summa X" of the row X above it,
as the total of a section whose heading it names, as the nearest block of rows above that adds
up, or else through the subtotals its layout shows (subtotals.py). Headings and "varav" lines are
never parts. Blocks are found from running sums over the unclaimed rows nearest the total (at
most `policy.MAX_PARTS`), so the work grows with the rows; what a table of sections closed by totals makes
predictable is computed for many rows at once (first_pass.py, chain_screen.py) and read where it holds.
"""

from __future__ import annotations

import re
from itertools import islice, takewhile

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.amounts import Roles, column_scope
from rapportkoll.discovery.breakdowns import nearest_detail, with_siblings
from rapportkoll.discovery.blocks import Amounts, Block, RowStack, Unclaimed, block_evidence
from rapportkoll.discovery.chain_screen import ChainScreen
from rapportkoll.discovery.chains import two_row_chain
from rapportkoll.discovery.evidence import Evidence
from rapportkoll.discovery.first_pass import FirstPass
from rapportkoll.discovery.found import BARE_SUM, BREAKDOWN, RESULT_WORDS, SUM_OF, TOTAL_WORDS, Found, row_names
from rapportkoll.discovery.identities import equal_totals
from rapportkoll.discovery.parts_above import PartsAbove
from rapportkoll.discovery.parts_below import PartsBelow
from rapportkoll.discovery.subtotals import release, through_subtotals
from rapportkoll.frame import TableView
from rapportkoll.labels import label_keys, label_words
from rapportkoll.vocabulary import Terms, terms

DETAIL = re.compile(r"^\s*[–—•-]\s*\w")  # a detail line's leading dash or bullet
NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+\w")  # an item of a numbered list ('1. Dagsammanträden')
BREAKDOWN_HEADING = terms("breakdown_headings")
RATES = terms("rate_rows")

_SCREENED_AHEAD = 32  # rows screened at once for a total above them (a table of nämnder pops every tenth row)


def row_relations(view: TableView, roles: Roles) -> list[Found]:
    columns = roles.additive
    if not columns:
        return []
    search = _Search(view, columns)
    return (search.headed_breakdowns() + search.parents_of_rows_below() + search.totals_of_rows_above() + search.grand_totals_on_top()
            + search.breakdowns()
            + search.identities() + search.chains())


class _Search(PartsAbove, PartsBelow):
    """One table's row search: which rows are claimed as parts, and which totals are explained."""

    def __init__(self, view: TableView, columns: list[int]):
        self.labels = [row.label.text for row in view.table.rows]
        # keyed and formed once per table, all labels at once (shared with `Terms.rows` and later stages by the tuple)
        self._label_tuple = tuple(self.labels)
        self.keys = label_keys(self._label_tuple)
        self.words = label_words(self._label_tuple)
        self.names = row_names(self.labels, self.keys)
        self.usable = [name is not None for name in self.names]
        # A row printed without a label under a block is its subtotal, and an unnumbered row under numbered items
        # their total ('Förändring' under '1. …', '2. …'): the layout names it, as a total word would.
        numbered = [bool(NUMBERED.match(label)) for label in self.labels]
        self._total_words = self._searched(TOTAL_WORDS)  # searched once (also _closes)
        self.total_label = [bool(found) or not label.strip() or (i > 0 and numbered[i - 1] and not numbered[i])
                            for i, (found, label) in enumerate(zip(self._total_words, self.labels))]
        self.view, self.columns = view, columns
        self.scope = column_scope(view, columns)
        self.amounts = Amounts.of(view, columns)
        # Headings hold no amount (a note number at most): they name a section, they are no part of it. A row
        # of dashes ('Extraordinära poster  –  –') is no heading: it states its amounts are nil; nor is an empty
        # detail line printed with a dash like its siblings ('– Goodwill').
        self._blank_rows = self.amounts.empty.all(axis=1).tolist()  # rows with nothing printed, found once
        self.headings = [i for i, blank in enumerate(self._blank_rows) if blank and not DETAIL.match(self.labels[i])]
        # The first row after each row that closes the rows above it (a total, _closes), else the table's end.
        closes = np.array([row for row, found in enumerate(self._total_words) if found and self._closes(row)] +
                          [len(self.labels)], dtype=np.int64)
        self.closing = closes[np.searchsorted(closes, np.arange(len(self.labels)), side="right")].tolist()
        self.unclaimed = Unclaimed(len(self.labels))
        for i in self.headings:
            self.unclaimed.claim(i)
        self._breakdown = [bool(found) for found in self._searched(BREAKDOWN)]
        for i, rate in enumerate(self._searched(RATES)):
            if self._breakdown[i] or rate:  # a percentage or per-head row adds to nothing
                self.unclaimed.claim(i)
        self.explained: set[int] = set()
        self.parts_of: dict[int, set[int]] = {}
        self.first_pass = FirstPass(self.amounts, {})  # no runs measured before `totals_of_rows_above` makes them

    def _searched(self, entry: Terms) -> list[re.Match | None]:
        """Where the entry's terms sit in each label: the labels holding one found by one scan of them all
        (`Terms.rows`), and only those searched for the match (`Terms.search_formed`, the labels formed once)."""
        found: list[re.Match | None] = [None] * len(self.labels)
        for i in entry.rows(self._label_tuple):
            found[i] = entry.search_formed(self.keys[i], self.words[i])
        return found

    def _closes(self, row: int) -> bool:
        """A total-labelled row closes the rows above it, unless only a compound's tail makes it one and an
        item follows it ('Exploateringsresultat' amid the items of a total printed above them)."""
        label, found = self.labels[row], self._total_words[row]
        if not found or not (found.start() and label[found.start() - 1].isalpha()):
            return bool(found)
        after = row + 1
        return after >= len(self.labels) or self.total_label[after] or self._blank_rows[after]

    def _take(self, total: int, block: Block | None, where: str) -> Found | None:
        if not block or not all(self.usable[p] for p in block[0]):
            return None
        for part in block[0]:
            self.unclaimed.claim(part)
        self.explained.add(total)
        self.parts_of[total] = set(block[0])
        return _sum(self.names, total, *block, where, self._scope(total, block[0]))

    def _scope(self, total: int, parts: list[int]) -> dict:
        """The table's columns, less those printing the total alone (no part stated there)."""
        if not self._unstated(total, parts):
            return self.scope
        unstated = self.amounts.unstated(parts) & ~self.amounts.blank[total]
        return column_scope(self.view, [j for j, skip in zip(self.columns, unstated) if not skip])

    def totals_of_rows_above(self) -> list[Found]:
        """Totals of the rows above; a parent of the rows below may be both ('SUMMA TILLGÅNGAR' sums the assets
        above and, in a balanced sheet, equals the liabilities printed under it; 'Eget kapital vid årets slut' is
        the opening balance and the result above it, and the reserves under it)."""
        found = []
        parents = set(self.explained)
        self.first_pass = FirstPass(self.amounts, self._runs())
        above = self.above = RowStack(self.amounts)
        free = [r for r in range(len(self.labels)) if not self.unclaimed.claimed(r)]
        chain = ChainScreen(self.amounts, free, self.total_label, policy.MAX_PARTS)
        chain.resume(above, -1)
        screened: dict[int, int] = {}  # the screen of the unclaimed rows ahead, valid until the stack is popped
        section = 0  # rows pushed since the last total-labelled row: what the chain screen expects its total to take
        for position, total in enumerate(free):
            if self.unclaimed.claimed(total):
                continue
            labelled = self.total_label[total]
            searched = self.usable[total] and (labelled or (self.headings and self._section_heading(total) is not None)
                                               or self._screened_above(above, screened, chain, total))
            block = self._block_above(total, total in parents) if searched else None
            taken = self._take(total, block, "above") if block else None
            if taken:
                chain.broken |= not labelled or sorted(above.top(section)) != sorted(block[0])
                release(self, above, block[0], total)  # mostly the nearest unclaimed rows: the top of the stack
                screened.clear()
                found.append(taken)
            elif labelled:
                chain.broken = True  # its rows stay on the stack under it
            section = 0 if labelled else section + 1
            above.push(total)
            if labelled:
                chain.resume(above, position)
        return found

    def _runs(self) -> dict[int, list[int]]:
        """Each total-labelled row's run for the first pass: the unclaimed rows since the total-labelled row above
        it, nearest first (at most `policy.MAX_PARTS`)."""
        runs, run = {}, []
        for row in range(len(self.labels)):
            if self.total_label[row] and not self.unclaimed.claimed(row):
                runs[row], run = run[:-policy.MAX_PARTS - 1:-1], []
            elif not self.unclaimed.claimed(row):
                run.append(row)
        return runs

    def _screened_above(self, above: RowStack, screened: dict[int, int], chain: ChainScreen, total: int) -> bool:
        """Whether a run of the nearest rows above adds up to the total where a search of it could accept the run
        (`RowStack.prefits`), screened for the next unclaimed rows at once. A row no label calls a total is a sum
        of the rows above only with two strong fits (`policy.total_of_block`; a parent of the rows below needs
        them too), so a run fitting one position is searched only where the label names a sum (`_named_total`,
        `_whole_list`): four columns fit a chance run in one position in one row of twenty-five."""
        if (counted := chain.count(total)) is not None:
            screened[total] = counted
        elif total not in screened:  # the rows up to the next total, which is searched (and may pop) anyway
            ahead = list(islice(takewhile(lambda r: r == total or not self.total_label[r],
                                          (r for r in range(total, len(self.labels)) if not self.unclaimed.claimed(r))),
                                _SCREENED_AHEAD))
            screened.clear()
            screened.update(zip(ahead, above.prefits_ahead(ahead, policy.MAX_PARTS)))
        fitting = screened[total]
        return fitting >= policy.MIN_FITS or (fitting == 1 and self._names_sum(total))

    def _names_sum(self, row: int) -> bool:
        """Whether the label names a sum, as the searches that accept one fit on the label's word read it."""
        label = self.labels[row]
        return row in self._named_keys or bool(BARE_SUM.search(label.strip()) or SUM_OF.search(label.strip()))

    def _block_above(self, total: int, parent: bool) -> Block | None:
        """No run of rows above adds up to a row the search reaches but for its label, or one it names."""
        if parent:
            block = self._parts_above(total)
            return block if block and policy.holds_everywhere(block[1]) else None
        return self._named_total(total) or self._section_parts(total) or self._listed(total) \
            or through_subtotals(self, total)

    def _listed(self, total: int) -> Block | None:
        """The nearest block of rows above that the total sums, unless it leaves columns where the total is printed
        and the labels state that the total sums the whole list: 'Summa nämndbudget' equals its one undistributed
        line in the plan years, and sums the nämnder in the budget years (Åmål)."""
        nearest = self._parts_above(total)
        if nearest and not self._unstated(total, nearest[0]):
            return nearest
        return self._whole_list(total) or nearest

    def grand_totals_on_top(self) -> list[Found]:
        """A grand total printed above the sections it closes ('Summa skatte- och avgiftsfinansierat' first, each
        section's 'Summa …' under its own rows): the section totals below it (policy.grand_total_on_top)."""
        found = []
        for top in range(len(self.labels)):
            if not self.total_label[top] or top in self.explained or self.unclaimed.claimed(top) or \
                    not self.usable[top]:
                continue
            sections = [t for t in sorted(self.parts_of) if t > top and not self.unclaimed.claimed(t)]
            evidence = block_evidence(self.amounts, top, sections) if len(sections) >= 2 else None
            if evidence and policy.grand_total_on_top(evidence):
                found.append(self._take(top, (sections, evidence), "below"))
        return [f for f in found if f]

    def headed_breakdowns(self) -> list[Found]:
        """A row over a line 'Varav' and the lines it details (a nämnd, then its sectors): claimed before any other
        search, so a grand total sums the nämnder, not their lines."""
        found = []
        for heading in self.headings:
            parent = heading - 1
            if parent < 0 or not BREAKDOWN_HEADING.search(self.labels[heading]) or parent in self.headings:
                continue
            lines = list(takewhile(lambda i: not (self.unclaimed.claimed(i) or self.total_label[i]),
                                   range(heading + 1, min(len(self.labels), heading + 1 + policy.MAX_PARTS))))
            taken = self._take(parent, nearest_detail(self.amounts, parent, lines), "below")
            found += [taken] if taken else []
        return found

    def breakdowns(self) -> list[Found]:
        """A row whose 'varav' lines add up to it: the breakdown checked as a relation of its own, while the
        lines stay out of every other sum (Materiella anläggningstillgångar, varav mark …, varav maskiner …)."""
        found = []
        # the 'varav' lines printing something (a heading 'Varav' is no line of amounts)
        line = [breakdown and not blank for breakdown, blank in zip(self._breakdown, self._blank_rows)]
        for row in [row for row in range(len(self.labels) - 1) if line[row + 1]]:  # the rows such lines follow
            details = list(takewhile(line.__getitem__, range(row + 1, len(self.labels))))
            if self._breakdown[row] or not all(self.usable[i] for i in [row, *details]):
                continue
            evidence = block_evidence(self.amounts, row, details)
            block = (details, evidence) if len(details) >= 2 and policy.holds_everywhere(evidence) else \
                with_siblings(self.amounts, row, details, self._siblings(details[-1] + 1))
            if block and all(self.usable[i] for i in block[0]):
                found.append(_sum(self.names, row, *block, "below", self.scope))
        return found

    def _siblings(self, start: int) -> list[int]:
        """The plain lines from ``start`` up to the next heading or total (at most `policy.WIDEN`)."""
        plain = takewhile(lambda i: not (self.total_label[i] or self._blank_rows[i] or self._breakdown[i]),
                          range(start, len(self.labels)))
        return list(islice(plain, policy.WIDEN))

    def identities(self) -> list[Found]:
        """Totals equal to an earlier total they do not sum (the balance identity); a row found to sum a block is a
        total by its numbers, labelled so or not (TILLGÅNGAR, SKULDER, AVSÄTTNINGAR OCH EGET KAPITAL)."""
        totals = [i for i in range(len(self.labels)) if (self.total_label[i] or i in self.parts_of) and self.usable[i]]
        return [_sum(self.names, later, [earlier], evidence, "equal", self.scope)
                for later, earlier, evidence in equal_totals(self.amounts, totals, self.parts_of)]

    def chains(self) -> list[Found]:
        found = []
        for result, result_words in enumerate(self._searched(RESULT_WORDS)):
            worded = bool(result_words)
            if result not in self.explained and self.usable[result] and (worded or self.total_label[result]):
                rows = [i for i in range(max(0, result - policy.CHAIN_WINDOW), result) if self.usable[i]]
                found.append(two_row_chain(self.amounts, result, rows, self.names, self.scope, worded))
        return [f for f in found if f]


def _sum(labels, total: int, parts: list[int], evidence: Evidence, where: str, scope: dict) -> Found:
    params = {"total": labels[total], "parts": [labels[p] for p in parts], **scope}
    if where == "equal":
        text = f"{labels[total]} = {labels[parts[0]]}"
        return Found("sum", params, evidence, text, text, (total, *parts))
    words = {"below": ("raderna under", "the rows below"), "above": ("raderna ovanför", "the rows above")}[where]
    return Found("sum", params, evidence, f"{labels[total]} = summan av {len(parts)} av {words[0]}",
                 f"{labels[total]} = sum of {len(parts)} of {words[1]}", (total, *parts))
