"""Totals said of a table's rows, tables of deviations, and results of their own ('Årets balanskravsresultat').

The tables are constructed for these tests in the shape of real ones (Tyresö's driftsredovisning, Malmö's
'Prognosavvikelse, Mkr', a quarterly report's one-column 'Prognos budgetavvikelser', Stockholm's
balanskravsutredning); their figures are made up. A total row is never sure enough to call a figure wrong: a
figure that does not fit it is ambiguous, never a disagreement.
"""

from __future__ import annotations

import pytest

from rapportkoll.prose.verdicts import AGREES, DISAGREES, UNLINKED
from prose_helpers import judged

DRIFT = """Driftsredovisning

(mnkr)\tNettokostnad\tKommunbidrag\tAvvikelse
Plan och exploatering\t35,7\t27,5\t– 8,2
Gemensam verksamhet\t139,0\t129,6\t– 9,4
Väghållning park\t73,1\t76,7\t3,6
Totalt\t247,8\t233,8\t– 14,0

"""

DEVIATIONS = """Prognossäkerhet

{sentence}

Prognosavvikelse, Mkr

\tBokslut\tDelårsrapport jan-aug\tAvvikelse
Servicenämnd\t38\t7\t31
Kommunstyrelse\t-18\t44\t-62
Finansiering\t117\t229\t-112
Årets resultat\t137\t280\t-143
"""


def test_a_total_said_of_the_rows_is_the_total_rows(tmp_path):
    text = DRIFT + "Verksamhetsområdena redovisar ett sammanlagt resultat om –14,0 mnkr.\n"
    assert judged(tmp_path, text) == ([(AGREES, "14,0")], [])


@pytest.mark.parametrize("said", ["ett sammanlagt resultat om –15,0 mnkr", "ett sammanlagt resultat om –1,4 mnkr",
                                  "ett sammanlagt överskott om 14,0 mnkr", "sammanlagt –14,0 tkr"])
def test_a_total_that_does_not_fit_its_total_row_is_never_called_wrong(tmp_path, said):
    # retyped, a factor 10 off, the sign word against the cell, tkr for mnkr: the total row is the likeliest cell only
    text = DRIFT + f"Verksamhetsområdena redovisar {said}.\n"
    verdicts, flags = judged(tmp_path, text)
    assert flags == [] and all(v != DISAGREES for v, _ in verdicts)


def test_two_total_rows_make_no_total_link(tmp_path):
    text = DRIFT.replace("Väghållning park", "Summa drift") + "Verksamheterna redovisar sammanlagt 3,6 mnkr.\n"
    assert judged(tmp_path, text) == ([(UNLINKED, "3,6")], [])


def test_a_named_row_is_not_taken_for_the_total(tmp_path):
    text = DRIFT + "Gemensam verksamhet redovisar ett sammanlagt underskott om 9,4 mnkr.\n"
    assert judged(tmp_path, text) == ([(AGREES, "9,4")], [])


def test_in_a_table_of_deviations_the_forecast_is_the_delarsrapport_column(tmp_path):
    sentence = "I samband med delårsrapporten prognostiserades den totala budgetavvikelsen till +280 Mkr."
    assert judged(tmp_path, DEVIATIONS.format(sentence=sentence)) == ([(AGREES, "+280")], [])


def test_in_a_table_of_deviations_the_years_deviation_is_the_bokslut_column(tmp_path):
    sentence = "Årets sammanlagda budgetavvikelse blev +137 Mkr."
    assert judged(tmp_path, DEVIATIONS.format(sentence=sentence)) == ([(AGREES, "+137")], [])


def test_a_rows_surplus_in_a_table_of_deviations_is_its_bokslut_and_a_retyped_one_is_wrong(tmp_path):
    right = "Servicenämnden redovisar ett överskott för året om 38 Mkr."
    assert judged(tmp_path, DEVIATIONS.format(sentence=right)) == ([(AGREES, "38")], [])
    wrong = "Servicenämnden redovisar ett överskott för året om 36 Mkr."
    assert judged(tmp_path, DEVIATIONS.format(sentence=wrong)) == ([(DISAGREES, "36")], ["RK501"])


def test_the_next_sentence_goes_on_about_the_total_by_a_pronoun_and_names_its_columns(tmp_path):
    sentence = ("I samband med delårsrapporten prognostiserades den totala budgetavvikelsen till +280 Mkr. Vid "
                "bokslutet uppgick den emellertid till +137 Mkr, vilket innebär en negativ prognosavvikelse på 143 Mkr.")
    assert judged(tmp_path, DEVIATIONS.format(sentence=sentence)) == (
        [(AGREES, "+280"), (AGREES, "+137"), (AGREES, "143")], [])


def test_without_a_total_before_it_a_pronoun_makes_no_total(tmp_path):
    sentence = "Prognosen var osäker. Vid bokslutet uppgick den till +137 Mkr."
    assert judged(tmp_path, DEVIATIONS.format(sentence=sentence))[0] == [(UNLINKED, "+137")]


def test_a_one_column_table_of_forecast_deviations_holds_the_forecast_result(tmp_path):
    text = """Inledning

Det prognostiserade resultatet ligger på 35,0 mkr.

Prognos budgetavvikelser, mkr\tUppföljning
Socialnämnden\t-5,0
Finansförvaltningen\t19,3
Summa budgetavvikelse\t14,3
Budgeterat resultat\t20,7
Årets resultat\t35,0
"""
    assert judged(tmp_path, text) == ([(AGREES, "35,0")], [])


BALANSKRAV = """Balanskravsresultat

Mnkr\t2022\t2021
Årets resultat\t2 568\t2 115
Avgår realisationsvinster\t-318\t-257
Årets balanskravsresultat\t2 250\t1 858

"""


def test_a_result_of_its_own_is_its_rows_not_arets_resultat(tmp_path):
    text = BALANSKRAV + "Staden uppfyller balanskravet då balanskravsresultatet är positivt med 2 250 mnkr (1 858 mnkr).\n"
    assert judged(tmp_path, text) == ([(AGREES, "2 250"), (AGREES, "1 858")], [])


def test_words_of_a_result_row_apart_in_the_sentence_do_not_name_it(tmp_path):
    text = BALANSKRAV.replace("Avgår realisationsvinster", "Verksamhetens resultat") + \
        "Stadens verksamheter har utvecklats väl och årets resultat uppgick till 2 568 mnkr.\n"
    assert judged(tmp_path, text)[0] == [(AGREES, "2 568")]
