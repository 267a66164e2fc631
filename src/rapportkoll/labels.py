"""Fuzzy but explainable matching of row and column labels against rule-pack patterns."""

from __future__ import annotations

import fnmatch
import functools
import re
import unicodedata
from dataclasses import dataclass

_SUPERSCRIPTS = re.compile(r"[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")
_NOT_KEY = re.compile(r"[^\w%<>#*]+")
_NOT_KEY_LINES = re.compile(r"[^\w%<>#*\n]+")  # `_NOT_KEY` over labels joined as lines: the breaks kept
_FEW_SEPARATORS = 12  # ... removed one character at a time up to this many kinds of them


@functools.lru_cache(maxsize=1 << 18)  # labels repeat across checks of a table (discovery, vocabulary, packs)
def normalize_label(text: str, *, pattern: bool = False) -> str:
    """Case-, spacing-, hyphenation- and footnote-insensitive key of a label.

    'Beslutat be- lopp, tkr', 'beslutat belopp tkr¹' and 'Beslutat  Belopp (tkr)' share one key,
    so packs need not spell every layout's line breaks and footnotes. Remembered per text: reading,
    pack selection and discovery each key every row label (13 times a label on a 10⁵-row table).
    """
    text = unicodedata.normalize("NFKC", _SUPERSCRIPTS.sub("", text))
    if not pattern:  # in a pattern a trailing '*' is a wildcard, not a footnote mark
        text = without_footnote_mark(text)
    return _NOT_KEY.sub("", text.casefold()).replace("_", "")


@functools.lru_cache(maxsize=4)  # the tables being checked (a long one holds ~70 bytes a label here until evicted)
def label_keys(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of a table's labels, in order: `normalize_label`'s steps each made once over the labels joined as
    lines (a call a label cost ~2.5 µs, and a long table's labels miss its cache). Each step reads a character by
    itself or within a label (NFKC composes nothing across a break), so the lines are the labels' keys; labels
    holding a break themselves are keyed one by one."""
    text = "\n".join(labels)
    formed = unicodedata.normalize("NFKC", _SUPERSCRIPTS.sub("", text))
    if formed.count("\n") != len(labels) - 1:
        return tuple(normalize_label(label) for label in labels)
    if "*" in formed:  # a footnote mark (NFKC's '*' of '＊' too) ends a line holding one
        formed = "\n".join(without_footnote_mark(line) if "*" in line else line for line in formed.split("\n"))
    keyed = _without_separators(formed.casefold())
    return labels if keyed == text else tuple(keyed.split("\n"))  # keys keyed again: the same, no copies


def _without_separators(text: str) -> str:
    """``text`` without what `_NOT_KEY` and '_' remove from a key, the line breaks kept: each such character
    present removed by one `str.replace` (a long text prints a few: spaces, commas, dashes), faster than
    the pattern's Unicode test of every character."""
    removed = [c for c in set(text) if c == "_" or _NOT_KEY_LINES.fullmatch(c)]
    if len(removed) > _FEW_SEPARATORS:
        return _NOT_KEY_LINES.sub("", text).replace("_", "")
    for c in removed:
        text = text.replace(c, "")
    return text


@functools.lru_cache(maxsize=4)  # as label_keys
def label_words(labels: tuple[str, ...]) -> tuple[str, ...]:
    """`printed_words` of a table's labels, in order, formed over the labels joined as lines (as `label_keys`; a
    broken word's hyphen lies between two letters, never at a break)."""
    text = "\n".join(labels)
    if text.count("\n") != len(labels) - 1:
        return tuple(printed_words(label) for label in labels)
    bare = _SUPERSCRIPTS.sub("", text)
    words = _BROKEN_WORD.sub("", bare) if "-" in bare else bare
    return labels if words is text else tuple(words.split("\n"))  # mostly the labels themselves: no copies


def without_footnote_mark(text: str) -> str:
    """``text`` without a trailing footnote mark ('*', '**', '(*)') and the spaces around it.

    String operations, not a regular expression: a ``\\s*…$`` pattern backtracks quadratically
    on a long run of spaces (a 20 kB label took a minute).
    """
    core = text.rstrip()
    if core.endswith(")") and (inner := core[:-1].rstrip("*")) != core[:-1] and inner.endswith("("):
        return inner[:-1].rstrip()
    bare = core.rstrip("*")
    return bare.rstrip() if bare != core else text


# A hyphen between two lower-case letters, or in capitals between two runs of three letters: a word broken
# where a narrow column wrapped it ('Av-vikelse', 'KOST-NADER'). A hyphen before a space ('Barn- och
# utbildning') or after an abbreviation ('IT-kostnader', 'VA-VERKSAMHET') is not.
_BROKEN_WORD = re.compile(r"(?<=[a-zåäöéü])-(?=[a-zåäöéü])|(?<=[A-ZÅÄÖ]{3})-(?=[A-ZÅÄÖ]{3})")


@functools.lru_cache(maxsize=1 << 18)  # as normalize_label's: every row label of a long table, read per entry
def printed_words(text: str) -> str:
    """A label as its words read, for matching words as printed: footnote marks dropped ('Årets resultat¹')
    and words broken by a hyphen joined ('Verksam-hetens')."""
    bare = _SUPERSCRIPTS.sub("", text)
    return _BROKEN_WORD.sub("", bare) if "-" in bare else bare


_OCCURRENCE = re.compile(r"^(?:(?P<label>.*\S) )?#(?P<k>[1-9]\d*)$")


def occurrence(spec: str) -> tuple[str, int] | None:
    """'Ingående värde #3' → ('Ingående värde', 3): the third row so labelled (labels repeat in notes);
    '#2' → ('', 2): the second row printed without a label (a subtotal under its section)."""
    match = _OCCURRENCE.match(spec)
    return (match["label"] or "", int(match["k"])) if match else None


def occurrence_names(labels: list[str], keys: list[str] | None = None) -> list[str]:
    """How rules name each row: its label, with ' #k' when earlier rows have the same label (one pass); ``keys``
    where the caller has keyed the labels already (a table longer than the key cache would key them again)."""
    seen: dict[str, int] = {}
    names = []
    for label, key in zip(labels, keys or map(normalize_label, labels)):
        seen[key] = seen.get(key, 0) + 1
        names.append(f"#{seen[key]}" if not key else label if seen[key] == 1 else f"{label} #{seen[key]}")
    return names


@dataclass(frozen=True)
class LabelPattern:
    """One or more spellings of a label; '*' stands for any text (e.g. 'Budget *')."""

    alternatives: tuple[str, ...]

    @classmethod
    def of(cls, spec: str | list[str] | tuple[str, ...]) -> LabelPattern:
        return cls((spec,) if isinstance(spec, str) else tuple(spec))

    def explain(self, label: str) -> str | None:
        """How ``label`` matches, in words a user can check, or None when it does not."""
        key = normalize_label(label)
        for alternative in self.alternatives:
            if label.strip() == alternative:
                return f"'{label}' = '{alternative}'"
            wanted = normalize_label(alternative, pattern=True)
            if key == wanted or ("*" in wanted and fnmatch.fnmatchcase(key, wanted)):
                return f"'{label}' ~ '{alternative}'"
        return None

    def matches(self, label: str) -> bool:
        return self.explain(label) is not None

    @property
    def positions(self) -> tuple[int, ...]:
        """The 1-based value-column positions it names ('@1', '@2': headers that are years change every report)."""
        return tuple(int(a[1:]) for a in self.alternatives if _is_position(a))

    @property
    def names(self) -> LabelPattern | None:
        """The alternatives that are labels, not positions; None when it names positions only."""
        named = tuple(a for a in self.alternatives if not _is_position(a))
        return LabelPattern(named) if named else None

    @property
    def last(self) -> bool:
        """'@last': the last row, where a total named after the committee sits."""
        return "@last" in self.alternatives

    def occurrences(self) -> list[tuple[str, int]]:
        """('Ingående värde', 3) for 'Ingående värde #3', ('', 2) for '#2': the k-th row so labelled."""
        return [found for found in map(occurrence, self.alternatives) if found]

    def __str__(self) -> str:
        return " | ".join(self.alternatives)


def _is_position(alternative: str) -> bool:
    return alternative[:1] == "@" and alternative[1:].isdigit()


class LabelIndex:
    """The labels of a table's rows (or columns) indexed once, so each pattern lookup costs O(1).

    Answers as a scan with ``LabelPattern.explain`` would, in order: labels equal to an alternative
    as written first, else every label whose key matches (wildcards scan the keys once per pattern).
    """

    def __init__(self, labels: list[str]) -> None:
        self._labels = labels
        self._written: dict[str, list[int]] = {}
        for i, label in enumerate(labels):
            self._written.setdefault(label.strip(), []).append(i)
        self._found: dict[LabelPattern, list[int]] = {}

    @functools.cached_property
    def _keys(self) -> list[str]:
        """Normalised labels, made only when a pattern names no label as written (most name one)."""
        return [normalize_label(label) for label in self._labels]

    @functools.cached_property
    def _by_key(self) -> dict[str, list[int]]:
        by_key: dict[str, list[int]] = {}
        for i, key in enumerate(self._keys):
            by_key.setdefault(key, []).append(i)
        return by_key

    def find(self, pattern: LabelPattern) -> list[int]:
        """Positions written exactly as an alternative, else those matching it; ascending."""
        if len(pattern.alternatives) == 1 and (written := self._written.get(pattern.alternatives[0])):
            return written  # one label as written (a discovered rule names each row so): no set to sort
        if pattern not in self._found:
            exact = {i for alternative in pattern.alternatives for i in self._written.get(alternative, ())}
            self._found[pattern] = sorted(exact or self._matching(pattern))
        return self._found[pattern]

    def keyed(self, key: str) -> list[int]:
        """Positions whose normalised label is ``key``, in order ('Ingående värde #3' counts them)."""
        return self._by_key.get(key, [])

    def _matching(self, pattern: LabelPattern) -> set[int]:
        found: set[int] = set()
        for alternative in pattern.alternatives:
            wanted = normalize_label(alternative, pattern=True)
            if "*" in wanted:
                found.update(i for i, key in enumerate(self._keys) if fnmatch.fnmatchcase(key, wanted))
            else:
                found.update(self._by_key.get(wanted, ()))
        return found
