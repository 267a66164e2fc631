"""Layout robustness on a fixed slice of the real tables: each rewriting bench/metamorphic.py makes (another
municipality's column order, number format, labels, file format) keeps every relation the original has
checked, finds the same published slips and raises no alarm. bench/metamorphic.py runs every table.

The slice is three tables of different kinds and layouts: a resultaträkning with its notes in one text
export, minus printed '– ' and a note column headed by nothing (Vansbro), a balance sheet with kommun and
koncern columns and one decimal (Ängelholm), and a driftredovisning whose headers are hyphenated as printed
and which holds two published slips (Lund).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import metamorphic  # noqa: E402
import recall  # noqa: E402
from realworld.annotations import FOLDER, load  # noqa: E402
from rapportkoll.suites import load_suite  # noqa: E402

SLICE = ("vansbro-2017-resultatrakning-och-noter.txt", "angelholm-2021-balansrakning.tsv",
         "lund-2023-driftredovisning.tsv")
# Layouts the tool does not yet read in every table of the slice, with what is lost (bench/metamorphic.py
# lists every table): each is a known gap, asserted so that a fix shows and a new loss fails.
KNOWN_LOSSES = {
    # Without its note references the resultaträkning is linked to no note: the notes' sections are headed by the
    # line's name ('Verksamhetens intäkter', note 1) and end in '… kommunen' or 'Summa', which no link reads.
    ("note_column_removed", "vansbro-2017-resultatrakning-och-noter.txt"): 9,
}


@pytest.fixture(scope="module")
def suite():
    return load_suite("delarsrapport")


@pytest.fixture(scope="module")
def originals(suite):
    annotations = [load(FOLDER / name) for name in SLICE]
    return [(annotation, recall.score(annotation, suite)) for annotation in annotations]


@pytest.mark.parametrize("name", sorted(metamorphic.TRANSFORMS))
def test_a_layout_keeps_the_relations_and_slips_and_raises_no_alarm(name, suite, originals, tmp_path):
    for annotation, before in originals:
        rewritten = metamorphic.rewrite(annotation, name, tmp_path)
        if rewritten is None:
            continue  # the layout is the table's own already (no note column to move, no 'Summa' to respell)
        after = recall.score(annotation, suite, *rewritten)
        where = f"{name} on {annotation.path.name}"
        assert after.unread == 0, where
        assert (after.false_errors, after.false_warnings) == ([], []), where
        assert after.slips_found == before.slips_found, where
        lost = metamorphic.lost(before, after)
        assert len(lost) == KNOWN_LOSSES.get((name, annotation.path.name), 0), (where, lost)
