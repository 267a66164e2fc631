"""The domain's words as data: each entry of vocabulary.yaml becomes a matcher over labels.

Checks name the entry they need (``terms("total_rows").search(label)``); the words themselves are
kept in the YAML file, where a new municipality's spelling is one line. The file is read, checked
(unknown keys are refused like a rule pack's) and compiled entry by entry on first use.
"""

from __future__ import annotations

import functools
import operator
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Literal

from rapportkoll.labels import label_keys, label_words, normalize_label, printed_words

_PLACES = {"whole": ("^", "$"), "start": ("^", ""), "anywhere": ("", ""), "end": ("", "$")}
_FOLDS = {"å": "a", "ä": "a", "ö": "o"}  # how exports that lost them print å, ä and ö
_FOLDED = {c: f"[{c}{plain}]" for c, plain in _FOLDS.items()}
# Characters a case-blind pattern matches to letters of the terms though their lower case is not those letters;
# the terms' letters are all _PLAIN_LETTERS, for which no other character is so matched (checked over all of Unicode
# in test_vocabulary.py).
_LOWER_UNLIKE = re.compile("[İıſ]")
_PLAIN_LETTERS = re.compile(r"[ -~åäöéü]+")
_MOST_FOLDED = 2  # å, ä or ö in a key term's stretch spelled both ways (2ⁿ spellings)
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
        call per label and entry cost ~1 µs, the scan of the joined keys a third of that, and a scan for the
        terms' literal stretches (`_spellings`) a tenth of it, the pattern then searching only the lines
        holding one. A term never spans lines (no pattern matches a line break); labels of several lines are
        searched one by one.
        """
        text, starts = _joined(labels, self._entry.form)
        if text is None:
            return [i for i, label in enumerate(labels) if self.search(label)]
        lowered = _lowered(labels, self._entry.form) if self._spellings else None
        if lowered is None:
            return sorted({bisect_right(starts, m.start()) - 1 for m in self._lines.finditer(text)})
        ends = len(text), len(starts)
        return [i for i in _lines_holding(lowered, starts, self._spellings)
                if self._lines.search(text, starts[i], starts[i + 1] - 1 if i + 1 < ends[1] else ends[0])]

    def search_formed(self, key: str, words: str) -> re.Match | None:
        """`search` of a label its caller has formed already, as its key and as its printed words: a table's labels
        formed once for all its searches (past the forms' caches, a table of 10⁵ labels formed each one anew)."""
        return self._pattern.search(key if self._entry.form == "key" else words)

    def rest(self, label: str) -> str | None:
        """What follows a start term in a label as printed: 'Summa Politisk verksamhet' -> 'Politisk verksamhet'."""
        return self.rest_formed(printed_words(label))

    def rest_formed(self, words: str) -> str | None:
        """`rest` of a label its caller has formed already as its printed words (`search_formed`)."""
        found = self._rest.match(words)
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
    def _spellings(self) -> tuple[str, ...]:
        """Lowered, each spelling of a stretch some term prints in every match of it: a label holding none of them
        holds no term (empty where a term has no such stretch: the pattern scans every label)."""
        entry = self._entry
        spellings: list[str] = []
        for term in entry.whole + entry.start + entry.anywhere + entry.end:
            if not (stretch := _stretch_spellings(term, entry.form)):
                return ()
            spellings += stretch
        return tuple(dict.fromkeys(spellings))

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
    lines = label_keys(labels) if form == "key" else label_words(labels)
    text = "\n".join(lines)
    if text.count("\n") != max(len(lines) - 1, 0):
        return None, []
    # line i starts after the i lines before it and their breaks
    return text, list(map(operator.add, accumulate(map(len, lines), initial=0), range(len(lines))))


@functools.lru_cache(maxsize=2)  # the labels' words and keys of the table being searched (~25 MB each at 10⁶ rows)
def _lowered(labels: tuple[str, ...], form: str) -> str | None:
    """`_joined`'s text in lower case, where a term's letters match in it just as the case-blind pattern matches
    them in the text (None: it holds 'İ', 'ı' or 'ſ', which that pattern matches to 'i' or 's', or a character whose
    lower case is longer, which would move the lines away from `_joined`'s starts)."""
    text = _joined(labels, form)[0]
    if text is None or _LOWER_UNLIKE.search(text):
        return None
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def _lines_holding(text: str, starts: list[int], spellings: tuple[str, ...]) -> list[int]:
    """The lines of ``text`` (each starting at ``starts``) holding one of ``spellings``, in order."""
    found: set[int] = set()
    for spelling in spellings:
        at = text.find(spelling)
        while at >= 0:
            line = bisect_right(starts, at) - 1
            found.add(line)
            at = text.find(spelling, starts[line + 1]) if line + 1 < len(starts) else -1
    return sorted(found)


def _stretch_spellings(term: str, form: str) -> list[str]:
    """The lowered spellings of a stretch of literal characters every match of the term prints, as `_term_pattern`
    matches it: its longest word or piece of key, with å, ä and ö also as a and o in a key (past two of them, the
    longest run without them instead); none where the stretch holds a character outside `_PLAIN_LETTERS`."""
    pieces = [literal for piece in _literal_pieces(term, form)[1] for literal in piece]  # not the sum word: any of several
    longest = max(pieces, key=len).lower()
    if form == "key" and sum(map(longest.count, _FOLDS)) > _MOST_FOLDED:
        longest = max(re.split(f"[{''.join(_FOLDS)}]", longest), key=len)
    if not longest or not _PLAIN_LETTERS.fullmatch(longest):
        return []
    spellings = [""]
    for c in longest:
        spellings = [s + option for s in spellings for option in c + (_FOLDS.get(c, "") if form == "key" else "")]
    return spellings


def _term_pattern(term: str, form: str) -> str:
    """A term as a regular expression: over a key (å/ä/ö also as a/o, as exports that lost them print
    them) or over a printed label (any run of spaces between words); '{year}' is four digits. A key
    term opening with 'summa' opens with any sum word ('S:a tillgångar', 'Totalt eget kapital')."""
    summed, pieces = _literal_pieces(term, form)
    if form == "key":
        parts = ["".join(_FOLDED.get(c, re.escape(c)) for c in key) for (key,) in pieces]
    else:
        parts = [r"\s+".join(map(re.escape, words)) for words in pieces]
    return (_sum_word_keys() if summed else "") + r"\d{4}".join(parts)


def _literal_pieces(term: str, form: str) -> tuple[bool, list[list[str]]]:
    """A term as both `_term_pattern` and `_stretch_spellings` read it: whether it opens with any sum word (a key
    term 'summa X'), and its pieces between '{year}'s, each as its key (over keys) or its words (over labels)."""
    summed = form == "key" and term.split(" ", 1)[0].casefold() == "summa" and " " in term
    if summed:
        term = term.split(" ", 1)[1]
    if form == "key":
        return summed, [[normalize_label(piece, pattern=True)] for piece in term.split(_YEAR)]
    return summed, [piece.casefold().split(" ") for piece in term.split(_YEAR)]


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
