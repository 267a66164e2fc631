"""What the law makes true in every municipality's statements (statements.py, statement_chains.py, kinds/carry.py).

Each test takes a real table from tests/realworld (sources in its README) and, where it tests a
slip, changes one cell of a copy, as the test says; the published file is never touched.
"""

from __future__ import annotations

from pathlib import Path

from rapportkoll.numbers import parse
from rapportkoll.run import check_paths
from rapportkoll.suites import load_suite

REALWORLD = Path(__file__).resolve().parent / "realworld"


def _check(tmp_path: Path, name: str, old: str = "", new: str = "", suite: str | None = None):
    text = (REALWORLD / name).read_text(encoding="utf-8")
    assert not old or text.count(old) == 1, "the cell to change must be unique in the file"
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return check_paths([path], load_suite(suite))


def _suspect(result) -> list[tuple[str, str, str]]:
    return [(f.suspect.cell.row, f.suspect.cell.column, f.suspect.proposed) for f in result.findings if f.suspect]


def test_clean_statements_raise_nothing(tmp_path):
    for name in ("goteborg-2018-resultatrakning.tsv", "hallsberg-2020-kassaflodesanalys.tsv",
                 "kramfors-2018-rakenskaper.txt", "nynashamn-2021-finansiella-rapporter.txt"):
        assert [f for f in _check(tmp_path, name).findings if f.severity.value != "info"] == [], name


def test_arets_resultat_sums_the_lines_after_the_financial_result_even_where_they_are_dashes(tmp_path):
    """Göteborg 2018: extraordinary lines print '-', so only the chain knows Årets resultat is a sum.
    Mutation: the koncern's tax 2018, -131, typed -113."""
    result = _check(tmp_path, "goteborg-2018-resultatrakning.tsv", "-276\t-131", "-276\t-113")
    assert ("Aktuell och uppskjuten skatt", "Sammanställd redovisning 2018", "-131") in _suspect(result)


def test_a_cash_flow_section_sums_its_lines(tmp_path):
    """Kramfors 2018: Kassaflöde från investeringsverksamheten. Mutation: – 60,5 typed – 65,0."""
    result = _check(tmp_path, "kramfors-2018-rakenskaper.txt", "– 60,5\t– 55,9", "– 65,0\t– 55,9")
    found = {(row, column, parse(text).value) for row, column, text in _suspect(result)}
    assert ("Investering i materiella anläggningstillgångar", "KOMMUNEN 2018", -60.5) in found


def test_an_opening_balance_is_last_years_closing(tmp_path):
    """Hallsberg 2020: Likvida medel vid årets början 2020 (63) is 2019's closing. Mutation: 63 typed 36."""
    result = _check(tmp_path, "hallsberg-2020-kassaflodesanalys.tsv",
                    "Likvida medel vid årets början\t\t63\t", "Likvida medel vid årets början\t\t36\t")
    codes = {f.code for f in result.findings} | {r.code for f in result.findings for r in f.related}
    assert "RK143" in codes or any(row == "Likvida medel vid årets början" for row, _, _ in _suspect(result))


def test_equity_at_the_start_of_the_year_is_last_years_equity_at_its_end(tmp_path):
    """Grästorp 2020: EGET KAPITAL, vid årets början 2020 (184 788) is 2019's closing equity; the words that say
    so end the label ('…, vid årets början' / '…, vid årets slut'). Mutation: 184 788 typed 184 878."""
    opening = "EGET KAPITAL, vid årets början\t16\t184 788"
    result = _check(tmp_path, "grastorp-2020-rakenskaper.txt", opening, opening.replace("184 788", "184 878"))
    assert ("EGET KAPITAL, vid årets början", "2020", "184 788") in _suspect(result)
    assert "RK143" in {f.code for f in result.findings}  # the carry, beside the sum of the equity lines


def test_kommun_and_koncern_print_the_same_taxes(tmp_path):
    """Sjöbo 2021: the koncern's tax income 2021, 861,9, typed 816,9."""
    result = _check(tmp_path, "sjobo-2021-resultatrakning.tsv", "805,1\t861,9\n", "805,1\t816,9\n")
    [finding] = result.findings  # one culprit: the chain and the equality agree on it
    assert "rakenskaper" in {f.rule.split(".")[0] for f in (finding, *finding.related)}
    assert (finding.suspect.cell.row, finding.suspect.proposed) == ("Skatteintäkter", "861,9")


def test_statements_of_one_report_agree_on_the_result(tmp_path):
    """Nynäshamn 2021: the kassaflödesanalys' Årets resultat 2021 (107 046) is the resultaträkning's.
    Mutation: typed 170 046 in the cash flow, whose chain then fails too."""
    text = (REALWORLD / "nynashamn-2021-finansiella-rapporter.txt").read_text(encoding="utf-8")
    cash_flow = text.index("Kassaflödesanalys")
    head, tail = text[:cash_flow], text[cash_flow:]
    path = tmp_path / "nynashamn.txt"
    path.write_text(head + tail.replace("Årets resultat\t\t107 046", "Årets resultat\t\t170 046", 1), encoding="utf-8")
    result = check_paths([path], load_suite())
    assert ("Årets resultat", "KOMMUN 12/31/2021", "107 046") in _suspect(result)


def test_an_interim_column_is_not_the_year_end_an_opening_balance_comes_from(tmp_path):
    """Constructed: a note of a delårsrapport with the period end beside last year's same period. The
    opening balance of 2023 (1 720, last year-end) differs from the 2022-08-31 closing by design."""
    path = tmp_path / "not.tsv"
    path.write_text("Tkr\t2023-08-31\t2022-08-31\nIngående värde\t1 720\t1 529\nÅrets aktivering\t400\t100\n"
                    "Avskrivningar\t-200\t-180\nUtgående värde\t1 920\t1 449\n", encoding="utf-8")
    result = check_paths([path], load_suite())
    assert [f.code for f in result.findings if f.code == "RK143"] == []


def test_costs_printed_positive_beside_net_costs_printed_negative_are_subtracted(tmp_path):
    """Gnesta 2013's resultaträkning with its cost lines (Verksamhetens kostnader, Avskrivningar) printed without
    their minus, as reports that print costs positive do; net costs and the mixed line 'Jämförelsestörande intäkter
    och kostnader' keep their signs. The chain holds with the costs subtracted: nothing to report, and a slip in a
    cost line (615 649 typed 615 694) is found in its cell."""
    text = (REALWORLD / "gnesta-2013-resultatrakning.tsv").read_text(encoding="utf-8")
    positive = text.replace("-615 649\t-590 843", "615 649\t590 843").replace("-9 054\t-7 933", "9 054\t7 933")
    path = tmp_path / "gnesta.tsv"
    path.write_text(positive, encoding="utf-8")
    assert [f.code for f in check_paths([path], load_suite(None)).findings if f.severity.value != "info"] == []
    path.write_text(positive.replace("615 649\t", "615 694\t"), encoding="utf-8")
    suspects = _suspect(check_paths([path], load_suite(None)))
    assert ("Verksamhetens kostnader", "2013", "615 649") in suspects
