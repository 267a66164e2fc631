"""Discovery on layouts met in held-out real tables (issue 8), each shown by a table built for the test: the
numbers are invented and chosen so that every printed relation holds within rounding, unless the test says
which cell it changes. None of them is a copy of the real table that showed the layout.
"""

from __future__ import annotations

from pathlib import Path

import rapportkoll
from rapportkoll.discovery import discover
from rapportkoll.findings import Severity
from rapportkoll.readers import read_report


def _write(tmp_path: Path, text: str, name: str = "tabell.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _sums(path: Path) -> dict[str, list[str]]:
    """total → parts of the sums discovered in every table of the file."""
    report = read_report(path)
    return {f.params["total"]: f.params["parts"] for table in report.tables
            for f in discover(table, tuple(report.tables)) if f.kind == "sum"}


def _alarms(path: Path) -> list:
    return [f for f in rapportkoll.check(path, suite="generic").findings if f.severity is not Severity.INFO]


# A total printed above its parts whose first part carries a total word of its own (a national summary lists
# "Personalkostnader totalt" first under "Verksamhetens kostnader totalt"). Mnkr, two columns.
TOTAL_FIRST = """Mnkr\tKommun 2023\tRegion 2023
Verksamhetens kostnader totalt\t1 530\t2 912
Personalkostnader totalt\t812\t1 604
Köp av tjänster\t431\t905
Material och varor\t96\t233
Övriga kostnader\t191\t170
Skatteintäkter\t1 410\t2 650
"""


def test_a_total_on_top_sums_a_first_part_that_has_a_total_word(tmp_path):
    sums = _sums(_write(tmp_path, TOTAL_FIRST))
    assert sums["Verksamhetens kostnader totalt"] == ["Personalkostnader totalt", "Köp av tjänster",
                                                      "Material och varor", "Övriga kostnader"]
    assert _alarms(_write(tmp_path, TOTAL_FIRST)) == []


def test_a_slip_in_the_first_part_with_a_total_word_is_named(tmp_path):
    """Personalkostnader totalt 1 604 in the region column typed as 1 064 (two swapped digits)."""
    path = _write(tmp_path, TOTAL_FIRST.replace("1 604", "1 064"))
    named = {(f.suspect.cell.row, f.suspect.proposed) for f in _alarms(path) if f.suspect}
    assert ("Personalkostnader totalt", "1 604") in named


# A cash flow printed as stacked blocks (tkr): each block repeats the header line (block name, 2023, 2022) and
# ends in a subtotal printed without a label; the last line sums the three subtotals.
STACKED_BLOCKS = """Den löpande verksamheten\t2023\t2022
Årets resultat\t41 250\t38 410
Justering för avskrivningar\t52 130\t49 870
Övriga justeringar\t-3 415\t2 260
\t89 965\t90 540
Investeringsverksamheten\t2023\t2022
Investeringar i anläggningstillgångar\t-120 480\t-98 315
Försäljning av anläggningstillgångar\t4 215\t1 930
\t-116 265\t-96 385
Finansieringsverksamheten\t2023\t2022
Nyupptagna lån\t40 000\t25 000
\t40 000\t25 000
Förändring av likvida medel\t13 700\t19 155
"""


def test_label_less_subtotals_and_repeated_header_lines(tmp_path):
    """The repeated header lines are no rows of amounts (their 'numbers' are the years), each label-less row is
    its block's subtotal (a block of one line too), and the last line is the sum of the subtotals."""
    path = _write(tmp_path, STACKED_BLOCKS)
    assert _sums(path) == {
        "#1": ["Årets resultat", "Justering för avskrivningar", "Övriga justeringar"],
        "#2": ["Investeringar i anläggningstillgångar", "Försäljning av anläggningstillgångar"],
        "#3": ["Nyupptagna lån"],
        "Förändring av likvida medel": ["#1", "#2", "#3"],
    }
    assert _alarms(path) == []


def test_a_last_digit_transposition_in_a_label_less_subtotal_is_named(tmp_path):
    """89 965 printed as 89 956: a residual of 9 tkr, within a hundred roundings, in one of two columns."""
    path = _write(tmp_path, STACKED_BLOCKS.replace("89 965", "89 956"))
    named = {(f.suspect.cell.row, f.suspect.proposed) for f in _alarms(path) if f.suspect}
    assert named == {("#1", "89 965")}


# Cash at the end of the year printed above cash at its start, both dated by day (tkr).
CASH_DATED = """Förändring av likvida medel\t2023\t2022
Likvida medel 31.12\t61 840\t48 215
Likvida medel 1.1\t48 215\t52 903
Förändring\t13 625\t-4 688
"""


def test_cash_on_1_1_is_last_years_cash_on_31_12_printed_above_it(tmp_path):
    """Likvida medel 1.1 2023 (48 215) typed as 42 815 (two swapped digits) breaks the carry from 31.12 2022;
    as printed, nothing is flagged."""
    assert [f for f in rapportkoll.check(_write(tmp_path, CASH_DATED)).findings
            if f.severity is not Severity.INFO] == []
    slipped = _write(tmp_path, CASH_DATED.replace("48 215\t52 903", "42 815\t52 903"))
    carried = [f for f in rapportkoll.check(slipped).findings if f.code == "RK143"]
    assert {(c.row, c.column) for f in carried for c in f.cells} == {("Likvida medel 1.1", "2023"),
                                                                     ("Likvida medel 31.12", "2022")}


# A group's income statement with no note column and year-only headers (the caption says it is the koncern's),
# and two numbered notes printing koncern and kommun columns, whose totals name the statement's lines (tkr).
NAMED_NOTES = """Kommunkoncernens resultaträkning

Tkr\t2023\t2022
Verksamhetens intäkter\t412 300\t398 150
Verksamhetens kostnader\t-1 602 480\t-1 540 920
Skatteintäkter\t1 215 640\t1 170 410
Statsbidrag\t318 220\t301 880
Årets resultat\t343 680\t329 520

4. Specifikation av skatteinkomster

Tkr\tKoncernen 2023\tKoncernen 2022\tKommunen 2023\tKommunen 2022
Kommunalskatt\t1 102 400\t1 061 300\t1 102 400\t1 061 300
Fastighetsavgift\t113 240\t109 110\t113 240\t109 110
Skatteinkomster sammanlagt\t1 215 640\t1 170 410\t1 215 640\t1 170 410

5. Specifikation av statsbidrag

Tkr\tKoncernen 2023\tKoncernen 2022\tKommunen 2023\tKommunen 2022
Inkomstutjämning\t289 600\t275 850\t289 600\t275 850
Övriga bidrag\t28 620\t26 030\t28 070\t25 480
Statsbidrag sammanlagt\t318 220\t301 880\t317 670\t301 330
"""


def _linked_cells(path: Path) -> set[tuple[str, str]]:
    return {(c.row, c.column) for f in rapportkoll.check(path).findings if f.code == "RK141" for c in f.cells}


def test_a_statement_line_is_linked_by_name_to_the_total_of_its_numbered_note(tmp_path):
    """As printed, nothing is flagged. With the koncern's 2022 total of note 5 printed as the kommun's (301 330,
    the slip a copied column makes), the link to the statement's koncern figure 301 880 names both cells."""
    path = _write(tmp_path, NAMED_NOTES, "rapport.txt")
    assert [f for f in rapportkoll.check(path).findings if f.severity is not Severity.INFO] == []
    copied = NAMED_NOTES.replace("Statsbidrag sammanlagt\t318 220\t301 880", "Statsbidrag sammanlagt\t318 220\t301 330")
    assert _linked_cells(_write(tmp_path, copied, "rapport.txt")) == {("Statsbidrag", "2022"),
                                                                       ("Statsbidrag sammanlagt", "Koncernen 2022")}


def test_the_caption_decides_the_side_of_year_only_columns(tmp_path):
    """The same statement captioned as the kommun's pairs its years with the kommun's columns: the koncern-only
    amounts of note 5 (Övriga bidrag 28 620 against the kommun's 28 070) then disagree, and no link is made
    on them."""
    own = NAMED_NOTES.replace("Kommunkoncernens resultaträkning", "Kommunens resultaträkning")
    assert _linked_cells(_write(tmp_path, own, "rapport.txt")) == set()


# A summary of the Finnish chain (miljoner euro) printing costs as positive amounts, with a tax total over its
# parts inside the stretch of Årsbidrag; the samkommuner levy no tax.
FINNISH_CHAIN = """Mn euro\tKommuner 2023\tSamkommuner 2023
Verksamhetens intäkter\t5 210\t9 840
Verksamhetens kostnader\t24 115\t9 310
Verksamhetsbidrag (+/-)\t-18 905\t530
Skatteinkomster totalt\t15 400\t
Kommunens inkomstskatt\t13 100\t
Samfundsskatt\t1 150\t
Fastighetsskatt\t1 150\t
Statsandelar\t5 320\t
Finansiella intäkter\t410\t22
Finansiella kostnader\t145\t71
Årsbidrag (+/-)\t2 080\t481
Avskrivningar och nedskrivningar\t1 460\t402
Räkenskapsperiodens resultat (+/-)\t620\t79
"""


def _chain(text: str) -> dict[str, tuple[list[str], list[str]]]:
    from rapportkoll.frame import TableView
    from rapportkoll.statement_chains import chain_rules
    return {rule.get("result", rule.get("total")): (rule.get("plus", rule.get("parts")), rule.get("minus", []))
            for rule in chain_rules(TableView.of(read_report(Path(text)).tables[0]))}


def test_the_finnish_chain_subtracts_costs_printed_positive_and_counts_a_nested_total_once(tmp_path):
    path = _write(tmp_path, FINNISH_CHAIN)
    chain = _chain(str(path))
    assert chain["Årsbidrag (+/-)"] == (["Verksamhetsbidrag (+/-)", "Skatteinkomster totalt", "Statsandelar",
                                         "Finansiella intäkter"], ["Finansiella kostnader"])
    assert chain["Räkenskapsperiodens resultat (+/-)"] == (["Årsbidrag (+/-)"], ["Avskrivningar och nedskrivningar"])
    assert _alarms(path) == []


def test_a_slip_in_a_cost_printed_positive_is_named(tmp_path):
    """Finansiella kostnader 145 typed as 154 (two swapped digits)."""
    path = _write(tmp_path, FINNISH_CHAIN.replace("145\t71", "154\t71"))
    named = {(f.suspect.cell.row, f.suspect.proposed) for f in _alarms(path) if f.suspect}
    assert ("Finansiella kostnader", "145") in named


# A five-year summary: amounts in mnkr among a percentage row and a count (each row names its unit).
SUMMARY_WITH_RATES = """Nyckeltal\t2023\t2022\t2021
Invånare 31 december\t48 210\t47 880\t47 515
Verksamhetens nettokostnader (mnkr)\t-2 614\t-2 498\t-2 377
Skatteintäkter och generella statsbidrag (mnkr)\t2 705\t2 571\t2 468
Nettokostnadsandel (% av skatteintäkter)\t97\t97\t96
Finansnetto (mnkr)\t-12\t4\t9
Årets resultat (mnkr)\t79\t77\t100
Nettoinvesteringar (mnkr)\t310\t285\t240
"""


def test_a_percentage_row_between_the_parts_of_a_total_is_no_part(tmp_path):
    path = _write(tmp_path, SUMMARY_WITH_RATES)
    assert _sums(path)["Årets resultat (mnkr)"] == ["Verksamhetens nettokostnader (mnkr)",
                                                   "Skatteintäkter och generella statsbidrag (mnkr)",
                                                   "Finansnetto (mnkr)"]
    assert _alarms(path) == []
    slipped = _write(tmp_path, SUMMARY_WITH_RATES.replace("-12\t4\t9", "12\t4\t9"))  # a dropped minus
    assert ("Finansnetto (mnkr)", "-12") in {(f.suspect.cell.row, f.suspect.proposed) for f in _alarms(slipped)
                                            if f.suspect}


# The companies' results against budget (mnkr), closed by a bare "Summa".
COMPANIES = """Resultat, mnkr\tBudget\tUtfall\tAvvikelse
Bolag A AB\t-8\t-5\t3
Bolag B AB\t142\t158\t16
Bolag C AB\t37\t35\t-2
Koncernelimineringar\t-12\t-9\t3
Summa\t159\t179\t20
"""


def test_a_bare_summa_closing_a_table_sums_every_row_even_where_one_row_breaks_it_in_every_column(tmp_path):
    """The eliminations printed without their minus signs (12, 9, -3: the row's own Avvikelse still holds) break
    the sum in all three columns; the label says it sums the list, so the slips are reported, not the relation
    dropped."""
    assert _sums(_write(tmp_path, COMPANIES))["Summa"] == ["Bolag A AB", "Bolag B AB", "Bolag C AB",
                                                           "Koncernelimineringar"]
    assert _alarms(_write(tmp_path, COMPANIES)) == []
    slipped = _write(tmp_path, COMPANIES.replace("Koncernelimineringar\t-12\t-9\t3", "Koncernelimineringar\t12\t9\t-3"))
    cited = {(c.row, c.column) for f in _alarms(slipped) for c in f.cells}
    assert {("Koncernelimineringar", column) for column in ("Budget", "Utfall", "Avvikelse")} <= cited


# A driftredovisning (mnkr) whose budgeted result is 0,0 for every nämnd, with an adjustment for the
# balanskrav printed in two rows only.
NIL_BUDGET = """Nämnd, mnkr\tNämndbidrag\tIntäkter\tKostnader\tResultat\tBudgeterat resultat\tAvvikelse mot budget\tJustering balanskrav\tBalanskravsresultat
Kommunstyrelsen\t182,4\t96,3\t-261,8\t16,9\t0,0\t16,9\t-12,4\t4,5
Byggnadsnämnden\t48,2\t71,5\t-117,9\t1,8\t0,0\t1,8\t0,0\t1,8
Kulturnämnden\t39,6\t4,1\t-41,2\t2,5\t0,0\t2,5\t0,0\t2,5
Utbildningsnämnden\t412,7\t88,4\t-507,3\t-6,2\t0,0\t-6,2\t0,0\t-6,2
Socialnämnden\t401,3\t62,9\t-458,8\t5,4\t0,0\t5,4\t0,0\t5,4
Summa nämnder\t1 084,2\t323,2\t-1 387,0\t20,4\t0,0\t20,4\t-12,4\t8,0
"""


def _columns(path: Path) -> list[dict]:
    table = read_report(path).tables[0]
    return [f.params for f in discover(table, (table,)) if f.kind in ("equation", "difference")]


def test_a_deviation_from_a_nil_budget_and_a_result_with_a_sparse_adjustment(tmp_path):
    """Avvikelse mot budget repeats Resultat (the budget is 0,0 throughout); Balanskravsresultat is Resultat plus
    an adjustment printed in two rows. Neither shows in the three non-zero amounts a column relation needs."""
    path = _write(tmp_path, NIL_BUDGET)
    found = _columns(path)
    assert {"result": "Avvikelse mot budget", "minuend": "Resultat", "subtrahend": "Budgeterat resultat",
            "convention": "consistent"} in found
    assert {"axis": "columns", "result": "Balanskravsresultat", "plus": ["Resultat", "Justering balanskrav"]} in found
    assert _alarms(path) == []


def test_a_slip_in_an_adjusted_result_is_named(tmp_path):
    """Kommunstyrelsen's Balanskravsresultat 4,5 typed as 5,4 (two swapped digits)."""
    path = _write(tmp_path, NIL_BUDGET.replace("-12,4\t4,5", "-12,4\t5,4"))
    assert ("Kommunstyrelsen", "4,5") in {(f.suspect.cell.row, f.suspect.proposed) for f in _alarms(path)
                                         if f.suspect}


def test_the_chain_reads_lines_left_blank_as_nil(tmp_path):
    """The samkommuner leave Skatteinkomster totalt and Statsandelar blank: two blank operands of Årsbidrag, which
    the chain reads as 0, so its Finansiella kostnader 71 typed as 17 is found in that column too."""
    path = _write(tmp_path, FINNISH_CHAIN.replace("145\t71", "145\t17"))
    chained = [f for f in rapportkoll.check(path).findings if f.rule.startswith("rakenskaper")]
    assert ("Årsbidrag (+/-)", "Samkommuner 2023") in {(c.row, c.column) for f in chained for c in f.cells}


# A budget printing one small table per moment (1 000 €): the second moment spends nothing.
MOMENTS = """1 Kultur

1 000 €\tBokslut 2022\tBudget 2023\tBudget 2024
Inkomster\t12 480\t13 100\t13 650
Utgifter\t3 215\t3 400\t3 520
Netto\t9 265\t9 700\t10 130

2 Skatter

1 000 €\tBokslut 2022\tBudget 2023\tBudget 2024
Inkomster\t841 300\t862 000\t885 500
Utgifter\t0\t\t
Netto\t841 300\t862 000\t885 500
"""


def test_a_nil_part_takes_the_sign_the_tables_of_the_same_rows_show(tmp_path):
    """Netto = Inkomster − Utgifter in the first moment; in the second, Utgifter 0 or blank fits either sign, and
    the reading is the one the first shows."""
    report = read_report(_write(tmp_path, MOMENTS, "budget.txt"))
    second = report.tables[1]
    [netto] = [f.params for f in discover(second, tuple(report.tables)) if f.params.get("result") == "Netto"
               or f.params.get("total") == "Netto"]
    assert (netto["plus"], netto["minus"]) == (["Inkomster"], ["Utgifter"])
