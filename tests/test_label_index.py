"""The label index answers every pattern as a scan of the labels with LabelPattern.explain would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll.labels import LabelIndex, LabelPattern

# Labels and patterns from a small alphabet, so that exact, normalised and wildcard matches collide.
_WORDS = st.sampled_from(["Summa", "summa", "Löner", "Löner*", "Löner¹", "Budget 2024", "budget  2024",
                          "Budget *", "Netto", "netto-", " Netto ", "Övrigt", "Be- lopp", "Be lopp"])


def _scan(labels: list[str], pattern: LabelPattern) -> list[int]:
    exact = [i for i, label in enumerate(labels) if label.strip() in pattern.alternatives]
    return exact or [i for i, label in enumerate(labels) if pattern.matches(label)]


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=12), st.lists(_WORDS, min_size=1, max_size=3))
def test_index_equals_scan(labels, alternatives):
    pattern = LabelPattern(tuple(alternatives))
    index = LabelIndex(labels)
    assert index.find(pattern) == _scan(labels, pattern)
    assert index.find(pattern) == _scan(labels, pattern)  # the remembered answer is the same


def test_written_label_before_wildcard():
    # 'Löner*' names the row written 'Löner*' (a footnote mark), not the first row the wildcard fits
    assert LabelIndex(["Löner 2023", "Löner*"]).find(LabelPattern.of("Löner*")) == [1]
