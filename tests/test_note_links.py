"""Statements and their notes (note_links.py, eliminations.py, movements.py, statements.py's identities).

Each test takes a real table from tests/realworld (sources in its README) and changes one cell of a
copy, as the test says (a typical slip: two digits swapped or one mistyped); the published file is never
touched. A test of a published slip uses the file as published. Every relation tested here is one a
careful reader annotated (the file's .yaml); the changed cell must be named as the culprit with the
printed value as its correction, which shows the family's relation was checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rapportkoll.numbers import parse
from rapportkoll.run import check_paths
from rapportkoll.suites import load_suite

REALWORLD = Path(__file__).resolve().parent / "realworld"


def _suspects(tmp_path: Path, name: str, old: str = "", new: str = "", occurrence: int = 1,
              suite: str = "delarsrapport") -> set[tuple[str, str, float]]:
    """(row, column, proposed value) of each culprit named after replacing the ``occurrence``-th ``old``."""
    text = (REALWORLD / name).read_text(encoding="utf-8")
    if old:
        at = -1
        for _ in range(occurrence):
            at = text.index(old, at + 1)
        text = text[:at] + new + text[at + len(old):]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    findings = check_paths([path], load_suite(suite)).findings
    return {(f.suspect.cell.row, f.suspect.cell.column, parse(f.suspect.proposed).value)
            for f in findings if f.suspect}


# (file, text replaced, its occurrence, replacement, culprit row, column, printed value) — the relation
# that finds it is in the comment.
MUTATIONS = [
    # a line citing a note in a table of its own: Luleå's Not 1 ends in the resultaträkning's line
    ("lulea-2018-finansiella-rapporter.txt", "2 835\t2 633", 2, "2 853\t2 633",
     "SUMMA koncernens intäkter", "Kommunkoncernen 2018", 2835),
    # a line citing a section of a long notes table (the "Not" column numbers its heading): Vansbro Not 4
    ("vansbro-2017-resultatrakning-och-noter.txt", "Skatteintäkter\tNot 4\t277 648", 1,
     "Skatteintäkter\tNot 4\t277 684", "Skatteintäkter", "Kommunen Utfall 2017-12-31", 277648),
    # a note printed under the statement without a total: Kramfors' Not 1 adds up to the line citing it
    ("kramfors-2018-rakenskaper.txt", "avsättningar\t\t28,8", 1, "avsättningar\t\t82,8",
     "Justering för gjorda avsättningar", "KOMMUNEN 2018", 28.8),
    # internal income and costs eliminated with opposite signs (costs printed negative): Vansbro
    ("vansbro-2017-resultatrakning-och-noter.txt", "Interna poster\t\t4 611\t6 875", 1,
     "Interna poster\t\t4 611\t6 857", "Interna poster", "Kommunen 2016", 6875),
    # a closing line under a specification sums it: Göteborg's Not 11
    ("goteborg-2018-balansrakning.txt", "20 431", 1, "20 413", "Övrigt eget kapital", "Kommunen 2017", 20431),
    # Kommunalskatt is the kommun's own: the koncern prints the same (Kungsbacka)
    ("kungsbacka-2014-rakenskaper.txt", "3 609\t3 723\n", 1, "3 609\t3 732\n",
     "Kommunalskatt", "Koncernen Utfall 2014", 3723),
    # the balanskravsutredning starts at the resultaträkning's result (Göteborg 2017)
    ("goteborg-2017-rakenskaper.txt", "Årets resultat\t824\t938\t2 128", 1, "Årets resultat\t824\t938\t2 182",
     "Årets resultat", "2017", 2128),
    # a result printed above its resultaträkning closes the chain (Malmö 2013)
    ("malmo-2013-resultatrakning.tsv", "154\t193\t323\t365", 1, "154\t193\t332\t365",
     "PERIODENS RESULTAT", "Sammanställd redovisning 2013", 323),
    # a cash flow's last line restates the year's flow (Värmdö 2019)
    ("varmdo-2019-kassaflode.tsv", "Förändring i kassa enligt BR\t\t39 838", 1,
     "Förändring i kassa enligt BR\t\t39 883", "Förändring i kassa enligt BR", "Kommunen 2019", 39838),
]


@pytest.mark.parametrize("name, old, occurrence, new, row, column, value", MUTATIONS,
                         ids=[f"{m[0].split('-')[0]}:{m[4]}" for m in MUTATIONS])
def test_a_slip_in_a_linked_line_is_named_with_its_printed_value(tmp_path, name, old, occurrence, new, row, column,
                                                                 value):
    assert (row, column, value) in _suspects(tmp_path, name, old, new, occurrence)


def test_a_copied_internal_cost_is_named_by_the_internal_income_it_eliminates(tmp_path):
    """Luleå 2018, as published: Not 2's "Avgår interna kostnade" for 2017 repeats the row above (-548) where
    Not 1 eliminates -1 936 of internal income (annotated slips)."""
    found = _suspects(tmp_path, "lulea-2018-finansiella-rapporter.txt")
    assert ("Avgår interna kostnade", "Kommunen 2017", -1936) in found
    assert ("Avgår interna kostnade", "Kommunkoncernen 2017", -1936) in found


def test_a_balance_sheet_that_does_not_balance_names_the_side_that_is_off(tmp_path):
    """Lerum 2023, as published: the koncern's liabilities side 2022 is 4 959,4, its assets 5 171,1 and the
    three sums above it 5 171,2 (annotated slip); the identity and the sum agree on the culprit."""
    found = _suspects(tmp_path, "lerum-2023-balansrakning.tsv")
    assert any(row == "SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER" and column == "Koncern 2022"
               and abs(value - 5171.1) <= 0.1 for row, column, value in found)


def test_costs_printed_positive_in_the_note_are_not_linked_to_negative_costs(tmp_path):
    """Luleå 2018: Not 2 prints the costs positive (5 455) and the resultaträkning negative (-5 455); no
    relation is made between them, so no finding cites the resultaträkning's cost line."""
    path = REALWORLD / "lulea-2018-finansiella-rapporter.txt"
    findings = check_paths([path], load_suite("delarsrapport")).findings
    cited = {(c.table, c.row) for f in findings for c in f.cells}
    assert ("Resultaträkning", "Verksamhetens kostnader") not in cited


def test_a_closing_value_is_its_opening_value_and_the_years_movements(tmp_path):
    """Värmdö 2019 Not 4: Bokfört värde bilar 2018 (0) = Ingående värde (34) + Avskrivningar (-34), a section
    whose one fit discovery cannot accept. Mutation: Avskrivningar -34 typed -43; swapping the digits of either
    of the two lines restores it, so either may be named."""
    found = _suspects(tmp_path, "varmdo-2019-not4-anlaggningstillgangar-renhallning.tsv",
                      "Avskrivningar\t\t-34", "Avskrivningar\t\t-43")
    assert found & {("Avskrivningar", "2018", -34), ("Ingående värde", "2018", 43)}
