"""The domain's words as data: each entry of vocabulary.yaml becomes a matcher over labels.

Checks name the entry they need (``terms("total_rows").search(label)``); the words themselves are
kept in the YAML file, where a new municipality's spelling is one line. The file is read, checked
(unknown keys are refused like a rule pack's) and compiled entry by entry on first use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rapportkoll.labels import normalize_label, printed_words

_PLACES = {"whole": ("^", "$"), "start": ("^", ""), "anywhere": ("", ""), "end": ("", "$")}
_FOLDED = {"å": "[åa]", "ä": "[äa]", "ö": "[öo]"}
_YEAR = "{year}"
_DASHES = r"[\s\-–—•]*"


@dataclass(frozen=True)
class Entry:
    """One entry of vocabulary.yaml (see its header for what each key means)."""

    why: str
    form: Literal["key", "words"]
    whole: tuple[str, ...] = ()
    start: tuple[str, ...] = ()
    anywhere: tuple[str, ...] = ()
    end: tuple[str, ...] = ()
    after_dashes: bool = False  # a start term may follow dashes or a bullet ('– varav IT')


class Terms:
    """The terms of one entry, compiled on first use to one pattern over the form of a label it reads."""

    def __init__(self, name: str) -> None:
        self.name = name

    def search(self, label: str) -> re.Match | None:
        """Where a term sits in ``label`` (in its key when the entry reads keys), or None."""
        return self._pattern.search(normalize_label(label) if self._entry.form == "key" else printed_words(label))

    def rest(self, label: str) -> str | None:
        """What follows a start term in a label as printed: 'Summa Politisk verksamhet' -> 'Politisk verksamhet'."""
        found = self._rest.match(printed_words(label))
        return found["rest"] if found else None

    @functools.cached_property
    def _entry(self) -> Entry:
        return _entries()[self.name]

    @functools.cached_property
    def _pattern(self) -> re.Pattern:
        entry = self._entry
        alternatives = []
        for place, (before, after) in _PLACES.items():
            if terms := "|".join(_term_pattern(t, entry.form) for t in getattr(entry, place)):
                lead = _DASHES if place == "start" and entry.after_dashes else ""
                tail = after or (r"\b" if entry.form == "words" and place != "end" else "")
                alternatives.append(f"{before}{lead}(?:{terms}){tail}")
        return re.compile("|".join(alternatives), re.IGNORECASE)

    @functools.cached_property
    def _rest(self) -> re.Pattern:
        entry = self._entry
        if entry.form != "words" or not entry.start:
            raise ValueError(f"vocabulary entry '{self.name}' has no start words of a printed label to follow")
        starts = "|".join(_term_pattern(t, "words") for t in entry.start)
        return re.compile(rf"^(?:{starts})\s+(?P<rest>\S.*)$", re.IGNORECASE)


def _term_pattern(term: str, form: str) -> str:
    """A term as a regular expression: over a key (å/ä/ö also as a/o, as exports that lost them print
    them) or over a printed label (any run of spaces between words); '{year}' is four digits. A key
    term opening with 'summa' opens with any sum word ('S:a tillgångar', 'Totalt eget kapital')."""
    pieces = []
    lead = ""
    if form == "key" and term.split(" ", 1)[0].casefold() == "summa" and " " in term:
        lead, term = _sum_word_keys(), term.split(" ", 1)[1]
    for piece in term.split(_YEAR):
        if form == "key":
            pieces.append("".join(_FOLDED.get(c, re.escape(c)) for c in normalize_label(piece, pattern=True)))
        else:
            pieces.append(r"\s+".join(re.escape(word) for word in piece.casefold().split(" ")))
    return lead + r"\d{4}".join(pieces)


@functools.cache
def _sum_word_keys() -> str:
    """The sum words ('summa', 's:a', 'totalt' …) as one alternative over keys."""
    return "(?:" + "|".join(re.escape(normalize_label(w, pattern=True)) for w in words("sum_words")) + ")"


@functools.cache
def _entries() -> dict[str, Entry]:
    # imported here: the loader's imports need the model, which needs these words to read cells
    from rapportkoll.params import build
    from rapportkoll.yamlsafe import load_yaml

    path = Path(__file__).with_name("vocabulary.yaml")
    return {name: build(Entry, data, f"{path}: {name}") for name, data in load_yaml(path).items()}


def words(name: str) -> tuple[str, ...]:
    """Every term of entry ``name``, as written, for checks that build their own pattern or set."""
    entry = _entries()[name]
    return entry.whole + entry.start + entry.anywhere + entry.end


@functools.cache
def terms(name: str) -> Terms:
    """The matcher of entry ``name`` of vocabulary.yaml."""
    return Terms(name)
