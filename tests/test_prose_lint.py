"""The document lint, one family at a time, on small reports written for the test (said where)."""

from __future__ import annotations

from rapportkoll.prose.lint.document import lint

from prose_helpers import report_of


def codes(tmp_path, text: str) -> list[tuple[str, int]]:
    return [(f.code, f.cells[0].location.line) for f in lint(report_of(tmp_path, text))]


def test_template_leftovers_are_errors(tmp_path):
    found = lint(report_of(tmp_path, "Rubrik\n\nHär skrivs en kortfattad sammanställning (Kaisa).\n\nLorem ipsum dolor.\n"))
    assert [(f.code, f.severity.value) for f in found] == [("RK601", "error"), ("RK601", "error")]


def test_a_lower_case_xx_is_no_placeholder(tmp_path):
    assert codes(tmp_path, "Rubrik\n\nVi mötte xx-gruppen och Saxebäcken.\n") == []


def test_goal_numbering_gap(tmp_path):
    text = "Mål 1. Först\n\nText.\n\nMål 2. Sedan\n\nText.\n\nMål 4. Sist\n"
    assert codes(tmp_path, text) == [("RK602", 9)]


def test_orphan_footnote_marker_and_a_kept_one(tmp_path):
    text = "Rubrik\n\nAndel nöjda ³ och andel trygga ¹ enligt enkäten.\n\n¹ SCB Medborgarundersökning\n"
    assert codes(tmp_path, text) == [("RK604", 3)]


def test_arets_resultat_in_an_interim_report_only(tmp_path):
    table = "Belopp i tkr\tBudget 2024\tUtfall 2024\nIntäkter\t1 000\t600\nÅrets resultat\t0\t100\n"
    assert codes(tmp_path, "Delårsrapport 2024\n\n" + table) == [("RK605", 5)]
    assert codes(tmp_path, "Årsredovisning 2024\n\n" + table) == []


def test_a_year_before_the_reports_own(tmp_path):
    table = "Belopp i tkr\tBudget 2023\tUtfall 2023\nIntäkter\t1 000\t600\n"
    text = "Rubrik\n\n" + table + "\nGenomförande av 2022 års klimatlöften.\n\nJämfört med 2021 års resultat.\n"
    assert codes(tmp_path, text) == [("RK606", 6)]


def test_a_table_of_amounts_without_a_unit_among_tables_with_one(tmp_path):
    text = ("Drift\n\nBelopp i tkr\tBudget 2023\nA\t1 500\n\nBudgetförändringar\n\n"
            "Budgetförändringar 2023\tBelopp\nLönerevidering\t1 429\n")
    assert codes(tmp_path, text) == [("RK607", 8)]


def test_a_repeated_long_sentence_is_reported_once_per_paragraph(tmp_path):
    sentence = "Kommunfullmäktige har beslutat att påbörja en process att ansluta räddningstjänsten till RSG."
    text = f"Rubrik\n\n{sentence} Mer text här.\n\nAnnan\n\n{sentence} {sentence}\n"
    assert codes(tmp_path, text) == [("RK608", 7)]


def test_an_empty_table(tmp_path):
    assert codes(tmp_path, "Rubrik\n\nTitel\tUtfall 2022\tMål 2023\nInget måltal\t\t\n") == [("RK609", 3)]


def test_a_contents_entry_without_its_heading(tmp_path):
    text = "Innehåll\n\nEkonomi.....\t3\nDrift\t4\nPersonal\t5\n\nEkonomi\n\nText.\n\nDrift\n\nText.\n"
    assert [(f.code, f.cells[0].text) for f in lint(report_of(tmp_path, text))] == [("RK603", "Personal")]


def test_numbered_headings_start_again_under_each_goal_and_may_not_skip(tmp_path):
    text = "Mål A\n\n1. Första\n\nText.\n\n2. Andra\n\nText.\n\nMål B\n\n1. Första\n\nText.\n\n3. Tredje\n\nText.\n"
    assert codes(tmp_path, text) == [("RK602", 17)]


# Contents numbered like the headings, written for the tests: '2.2 Metod' stands in the text and not in the contents.
NUMBERED_CONTENTS = ("Innehåll\n\n1 Sammanfattning\t1\n2 Inledning\t3\n2.1 Bakgrund\t3\n3 Resultat\t5\n\n"
                     "1 Sammanfattning\n\nText.\n\n2 Inledning\n\nText.\n\n2.1 Bakgrund\n\nText.\n\n"
                     "2.2 Metod\n\nText.\n\n3 Resultat\n\nText.\n")


def test_a_numbered_heading_the_contents_lack(tmp_path):
    found = [f for f in lint(report_of(tmp_path, NUMBERED_CONTENTS)) if f.code == "RK603"]
    assert [(f.cells[0].text, f.cells[0].location.line) for f in found] == [("2.2 Metod", 20)]
    assert "saknas i innehållsförteckningen" in found[0].message("sv")
    assert "missing from the table of contents" in found[0].message("en")


def test_contents_that_list_every_numbered_heading_or_none(tmp_path):
    listed = NUMBERED_CONTENTS.replace("2.1 Bakgrund\t3\n", "2.1 Bakgrund\t3\n2.2 Metod\t4\n")
    assert [f for f in lint(report_of(tmp_path, listed)) if f.code == "RK603"] == []
    # contents of unnumbered chapters say nothing about numbered sub-headings at other depths
    text = "Innehåll\n\nEkonomi\t3\n\nEkonomi\n\n1. Drift\n\nText.\n"
    assert [f for f in lint(report_of(tmp_path, text)) if f.code == "RK603"] == []


def test_an_empty_numbered_section(tmp_path):
    text = "1 Inledning\n\n1.1 Bakgrund\n\n1.2 Syfte\n\nText.\n\n2 Resultat\n\nText.\n\nMål 1. Först\n\nMål 2. Sedan\n\nText.\n"
    # '1 Inledning' opens its sub-sections; '1.1 Bakgrund' and 'Mål 1' are followed by their next sibling
    assert [c for c in codes(tmp_path, text) if c[0] == "RK610"] == [("RK610", 3), ("RK610", 13)]


def test_unnumbered_headings_without_contents_are_never_called_empty(tmp_path):
    assert [c for c in codes(tmp_path, "Ekonomi\n\nDrift\n\nText.\n\nPersonal\n\nText.\n") if c[0] == "RK610"] == []


# Constructed in the shape of Herrljunga's goals (its line 555): kommunmål listed in the contents, each with its
# numbered nämndmål; one kommunmål is followed at once by the next, without its lead-in or anything under it.
GOALS = ("Innehåll\n\nMål\t2\nFokusområde 1: Växa\t2\nVi ska växa.\t2\n1. Bygga bostäder.\t2\n"
         "Vi ska vara trygga.\t3\nVi ska samarbeta.\t3\n1. Samverka mot våld.\t3\n\n"
         "Mål\n\nFokusområde 1: Växa\n\nVi ska växa.\n\nVi uppnår detta genom nämndmål:\n\n1. Bygga bostäder.\n\n"
         "Text om bostäder.\n\nVi ska vara trygga.\n\nVi ska samarbeta.\n\nVi uppnår detta genom nämndmål:\n\n"
         "1. Samverka mot våld.\n\nText om samverkan.\n")


def test_an_empty_listed_heading_of_a_goals_kind(tmp_path):
    # 'Mål' and 'Fokusområde 1' also stand right before a listed heading, but each opens its first child
    found = [f for f in lint(report_of(tmp_path, GOALS)) if f.code == "RK610"]
    assert [f.cells[0].text for f in found] == ["Vi ska vara trygga."]


def test_a_listed_heading_with_its_lead_in_is_not_empty(tmp_path):
    text = GOALS.replace("Vi ska vara trygga.\n\nVi ska samarbeta.", "Vi ska vara trygga.\n\nVi uppnår detta genom "
                                                                      "nämndmål:\n\nVi ska samarbeta.")
    assert [f for f in lint(report_of(tmp_path, text)) if f.code == "RK610"] == []


def test_a_heading_the_contents_lack_found_by_its_lead_in(tmp_path):
    # constructed in the shape of Herrljunga's goals: every listed goal is followed by the same lead-in
    text = ("Innehåll\n\nMål\t2\nVi ska växa.\t2\nVi ska vara trygga.\t3\n\nMål\n\nVi ska växa.\n\nVi uppnår detta genom:\n\n"
            "Text om växt.\n\nVi ska vara trygga.\n\nVi uppnår detta genom:\n\nText om trygghet.\n\n"
            "Här skrivs en sammanfattning.\n\nVi ska lära livet ut.\n\nVi uppnår detta genom:\n\nText om lärande.\n")
    found = [f for f in lint(report_of(tmp_path, text)) if f.code == "RK603"]
    assert [f.cells[0].text for f in found] == ["Vi ska lära livet ut."]


def test_text_between_a_listed_heading_and_its_lead_in_is_no_heading(tmp_path):
    text = ("Innehåll\n\nVi ska växa.\t2\nVi ska vara trygga.\t3\n\nVi ska växa.\n\nEn mening till.\n\n"
            "Vi uppnår detta genom:\n\nText.\n\nVi ska vara trygga.\n\nVi uppnår detta genom:\n\nText.\n")
    assert [f for f in lint(report_of(tmp_path, text)) if f.code == "RK603"] == []
