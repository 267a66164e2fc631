"""Choosing a claim's column: by its type and horizon, its year, and the table's column group (kommun, koncern)."""

from __future__ import annotations

import re
from dataclasses import replace

from rapportkoll.model import Table
from rapportkoll.prose.claims import Claim
from rapportkoll.prose.sentences import names, word_list
from rapportkoll.prose.vocabulary import Vocabulary

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?:\d\d|-\d\d)?(?!\d)")
_PERIOD_MARK = re.compile(r"\d{6}|\d{4}-\d\d|\bper\b|\back|period|januari|april|juni|augusti|tertial|delår",
                          re.IGNORECASE)
_DATED_ROLES = ("outcome", "forecast", "budget", "result")  # roles whose columns a stated year chooses among
Choice = tuple[int | None, int | None, str]  # (column, previous-year column, reason when there is none)


def find_column(claim: Claim, table: Table, vocabulary: Vocabulary) -> Choice:
    """The column for the claim's type and horizon, in its group and year (the newest unless it says otherwise)."""
    if claim.type in _OF_DEVIATION_TABLES and deviation_table(table, vocabulary):
        chosen = _in_deviation_table(claim, table, vocabulary)
        if chosen is not None:
            return chosen
    role, period = _role(claim)
    if _shows_no_forecast(table, vocabulary) and vocabulary.forecast_words.search(claim.sentence.text):
        return None, None, "no-forecast-column"
    final = _final(claim, table, vocabulary)
    if final and (role == "forecast" or role is None and claim.type in ("amount", "part")):
        role = "outcome"
    if role is None:
        return None, None, "no-column-for-type"
    candidates = columns_of(table, role, vocabulary)
    if role == "deviation":
        return _deviation(claim, table, candidates, period, final, vocabulary)
    if role == "difference" and not candidates:
        outcome = by_year(table, _of_group(claim, table, columns_of(table, "outcome", vocabulary), vocabulary,
                                           "outcome"))
        return (outcome[0], outcome[1], "") if len(outcome) >= 2 else (None, None, "no-column")
    return _in_year(claim, table, candidates, role, vocabulary)


_OF_DEVIATION_TABLES = ("amount", "deviation", "surplus", "part")


def deviation_table(table: Table, vocabulary: Vocabulary) -> bool:
    """A table of deviations: its caption or corner says so and it shows no budget, so every value is a deviation
    ('Prognosavvikelse, Mkr': Bokslut, Delårsrapport jan-aug, Avvikelse; 'Prognos budgetavvikelser, mkr')."""
    return vocabulary.deviation_table.search(f"{table.caption} {table.corner}") is not None and \
        not columns_of(table, "budget", vocabulary)


def _in_deviation_table(claim: Claim, table: Table, vocabulary: Vocabulary) -> Choice | None:
    """A result, surplus or deviation in a table of deviations: its one column; else the one column its clause
    names ('Vid bokslutet uppgick den till -70 Mkr': 'Bokslut'; 'en negativ prognosavvikelse på 150 Mkr', the
    table's own quantity: its deviation column); else the forecast column for a forecast ('prognostiserades … till
    +80 Mkr': 'Delårsrapport jan-aug') and the outcome column for the year's ('Kommunstyrelsen redovisar ett
    överskott för året om 96 Mkr': 'Bokslut'). None when that is not one column."""
    if len(table.columns) == 1:
        return 0, None, ""
    named = _named_in_clause(claim, table, vocabulary)
    if len(named) != 1 and vocabulary.forecast_words.search(claim.sentence.text):
        named = [i for i, header in enumerate(table.columns) if vocabulary.deviation_forecast.search(header)]
    elif len(named) != 1:
        named = columns_of(table, "outcome", vocabulary)
    return (named[0], None, "") if len(named) == 1 else None


def _named_in_clause(claim: Claim, table: Table, vocabulary: Vocabulary) -> list[int]:
    """Columns a word of the claim's clause names: by a word of the header, or, naming the deviation the table's
    caption says it shows ('Prognosavvikelse, Mkr'), the deviation column."""
    said = word_list(claim.clause)
    shown = [w for w in word_list(f"{table.caption} {table.corner}") if vocabulary.deviation_table.fullmatch(w)]
    if any(names(w, s) for w in said for s in shown):
        return columns_of(table, "deviation", vocabulary)
    return [i for i, header in enumerate(table.columns)
            if any(names(w, t) for w in said for t in word_list(header) if len(t) > 3 and "-" not in t)]


def _deviation(claim: Claim, table: Table, candidates: list[int], period: bool, final: bool,
               vocabulary: Vocabulary) -> Choice:
    """A deviation column against budget, of the claim's horizon where the table shows forecasts beside outcomes
    (without forecasts its deviation columns are the outcome's); an överskott of a row in a table without one is
    its result ('Årets resultat' of a nämnd is its surplus against its kommunbidrag)."""
    if claim.type == "surplus" and not candidates and columns_of(table, "result", vocabulary):
        return _in_year(claim, table, columns_of(table, "result", vocabulary), "result", vocabulary)
    if not _against_budget(table, vocabulary):
        return None, None, "deviation-not-against-budget"
    if not final and (columns_of(table, "forecast", vocabulary) or not candidates):
        candidates = _deviation_columns(table, candidates, period, vocabulary)
    elif not final and vocabulary.forecast_words.search(claim.sentence.text):
        return None, None, "no-forecast-column"  # a table without forecasts shows no forecast deviation
    if not candidates:
        return None, None, "no-period-budget" if period else "no-column"
    return _in_year(claim, table, candidates, "deviation", vocabulary)


def _in_year(claim: Claim, table: Table, candidates: list[int], role: str, vocabulary: Vocabulary) -> Choice:
    """The candidate of the claim's group and year: the year the claim states, the year before for a figure in
    parentheses after another ('462 mkr (143 mkr)'), else the newest. A stated year no column has links nothing."""
    ordered = by_year(table, _of_group(claim, table, candidates, vocabulary, role))
    if not ordered:
        return None, None, "no-column"
    dated = role in _DATED_ROLES and any(column_year(table, i) for i in ordered)
    if not dated or (claim.year is None and not claim.prior):
        return ordered[0], None, ""
    year = claim.year if claim.year is not None else column_year(table, ordered[0]) - 1
    match = [i for i in ordered if column_year(table, i) == year]
    return (match[0], None, "") if len(match) == 1 else (None, None, "no-column-for-year")


def _of_group(claim: Claim, table: Table, candidates: list[int], vocabulary: Vocabulary,
              role: str | None = None) -> list[int]:
    """The columns of the claim's group: 'Koncernen 2018' for a claim about the koncern, the others otherwise;
    all of them in a table without such groups. The koncern's outcomes may stand under year headers beside the
    kommun's 'Utfall 2019' ('Koncern 2019')."""
    koncern = [i for i in candidates if vocabulary.koncern.search(table.columns[i])]
    if claim.group == "koncern" and not koncern and role == "outcome":
        dated = [i for i, header in enumerate(table.columns) if vocabulary.koncern.search(header)
                 and _YEAR.search(header) and _role_of(header, vocabulary) is None]
        if dated:
            return dated
    if not koncern or len(koncern) == len(candidates):
        return candidates
    return koncern if claim.group == "koncern" else [i for i in candidates if i not in koncern]


def _shows_no_forecast(table: Table, vocabulary: Vocabulary) -> bool:
    """Outcomes and no forecast column: the table shows final outcomes (an annual report's)."""
    return not columns_of(table, "forecast", vocabulary) and bool(columns_of(table, "outcome", vocabulary))


def _final(claim: Claim, table: Table, vocabulary: Vocabulary) -> bool:
    """In a table of final outcomes the period is the year, and its deviation column the period's; a claim
    with a forecast word is a forecast, which such a table does not show."""
    return _shows_no_forecast(table, vocabulary) and vocabulary.forecast_words.search(claim.sentence.text) is None


def _against_budget(table: Table, vocabulary: Vocabulary) -> bool:
    """A deviation column means 'against budget' only beside a budget column or when its table says so:
    'Avvikelse' between a bokslut and a forecast is another quantity."""
    said = " ".join((table.caption, table.corner, *table.columns))
    return bool(columns_of(table, "budget", vocabulary)) or re.search(r"budget\w*avvikelse|avvikelse\w* mot budget|"
                                                                    r"avv\w*\.? (?:prognos/)?budget", said,
                                                                    re.IGNORECASE) is not None


def _deviation_columns(table: Table, candidates: list[int], period: bool, vocabulary: Vocabulary) -> list[int]:
    """Deviation columns of the horizon; a one-column table of 'budgetavvikelser' is its own deviation column."""
    if not candidates and len(table.columns) == 1 and re.search(r"avvikelse", f"{table.caption} {table.corner}",
                                                                re.IGNORECASE):
        return [] if period else [0]
    return [c for c in candidates if bool(_PERIOD_MARK.search(table.columns[c])) == period]


def _role(claim: Claim) -> tuple[str | None, bool]:
    period = claim.horizon == "period"
    if claim.type == "change":
        return (None if claim.prior_forecast else "difference"), period
    if claim.type in ("deviation", "zero", "surplus"):
        return (None if claim.prior_forecast else "deviation"), period
    if claim.type == "part" and claim.part_of not in (None, "part", "amount"):
        return _role(replace(claim, type=claim.part_of))
    if claim.type in ("amount", "part"):
        if re.search(r"budgeterad\w*|budget om|budgeten (?:är|uppgår)", claim.clause, re.IGNORECASE):
            return "budget", False
        if claim.horizon is None:
            return None, False
        return ("outcome" if period else "forecast"), period
    return None, period


def columns_of(table: Table, role: str, vocabulary: Vocabulary) -> list[int]:
    """Columns whose header says ``role`` first (an 'Avv. prognos/budget' column is a deviation). A table with no
    outcome column that heads its columns by year ('2017', 'Kommunen 2017') shows outcomes in them."""
    named = [_role_of(header, vocabulary) for header in table.columns]
    found = [i for i, name in enumerate(named) if name == role]
    if role == "outcome" and not found:
        found = [i for i, name in enumerate(named) if name is None and _YEAR.search(table.columns[i])
                 and not vocabulary.not_outcome.search(table.columns[i])]
    return found


def _role_of(header: str, vocabulary: Vocabulary) -> str | None:
    return next((name for name, pattern in vocabulary.columns if pattern.search(header)), None)


def column_year(table: Table, column: int) -> int:
    """The newest year a column's header names; 0 when it names none."""
    found = _YEAR.findall(table.columns[column])
    return max(int(y) for y in found) if found else 0


def by_year(table: Table, columns: list[int]) -> list[int]:
    """Columns newest year first; columns of one year keep their order. A column without a year beside dated ones
    is the current one ('Avvikelse' beside 'Avvikelse 2017')."""
    return sorted(columns, key=lambda i: -(column_year(table, i) or 10_000))


def find_column_for_result(claim: Claim, table: Table, vocabulary: Vocabulary) -> Choice:
    """A surplus said of the result is the result itself: the outcome or forecast column (the outcome in a table
    of final outcomes)."""
    role = "outcome" if claim.horizon == "period" else "forecast" if claim.horizon == "year" else None
    if role is None and _final(claim, table, vocabulary):
        role = "outcome"
    if role is None:
        return None, None, "no-column"
    choice = _in_year(claim, table, columns_of(table, role, vocabulary), role, vocabulary)
    if choice[0] is None and claim.year is not None:  # 'för åren 2024–2025 planeras för överskott om 2 …'
        planned = _in_year(claim, table, columns_of(table, "budget", vocabulary), "budget", vocabulary)
        return planned if planned[0] is not None else choice
    return choice
