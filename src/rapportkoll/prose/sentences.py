"""Sentences of a paragraph and the words in them: splitting with care for abbreviations and decimals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A period ends a sentence unless it closes an abbreviation or sits inside a number.
_ABBREVIATIONS = ("bl.a", "t.ex", "dvs", "d.v.s", "kl", "ca", "m.m", "s.k", "fr.o.m", "t.o.m", "inkl", "exkl", "jfr",
                  "resp", "milj", "st", "nr", "f.g", "o.s.v", "p.g.a", "pga", "adm")
_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"“(*])")
_WORD = re.compile(r"[\wÅÄÖåäö]+(?:-[\wÅÄÖåäö]+)*")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it starts in its paragraph's text."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a paragraph, each with its offset in the paragraph."""
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        head = text[start:match.start()]
        if _ends_with_abbreviation(head):
            continue
        sentences.append(Sentence(head, start))
        start = match.end()
    if text[start:].strip():
        sentences.append(Sentence(text[start:], start))
    return sentences


def _ends_with_abbreviation(head: str) -> bool:
    last = head.rsplit(" ", 1)[-1].rstrip(".").casefold().lstrip("(")
    return last in _ABBREVIATIONS


def word_list(text: str) -> list[str]:
    """Lower-case words, hyphenated compounds split into their parts as well as kept whole."""
    found: list[str] = []
    for word in _WORD.findall(text.replace("/", " ")):
        folded = word.casefold()
        found.append(folded)
        if "-" in folded:
            found.extend(p for p in folded.split("-") if p)
    return found


def bold_spans(text: str) -> list[str]:
    """Texts marked **bold**: the exports mark the row a sentence is about this way."""
    return _BOLD.findall(text)


@lru_cache(maxsize=65536)
def names(word: str, token: str, unit_words: tuple[str, ...] = ()) -> bool:
    """A text word names a label word: the same word, an inflection, or the name with a unit word.

    'personalkostnaderna' names 'personalkostnader', 'ekonomiavdelningens' names 'ekonomi', but
    'kommunstyrelseförvaltningen' does not name 'kommunstyrelsen'; short words ('it') are written out whole.
    """
    if len(token) <= 3:
        return word == token
    stem = _stem(token)
    if word.startswith(stem):
        rest = word[len(stem):]
        return len(rest) <= 4 or any(rest.lstrip("s").startswith(u) for u in unit_words)
    stem = _stem(word)
    return len(stem) >= 5 and token.startswith(stem) and len(token) - len(stem) <= 4


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    for suffix in ("erna", "arna", "orna", "ens", "ets", "en", "et", "na", "ar", "er", "or", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word
