"""Enumerations in a sentence: numbers that share one unit ('12, 14 och 15 mnkr'), and 'respektive' lists that
pair their numbers in order with the subjects or years named before them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapportkoll.prose.vocabulary import UnitSpec, Vocabulary

# A number as prose writes it: "7 621", "+ 1 854", "−5 806", "0,4"; never the tail of a longer number or a date.
NUMBER = re.compile(r"(?<![\d,.:/])(?:[+-] ?)?(?:\d{1,3}(?:[  ]\d{3})+|\d+)(?:,\d+)?(?![\d])")
YEAR = re.compile(r"(?<![\d,])(?:19|20)\d\d(?![\d,])")


def numbers_with_units(text: str, vocabulary: Vocabulary) -> Iterator[tuple[re.Match[str], UnitSpec, int]]:
    """Numbers with their unit and where it ends; members of a list without a unit of their own take the unit of
    the list's last member ('3,1 respektive 2,4 mnkr'). Years never join a list."""
    waiting: list[re.Match[str]] = []
    for match in NUMBER.finditer(text):
        if waiting and not vocabulary.list_gap.match(text[waiting[-1].end():match.start()]):
            waiting = []
        found = _unit_after(text, match.end(), vocabulary)
        if found is not None:
            yield from ((member, found[0], member.end()) for member in waiting)
            yield match, found[0], found[1]
            waiting = []
        elif not YEAR.fullmatch(match.group()):
            waiting.append(match)


def _unit_after(text: str, at: int, vocabulary: Vocabulary) -> tuple[UnitSpec, int] | None:
    rest = text[at:at + 30]
    for unit, pattern in vocabulary.units:
        found = pattern.match(rest)
        if found:
            return unit, at + found.end()
    return None


def respective_groups(text: str, spans: list[tuple[int, int]], vocabulary: Vocabulary) -> list[list[int]]:
    """Runs of numbers (by index into ``spans``) that one 'respektive' joins: each gap between them, its unit
    left out ('2 mnkr respektive 21 mnkr'), a list word, one of them 'respektive'."""
    groups: list[list[int]] = []
    run = [0] if spans else []
    for i in range(1, len(spans)):
        unit = _unit_after(text, spans[i - 1][1], vocabulary)
        if vocabulary.list_gap.match(text[unit[1] if unit else spans[i - 1][1]:spans[i][0]]):
            run.append(i)
            continue
        groups.append(run)
        run = [i]
    groups.append(run)
    return [g for g in groups if len(g) > 1 and any(vocabulary.respective.search(text[spans[a][1]:spans[b][0]])
                                                    for a, b in zip(g, g[1:]))]


def paired_subjects(before: str, count: int, vocabulary: Vocabulary) -> list[str] | None:
    """The ``count`` subjects a 'respektive' list pairs with, named before it: 'inom plan och exploatering samt
    inom gemensam verksamhet, som redovisade underskott om' gives the two areas. The first way of splitting
    (samt, comma, och) that gives exactly ``count`` parts wins; None when none does."""
    for split in vocabulary.subject_splits:
        parts = [p for p in split.split(before) if p.strip()]
        if len(parts) == count:
            return parts
    return None


def paired_years(sentence: str, count: int) -> list[int] | None:
    """The years a 'respektive' list pairs with: 'För åren 2024-2025 … 2 respektive 21' gives 2024, 2025."""
    years = [int(y) for y in YEAR.findall(sentence)]
    return years if len(years) == count and years == sorted(set(years)) else None


# a year right after a figure and its unit: 'från 383,7 mnkr 2022 till 546,9 mnkr 2023'
_YEAR_AFTER = re.compile(r"^\s*(?:[^\d\s]+\s+){0,2}?(?:år\s+)?((?:19|20)\d\d)(?![\d-])", re.IGNORECASE)


def from_to_pairs(text: str, spans: list[tuple[int, int]], vocabulary: Vocabulary) -> list[tuple[int, int, int | None]]:
    """A figure after 'från' and the next after 'till' ('har ökat från 3 482,3 mnkr till 3 838,3 mnkr'): (its
    index, the next's, the year stated right after the next, if any). They name one row's earlier and later value."""
    pairs = []
    for i in range(len(spans) - 1):
        between = text[spans[i][1]:spans[i + 1][0]]
        if vocabulary.pair_from.search(text[:spans[i][0]]) and vocabulary.pair_to.match(between):
            year = _YEAR_AFTER.match(text[spans[i + 1][1]:])
            pairs.append((i, i + 1, int(year.group(1)) if year else None))
    return pairs
