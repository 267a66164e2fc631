"""Discovery on structures real tables print (tests/realworld, sources in its README): a column headed as a
total over four or five others, a nil line heading a list, a sparse last item of a total printed above its
items, a grand total printed above the section totals it closes.

Each test reads the published table; where it checks that a slip is found, it changes one cell of a copy,
as the test says. The relations asserted are those a careful reader annotated (the file's .yaml).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import rapportkoll
from rapportkoll.discovery import discover
from rapportkoll.numbers import parse
from rapportkoll.readers import read_report

REALWORLD = Path(__file__).resolve().parent / "realworld"


def _discovered(name: str, caption: str = "") -> list[tuple[str, dict]]:
    report = read_report(REALWORLD / name)
    table = next(t for t in report.tables if caption in (t.caption or ""))
    return [(f.kind, f.params) for f in discover(table, tuple(report.tables))]


def _suspects(tmp_path: Path, name: str, old: str, new: str) -> set[tuple[str, str, float]]:
    text = (REALWORLD / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, "the cell to change must be unique in the file"
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    findings = rapportkoll.check(path, suite="generic").findings
    return {(f.suspect.cell.row, f.suspect.cell.column, parse(f.suspect.proposed).value) for f in findings
            if f.suspect}


def test_a_total_column_sums_the_columns_since_the_previous_total():
    """Härjedalen 2009: TOTAL (Tillhör Sv Kyrkan) = Kommun + Landsting + Begravningsavgift + Kyrkoavgift."""
    equations = [p for kind, p in _discovered("harjedalen-2009-utdebitering.tsv") if kind == "equation"]
    assert {"axis": "columns", "result": "TOTAL (Tillhör Sv Kyrkan)",
            "plus": ["Kommun", "Landsting", "Begravningsavgift", "Kyrkoavgift"]} in equations


def test_a_total_column_leaves_out_a_darav_column():
    """Göteborg 2018 Not 5: Summa adds the five asset classes; "Därav finansiell leasing" details one of them."""
    equations = [p for kind, p in _discovered("goteborg-2018-not5-anlaggningstillgangar.tsv") if kind == "equation"]
    [summa] = [p for p in equations if p["result"] == "Summa"]
    assert "Därav finansiell leasing" not in summa["plus"] and len(summa["plus"]) == 5


@pytest.mark.parametrize("old, new, row, column, value", [
    ("35,62\t34,07", "35,26\t34,07", "Tännäs Ljusnedal", "TOTAL (Tillhör Sv Kyrkan)", 35.62),
    ("1 057\t-6\t-\t-424\t-315\t-1 490", "1 057\t-6\t-\t-424\t-315\t-1 409", "Avskrivningar", "Summa", -1490),
], ids=["harjedalen", "goteborg-not5"])
def test_a_slip_in_a_total_column_is_named(tmp_path, old, new, row, column, value):
    name = "harjedalen-2009-utdebitering.tsv" if "35,62" in old else "goteborg-2018-not5-anlaggningstillgangar.tsv"
    assert (row, column, value) in _suspects(tmp_path, name, old, new)


def test_a_nil_line_heading_a_list_belongs_to_the_list():
    """Luleå 2018 Not 1: "Luleå Kommunföretag AB  -  -  0  0" heads the companies; it is a part of SUMMA
    intäkter bolagen, not of the grand total further down."""
    sums = {p["total"]: p["parts"] for kind, p in _discovered("lulea-2018-finansiella-rapporter.txt", "Not 1")
            if kind == "sum"}
    assert "Luleå Kommunföretag AB" in sums["SUMMA intäkter bolagen"]
    assert "Luleå Kommunföretag AB" not in sums["SUMMA koncernens intäkter"]


def test_a_total_above_its_items_takes_a_sparse_last_item_and_reads_past_a_result_worded_item():
    """Örebro 2019: Verksamhetens nettokostnader on top sums the items below it, among them
    "Exploateringsresultat" (no total of its own) and "Avskrivning datorer" (a figure in 2017 only)."""
    [parts] = [p["parts"] for kind, p in _discovered("orebro-2019-jamforelsestorande-poster.tsv")
               if kind == "sum" and p["total"] == "Verksamhetens nettokostnader"]
    assert "Exploateringsresultat" in parts and "Avskrivning datorer, ny redovisningsprincip" in parts


def test_a_grand_total_above_the_section_totals_sums_them(tmp_path):
    """Helsingborg 2016 prints Summa skatte- och avgiftsfinansierat first. Mutation: its Intäkter 3 414,5 typed
    3 441,5, which only that relation reads."""
    sums = {p["total"]: p["parts"] for kind, p in _discovered("helsingborg-2016-driftsredovisning.tsv")
            if kind == "sum"}
    assert sums["Summa skatte- och avgiftsfinansierat"] == ["Summa skattefinansierat", "Summa avgiftsfinansierat"]
    assert ("Summa skatte- och avgiftsfinansierat", "Intäkter", 3414.5) in _suspects(
        tmp_path, "helsingborg-2016-driftsredovisning.tsv", "3 414,5", "3 441,5")


def test_a_result_column_is_the_one_signed_reading_of_the_columns_before_it(tmp_path):
    """Helsingborg 2016: Årets resultat = Kommunbidrag + Intäkter + Kostnader − Disposition av resultat (the
    disposition is negative where a nämnd spends earlier surpluses). Mutation: Kulturnämnden's Årets resultat
    4,2 typed 2,4; Utgående = Ingående + Disposition + Årets resultat reads it too, so it is named."""
    equations = [p for kind, p in _discovered("helsingborg-2016-driftsredovisning.tsv") if kind == "equation"]
    assert {"axis": "columns", "result": "Årets resultat", "plus": ["Kommunbidrag 2)", "Intäkter", "Kostnader"],
            "minus": ["Disposition av resultat"]} in equations
    assert ("Kulturnämnden", "Årets resultat", 4.2) in _suspects(
        tmp_path, "helsingborg-2016-driftsredovisning.tsv", "-210,8\t4,2", "-210,8\t2,4")
