"""The domain vocabulary (src/rapportkoll/vocabulary.yaml): every entry matches what it names and not its neighbours.

Labels are real ones from the examples and tests/realworld/ where they exist; the negatives are the near
misses each entry must refuse (a word inside another word, a line that only looks like the entry).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from rapportkoll.labels import label_keys, label_words, normalize_label, printed_words
from rapportkoll.params import PackError, build
from rapportkoll.vocabulary import _LOWER_UNLIKE, Entry, _entries, _term_pattern, terms, words

CASES = {
    "total_rows": (["Summa kostnader", "S:a intäkter", "Totalt", "Netto", "Årets resultat", "Kassaflöde från "
                    "investeringsverksamheten", "Delsumma", "Verksamhetens nettokostnader", "Resultat",
                    "Statsandelar sammanlagt"],
                   ["Nettokostnadsandel", "Personalkostnader", "Summakostnad", "Totalförsvar"]),
    "sum_words": (["Summa Politisk verksamhet", "Totalt"], ["Summering", "Delsumma"]),
    "bare_sum": (["Summa", "TOTALT", "Summa totalt"], ["Summa kostnader", "Delsumma", "Totalt anslag"]),
    "ratio_rows": (["Eget kapital per invånare (kr)", "Verksamhetens nettokostnader (% av skatteintäkter)",
                    "Soliditet i procent", "Sjävfinansieringsgrad investeringar (%)"],
                   ["Eget kapital totalt (mnkr)", "Folkmängd 31 december", "Personalkostnader"]),
    "rate_rows": (["Verksamhetens nettokostnader (% av skatteintäkter)", "Tillgångar per invånare (kr)",
                   "Lånefinansieringsgrad (%)", "Kommunalskatt per 100 kr",
                   "Soliditet (inklusive ansvarsförbindelse för pensioner, %)", "Nettokostnadsandel i procent"],
                  ["Årets resultat (mnkr)", "Andel av samfundsskattens avkastning", "Procentuell fördelning av kostnader",
                   "Hemlöshet (75 %)"]),
    "result_rows": (["Årets resultat", "Netto", "Kvar att förfoga över", "Avvikelse", "Överskott"],
                    ["Personalkostnader", "Intäkter"]),
    "derived_columns": (["Av-vikelse", "Diff.", "Förändring", "Totalt", "Netto 2024"], ["Budget 2024", "Utfall"]),
    "deviation_columns": (["Av-vikelse", "Diff.", "Förändring", "Budgetavvikelse 2023"], ["Netto 2024", "Totalt", "Budget"]),
    "breakdown_rows": (["varav IT", "– därav lokaler", "• varav löner"], ["Vara vatten", "Varavvikelse", "IT varav"]),
    "breakdown_headings": (["Varav", "varav:", "Därav"], ["Varav IT", "Varavvikelse"]),
    "carried_rows": (["Balanskravsunderskott från tidigare år", "Ingående eget kapital", "Likvida medel vid årets början"],
                     ["Årets resultat", "Ingåendemoms"]),
    "share_columns": (["Andel", "Procentuell fördelning", "Andel av totalen %"], ["Belopp", "Förändring %"]),
    "note_columns": (["Not", "Noter", "Not nr", "Nr."], ["Notering", "Nummer 2024"]),
    "percent_columns": (["Andel %", "Procent"], ["Belopp"]),
    "one_signed_rows": (["Verksamhetens kostnader i miljoner kronor", "Personalkostnader", "Skatteintäkter",
                         "Avskrivningar"], ["Kostnadsutjämning", "Årets resultat", "Soliditet i procent"]),
    "signed_rows": (["Verksamhetens nettokostnader", "Förändring av kostnader", "Avvikelse intäkter",
                     "Avgår interna kostnader", "Kommunalekonomisk utjämning"], ["Verksamhetens kostnader", "Intäkter"]),
    "contra_columns": (["Elimineringar", "Justering", "Koncerninterna poster"], ["Kommunen", "Koncernen 2024"]),
    "rate_columns": (["Skattekraft (beskattningsbar inkomst/invånare) Kronor", "Index Riket=100", "Kostnad per invånare",
                      "Nettokostnad kr/inv"], ["Antal invånare", "Invånare 31 dec", "Indexuppräkning, tkr"]),
    "group_columns": (["Koncernen 2024", "Kommunkoncernen", "Sammanställd redovisning 2023"], ["Kommunen 2024"]),
    "own_columns": (["Kommunen 2024", "Staden 2019", "Region 2023"], ["Koncernen 2024", "2024-12-31"]),
    "budget_columns": (["Budgeterat resultat", "Avvikelse mot budget (resultat)", "Budget 2024"], ["Utfall 2024", "Resultat"]),
    "other_quantities": (["Budget 2024", "Prognos", "Avvikelse", "Förändring 2023"], ["Utfall 2024", "Kommunen 2024"]),
    "missing_markers": (["-", "..", "Inget utfall", "Mäts 2023", "ej mätt", "N/A"],
                        ["12", "Mäts", "Inget", "Mäts 20231"]),
    "shared_rows": (["Skatteintäkter", "Generella statsbidrag och utjämning", "Kostnadsutjämning", "Kommunalskatt",
                     "Summa kommunalskatteintäkter"],
                    ["Verksamhetens intäkter", "Preliminär kommunalskatt", "Kommunalskatt, avräkning"]),
    "same_result": (["Årets resultat", "Periodens resultat", "Därav årets resultat", "Arets resultat"],
                    ["Årets resultat före skatt"]),
    "same_cash": (["Likvida medel vid årets slut", "Kassa och bank"], ["Likvida medel vid årets början"]),
    "same_equity": (["Summa eget kapital", "Eget kapital"], ["Eget kapital vid årets början"]),
    "opening_rows": (["Ingående värde", "Likvida medel vid årets början", "Likvida medel 1.1"],
                     ["Utgående värde", "Likvida medel 31.12"]),
    "closing_rows": (["Utgående värde", "Bokfört värde", "Redovisat värde", "Likvida medel 31.12"],
                     ["Ingående värde", "Likvida medel 1.1"]),
    "statement_rows": (["Skatteintäkter", "Summa tillgångar", "Kassaflöde från den löpande verksamheten",
                        "Kommunalskatt", "Årets balanskravsresultat efter avsättning till RUR"],
                       ["Verksamhetens kostnader", "Preliminär kommunalskatt"]),
    "total_assets": (["Summa tillgångar", "SUMMA TILLGÅNGAR"], ["Summa anläggningstillgångar", "Tillgångar"]),
    "total_claims": (["Summa eget kapital, avsättningar och skulder", "SUMMA EGET KAPITAL OCH SKULDER",
                      "Summa skulder och eget kapital"], ["Summa eget kapital", "Summa skulder"]),
    "cash_change_rows": (["Förändring i kassa enligt BR", "Förändring av likvida medel"],
                         ["Förändring av kortfristiga skulder", "Likvida medel vid årets slut"]),
    "year_result_rows": (["Årets resultat", "PERIODENS RESULTAT"], ["Årets resultat efter balanskravsjusteringar",
                                                                    "Därav årets resultat"]),
    "net_cost_rows": (["Verksamhetens nettokostnader", "VERKSAMHETENS NETTOKOSTNAD"], ["Nettokostnader"]),
    "income_lines": (["Verksamhetens intäkter"], ["Skatteintäkter", "Summa verksamhetens intäkter"]),
    "cost_lines": (["Verksamhetens kostnader"], ["Verksamhetens nettokostnader", "Personalkostnader"]),
    "internal_rows": (["Interna poster", "Avgår interna intäkter", "Avgår interna kostnade"],
                      ["Internationella kostnader", "Intern kontroll"]),
    "chain_statement_rows": (["Verksamhetens nettokostnader", "Kassaflöde från investeringsverksamheten",
                              "Verksamhetsbidrag +/-", "Årsbidrag (+/-)"],
                             ["Verksamhetens intäkter"]),
    "chain_closing_rows": (["Verksamhetens nettokostnader", "Resultat efter finansiella poster", "Årets resultat",
                            "Kassaflöde från den löpande verksamheten", "Årsbidrag (+/-)",
                            "Räkenskapsperiodens resultat (+/-)"], ["Resultat efter skatt", "Årsbidrag/avskrivningar, procent"]),
    "chain_section_rows": (["Medel från verksamheten före förändring av rörelsekapital", "Kassaflöde från"],
                           ["Årets kassaflöde"]),
    "year_flow_rows": (["Årets kassaflöde", "Periodens kassaflöde", "Total kassaflöde"],
                       ["Kassaflöde från finansieringsverksamheten"]),
    "flow_rows": (["Kassaflöde från finansieringsverksamheten"], ["Årets kassaflöde"]),
    "generic_corners": (["Belopp i tkr", "Titel", "Indikatorer"], ["Resultaträkning", "Investeringar"]),
    "months": (["april", "Augusti"], ["apr", "aprilväder"]),
    "cost_rows": (["Personalkostnader", "Avskrivningar", "Nedskrivningar"], ["Intäkter", "Skatteintäkter"]),
    "net_rows": (["Jämförelsestörande intäkter och kostnader", "Verksamhetens nettokostnader", "Netto"],
                 ["Verksamhetens kostnader", "Finansiella kostnader", "Avskrivningar"]),
}


def test_every_entry_has_its_cases():
    assert set(CASES) == set(_entries())


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_entry_matches_what_it_names_and_not_its_neighbours(name):
    matching, not_matching = CASES[name]
    assert [label for label in matching if not terms(name).search(label)] == []
    assert [label for label in not_matching if terms(name).search(label)] == []


def test_a_misspelt_key_or_form_is_refused_naming_the_entry():
    with pytest.raises(PackError, match="anywere"):
        build(Entry, {"why": "x", "form": "key", "anywere": ["a"]}, "vocabulary.yaml: test")
    with pytest.raises(PackError, match="form"):
        build(Entry, {"why": "x", "form": "keys"}, "vocabulary.yaml: test")


def test_a_year_placeholder_reads_four_digits_in_either_form():
    assert _term_pattern("Mäts {year}", "key") == r"m[äa]ts\d{4}"
    assert _term_pattern("Mäts {year}", "words") == r"mäts\s+\d{4}"


# Layouts of other municipalities (bench/metamorphic.py): the same line printed with another sum word,
# a footnote mark or a word broken by a hyphen where a narrow column wrapped it.
@pytest.mark.parametrize("name, label", [
    ("total_assets", "S:a tillgångar"), ("total_assets", "TOTALT TILLGÅNGAR"),
    ("total_claims", "Total eget kapital, avsättningar och skulder"),
    ("total_rows", "Årets resultat¹"), ("total_rows", "Årets resu-ltat"), ("total_rows", "ÅRETS RESU-LTAT"),
    ("sum_words", "S:a Verk-samhet"),
])
def test_an_entry_reads_the_other_layouts_of_its_lines(name, label):
    assert terms(name).search(label)


def test_a_hyphen_of_a_compound_or_before_a_space_still_separates_words():
    assert printed_words("IT-kostnader") == "IT-kostnader"
    assert printed_words("VA-VERKSAMHET") == "VA-VERKSAMHET"
    assert printed_words("Kost-nader, Av-vikelse, AVVI-KELSE") == "Kostnader, Avvikelse, AVVIKELSE"
    assert terms("sum_words").rest("Summa Barn- och utbildning") == "Barn- och utbildning"


_PIECES = sorted({spelling for name in _entries() for word in words(name) for spelling in (word, word.upper())}) \
    + ["–", "- ", "•", "  ", "\n", "¹", "*", "x", "SUMMA", "ſumma", "netto ıntäkter", "İntern"]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=4).map(" ".join), max_size=12))
def test_the_rows_of_a_table_a_term_sits_in_are_those_each_search_finds(labels):
    """`Terms.rows` scans the labels joined as lines: the same rows, in order, as a search of each label,
    for every entry, over labels built from the vocabulary's own terms (in capitals too) with dashes, breaks and
    marks, and letters a case-blind search matches to others ('ſ', 'ı', 'İ')."""
    labels = tuple(labels)
    for name in _entries():
        matcher = terms(name)
        assert matcher.rows(labels) == [i for i, label in enumerate(labels) if matcher.search(label)], name


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.text(alphabet="aåäöéüAÅÖz09%<>#*()_ ¹²İßﬁ＊-–,.:/\n\u0301Σ", max_size=8), max_size=6))
def test_a_table_keyed_at_once_has_each_label_s_key(labels):
    """`label_keys` and `label_words` form a table's labels joined as lines: each must be what `normalize_label` and
    `printed_words` give the label alone, for labels of the characters that key, mark, fold, compose or separate
    (superscripts, ligatures, 'İ', a footnote '*' or '＊', a combining accent opening a label, breaks within one)."""
    labels = tuple(labels)
    assert label_keys(labels) == tuple(normalize_label(label) for label in labels)
    assert label_words(labels) == tuple(printed_words(label) for label in labels)
    keys = label_keys(labels)  # statements search a table's keys as labels
    assert label_keys(keys) == tuple(normalize_label(key) for key in keys)


def test_a_table_printing_many_kinds_of_separators_is_keyed_as_label_by_label():
    """Past a dozen kinds of separators `label_keys` removes them by one pattern instead of one at a time."""
    from rapportkoll.labels import _FEW_SEPARATORS, _NOT_KEY_LINES

    labels = ("Summa: kostnader, netto.", "Avgår (interna) / externa & övriga", "S:a [A] {B} | C ~ D; E! F? G+H=I",
              "Lön — OB – tillägg 'x' \"y\" _z_ ¹")
    separators = {c for c in "\n".join(labels) if c != "\n" and (c == "_" or _NOT_KEY_LINES.fullmatch(c))}
    assert len(separators) > _FEW_SEPARATORS  # the branch under test
    assert label_keys(labels) == tuple(normalize_label(label) for label in labels)


def test_the_letters_of_terms_match_case_blind_only_their_lower_case_but_for_three():
    """`Terms.rows` finds the lines holding a term's stretch in the lower-cased labels: a case-blind match of a
    plain letter (`_PLAIN_LETTERS`, lower case) must then be a character whose lower case is that letter, for every
    character of Unicode but those `_LOWER_UNLIKE` sends to the pattern itself."""
    plain = [c for c in map(chr, range(0x20, 0x7F)) if not c.isupper()] + list("åäöéü")
    any_plain = re.compile("[" + "".join(map(re.escape, plain)) + "]", re.IGNORECASE)
    for c in map(chr, range(0x110000)):
        if any_plain.fullmatch(c) and not _LOWER_UNLIKE.fullmatch(c):
            assert [p for p in plain if re.fullmatch(re.escape(p), c, re.IGNORECASE)] == [c.lower()], hex(ord(c))


def test_a_sum_word_s_rest_is_found_in_the_labels_its_rows_find():
    # Discovery seeks what a 'Summa X' row names (`Terms.rest`) only in the rows `Terms.rows` finds a sum word in:
    # every label with a rest must be among them. That holds while each start term ends in a letter or digit
    # (the row pattern's \b); a term such as 'Tot.' would break it and named totals would go unread.
    matcher = terms("sum_words")
    assert all(re.search(r"\w$", term) for term in matcher._entry.start)
    labels = ("Summa Politisk verksamhet", "S:a Vård", "Totalt kommunen", "Summa", "Summan", "totala kostnader",
              "Verksamhet", "– Summa IT", "s:a  Skola och barnomsorg", "Totalsumma")
    found = set(matcher.rows(labels))
    assert {i for i, label in enumerate(labels) if matcher.rest(label)} <= found
