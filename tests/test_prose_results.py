"""Result figures: whose result (kommun or koncern) a five-year summary shows, a budget's plan years, a result
qualified by the phrase opening its sentence, tables that state no unit, and "från X till Y" (two columns of one row).

The tables are constructed for these tests in the shape of real ones (Ängelholm's and Västervik's five-year
summaries, Lund's resultatbudget, Hallsberg's balanskravsutredning); their figures are made up.
"""

from __future__ import annotations

from rapportkoll.prose.check import check_claims
from rapportkoll.prose.verdicts import AGREES, AMBIGUOUS, DISAGREES, UNLINKED
from prose_helpers import judged, report_of

# Two five-year summaries, each with an 'Årets resultat' row; whose each is stands only in its corner cell.
FIVE_YEARS = """Översikt

Den kommunala koncernen\t2020\t2021\t2022\t2023
Verksamhetens kostnader\t3 122,3\t3 215,2\t3 482,3\t3 838,3
Årets resultat\t133,9\t225,4\t150,4\t62,5

Kommunen\t2020\t2021\t2022\t2023
Verksamhetens kostnader\t3 055,3\t2 911,8\t3 175,8\t3 460,4
Årets resultat\t129,5\t198,3\t106,3\t39,5

"""


def test_the_koncerns_result_is_read_from_the_table_whose_corner_names_it(tmp_path):
    text = FIVE_YEARS + "Den kommunala koncernen redovisade ett resultat på 62,5 mnkr för verksamhetsåret 2023.\n"
    assert judged(tmp_path, text) == ([(AGREES, "62,5")], [])


def test_the_kommuns_result_is_read_from_the_other_table(tmp_path):
    assert judged(tmp_path, FIVE_YEARS + "Kommunens resultat uppgick till 39,5 mnkr.\n") == ([(AGREES, "39,5")], [])


def test_a_retyped_koncern_result_in_a_summary_without_a_unit_disagrees_not_as_a_unit_slip(tmp_path):
    # the summary states no unit: read in the claim's mnkr, 61,5 against 62,5 is a plain disagreement (RK501)
    text = FIVE_YEARS + "Den kommunala koncernen redovisade ett resultat på 61,5 mnkr för verksamhetsåret 2023.\n"
    assert judged(tmp_path, text) == ([(DISAGREES, "61,5")], ["RK501"])


PLAN = """Resultatbudget

Årets resultat

Enligt beslutad budget redovisar kommunen ett underskott om 23 miljoner kronor för 2023. För åren 2024-2025 planeras för överskott om 2 miljoner kronor respektive 21 miljoner kronor.

Resultatbudget i miljoner kronor.

Fördelning av resultatbudget\tBokslut 2022\tBokslut 2023\tPlan 2024\tPlan 2025
Verksamhetens nettokostnad\t-7 479\t-8 014\t-8 389\t-8 700
Årets resultat\t150\t-23\t2\t21
"""


def test_plan_years_are_read_from_plan_columns(tmp_path):
    assert judged(tmp_path, PLAN) == ([(AGREES, "23"), (AGREES, "2"), (AGREES, "21")], [])


def test_a_plan_figure_never_disagrees_unless_the_result_is_said_plainly(tmp_path):
    # 'planeras för överskott om 5 …' names the plan year's result but not plainly: at most ambiguous
    verdicts, codes = judged(tmp_path, PLAN.replace("om 2 miljoner", "om 5 miljoner"))
    assert verdicts[1] == (AMBIGUOUS, "5") and codes == []


BALANSKRAV = """Balanskravet

Årets resultat efter balanskravsjusteringar uppgick till 42,4 mnkr. Efter årets reservering till resultatutjämningsreserven, RUR, uppgick årets resultat till {figure} mnkr.

Resultaträkning

Belopp i mnkr\tUtfall 2019\tBudget 2019
Årets resultat\t42\t15

Balanskravsutredning

Belopp i mnkr\tUtfall 2019\tUtfall 2018
Årets resultat enligt resultaträkningen\t42\t29
Årets resultat efter balanskravsjusteringar\t42\t28
Reservering till resultatutjämningsreserv (RUR)\t-15\t-5
Balanskravsresultat\t27\t23
"""


def test_a_result_after_the_reservation_is_the_balanskravsresultat(tmp_path):
    verdicts, codes = judged(tmp_path, BALANSKRAV.format(figure="27"))
    assert verdicts[-1] == (AGREES, "27") and codes == []


def test_a_result_after_the_reservation_that_does_not_fit_it_disagrees(tmp_path):
    # Hallsberg's text says 36,4 where its balanskravsutredning shows 27 (42 − 15)
    result = check_claims(report_of(tmp_path, BALANSKRAV.format(figure="36,4")))
    wrong = [f for f in result.findings if f.code == "RK501"]
    assert len(wrong) == 1 and wrong[0].cells[1].row == "Balanskravsresultat"


def test_the_result_before_the_reservation_is_its_own_row(tmp_path):
    # 'Årets resultat efter balanskravsjusteringar' names its row; 43,4 against 42 there is wrong
    text = BALANSKRAV.format(figure="27").replace("uppgick till 42,4", "uppgick till 43,4")
    result = check_claims(report_of(tmp_path, text))
    wrong = [f for f in result.findings if f.code == "RK501"]
    assert [f.cells[1].row for f in wrong] == ["Årets resultat efter balanskravsjusteringar"]


RESULT = """Resultaträkning

Belopp i mnkr\tUtfall 2019\tBudget 2019
Verksamhetens nettokostnader\t-872\t-884
Årets resultat\t42\t15

Kommentar

{sentence}
"""


def test_a_comparison_after_the_figure_does_not_qualify_it(tmp_path):
    # 'jämfört med det budgeterade resultatet' compares; the figure is still the result, sure enough to be wrong
    sentence = "Kommunens resultat blev ett överskott på 44 mnkr jämfört med det budgeterade resultatet på 15 mnkr."
    result = check_claims(report_of(tmp_path, RESULT.format(sentence=sentence)))
    assert [(f.code, f.cells[1].column) for f in result.findings if f.code.startswith("RK50")] == \
        [("RK501", "Utfall 2019")]


def test_an_approximate_result_said_plainly_is_sure(tmp_path):
    sentence = "Det ekonomiska resultatet på knappt 48 mnkr var det bästa någonsin."
    result = check_claims(report_of(tmp_path, RESULT.format(sentence=sentence)))
    assert [f.code for f in result.findings if f.code.startswith("RK50")] == ["RK501"]


def test_a_qualified_result_without_its_row_is_not_the_result(tmp_path):
    # 'exklusive jämförelsestörande poster' names a row this table lacks: the figure is not 'Årets resultat'
    sentence = "Årets resultat exklusive jämförelsestörande poster uppgick till 30 mnkr."
    result = check_claims(report_of(tmp_path, RESULT.format(sentence=sentence)))
    assert [f.code for f in result.findings if f.code.startswith("RK50")] == []


def test_from_and_to_name_the_year_before_and_the_newest(tmp_path):
    text = FIVE_YEARS + ("Kommunens verksamhetens kostnader har ökat från 3 175,8 mnkr till 3 460,4 mnkr. "
                         "Kommunens kostnader ökade från 2 911,8 mnkr 2021 till 3 175,8 mnkr 2022.\n")
    assert judged(tmp_path, text) == ([(AGREES, "3 175,8"), (AGREES, "3 460,4"), (AGREES, "2 911,8"),
                                       (AGREES, "3 175,8")], [])


def test_a_retyped_from_figure_disagrees_with_its_own_year(tmp_path):
    text = FIVE_YEARS + "Kommunens verksamhetens kostnader har ökat från 3 157,8 mnkr till 3 460,4 mnkr.\n"
    result = check_claims(report_of(tmp_path, text))
    assert [(f.code, f.cells[1].column) for f in result.findings if f.code.startswith("RK50")] == [("RK501", "2022")]


PERCENT = """Nyckeltal

Kommunen\t2022\t2023
Årets resultat, mnkr\t106,3\t39,5
Soliditet, %\t42,9%\t36,5%

Analys

{sentence}
"""


def test_a_percentage_is_read_from_a_row_of_percentages(tmp_path):
    sentence = "Soliditeten har minskat från 42,9 procent till 36,5 procent."
    assert judged(tmp_path, PERCENT.format(sentence=sentence)) == ([(AGREES, "42,9"), (AGREES, "36,5")], [])


def test_a_percentage_never_links_to_a_row_of_amounts(tmp_path):
    # 'Årets resultat motsvarar 1,2 procent av skatteintäkterna': a share of another quantity, not the row's value
    result = check_claims(report_of(tmp_path, PERCENT.format(
        sentence="Årets resultat uppgick till 1,2 procent av skatteintäkterna.")))
    assert [(v.verdict, v.reason) for v in result.verdicts] == [(UNLINKED, "not-a-percent-row")]


GROUPS = """Resultaträkning

Belopp i mnkr\tKommunen 2017\tKommunen 2018\tKoncernen 2017\tKoncernen 2018
Verksamhetens nettokostnader\t-28 873\t-30 216\t-26 970\t-28 126
Årets resultat\t2 128\t1 792\t2 369\t2 300

Analys

Årets resultat för sammanställd redovisning uppgick till 2 300 mnkr, varav kommunen bidrog med {kommun} mnkr, bolagen med 1 426 mnkr.
"""


def test_a_part_of_the_koncerns_result_naming_the_kommun_is_the_kommuns_result(tmp_path):
    # Göteborg's 'varav kommunen bidrog med 1 792 mnkr' (2018); the companies' part names no cell
    result = check_claims(report_of(tmp_path, GROUPS.format(kommun="1 792")))
    assert [(v.verdict, v.claim.text) for v in result.verdicts] == \
        [(AGREES, "2 300"), (AGREES, "1 792"), (UNLINKED, "1 426")]
