"""Claims in the prose: a number with a unit and a cue, typed, with its horizon, polarity and subject."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapportkoll.model import Paragraph
from rapportkoll.numbers import canonical_signs_and_spaces, parse
from rapportkoll.prose.lists import (YEAR, from_to_pairs, numbers_with_units, paired_subjects, paired_years,
                                     respective_groups)
from rapportkoll.prose.sentences import Sentence, bold_spans, split_sentences, word_list
from rapportkoll.prose.vocabulary import UnitSpec, Vocabulary
from rapportkoll.vocabulary import words as domain_words

# 'Underskottet på 0,4 mkr inom verksamhetsområdet kommunchef': a subject named after the number.
_AFTER_SUBJECT = re.compile(r"^\s*(?:inom|hos)\s+(.+?)(?=[,.;:]| och | beror | som | vilket |$)", re.IGNORECASE)
_CUE_WINDOW = 9  # words before a number its cue stands within: 'avvika negativt mot budget med ca 3 400'
_INHERIT_GAP = re.compile(r"^[\s,;:)(–-]*(?:och|samt|respektive)?[\s,;:(–-]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    """One number the text states, read from its sentence.

    ``type``: amount, deviation, surplus (överskott/underskott: a deviation or a result), change, part
    (a varav), share (a percentage beside an amount) or zero ("i nivå med budget"). ``horizon``: 'period',
    'year' or None. ``polarity``: 'favourable', 'unfavourable', 'up', 'down' or None. ``subject``: the
    words naming what the number belongs to, and where they came from (bold, clause, part, heading, inherited).
    """

    paragraph: Paragraph
    sentence: Sentence
    start: int
    end: int
    value: float
    decimals: int
    unit: UnitSpec | None
    approx: bool
    type: str
    horizon: str | None
    polarity: str | None
    subject: tuple[str, ...]
    subject_source: str | None
    prior_forecast: bool = False
    heading: str = ""
    clause: str = ""
    part_of: str | None = None  # a part's whole: the type of the claim before it in the sentence
    aside: bool = False  # inside parentheses or an enumeration of items: a sub-item, never a row's total
    year: int | None = None  # the year the sentence gives the number ('för 2023', 'redovisade 2017 ett resultat')
    prior: bool = False  # in parentheses right after another figure: last year's ('462 mkr (143 mkr)')
    group: str | None = None  # 'koncern' or 'kommun' when the text says whose figure it is
    about_result: bool = False  # said of the result ('Årets resultat … uppgick till', or the figure it follows)

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start:self.end]


def extract(paragraph: Paragraph, heading: str, vocabulary: Vocabulary) -> list[Claim]:
    """Every claim of a paragraph; ``heading`` is the innermost heading above it.

    A sentence whose claims name nothing ("Prognosen visar ett underskott om 50 tkr") is about what the
    paragraph's earlier sentence named, before the heading is asked.
    """
    claims: list[Claim] = []
    context = _Context(heading, None)
    for sentence in split_sentences(paragraph.text):
        found = _sentence_claims(paragraph, sentence, context, vocabulary)
        named = [c for c in found if c.subject_source in ("bold", "clause", "part")]
        if named:
            context = _Context(heading, named[0])
        claims.extend(found)
    return claims


@dataclass(frozen=True)
class _Context:
    heading: str
    named: Claim | None  # the paragraph's last sentence that named its subject


def _sentence_claims(paragraph: Paragraph, sentence: Sentence, context: _Context, vocabulary: Vocabulary) -> list[Claim]:
    text = sentence.text
    claims: list[Claim] = []
    clause_start = 0
    for number, unit, unit_end in numbers_with_units(text, vocabulary):
        if number.start() < clause_start:
            continue
        previous = claims[-1] if claims else None
        claim, consumed = _claim(paragraph, sentence, number, unit, text[clause_start:number.start()],
                                 text[unit_end:unit_end + 60], previous, context, vocabulary)
        claims.append(claim)
        clause_start = max(unit_end + consumed, number.end())
    claims = _from_to(_paired(claims, sentence, vocabulary), sentence, vocabulary)
    for match in vocabulary.zero.finditer(text):
        claims.append(_zero_claim(paragraph, sentence, match, context, vocabulary))
    return claims


def _paired(claims: list[Claim], sentence: Sentence, vocabulary: Vocabulary) -> list[Claim]:
    """'inom plan och exploatering samt inom gemensam verksamhet … 8,2 respektive 9,4 mnkr': the i-th figure of a
    'respektive' list belongs to the i-th subject (or year) named before it."""
    spans = [(c.start - sentence.start, c.end - sentence.start) for c in claims]
    for group in respective_groups(sentence.text, spans, vocabulary):
        before = vocabulary.subordinators.split(sentence.text[:spans[group[0]][0]])[0]
        subjects = paired_subjects(before, len(group), vocabulary)
        words = [content_words(s, vocabulary) for s in subjects] if subjects else []
        years = paired_years(sentence.text, len(group))
        for k, i in enumerate(group):
            if words and all(words):
                claims[i] = replace(claims[i], subject=words[k], subject_source="clause")
            if years:
                claims[i] = replace(claims[i], year=years[k])
    return claims


def _from_to(claims: list[Claim], sentence: Sentence, vocabulary: Vocabulary) -> list[Claim]:
    """'ökat från 26,1 procent till 26,8 procent' names two columns of one row: the 'till' figure the year it states
    (else the newest), the 'från' figure the year it states, else the year before."""
    spans = [(c.start - sentence.start, c.end - sentence.start) for c in claims]
    for i, j, later in from_to_pairs(sentence.text, spans, vocabulary):
        earlier = claims[i]
        if earlier.year is None:
            earlier = replace(earlier, year=later - 1) if later else replace(earlier, prior=True)
        claims[i], claims[j] = earlier, replace(claims[j], year=later)
    return claims


def _claim(paragraph, sentence, number, unit, clause, after, previous, context, vocabulary) -> tuple[Claim, int]:
    parsed = parse(canonical_signs_and_spaces(number.group()).replace("+ ", "+").replace("- ", "-"))
    listed = previous is not None and _INHERIT_GAP.match(clause) is not None
    kind = _type(clause, after, unit, previous, listed, vocabulary)
    subject, source, consumed = _subject(sentence.text, clause, number.start(), after, kind, previous, listed,
                                         context, vocabulary)
    start = sentence.start + number.start()
    whole = previous.part_of or previous.type if kind == "part" and previous is not None else None
    follows = previous if listed or source == "inherited" else None
    claim = Claim(paragraph, sentence, start, sentence.start + number.end(), parsed.value or 0.0,
                  parsed.decimals or 0, unit, vocabulary.approx.search(clause[-25:]) is not None, kind,
                  _horizon(clause, sentence.text, context.heading, vocabulary),
                  _polarity(clause, after, previous if listed else None, vocabulary), subject, source,
                  vocabulary.prior_forecast.search(sentence.text) is not None, context.heading, clause, whole,
                  _aside(sentence.text[:number.start()]), _year(clause, after, vocabulary),
                  listed and clause.strip() == "(", _group(clause, follows, context.heading, vocabulary),
                  _about_result(clause, kind, follows or (previous if kind == "part" else None), context.heading,
                                vocabulary))
    return claim, consumed


def _about_result(clause: str, kind: str, follows: Claim | None, heading: str, vocabulary: Vocabulary) -> bool:
    """Said of the result: its clause names it, it follows a figure that is, or it is an överskott or underskott
    under a heading that is the result ('Årets resultat': 'kommunen redovisar ett underskott om 23 miljoner').
    A part of a result is the result of the group it names ('…uppgick till 2 300 mnkr, varav kommunen bidrog med
    1 792 mnkr'), and of nothing else."""
    if kind == "part":
        return follows is not None and follows.about_result and \
            (vocabulary.kommun.search(clause) or vocabulary.koncern.search(clause)) is not None
    return vocabulary.result_rows.search(clause) is not None or (follows is not None and follows.about_result) \
        or (kind == "surplus" and vocabulary.result_rows.fullmatch(heading.strip()) is not None)


def _year(clause: str, after: str, vocabulary: Vocabulary) -> int | None:
    """The year a figure is given for: the last year of its clause ('redovisade 2017 ett resultat på'), or one
    right after it ('23 miljoner kronor för 2023')."""
    found = YEAR.findall(clause)
    if found:
        return int(found[-1])
    match = vocabulary.year_after.match(after)
    return int(match.group(1)) if match else None


def _group(clause: str, follows: Claim | None, heading: str, vocabulary: Vocabulary) -> str | None:
    """Whose figure: the koncern's or the kommun's, as its clause, the figure it follows or its heading says."""
    if vocabulary.koncern.search(clause):
        return "koncern"
    if vocabulary.kommun.search(clause):
        return "kommun"
    if follows is not None:
        return follows.group
    return "koncern" if vocabulary.koncern.search(heading) else None


def _aside(before: str) -> bool:
    """An open parenthesis before the number: '(10 738 tkr)', '(+ 1 854 tkr)', '(skogsfastighet … 4 300 tkr)'."""
    return before.rfind("(") > before.rfind(")")


def _type(clause: str, after: str, unit: UnitSpec, previous: Claim | None, listed: bool, vocabulary) -> str:
    if unit.kind != "money":
        return "share" if clause.rstrip().endswith("(") and previous is not None else unit.kind
    if listed and previous is not None:
        return previous.type  # "5 930 tkr respektive 298 tkr", "10 413 tkr ..., 7 556 tkr ...": one list
    near = " ".join(clause.split()[-_CUE_WINDOW:])
    for kind, pattern in vocabulary.cues[:-1]:
        if pattern.search(clause if kind == "part" else near):  # 'varav' governs its whole clause
            return kind
    for kind, pattern in vocabulary.after_cues:
        if pattern.match(after.lstrip(" ,")):
            return kind
    return vocabulary.cues[-1][0]


def _horizon(clause: str, sentence: str, heading: str, vocabulary: Vocabulary) -> str | None:
    for scope in (clause, sentence):
        if vocabulary.period_strong.search(scope):
            return "period"
        if vocabulary.year.search(scope):
            return "year"
        if vocabulary.period_weak.search(scope):
            return "period"
    if vocabulary.year.search(heading):
        return "year"
    return "period" if vocabulary.period_weak.search(heading) or vocabulary.period_strong.search(heading) else None


def _polarity(clause: str, after: str, listed_from: Claim | None, vocabulary: Vocabulary) -> str | None:
    """The polarity word nearest before the number, else right after it ("2 608 tkr högre")."""
    best: tuple[int, str] | None = None
    for name in ("favourable", "unfavourable", "up", "down"):
        for match in getattr(vocabulary, name).finditer(clause):
            if best is None or match.end() > best[0]:
                best = (match.end(), name)
    if best is not None:
        return best[1]
    if listed_from is not None:
        return listed_from.polarity
    head = " ".join(after.split()[:2])
    for name in ("up", "down"):
        if getattr(vocabulary, name).match(head):
            return name
    return None


def _subject(sentence: str, clause: str, at: int, after: str, kind: str, previous: Claim | None, listed: bool,
             context: _Context, vocabulary: Vocabulary) -> tuple[tuple[str, ...], str | None, int]:
    """What the number is about, where that came from, and how many characters after the unit it used.

    In order: a bold row name before it; the words after 'varav' or, for a part or a list item, right after
    its unit ("10 413 tkr expansionsinvesteringar"); the words of its clause; the subject of the claim
    before it in the sentence or paragraph; the heading above.
    """
    bold = bold_spans(clause)
    if bold:
        return content_words(bold[-1], vocabulary), "bold", 0
    if kind == "part" or listed:
        own, consumed = _part_words(clause, after, vocabulary)
        if own:
            return own, "part", consumed
    if not listed:
        own = content_words(last_clause(clause, vocabulary), vocabulary) or content_words(clause, vocabulary)
        if own:
            return own, "clause", 0
        after_words = _AFTER_SUBJECT.match(after)
        if after_words and content_words(after_words.group(1), vocabulary):
            return content_words(after_words.group(1), vocabulary), "clause", 0
    for earlier in (previous, context.named):
        if earlier is not None and earlier.subject_source not in (None, "heading"):
            return earlier.subject, "inherited", 0
    heading = content_words(context.heading, vocabulary)
    return heading, ("heading" if heading else None), 0


def last_clause(clause: str, vocabulary: Vocabulary) -> str:
    """The part of a clause after its last subordinator: in 'Avvikelsen i kommunstyrelsens prognos förklaras
    av att skadekostnaderna … om totalt 88 Mkr' the number belongs to the skadekostnader."""
    parts = vocabulary.subordinators.split(clause)
    return parts[-1] if content_words(parts[-1], vocabulary) else clause


def _part_words(clause: str, after: str, vocabulary: Vocabulary) -> tuple[tuple[str, ...], int]:
    """A varav part names its row after 'varav', or right after its unit ("10 413 tkr expansionsinvesteringar")."""
    _, found, tail = clause.rpartition("varav")
    if found and content_words(tail, vocabulary):
        return content_words(tail, vocabulary), 0
    head = re.split(r"[,;.()]| och | samt | respektive ", after, maxsplit=1)[0]
    return content_words(head, vocabulary), len(head)


def content_words(text: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The words of a text that can name a row: no stopwords, months, numbers, units, cue or generic words."""
    for pattern, canonical in vocabulary.aliases:
        text = pattern.sub(canonical, text)
    return tuple(word for word in word_list(text) if not _filler(word, vocabulary))


@lru_cache(maxsize=16384)
def _filler(word: str, vocabulary: Vocabulary) -> bool:
    """A word that names no row."""
    if word in vocabulary.stopwords or word in domain_words("months") or word.isdigit():
        return True
    patterns = (vocabulary.generic, vocabulary.approx, vocabulary.favourable, vocabulary.unfavourable,
             vocabulary.up, vocabulary.down, *(p for _, p in vocabulary.cues[:-1]))
    return any(p.fullmatch(word) for p in patterns) or any(p.match(word) for _, p in vocabulary.units)


def _zero_claim(paragraph, sentence, match, context: _Context, vocabulary) -> Claim:
    clause = sentence.text[:match.start()]
    subject, source, _ = _subject(sentence.text, clause, match.start(), "", "zero", None, False, context, vocabulary)
    return Claim(paragraph, sentence, sentence.start + match.start(), sentence.start + match.end(), 0.0, 0, None,
                 True, "zero", _horizon(clause, sentence.text, context.heading, vocabulary), None, subject, source,
                 vocabulary.prior_forecast.search(sentence.text) is not None, context.heading, clause)
