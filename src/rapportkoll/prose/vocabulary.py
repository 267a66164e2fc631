"""The prose check's vocabulary: cue words, units, polarity words and aliases, read from YAML data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapportkoll.params import build, line_of
from rapportkoll.yamlsafe import load_yaml


@dataclass(frozen=True)
class UnitSpec:
    unit: str
    pattern: str
    factor: float
    kind: str


@dataclass(frozen=True)
class CueSpec:
    type: str
    cue: str


@dataclass(frozen=True)
class Polarity:
    favourable: tuple[str, ...]
    unfavourable: tuple[str, ...]
    up: tuple[str, ...]
    down: tuple[str, ...]


@dataclass(frozen=True)
class Horizon:
    period_strong: tuple[str, ...]
    year: tuple[str, ...]
    period_weak: tuple[str, ...]


@dataclass(frozen=True)
class Columns:
    deviation: str
    difference: str
    outcome: str
    forecast: str
    budget: str
    result: str


@dataclass(frozen=True)
class Lists:
    joins: tuple[str, ...]
    respective: tuple[str, ...]
    subject_splits: tuple[str, ...]
    from_to: tuple[str, str]


@dataclass(frozen=True)
class ColumnGroups:
    koncern: tuple[str, ...]
    kommun: tuple[str, ...]


@dataclass(frozen=True)
class QualifiedResult:
    said: str
    row: str


@dataclass(frozen=True)
class PlainResult:
    subjects: tuple[str, ...]
    verbs: tuple[str, ...]
    reporters: tuple[str, ...]
    links: tuple[str, ...]
    qualifiers: tuple[str, ...]
    comparisons: tuple[str, ...]
    qualified: tuple[QualifiedResult, ...]


@dataclass(frozen=True)
class GoalStatus:
    met: tuple[str, ...]
    not_met: tuple[str, ...]
    partial: tuple[str, ...]


@dataclass(frozen=True)
class Totals:
    words: tuple[str, ...]
    rows: tuple[str, ...]
    pronouns: tuple[str, ...]
    deviation_tables: tuple[str, ...]
    deviation_forecast: tuple[str, ...]


@dataclass(frozen=True)
class OwnResults:
    marks: tuple[str, ...]
    leave_out: tuple[str, ...]


@dataclass(frozen=True)
class _VocabularyFile:
    units: tuple[UnitSpec, ...]
    approximations: tuple[str, ...]
    polarity: Polarity
    types: tuple[CueSpec, ...]
    after_cues: tuple[CueSpec, ...]
    lists: Lists
    year_prepositions: tuple[str, ...]
    zero: tuple[str, ...]
    horizon: Horizon
    prior_forecast: tuple[str, ...]
    forecast_words: tuple[str, ...]
    subordinators: tuple[str, ...]
    generic_subjects: tuple[str, ...]
    stopwords: tuple[str, ...]
    aliases: dict[str, str]
    columns: Columns
    column_groups: ColumnGroups
    not_outcome: tuple[str, ...]
    result_rows: tuple[str, ...]
    plain_result: PlainResult
    unit_words: tuple[str, ...]
    goal_status: GoalStatus
    goal_openings: tuple[str, ...]
    target_upper: tuple[str, ...]
    target_lower: tuple[str, ...]
    trend_up: tuple[str, ...]
    trend_down: tuple[str, ...]
    trend_followers: tuple[str, ...]
    totals: Totals
    own_results: OwnResults


def words(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``patterns`` as whole words."""
    return re.compile(r"(?<![\w%-])(?:" + "|".join(patterns) + r")(?![\w])", re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The compiled vocabulary. Compared by identity, so that word look-ups can be cached per vocabulary."""

    units: tuple[tuple[UnitSpec, re.Pattern[str]], ...]
    approx: re.Pattern[str]
    favourable: re.Pattern[str]
    unfavourable: re.Pattern[str]
    up: re.Pattern[str]
    down: re.Pattern[str]
    cues: tuple[tuple[str, re.Pattern[str]], ...]
    after_cues: tuple[tuple[str, re.Pattern[str]], ...]
    list_gap: re.Pattern[str]  # all that may stand between two members of a list
    respective: re.Pattern[str]
    subject_splits: tuple[re.Pattern[str], ...]
    year_after: re.Pattern[str]  # a year right after a figure
    pair_from: re.Pattern[str]  # the text before the first figure of a 'från … till …' pair ends so
    pair_to: re.Pattern[str]  # the text between the two figures of such a pair
    zero: re.Pattern[str]
    period_strong: re.Pattern[str]
    year: re.Pattern[str]
    period_weak: re.Pattern[str]
    prior_forecast: re.Pattern[str]
    forecast_words: re.Pattern[str]
    subordinators: re.Pattern[str]
    generic: re.Pattern[str]
    stopwords: frozenset[str]
    aliases: tuple[tuple[re.Pattern[str], str], ...]
    columns: tuple[tuple[str, re.Pattern[str]], ...]
    koncern: re.Pattern[str]
    kommun: re.Pattern[str]
    not_outcome: re.Pattern[str]
    result_rows: re.Pattern[str]
    plain_result: re.Pattern[str]  # a sentence's text before a result figure that says the result plainly
    result_qualifier: re.Pattern[str]
    result_compared: re.Pattern[str]  # where the text after a result figure stops qualifying it
    # ('Efter årets reservering till RUR,' before a result figure, the row that result is: 'Balanskravsresultat')
    qualified_results: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    unit_words: tuple[str, ...]
    status: tuple[tuple[str, re.Pattern[str]], ...]  # partial, not_met before met: 'ej uppfyllt' contains 'uppfyllt'
    goal_opening: re.Pattern[str]
    target: re.Pattern[str]
    trend: tuple[tuple[str, re.Pattern[str]], ...]
    trend_followers: frozenset[str]
    total_words: re.Pattern[str]  # a total said of a table's rows ('sammanlagt', 'den totala budgetavvikelsen')
    total_rows: re.Pattern[str]  # a total row's whole label ('Totalt', 'Summa budgetavvikelse')
    total_pronoun: re.Pattern[str]  # a sentence going on about the total before it ('uppgick den')
    deviation_table: re.Pattern[str]  # a table of deviations, by its caption or corner ('Prognosavvikelse, Mkr')
    deviation_forecast: re.Pattern[str]  # such a table's forecast column ('Delårsrapport jan-aug')
    own_result: re.Pattern[str]  # a row label of a result of its own ('Årets balanskravsresultat')
    own_result_leave_out: frozenset[str]  # its label's words a sentence need not say ('årets')


def _compile(spec: _VocabularyFile) -> Vocabulary:
    alias = tuple((re.compile(rf"(?<!\w){re.escape(k)}(?!\w)", re.IGNORECASE), v) for k, v in spec.aliases.items())
    columns = tuple((name, re.compile(rf"(?<!\w)(?:{getattr(spec.columns, name)})(?!\w)", re.IGNORECASE))
                    for name in ("deviation", "difference", "outcome", "forecast", "budget", "result"))
    return Vocabulary(
        tuple((u, re.compile(rf"^\s?(?:{u.pattern})(?![\w])", re.IGNORECASE)) for u in spec.units),
        words(spec.approximations), words(spec.polarity.favourable), words(spec.polarity.unfavourable),
        words(spec.polarity.up), words(spec.polarity.down),
        tuple((c.type, words((c.cue,))) for c in spec.types), tuple((c.type, words((c.cue,))) for c in spec.after_cues),
        *_list_patterns(spec), words(spec.zero), words(spec.horizon.period_strong), words(spec.horizon.year), words(spec.horizon.period_weak),
        words(spec.prior_forecast), words(spec.forecast_words), words(spec.subordinators), words(spec.generic_subjects), frozenset(spec.stopwords), alias, columns,
        words(spec.column_groups.koncern), words(spec.column_groups.kommun), words(spec.not_outcome), words(spec.result_rows),
        *_plain_result(spec), spec.unit_words,
        tuple((name, words(getattr(spec.goal_status, name))) for name in ("partial", "not_met", "met")),
        re.compile(rf"^\s*(?:{'|'.join(spec.goal_openings)})\b", re.IGNORECASE),
        _target_pattern(spec), (("up", words(spec.trend_up)), ("down", words(spec.trend_down))),
        frozenset(spec.trend_followers), words(spec.totals.words),
        re.compile("|".join(spec.totals.rows), re.IGNORECASE), words(spec.totals.pronouns),
        words(spec.totals.deviation_tables),
        words(spec.totals.deviation_forecast), words(spec.own_results.marks), frozenset(spec.own_results.leave_out))


def _list_patterns(spec: _VocabularyFile) -> tuple:
    """The list gap, the 'respektive' words, the subject splits (in order), the year after a figure and the two
    sides of a 'från … till …' pair (up to two unit words and a year between the figures)."""
    joins = "|".join(spec.lists.joins)
    gap = re.compile(rf"^\s*(?:,|,?\s*(?:{joins}))\s*$", re.IGNORECASE)
    splits = tuple(re.compile(rf"\s*{re.escape(w)}\s*" if not w.isalpha() else rf"\s+{w}\s+", re.IGNORECASE)
                   for w in spec.lists.subject_splits)
    year = re.compile(rf"^\s*(?:(?:{'|'.join(spec.year_prepositions)})\s+)?((?:19|20)\d\d)(?![\d-])", re.IGNORECASE)
    earlier, later = (re.escape(w) for w in spec.lists.from_to)
    pair_from = re.compile(rf"\b{earlier}\s*$", re.IGNORECASE)
    pair_to = re.compile(rf"^\s*(?:[^\d\s]+\s+){{0,2}}?(?:(?:år\s+)?(?:19|20)\d\d\s+)?{later}\s+$", re.IGNORECASE)
    return gap, words(spec.lists.respective), splits, year, pair_from, pair_to


def _plain_result(spec: _VocabularyFile) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], tuple]:
    """The whole text before a plainly stated result figure: an opening, then earlier figures each with a link;
    the qualifier words; where a comparison ends them; the qualified results (an opening phrase and its row)."""
    plain = spec.plain_result

    def alternatives(items: tuple[str, ...]) -> str:
        return "|".join(f"(?:{i})" for i in items)

    opening = rf"(?:(?:{alternatives(plain.subjects)})\s+(?:{alternatives(plain.verbs)})|{alternatives(plain.reporters)})"
    units = "|".join(u.pattern for u in spec.units if u.kind == "money")
    figure = rf"[-+−]?\s?\d[\d\s]*(?:,\d+)?\s*(?:{units})?"
    approx = alternatives(spec.approximations)  # 'Det ekonomiska resultatet på knappt 32 mkr'
    pattern = rf"^\s*{opening}(?P<figures>(?:\s*{figure}\s*(?:{alternatives(plain.links)}))*)\s*(?:(?:{approx})\s*)?$"
    qualified = tuple((re.compile(rf"(?<!\w)(?:{q.said})(?!\w)[\s,]*", re.IGNORECASE), re.compile(q.row, re.IGNORECASE))
                      for q in plain.qualified)
    compared = re.compile(rf"[,;(]|\d|\b(?:{alternatives(plain.comparisons)})\b", re.IGNORECASE)
    return re.compile(pattern, re.IGNORECASE), words(plain.qualifiers), compared, qualified


def _target_pattern(spec: _VocabularyFile) -> re.Pattern[str]:
    """'Max 14 %', 'Minst 29', '<5': a direction word, then the number (with its unit) and nothing else."""
    def alternatives(items: tuple[str, ...]) -> str:
        return "|".join(re.escape(i) for i in items)

    return re.compile(rf"^\s*(?:(?P<upper>{alternatives(spec.target_upper)})|(?P<lower>{alternatives(spec.target_lower)}))"
                      rf"\s*(?P<number>[+-]?\d[\d  ]*(?:,\d+)?\s*%?)\s*$", re.IGNORECASE)


def load_vocabulary(path: Path) -> Vocabulary:
    """A vocabulary file; unknown keys and wrong types are refused with the file and line."""
    data = load_yaml(path)
    return _compile(build(_VocabularyFile, data, f"{path}:{line_of(data) or 1}"))


@cache
def default_vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package."""
    return load_vocabulary(Path(__file__).with_name("vocabulary.yaml"))
