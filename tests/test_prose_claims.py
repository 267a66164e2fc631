"""Claim extraction: type, value, unit, horizon, polarity and subject, on phrasings from the examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from rapportkoll.numbers import format_number
from rapportkoll.prose.claims import extract
from rapportkoll.prose.sentences import split_sentences
from rapportkoll.prose.vocabulary import default_vocabulary
from prose_helpers import paragraph

V = default_vocabulary()


def claims(text: str, heading: str = ""):
    return extract(paragraph(text), heading, V)


@pytest.mark.parametrize("text, kind, value, unit, horizon, polarity", [
    ("Herrljungas andel av IT enheten redovisar ett utfall om 7 621 tkr.", "amount", 7621, "tkr", "period", None),
    ("Resultatet för perioden – ett överskott om ca 9 900 tkr.", "surplus", 9900, "tkr", "period", "favourable"),
    ("Kommunstyrelsen redovisar ett utfall på 2 637 tkr, vilket innebär en positiv avvikelse per 31 augusti om "
     "366 tkr.", "deviation", 366, "tkr", "period", "favourable"),
    ("Kommunstyrelsens **intäkter** har ökat med 12 790 tkr jämfört med motsvarande period föregående år.",
     "change", 12790, "tkr", None, "up"),
    ("Övriga kostnader prognosticeras att avvika negativt mot budget med ca 3 400 tkr.", "deviation", 3400, "tkr",
     "year", "unfavourable"),
    ("Sjukfrånvaron har ökat med 0,4 procentenheter.", "points", 0.4, "pe", None, "up"),
    ("Prognosen uppgår till 1,3 mnkr.", "amount", 1.3, "mnkr", "year", None),
])
def test_a_claim_of_each_type(text, kind, value, unit, horizon, polarity):
    claim = claims(text)[-1]
    assert (claim.type, claim.value, claim.unit.unit, claim.horizon, claim.polarity) == \
        (kind, value, unit, horizon, polarity)


def test_approximation_words_widen_and_are_kept():
    assert [c.approx for c in claims("Prognosen är ca 1 700 tkr och sedan 1 700 tkr.")] == [True, False]


def test_varav_part_inherits_its_wholes_type_and_names_its_row():
    whole, part = claims("Hela förvaltningen redovisar per augusti en avvikelse på 1 325 tkr, varav IT står för "
                         "1 031 tkr.")
    assert (part.type, part.part_of, part.subject[0], part.subject_source) == ("part", "deviation", "it", "part")


def test_list_items_take_their_row_from_the_words_after_the_unit():
    *_, a, b, c = claims("Utfallet uppgår till 21 809 tkr; varav 10 413 tkr expansionsinvesteringar, 7 556 tkr "
                         "reinvesteringar, och 3 839 tkr anpassningsinvesteringar.")
    assert [x.subject for x in (a, b, c)] == [("expansionsinvesteringar",), ("reinvesteringar",),
                                              ("anpassningsinvesteringar",)]


def test_a_bold_row_name_is_the_subject():
    claim = claims("Redovisade kostnader för **köp av tjänster** uppgår till 6 696 tkr.")[0]
    assert (claim.subject, claim.subject_source) == (("köp", "tjänster"), "bold")


def test_a_sentence_naming_nothing_takes_the_paragraphs_subject():
    first, second = claims("Ekonomiavdelningens delårsresultat visar ett negativt utfall mot budget för perioden "
                           "med 74 tkr. Prognosen visar ett underskott om 50 tkr för helåret.")
    assert second.subject == first.subject and second.subject_source == "inherited" and second.horizon == "year"


def test_prior_forecast_and_asides_are_marked():
    revised = claims("Prognosen justeras ned med ca 15 400 tkr jämfört med den prognos som togs fram i april.")[0]
    aside = claims("Andra intäkter kommer från planenheten (10 738 tkr).")[0]
    assert revised.prior_forecast and aside.aside


def test_zero_phrases_are_claims_of_zero():
    claim = claims("Administrationen prognostiserar en budget i balans.")[0]
    assert (claim.type, claim.value) == ("zero", 0.0)


def test_years_dates_and_bare_numbers_are_no_claims():
    assert claims("Under 2024 genomfördes 3 möten den 31 augusti.") == []


def test_sentences_split_after_tkr_but_not_after_abbreviations():
    text = "Det ökade med 5 tkr. Bl.a. kostnader ca. 3 tkr. IT enheten har en prognos."
    assert [s.text for s in split_sentences(text)] == ["Det ökade med 5 tkr.", "Bl.a. kostnader ca. 3 tkr.",
                                                        "IT enheten har en prognos."]


@settings(max_examples=60, derandomize=True)
@given(value=st.integers(min_value=1, max_value=9_999_999), decimals=st.integers(min_value=0, max_value=1),
       unit=st.sampled_from(["tkr", "mnkr", "miljoner kronor", "%", "procentenheter"]),
       cue=st.sampled_from(["redovisar ett utfall om", "uppgår till", "visar en positiv avvikelse om",
                            "har ökat med"]))
def test_a_generated_sentence_round_trips_its_value_and_unit(value, decimals, unit, cue):
    """A sentence written from a value, as reports write it, gives back that value and unit."""
    number = value / 10 ** decimals
    text = f"Verksamheten {cue} {format_number(number, decimals)} {unit} under perioden."
    [claim] = claims(text)
    expected_unit = {"miljoner kronor": "mnkr", "procentenheter": "pe"}.get(unit, unit)
    assert (claim.value, claim.decimals, claim.unit.unit) == (pytest.approx(number), decimals, expected_unit)


def test_numbers_of_a_list_share_the_unit_written_once():
    found = claims("Investeringarna blev 12, 14 och 15 mnkr de tre åren.")
    assert [(c.value, c.unit.unit) for c in found] == [(12, "mnkr"), (14, "mnkr"), (15, "mnkr")]
    # a date or a year is never a member of a list: '31 augusti om 366 tkr' is one figure
    assert [c.value for c in claims("En positiv avvikelse per 31 augusti om 366 tkr under 2023 och 2024.")] == [366]


@given(st.lists(st.integers(1, 999), min_size=2, max_size=5))
@settings(max_examples=40, deadline=None)
def test_every_member_of_a_list_gets_the_last_members_unit(values):
    listed = ", ".join(str(v) for v in values[:-1]) + f" och {values[-1]} tkr"
    found = claims(f"Kostnaderna var {listed}.")
    assert [(c.value, c.unit.unit) for c in found] == [(v, "tkr") for v in values]


def test_respektive_pairs_numbers_with_subjects_in_order():
    # the sentence of Tyresö's annual report 2018 (tests/prose_realworld/batch3)
    first, second = claims("Huvudavvikelserna finns inom plan och exploatering samt inom gemensam verksamhet, som "
                           "redovisade underskott om 8,2 respektive 9,4 mnkr.")
    assert (first.value, first.unit.unit, second.value) == (8.2, "mnkr", 9.4)
    assert {"plan", "exploatering"} <= set(first.subject) and "gemensam" not in first.subject
    assert set(second.subject) == {"gemensam", "verksamhet"}


def test_respektive_pairs_numbers_with_years_in_order():
    found = claims("För åren 2024-2025 planeras för överskott om 2 miljoner kronor respektive 21 miljoner kronor.")
    assert [(c.value, c.year) for c in found] == [(2, 2024), (21, 2025)]


def test_the_year_group_and_last_years_figure_of_a_claim():
    now, before, change = claims("Luleå kommunkoncern redovisade 2017 ett resultat på 462 mkr (143 mkr), vilket "
                                 "var en förbättring med 319 mkr.")
    assert (now.year, now.group, now.prior, now.about_result) == (2017, "koncern", False, True)
    assert (before.prior, before.group, before.about_result) == (True, "koncern", True)
    assert change.type == "change"
    assert claims("Kommunen redovisar ett underskott om 23 miljoner kronor för 2023.")[0].year == 2023


def test_mdkr_is_a_thousand_mnkr():
    assert claims("Investeringarna uppgick till 2,2 mdkr.")[0].unit.factor == 1000 * claims("1 mnkr.")[0].unit.factor
