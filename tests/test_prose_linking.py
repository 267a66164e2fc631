"""Linking claims to cells by words, and the verdicts: only a certain link can disagree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from rapportkoll.numbers import format_number
from rapportkoll.prose.check import check_claims
from rapportkoll.prose.verdicts import AGREES, AMBIGUOUS, DISAGREES, POLARITY, UNIT_FACTOR, UNLINKED
from prose_helpers import report_of

# A drift table shaped like the examples' (costs negative, avvikelse = prognos - budget), built for these tests.
TABLE = """Ekonomi

Drift

Belopp i tkr\tBudget 2024\tPrognos helår 2024\tAvv. prognos/budget 2024\tDelårsbokslut 2024\tDelårsbokslut 2023\tDiff. utfall 2023/2024
Verksamhetens intäkter\t100 547\t106 840\t6 293\t69 208\t56 418\t12 790
Personalkostnader\t-114 196\t-112 465\t1 730\t-70 328\t-64 523\t-5 806
Övriga kostnader\t-41 587\t-44 950\t-3 362\t-28 908\t-26 300\t-2 608
Årets resultat\t0\t0\t0\t9 902\t5 167\t4 735

Kommentarer

"""


def verdicts(tmp_path, text: str):
    return [(v.verdict, v.claim.text) for v in check_claims(report_of(tmp_path, TABLE + text)).verdicts]


def test_agrees_within_the_rounding_the_text_shows(tmp_path):
    assert verdicts(tmp_path, "Personalkostnaderna förväntas generera ett överskott gentemot budget om ca 1 700 tkr.\n") \
        == [(AGREES, "1 700")]


def test_a_retyped_amount_disagrees(tmp_path):
    assert verdicts(tmp_path, "Personalkostnaderna redovisas under perioden till 70 238 tkr.\n") == \
        [(DISAGREES, "70 238")]


def test_a_polarity_word_against_the_sign(tmp_path):
    assert verdicts(tmp_path, "Övriga kostnader prognosticeras att avvika positivt mot budget med 3 362 tkr.\n") == \
        [(POLARITY, "3 362")]


def test_mnkr_written_for_tkr(tmp_path):
    assert verdicts(tmp_path, "Verksamhetens intäkter redovisas under perioden till 69 208 mnkr.\n") == \
        [(UNIT_FACTOR, "69 208")]


def test_a_period_deviation_without_a_period_budget_is_unlinked_never_8_12(tmp_path):
    assert verdicts(tmp_path, "Personalkostnaderna visar en positiv avvikelse mot periodbudget om 5 484 tkr.\n") == \
        [(UNLINKED, "5 484")]


def test_a_value_that_fits_another_cell_is_ambiguous_not_wrong(tmp_path):
    # 'verksamheten' names no row in full; 12 790 is the intäkter's difference, not the result's
    assert verdicts(tmp_path, "Resultatet för perioden – ett överskott om 12 790 tkr.\n") == [(AMBIGUOUS, "12 790")]


def test_the_row_is_chosen_by_words_not_by_value(tmp_path):
    # the sentence names Övriga kostnader (-3 362); 1 731 fits Personalkostnader's 1 730, which it never
    # confirms: the link is doubtful, so the claim is ambiguous, neither agreeing nor an error
    assert verdicts(tmp_path, "Övriga kostnader prognosticeras att avvika negativt mot budget med 1 731 tkr.\n") == \
        [(AMBIGUOUS, "1 731")]


def test_change_agrees_with_the_difference_column(tmp_path):
    assert verdicts(tmp_path, "Personalkostnaderna har ökat med 5 806 tkr jämfört med föregående år.\n") == \
        [(AGREES, "5 806")]


ROWS = {"Verksamhetens intäkter": (6293, 69208), "Personalkostnader": (1730, -70328),
        "Övriga kostnader": (-3362, -28908)}


@settings(max_examples=30, derandomize=True, deadline=None)
@given(row=st.sampled_from(sorted(ROWS)), approx=st.booleans(), kind=st.sampled_from(["deviation", "outcome"]))
def test_a_sentence_stating_a_cells_own_value_never_disagrees(tmp_path_factory, row, approx, kind):
    deviation, outcome = ROWS[row]
    if kind == "deviation":
        word = "positivt" if deviation > 0 else "negativt"
        text = f"{row} prognosticeras att avvika {word} mot budget med {'ca ' if approx else ''}" \
               f"{format_number(abs(deviation), 0)} tkr.\n"
    else:
        text = f"{row} redovisas under perioden till {'ca ' if approx else ''}{format_number(abs(outcome), 0)} tkr.\n"
    found = verdicts(tmp_path_factory.mktemp("own"), text)
    assert found and all(v in (AGREES,) for v, _ in found)


# An annual report's table (shaped like Gnesta's driftredovisning 2013, values of the test's own):
# no forecast column, so its outcome is final and its deviation the year's.
ANNUAL = """Driftredovisning

(tkr)\tUtfall 2013\tFörändring 2012/2013 (tkr)\tBudget 2013\tBudget-avvikelse
Kommunstyrelsen\t– 37 264\t– 1 578\t– 37 500\t236
Kommunchefen\t– 4 614\t191\t– 4 257\t– 357

Kommentarer

"""


def annual(tmp_path, text: str):
    return [(v.verdict, v.claim.text) for v in check_claims(report_of(tmp_path, ANNUAL + text)).verdicts]


def test_in_a_final_table_the_period_is_the_year(tmp_path):
    assert annual(tmp_path, "Kommunstyrelsen redovisade ett överskott på 0,2 mkr.\n") == [(AGREES, "0,2")]
    assert annual(tmp_path, "Totalt blev kommunstyrelsens nettokostnader 37,3 mkr.\n") == [(AGREES, "37,3")]


def test_a_forecast_is_never_compared_with_a_final_outcome(tmp_path):
    assert annual(tmp_path, "Kommunstyrelsen prognostiserar ett överskott på 0,9 mkr.\n") == [(UNLINKED, "0,9")]


def test_a_subject_named_after_the_number(tmp_path):
    assert annual(tmp_path, "Underskottet på 0,4 mkr inom verksamhetsområdet kommunchef beror på en utredning.\n") \
        == [(AGREES, "0,4")]


def test_a_footnote_to_a_mark_in_a_column_header_does_not_open_a_section(tmp_path):
    """'Utfall 2024¹' marks the footnote '1 Exklusive …' (constructed by a review): the paragraph after the
    footnote still belongs to the table's section, so claims in it link to that table."""
    from rapportkoll.prose.sections import build_sections

    text = ("Resultaträkning\n\nMnkr\tUtfall 2023\tUtfall 2024¹\nVerksamhetens intäkter\t100\t110\n\n"
            "1 Exklusive jämförelsestörande poster\n\nResultatet förklaras av lägre kostnader.\n")
    sections = build_sections(report_of(tmp_path, text))
    [section] = [s for s in sections if s.tables]
    assert section.heading == "Resultaträkning"
    assert any("lägre kostnader" in p.text for p in section.paragraphs)


# A resultaträkning of an annual report, headed by year and by kommun/koncern (the shape of Luleå's 2017 one),
# written for these tests.
RESULTATRAKNING = ("Resultaträkning\n\nBelopp, mkr\tNOT\tKommunen 2017\tKommunen 2016\tKommunkoncernen 2017\tKommunkoncernen 2016\n"
          "Verksamhetens nettokostnader\t\t-4 384\t-4 102\t-4 094\t-4 000\n"
          "Årets resultat\t\t462\t143\t186\t569\n\nÅrets resultat\n\n")


def by_year_and_group(tmp_path, text: str):
    return [(v.verdict, v.claim.text, v.link.table.columns[v.link.column] if getattr(v.link, "column", None) is not None
             else None) for v in check_claims(report_of(tmp_path, RESULTATRAKNING + text)).verdicts]


def verdict_columns(tmp_path, text: str):
    """Each claim's verdict with the header of the column it was linked to."""
    return [(v.verdict, v.link.table.columns[v.link.column]) for v in check_claims(report_of(tmp_path, text)).verdicts]


def test_year_headed_columns_of_an_annual_report_hold_its_outcomes(tmp_path):
    assert by_year_and_group(tmp_path, "Luleå kommun redovisade 2017 ett resultat på 462 mkr (143 mkr), vilket jämfört med "
                            "2016 var en förbättring med 319 mkr.\n") == \
        [(AGREES, "462", "Kommunen 2017"), (AGREES, "143", "Kommunen 2016"), (AGREES, "319", "Kommunen 2017")]


def test_a_claim_about_the_koncern_takes_the_koncern_columns(tmp_path):
    assert by_year_and_group(tmp_path, "Årets resultat för Luleå kommunkoncern uppgick till 186 mkr (569 mkr) vilket är "
                            "383 mkr sämre än föregående år.\n") == \
        [(AGREES, "186", "Kommunkoncernen 2017"), (AGREES, "569", "Kommunkoncernen 2016"),
         (AGREES, "383", "Kommunkoncernen 2017")]


def test_a_result_figure_that_fits_no_year_is_never_a_disagreement(tmp_path):
    # the structural result is another quantity than the result row: uncertain, so ambiguous, not wrong
    found = by_year_and_group(tmp_path, "Det strukturella resultatet var 533 mkr.\n")
    assert [v for v, _, _ in found] == [AMBIGUOUS]


def test_a_rows_own_unit_in_its_label(tmp_path):
    # a five-year summary of mixed units: 'Årets resultat, mkr' in a table that states no unit of its own
    text = ("Fem år i sammandrag\n\n\t2016\t2017\nAntal invånare\t18 681\t18 610\nÅrets resultat, mkr\t13\t32\n\n"
            "Det ekonomiska resultatet på knappt 32 mkr uppfyllde målet.\n")
    assert [(v.verdict, v.claim.text) for v in check_claims(report_of(tmp_path, text)).verdicts] == [(AGREES, "32")]


def test_an_overskott_without_a_deviation_column_is_the_rows_result(tmp_path):
    # the shape of Helsingborg's driftsredovisning 2016: kommunbidrag, intäkter, kostnader and 'Årets resultat'
    text = ("Driftsredovisning 2016, mnkr\n\n\tKommunbidrag\tIntäkter\tKostnader\tÅrets resultat\n"
            "Socialnämnden\t470,1\t248,6\t-697,0\t21,6\nKulturnämnden\t175,9\t35,6\t-210,8\t4,2\n\n"
            "Socialnämndens bokslut visar ett överskott om 21,6 miljoner kronor.\n")
    assert verdict_columns(tmp_path, text) == [(AGREES, "Årets resultat")]


def test_an_undated_column_beside_dated_ones_is_the_current_one(tmp_path):
    # Tyresö 2018: 'Avvikelse' (this year) beside 'Avvikelse 2017'; kommunbidrag is the budget it deviates from
    text = ("(mnkr)\tNettokostnad\tKommunbidrag\tAvvikelse\tAvvikelse 2017\nPlan och exploatering\t35,7\t27,5\t– 8,2\t3,8\n"
            "Gemensam verksamhet\t139,0\t129,6\t– 9,4\t2,6\n\nSammanfattning\n\n"
            "Plan och exploatering samt gemensam verksamhet redovisade underskott om 8,2 respektive 9,4 mnkr.\n")
    found = check_claims(report_of(tmp_path, text)).verdicts
    assert [(v.verdict, v.link.table.rows[v.link.row].label.text, v.link.table.columns[v.link.column])
            for v in found] == [(AGREES, "Plan och exploatering", "Avvikelse"), (AGREES, "Gemensam verksamhet", "Avvikelse")]


def test_a_plainly_said_result_that_differs_is_a_disagreement(tmp_path):
    # Vårgårda 2023: 'Koncernens resultat uppgår till 6,4 mnkr, vilket är 30,9 mnkr sämre än föregående år' where
    # the table gives 37,0 − 6,4 = 30,6: the result said plainly is sure of its row
    found = by_year_and_group(tmp_path, "Årets resultat för Luleå kommunkoncern uppgick till 186 mkr (569 mkr) vilket är "
                                        "388 mkr sämre än föregående år.\n")
    assert found == [(AGREES, "186", "Kommunkoncernen 2017"), (AGREES, "569", "Kommunkoncernen 2016"),
                     (DISAGREES, "388", "Kommunkoncernen 2017")]


@pytest.mark.parametrize("sentence", [
    "Kommunens resultat exklusive utdelning blev 470 mkr.",  # a qualified result is another quantity
    "I årets resultat för kommunen ingick en extra utdelning om 470 mkr.",  # a part of the result
    "Luleå Energi redovisar ett positivt resultat på 470 mkr.",  # another entity's result
    "Kommunens budget för 2017 byggde på ett resultat efter ombudgeteringar på 470 mkr.",
    "Luleå kommun redovisade 2017 ett resultat på 462 mkr (143 mkr), vilket jämfört med 2016 var ett "
    "underskott i verksamheten på 470 mkr.",  # a figure after the result joined by no plain link
])
def test_a_result_figure_not_said_plainly_is_never_a_disagreement(tmp_path, sentence):
    assert DISAGREES not in [v for v, _, _ in by_year_and_group(tmp_path, sentence + "\n")]


def test_the_koncerns_dated_columns_beside_the_kommuns_outcome_columns(tmp_path):
    # Hallsberg 2019: 'Utfall 2019' is the kommun's outcome, 'Koncern 2019' the koncern's
    text = ("Belopp i mnkr\tUtfall 2019\tUtfall 2018\tBudget 2019\tAvvikelse\tKoncern 2019\tKoncern 2018\n"
            "Årets resultat\t42\t29\t15\t27\t35\t28\n\n"
            "Årets resultat för kommunkoncernen uppgick till 35 mnkr, vilket var 7 mnkr bättre än 2018.\n")
    assert verdict_columns(tmp_path, text) == \
        [(AGREES, "Koncern 2019"), (AGREES, "Koncern 2019")]


def test_a_subject_naming_two_rows_is_not_sure_of_either(tmp_path):
    # Nynäshamn 2021: 'Skatteintäkter och generella bidrag ökade med 112,2 miljoner kronor' is two rows together
    text = ("RESULTATRÄKNING, TKR\t2020\t2021\nSkatteintäkter\t1 263 926\t1 336 927\n"
            "Generella statsbidrag, skatteutjämning\t343 654\t382 928\n\n"
            "Skatteintäkter och generella bidrag ökade med 112,2 miljoner kronor 2021 jämfört med 2020.\n")
    assert DISAGREES not in [v.verdict for v in check_claims(report_of(tmp_path, text)).verdicts]


def test_a_reserve_is_not_a_result_row(tmp_path):
    # Vårgårda 2023's balance sheet: 'Resultatutjämningsreserv' under 'Årets resultat' is no second result row
    text = ("(mnkr)\tKoncernen Bokslut 2022\tKoncernen Bokslut 2023\tKommunen Bokslut 2022\tKommunen Bokslut 2023\n"
            "Eget kapital\t\t\t\t\nÅrets resultat\t37,0\t6,4\t36,7\t6,1\nResultatutjämningsreserv\t5,0\t5,0\t5,0\t5,0\n\n"
            "Koncernens resultat uppgår till 6,4 mnkr.\n")
    assert verdict_columns(tmp_path, text) == [(AGREES, "Koncernen Bokslut 2023")]


def test_the_kommuns_and_the_koncerns_results_are_not_one_quantity_stated_twice(tmp_path):
    result = check_claims(report_of(tmp_path, RESULTATRAKNING + "Luleå kommun redovisade 2017 ett resultat på 462 mkr. "
                                    "Årets resultat för Luleå kommunkoncern uppgick till 186 mkr.\n"))
    assert [f.code for f in result.findings if f.code == "RK505"] == []
