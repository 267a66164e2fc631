"""Goal status and trend words against the values (RK506, RK507), on small reports written for the test."""

from __future__ import annotations

from rapportkoll.prose.check import check_claims

from prose_helpers import report_of

SICK = "Sjukfrånvaro\n\nSjukfrånvaro\t2024\t2023\tDifferens\nKvinnor\t3,0 %\t3,4 %\t-0,37 %\nTotal sjukfrånvaro\t{new}\t{old}\t\n\n"


def codes(tmp_path, text: str) -> list[tuple[str, int]]:
    return [(f.code, f.cells[0].location.line) for f in check_claims(report_of(tmp_path, text)).findings
            if f.code in ("RK506", "RK507")]


def test_a_trend_word_against_the_values(tmp_path):
    text = SICK.format(new="3,5 %", old="3,1 %") + "Den totala sjukfrånvaron fortsätter att minska.\n"
    assert codes(tmp_path, text) == [("RK507", 7)]


def test_a_trend_word_with_the_values_or_within_rounding(tmp_path):
    assert codes(tmp_path, SICK.format(new="3,1 %", old="3,5 %") + "Den totala sjukfrånvaron fortsätter att minska.\n") == []
    assert codes(tmp_path, SICK.format(new="3,1 %", old="3,1 %") + "Den totala sjukfrånvaron har ökat.\n") == []


def test_an_adjective_is_no_trend(tmp_path):
    # 'ökade kostnader' names costs that rose against budget, not the row's movement between years
    assert codes(tmp_path, SICK.format(new="3,5 %", old="3,1 %") + "Total sjukfrånvaro ger minskade kostnader.\n") == []


def test_a_change_of_the_right_size_in_the_wrong_direction(tmp_path):
    # costs are negative: -64 523 after -70 328 is a decrease of 5 805 in magnitude, not an increase
    text = ("Drift\n\nBelopp i tkr\tBudget 2024\tDelårsbokslut 2024\tDelårsbokslut 2023\tDiff. utfall 2023/2024\n"
            "Personalkostnader\t-114 196\t-64 523\t-70 328\t5 805\n\n"
            "Personalkostnaderna har ökat med 5 805 tkr jämfört med föregående år.\n")
    assert codes(tmp_path, text) == [("RK507", 6)]


GOAL = "Mål 1. Växa\n\nBedömning: {status}\n\nIndikator\tMål 2026\tUtfall 2024\tUtfall 2023\n{rows}\n"


def test_an_assessment_that_every_measurable_indicator_contradicts(tmp_path):
    rows = "Ensamhet\tMax 14 %\t22 %\t20 %\nTrygghet\tMinst 80\t70\t72\nNöjdhet\t80\t90\t85"
    assert codes(tmp_path, GOAL.format(status="Uppfyllt", rows=rows)) == [("RK506", 3)]
    assert codes(tmp_path, GOAL.format(status="Ej uppfyllt", rows=rows)) == []
    assert codes(tmp_path, GOAL.format(status="Delvis uppfyllt", rows=rows)) == []


RUNNING = "Mål 1. Växa\n\n{sentence}\n\nIndikator\tMål 2026\tUtfall 2024\tUtfall 2023\n{rows}\n"


def test_a_goal_status_in_a_running_sentence(tmp_path):
    # the sentence is read like a 'Bedömning:' line; constructed rows: every directed indicator misses its target
    rows = "Ensamhet\tMax 14 %\t22 %\t20 %\nTrygghet\tMinst 80\t70\t72"
    said = "Arbetet har pågått under året. Målet är uppfyllt."
    found = [f for f in check_claims(report_of(tmp_path, RUNNING.format(sentence=said, rows=rows))).findings
             if f.code == "RK506"]
    assert [(f.cells[0].location.line, f.cells[0].location.span_start) for f in found] == [(3, said.index("Målet"))]
    assert codes(tmp_path, RUNNING.format(sentence="Målet bedöms inte uppnås.", rows=rows)) == []
    assert codes(tmp_path, RUNNING.format(sentence="Målet uppnås delvis.", rows=rows)) == []


def test_a_negated_running_status_against_indicators_that_meet_their_targets(tmp_path):
    rows = "Ensamhet\tMax 14 %\t12 %\t20 %\nTrygghet\tMinst 80\t85\t72"
    for sentence in ("Målet bedöms inte uppnås.", "Målet har inte uppnåtts under året.", "Målet är inte uppfyllt."):
        assert codes(tmp_path, RUNNING.format(sentence=sentence, rows=rows)) == [("RK506", 3)], sentence
    # a sentence that mentions a goal without opening with it states no status of this goal
    assert codes(tmp_path, RUNNING.format(sentence="Arbetet för att målet ska nås fortsätter.", rows=rows)) == []


def test_targets_without_a_direction_decide_nothing(tmp_path):
    # '80' may be a floor or a ceiling: the indicator is left out, and with it the assessment
    assert codes(tmp_path, GOAL.format(status="Uppfyllt", rows="Nöjdhet\t80\t70\t72")) == []


def test_a_status_cell_against_its_own_row(tmp_path):
    text = ("Mål\n\nTitel\tUtfall 2022\tMål 2023\tPrognos 2023\n"
            "Deltagartillfällen\t11\tMin 29\tMålet beräknas uppnås.\n"
            "Rökning\t13,9%\tMax 7,5%\tMålet på 7,5 % beräknas inte nås.\n")
    assert codes(tmp_path, text) == [("RK506", 4)]
