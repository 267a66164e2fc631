"""The domain's words as data: each entry of vocabulary.yaml becomes a matcher over labels.

Checks name the entry they need (``terms("total_rows").search(label)``); the words themselves are
kept in the YAML file, where a new municipality's spelling is one line. The file is read, checked
(unknown keys are refused like a rule pack's) and compiled entry by entry on first use.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rapportkoll.labels import normalize_label, printed_words

_PLACES = {"whole": ("^", "$"), "start": ("^", ""), "anywhere": ("", ""), "end": ("", "$")}
_FOLDED = {"å": "[åa]", "ä": "[äa]", "ö": "[öo]"}
_YEAR = "{year}"
_DASHES = r"[\s\-–—•]*"
_LINE_DASHES = r"(?:[^\S\n]|[\-–—•])*"  # the same over labels joined as lines: a space but never the break


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

    def rows(self, labels: tuple[str, ...]) -> list[int]:
        """The indices of the labels `search` finds a term in, by one scan of them joined as lines.

        A long table's labels are searched by many entries (a statement's lines, notes, balances): one
        call per label and entry cost ~1 µs, the scan of the joined keys a third of that. A term never
        spans lines (no pattern matches a line break); labels of several lines are searched one by one.
        """
        text, starts = _joined(labels, self._entry.form)
        if text is None:
            return [i for i, label in enumerate(labels) if self.search(label)]
        return sorted({bisect_right(starts, m.start()) - 1 for m in self._lines.finditer(text)})

    def search_formed(self, key: str, words: str) -> re.Match | None:
        """`search` of a label its caller has formed already, as its key and as its printed words: a table's labels
        formed once for all its searches (past the forms' caches, a table of 10⁵ labels formed each one anew)."""
        return self._pattern.search(key if self._entry.form == "key" else words)

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
    def _lines(self) -> re.Pattern:
        """The pattern over labels joined as lines: anchors at each line, spaces never a line break."""
        source = self._pattern.pattern.replace(_DASHES, _LINE_DASHES).replace(r"\s", r"[^\S\n]")
        return re.compile(source, re.IGNORECASE | re.MULTILINE)

    @functools.cached_property
    def _rest(self) -> re.Pattern:
        entry = self._entry
        if entry.form != "words" or not entry.start:
            raise ValueError(f"vocabulary entry '{self.name}' has no start words of a printed label to follow")
        starts = "|".join(_term_pattern(t, "words") for t in entry.start)
        return re.compile(rf"^(?:{starts})\s+(?P<rest>\S.*)$", re.IGNORECASE)


@functools.lru_cache(maxsize=4)  # the table being checked, its labels and their keys; the view's tuples, found by identity
def _joined(labels: tuple[str, ...], form: str) -> tuple[str | None, list[int]]:
    """The labels in the form an entry reads, joined as lines, and where each line starts (None: one has a break)."""
    read = _key_of if form == "key" else printed_words
    lines = [read(label) for label in labels]
    text = "\n".join(lines)
    if text.count("\n") != max(len(lines) - 1, 0):
        return None, []
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return text, starts


# A text of these characters, not ending in '*', is its own key: no superscript, compatibility form, footnote
# mark, capital or separator for `normalize_label` to change (callers that hold keys search them again).
_PLAIN_KEY = re.compile(r"(?:[a-z0-9åäöéü%<>#*]*[a-z0-9åäöéü%<>#])?")


def _key_of(label: str) -> str:
    """`normalize_label(label)`, without its work for a label that is already a plain key."""
    return label if _PLAIN_KEY.fullmatch(label) else normalize_label(label)


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
