"""Reports laid out as one long sheet or one long Word table: tables are found where they begin, as on the page.

examples/one-sheet/ holds both examples built by examples/build/one_sheet.py: every table of the
text export under the one above without a blank row, a caption row where the caption changes (so
Herrljunga's four 'Drift' tables follow each other header under data), amounts stored as text.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapportkoll.readers import read_report
from rapportkoll.readers.layout import similar_header, table_starts
from reader_helpers import EXAMPLES, FUZZ, STEMS, finding_key, table_findings

ONE_SHEET = EXAMPLES / "one-sheet"


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
@pytest.mark.parametrize("stem", STEMS)
def test_one_sheet_and_one_table_layouts_give_the_findings_of_the_text_export(stem: str, suffix: str):
    expected = sorted(finding_key(f) for f in table_findings(EXAMPLES / f"{stem}.txt"))
    found = table_findings(ONE_SHEET / f"{stem}{suffix}")
    assert sorted(finding_key(f) for f in found) == expected
    assert not [f for f in found if f.code in ("RK301", "RK901", "RK902")]


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_header_directly_under_data_starts_the_next_table(suffix: str):
    """The issue's case: 'Resultat per verksamhet-netto, tkr' under the rows of the Resultaträkning."""
    tables = {t.corner: t for t in read_report(ONE_SHEET / f"{STEMS[1]}{suffix}").tables}
    text = {t.corner: t for t in read_report(EXAMPLES / f"{STEMS[1]}.txt").tables}
    for corner in ("Resultaträkning, tkr", "Resultat per verksamhet-netto, tkr", "Budgetförändringar 2023",
                   "KS utvecklingsmedel 2023"):
        mine, theirs = tables[corner], text[corner]
        assert (mine.caption, mine.columns) == (theirs.caption, theirs.columns)
        assert [r.label.text for r in mine.rows] == [r.label.text for r in theirs.rows]


def _rows(texts: list[str]) -> list[list[str]]:
    return [line.split("|") for line in texts]


def test_a_label_row_inside_a_table_of_amounts_does_not_split_it():
    rows = _rows(["Belopp i tkr|Budget 2024|Utfall 2024", "Intäkter||", "Avgifter|1 200|1 150",
                  "Bidrag|300|310"])
    assert table_starts(rows) == [0]


def test_data_with_years_and_comparisons_is_not_a_new_header():
    rows = _rows(["Titel|Utfall 2021|Utfall 2022|Mål 2023", "Nöjdhet|93% (92%)|92,2% (92,4%)|Öka 2022",
                  "Hur tycker du?|79% (81%)|84,6% (80,7%)|Öka 2022", "Invånare|+0,2%|+0,3%|1,2%"])
    assert table_starts(rows) == [0]


def test_the_header_repeated_under_data_continues_the_table():
    rows = _rows(["Belopp|Budget 2024|Utfall 2024", "A|1|2", "Belopp|Budget 2024|Utfall 2024", "B|3|4"])
    assert table_starts(rows) == [0]


_LABELS = st.sampled_from(["Budget", "Utfall", "Prognos", "Bokslut", "Avvikelse", "Differens"])
_YEARS = st.integers(2015, 2030)


@st.composite
def _amount_table(draw) -> list[list[str]]:
    """A caption row, a header of period labels, and rows of amounts (a table as reports print them)."""
    width = draw(st.integers(2, 5))
    names = st.tuples(_LABELS, _YEARS).map(lambda pair: f"{pair[0]} {pair[1]}")
    header = [draw(st.sampled_from(["Belopp i tkr", "Verksamhet", ""]))] + \
        draw(st.lists(names, min_size=width, max_size=width, unique=True))  # a header names each column apart
    body = [[f"Rad {i}"] + [str(draw(st.integers(-9999, 99999))) for _ in range(width)]
            for i in range(draw(st.integers(1, 6)))]
    caption = draw(st.sampled_from(["Drift", "Investeringar", "Resultaträkning", "Exploatering"]))
    return [[caption] + [""] * width, header, *body]


@FUZZ
@given(st.lists(st.tuples(_amount_table(), st.booleans()), min_size=1, max_size=5))
def test_tables_laid_one_under_the_other_are_found_where_they_begin(tables):
    """Each table begins at its caption row; one without a caption row begins at its header, unless that
    header is the current one again (then it is the same table going on, as after a page break)."""
    width = max(len(table[1]) for table, _ in tables)  # a sheet's rows span the block's columns
    rows: list[list[str]] = []
    expected: list[int] = []
    current: list[str] = []
    for table, with_caption in tables:
        table = [row + [""] * (width - len(row)) for row in table]
        printed = table if with_caption or not rows else table[1:]
        if printed is table or not similar_header(table[1], current):
            expected.append(len(rows))
            current = table[1]
        rows.extend(printed)
    assert table_starts(rows) == expected
