"""Discovery finds published slips of the classes reports show, and raises nothing on correctly rounded data.

The published slips are those of tests/realworld/ (read as published): a figure copied from another line
(Luleå 2018, Not 2), a five-year summary with years as columns whose per-invånare and percentage rows
are ratios of other rows (Umeå 2017), a bare "Summa" under a one-column list (Håbo 2022). The clean
tables (tests/rounding_cases/) are ones tests/test_rounding_property.py generated (made up, exact
before rounding) on which an earlier version warned.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import rapportkoll
from rapportkoll.discovery import discover
from rapportkoll.findings import Severity
from rapportkoll.readers import read_report

REALWORLD = Path(__file__).parent / "realworld"
ROUNDING_CASES = Path(__file__).parent / "rounding_cases"  # what each one showed: its README


def alarms(path: Path, suite: str = "generic") -> list:
    return [f for f in rapportkoll.check(path, suite=suite).findings if f.severity is not Severity.INFO]


def suspects(path: Path) -> set[tuple[int, str, str]]:
    """(line, proposed, reason) of every named culprit."""
    return {(f.suspect.cell.location.line, f.suspect.proposed, f.suspect.reason) for f in alarms(path) if f.suspect}


def test_an_amount_copied_from_the_line_above_is_found_in_both_columns_that_repeat_it():
    # Avgår interna kostnader 2017 prints Övrig finansiering's -548 in Kommunen and Kommunkoncernen: with two
    # of four columns failing, the sum stands only because the copy explains both misfits.
    found = suspects(REALWORLD / "lulea-2018-finansiella-rapporter.txt")
    assert (44, "-1 936", "copy") in found
    cells = {(c.location.line, c.location.field) for f in alarms(REALWORLD / "lulea-2018-finansiella-rapporter.txt")
             if f.suspect for c in [f.suspect.cell]}
    assert {(44, 3), (44, 5)} <= cells


def test_a_five_year_summary_relates_its_rows_and_finds_its_three_slips():
    path = REALWORLD / "umea-2017-fem-ar-i-sammandrag.tsv"
    table = read_report(path).tables[0]
    ratios = {(f.params["result"], f.params["scale"]) for f in discover(table, (table,))
              if f.kind == "ratio" and f.params.get("axis") == "rows"}
    assert ("Eget kapital per invånare (kr)", 1e6) in ratios
    assert ("Verksamhetens nettokostnader (% av skatteintäkter)", -100.0) in ratios
    cited = {(c.row, c.column) for f in alarms(path) for c in f.cells}
    assert {("Eget kapital totalt (mnkr)", "2015"), ("Eget kapital per invånare (kr)", "2014"),
            ("Verksamhetens nettokostnader (% av skatteintäkter)", "2015")} <= cited
    proposed = {(f.suspect.cell.row, f.suspect.cell.column): f.suspect.proposed for f in alarms(path) if f.suspect}
    assert proposed[("Eget kapital per invånare (kr)", "2014")] == "30 732"
    assert proposed[("Verksamhetens nettokostnader (% av skatteintäkter)", "2015")] == "101"


def test_a_per_invanare_row_on_the_population_of_another_day_raises_nothing():
    # Kalmar 2003: 2 018,1 mkr / 60 415 gives 33 404 kr, printed 33 406.
    assert alarms(REALWORLD / "kalmar-2006-femarsoversikt.tsv") == []


def test_a_bare_summa_under_a_one_column_list_is_checked_where_it_adds_up_nowhere():
    [finding] = alarms(REALWORLD / "habo-2022-driftbudgetramar.tsv")
    assert (finding.code, finding.cells[0].row) == ("RK101", "Summa")


def test_a_bare_summa_that_adds_up_is_no_finding(tmp_path):
    path = tmp_path / "ramar.tsv"
    path.write_text("\tBudget, tkr\nKommunstyrelse\t116 851\nSocialnämnd\t76 930\nValnämnd\t1 166\n"
                    "Summa\t194 947\n", encoding="utf-8")
    table = read_report(path).tables[0]
    assert [f.params["total"] for f in discover(table, (table,)) if f.kind == "sum"] == ["Summa"]
    assert alarms(path) == []


@pytest.mark.parametrize("path", sorted(ROUNDING_CASES.glob("*.txt")), ids=lambda p: p.stem)
@pytest.mark.parametrize("suite", ["delarsrapport", "generic"])
def test_correctly_rounded_tables_that_once_warned_raise_nothing(path, suite):
    assert alarms(path, suite) == []
