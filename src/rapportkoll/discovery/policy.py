"""Discovery's acceptance policy: how much support each situation needs before a relation is reported.

Every threshold discovery uses is here, named by the situation it decides, with its reason. A
relation is measured at each position (a column for row relations, a row for column relations):
a *fit* where it holds within rounding, a *strong* fit where enough operands are non-zero that the
fit says more than "two equal rows", a *misfit* where it fails, and an *explained* misfit where one
typical slip (a flipped sign, a swapped or mistyped digit, a power of ten) in one operand makes it
hold exactly: a slip repeated in parallel columns (kommun and koncern share a figure) is evidence
for the relation, and the rule then reports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rapportkoll.discovery.evidence import Evidence

# --- evidence in general
MIN_FITS = 2  # never a relation from one cell
MIN_SHARE = 0.6  # robust to one or two wrong cells in a small table
OVERWHELMING_FITS = 4  # at least this many strong fits ...
OVERWHELMING_SHARE = 0.8  # ... and this share make a discovered rule an error, not a warning
CHANCE_MARGIN = 10  # a position whose numbers are within 10× the tolerance fits ~20 % of relations by chance
CHANCE_LIMIT = 1e-4  # fits this unlikely by chance may stand against one misfit (two-column tables)
UNLABELLED_CHANCE = 1e-3  # 'varav' lines with plain lines after them, holding everywhere, need fits this unlikely
SEARCH_CHANCE = 0.05  # how often a search of many candidates may find fits by chance: a table's blocks for a row no
#                      label calls a total, failing somewhere (`unlikely_in_table`); a result row's pairs (`chain`)
EXPLAINABLE_MISFITS = 2  # one slip repeated in a pair of parallel columns; more misfits are no slip
SLIP_CHANCE = 0.01  # a lone fit supports slip explanations only when it is this unlikely by chance
SLIP_MARGIN = 100  # a slip explains a misfit only when its correction is this many tolerances: a last-digit
#                    typo explains nearly any small residual, a correction of hundreds seldom by chance

# --- searches that try many candidates ask for more
COLUMN_FITS = 3  # every pair of columns is tried against every other column
COLUMN_FITS_NAMED = 2  # a header "Avvikelse", "Diff" or "Totalt" is evidence of its own
RATIO_FITS = 3  # every pair of amount columns is tried for each percentage column
ROW_RATIO_CHANCE = 1e-7  # every triple of rows and eight scales are tried (~10⁵ readings in a 25-row summary)
HEADCOUNT_SLACK = 2e-3  # a per-invånare figure is often computed on the population of another day (1 November, the
#                         year's mean): a municipality growing 1-2 % a year differs by some 0,1 % within a month or two
CHAIN_FITS = 2  # a result-worded row ('Resultat', 'Netto') names what it is
CHAIN_CHANCE = 1e-6  # ... a total worded otherwise ('Eget kapital totalt') is tried against ~5 000 pairs and signs
LINK_AGREEING = 3  # rows of two tables agreeing in three non-zero amounts are one figure

# --- bounds of the searches (work per table stays near-linear in its cells)
MAX_PARTS = 40  # the widest block of rows a total sums
WIDEN = 5  # rows above an accepted block tried when it leaves a position unexplained
CHAIN_WINDOW = 60  # earlier rows tried as operands of a result row ('Resultat = intäkter − kostnader')
PAIR_BUDGET = 4_000_000  # column pairs × rows tried before column discovery keeps to neighbouring columns
PAIR_WINDOW_MIN = 8  # ... and the fewest neighbours on each side it then keeps
ROW_RATIO_ROWS = 30  # the longest table whose row triples are tried as ratios (summaries are short; 30 rows: ~20 ms)


def support(evidence: Evidence) -> int:
    """Fits, and misfits a slip explains where the fits show the relation on their own: two strong fits,
    or one too exact for chance (a slip in a table of this year and last leaves one fit)."""
    shown = evidence.strong >= MIN_FITS or (evidence.strong and evidence.chance <= SLIP_CHANCE)
    return evidence.fits + (evidence.explained if shown else 0)


def accepted(evidence: Evidence, min_fits: int = MIN_FITS) -> bool:
    """Support beyond chance: enough strong fits, and fits (with explained misfits) a clear majority."""
    return evidence.strong >= min_fits and support(evidence) >= MIN_SHARE * evidence.informative


def severity(evidence: Evidence) -> str:
    """An error only when the relation holds overwhelmingly; otherwise a warning to review."""
    backed = support(evidence)
    overwhelming = evidence.strong >= OVERWHELMING_FITS and backed >= OVERWHELMING_SHARE * evidence.informative
    return "error" if overwhelming else "warning"


def row_ratio(evidence: Evidence) -> bool:
    """A row that is a scale × one row over another: enough fits, and so exact that the ~10⁵ readings tried
    in a summary table would seldom give one by chance."""
    return accepted(evidence, RATIO_FITS) and evidence.chance <= ROW_RATIO_CHANCE


def chain(evidence: Evidence, worded: bool, tried: int) -> bool:
    """A two-row chain: fits beyond chance and at most one misfit no slip explains (a chain of three rows is
    exact). A result-worded row needs fits that not one of the ``tried`` pairs and signs would give by chance
    in more than SEARCH_CHANCE of tables (two-digit mkr figures fit "Finansiella kostnader netto =
    Avskrivningar − Fastighetsskatt" in three years of five); a total no block of rows explains (equity = assets
    − liabilities in a five-year summary) needs them so exact that the thousands of pairs tried would seldom
    produce one."""
    unlikely = evidence.chance <= CHAIN_CHANCE if not worded else evidence.chance * tried <= SEARCH_CHANCE
    return accepted(evidence, CHAIN_FITS) and evidence.unexplained <= 1 and unlikely


def link(evidence: Evidence, same_label: bool) -> bool:
    """Rows of two tables that are one figure: agreeing in three non-zero amounts and a clear majority, or, where
    they share their label too, in every amount and two at least (a report of this year and last has two)."""
    return accepted(evidence, LINK_AGREEING) or (same_label and accepted(evidence) and evidence.misfits == 0)


def fits_required(total_label: bool) -> int:
    """Positions a block must fit in for a row to be read as its total: one under a total label (the label states
    the relation), else two (`total_of_block`). The searches' screens ask for as many."""
    return 1 if total_label else MIN_FITS


def unlikely_in_table(evidence: Evidence, table_rows: int) -> bool:
    """Fits that the search of the table's blocks would give by chance in at most SEARCH_CHANCE of
    tables (a Bonferroni bound over `blocks_tried`): among 10⁶ rows of four-figure tkr amounts,
    'verksamhet 3 = verksamhet 4 + 5 + 6' fits in three columns of four by chance (1,4·10⁻⁵), which in a
    report's table of 17 rows would be a relation with a slip (Göteborg's nämnd of eleven projects, 7·10⁻⁵)."""
    return evidence.chance * blocks_tried(table_rows) <= SEARCH_CHANCE


def blocks_tried(rows: int) -> int:
    """The blocks the row search may try in a table of ``rows`` rows: each row against the runs of up to
    MAX_PARTS rows right above and right below it (Σ min(r, MAX_PARTS) + min(rows − 1 − r, MAX_PARTS))."""
    near = min(rows, MAX_PARTS + 1)
    return max(1, near * (near - 1) + 2 * MAX_PARTS * (rows - near))


def total_of_block(evidence: Evidence, total_label: bool, parts: int, above: bool, table_rows: int) -> bool:
    """Whether a block of rows is a row's parts.

    One-part 'sums' are mere equal rows: only a total label makes them a relation, and only when
    they hold everywhere. A total label is evidence of its own (one strong fit will do); without
    one, a block that fails somewhere must fit where chance seldom would, in a search of all the table's blocks
    (small numbers fit a wrong block easily: −53 + 7 + 6 = −40 within ±2 among two-digit amounts). A
    total-labelled row under its block may also stand against one unexplained misfit when its fits
    are many, though one part carries the whole amount ('Årets balanskravsresultat'), or too exact
    to be chance: in a table of this year and last a slip leaves one fit of two, and 430 105 + … =
    −7 552 within ±3,5 among six-figure amounts is no coincidence.
    """
    if parts <= 1:
        return total_label and accepted(evidence, 1) and evidence.misfits == 0
    if accepted(evidence, 1 if total_label else MIN_FITS):
        return total_label or not evidence.unexplained or unlikely_in_table(evidence, table_rows)
    one_slip = above and total_label and evidence.unexplained <= 1
    return one_slip and (evidence.fits >= 3 or (evidence.strong >= 1 and evidence.chance <= CHANCE_LIMIT))


def parent_of_block(evidence: Evidence, total_label: bool, parts: int, table_rows: int) -> bool:
    """A parent above its parts: as a total below them, and at most one unexplained misfit, since
    nothing but position says the rows under a row are its parts."""
    return total_of_block(evidence, total_label, parts, False, table_rows) and evidence.unexplained <= 1


def widened_block(wider: Evidence, nearest: Evidence) -> bool:
    """A larger block replaces the nearest one only when it misfits fewer positions and fits no fewer."""
    return wider.fits >= nearest.fits and wider.misfits < nearest.misfits


def named_total(evidence: Evidence) -> bool:
    """'Summa X' under X: the label states the relation, so it holds however small, but everywhere."""
    return evidence.fits > 0 and evidence.misfits == 0


def laid_out_total(evidence: Evidence) -> bool:
    """A label-less row under a heading's lines: the layout states the relation, as a label would, so it holds
    however small its numbers, but everywhere, with all its parts present somewhere."""
    return evidence.strong >= 1 and evidence.misfits == 0


def total_of_subtotals(evidence: Evidence) -> bool:
    """A total-labelled row over the subtotals above it, past rows no total takes: the label states a total, so
    one strong fit will do (a note of one column), but as rows between were passed over, no position may
    disagree beyond what one typical slip explains."""
    return accepted(evidence, 1) and evidence.unexplained == 0


def holds_everywhere(evidence: Evidence) -> bool:
    """A relation position alone suggests, with no search to pay for: in every position, in two at least.

    It decides three situations: a parent of the rows below that is also the total of the
    rows above (one row is seldom two sums by chance); two totals far apart that agree (the balance
    identity); 'varav' lines that add up to their row (they often list only some of it).
    """
    return evidence.strong >= MIN_FITS and evidence.misfits == 0


def section_total(evidence: Evidence) -> bool:
    """A total naming its section's heading: the labels state the relation, so one fit confirms it, if
    no more positions disagree unexplained than fit and at most one does."""
    return accepted(evidence, 1) or (evidence.strong >= 1 and evidence.unexplained <= min(1, evidence.fits))


def total_column(evidence: Evidence) -> bool:
    """A column headed 'Summa' or 'Totalt' over the columns before it: the header states the relation, so it
    needs what a total row needs, two strong fits and a clear majority (wide sums seldom fit by chance). A
    table of one row of amounts can show one fit at most: that one then, too exact for chance."""
    lone = evidence.informative == evidence.strong == 1 and evidence.chance <= SLIP_CHANCE
    return accepted(evidence, MIN_FITS) or lone


def adjusted_column(evidence: Evidence) -> bool:
    """A column the sum of another and a sparse adjustment (Balanskravsresultat = Resultat + Justering): the
    adjustment's rows are its strong fits, as for a named column, and in at least as many more rows the column
    repeats the other operand where the adjustment is nil, which columns seldom do by chance."""
    return accepted(evidence, COLUMN_FITS_NAMED) and evidence.fits - evidence.strong >= MIN_FITS


def result_column(evidence: Evidence) -> bool:
    """A column headed as a result ('Årets resultat') read as a signed sum of four or more columns before it:
    of the many readings tried, only one holding in every position with three strong fits, misfits aside that
    one typical slip explains, is no coincidence."""
    return accepted(evidence, COLUMN_FITS) and evidence.unexplained == 0


def grand_total_on_top(evidence: Evidence) -> bool:
    """A total-labelled row above the section totals below it: as a relation position alone suggests, except
    that a misfit one typical slip explains (a swapped digit in the grand total) is evidence for it where the
    fits show the relation on their own (`support`), so the slip is reported rather than the relation dropped;
    fits must still outnumber such misfits."""
    shown = evidence.strong >= MIN_FITS or (evidence.strong and evidence.chance <= SLIP_CHANCE)
    return bool(shown) and evidence.fits >= MIN_FITS and evidence.unexplained == 0 and evidence.fits > evidence.misfits
