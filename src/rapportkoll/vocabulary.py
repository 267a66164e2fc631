"""The domain's words as data: each entry of vocabulary.yaml becomes a matcher over labels.

Checks name the entry they need (``terms("total_rows").search(label)``); the words themselves are
kept in the YAML file, where a new municipality's spelling is one line. Entries are compiled on
first use, so a run that never meets a statement never reads the statement words.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from pathlib import Path

from rapportkoll.labels import normalize_label

_PLACES = {"whole": ("^", "$"), "start": ("^", ""), "anywhere": ("", ""), "end": ("", "$")}
_LETTERS = {"å": "[åa]", "ä": "[äa]", "ö": "[öo]"}
_YEAR = "{year}"


class Terms:
    """The terms of one entry, compiled on first use to one pattern over the form of a label it reads."""

    def __init__(self, name: str) -> None:
        self.name = name

    def search(self, label: str) -> re.Match | None:
        """Where a term sits in ``label`` (in its key when the entry reads keys), or None."""
        return self._pattern.search(normalize_label(label) if self._entry["form"] == "key" else label)

    match = search  # every entry says where its terms sit, so matching and searching agree

    def rest(self, label: str) -> str | None:
        """What follows a term at the start of a label as printed: 'Summa Politisk verksamhet' -> 'Politisk verksamhet'."""
        found = self._rest.match(label)
        return found["rest"] if found else None

    @functools.cached_property
    def _entry(self) -> dict:
        return _entries()[self.name]

    @functools.cached_property
    def _pattern(self) -> re.Pattern:
        form = self._entry["form"]
        alternatives = []
        for place, (before, after) in _PLACES.items():
            if terms := "|".join(_term_pattern(t, form) for t in self._entry.get(place, ())):
                tail = after or (r"\b" if form == "words" and place != "end" else "")
                alternatives.append(f"{before}(?:{terms}){tail}")
        return re.compile("|".join(alternatives), re.IGNORECASE)

    @functools.cached_property
    def _rest(self) -> re.Pattern:
        starts = "|".join(_term_pattern(t, self._entry["form"]) for t in self._entry.get("start", ()))
        return re.compile(rf"^(?:{starts})\s+(?P<rest>.+)$", re.IGNORECASE)


def _term_pattern(term: str, form: str) -> str:
    """A term as a regular expression over a key or a printed label: å/ä/ö also as a/o, spaces as any space."""
    text = normalize_label(term, pattern=True) if form == "key" else term.casefold()
    parts = []
    for piece in text.split(_YEAR):
        escaped = "".join(_LETTERS.get(c, re.escape(c)) for c in piece)
        parts.append(re.sub(r"(\\? )+", r"\\s+", escaped))
    return r"\d{4}".join(parts)


@functools.cache
def _entries() -> dict[str, dict]:
    from rapportkoll.yamlsafe import load_yaml  # the loader's imports need the model, which needs these words

    return load_yaml(Path(str(files("rapportkoll") / "vocabulary.yaml")))


@functools.cache
def terms(name: str) -> Terms:
    """The matcher of entry ``name`` of vocabulary.yaml; its file is read when a label is first matched."""
    return Terms(name)
