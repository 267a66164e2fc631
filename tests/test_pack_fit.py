"""Pack selection is confident (issue 8): a bundled pack applies only where its terms resolve.

A pack that matches a table by its caption but names rows the table lacks is declined, and the
table is checked by discovery instead, so the default suite never reports what a misapplied pack
invented; a user's own pack is trusted to apply, and a rule of it that cannot resolve is an error.
The income statement below is constructed: a Herrljunga-style caption over rows of another layout.
"""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll.cli import main
from rapportkoll.labels import LabelPattern
from rapportkoll.run import check_paths
from rapportkoll.selection import first_row
from rapportkoll.suites import load_suite

OTHER_LAYOUT = """Resultaträkning, tkr\tBudget 2024\tUtfall 2024
Avgifter\t100\t90
Bidrag\t50\t55
Summa intäkter\t150\t145
Löner\t-80\t-85
Övrigt\t-40\t-30
Summa kostnader\t-120\t-115
Resultat\t30\t30
"""


def test_a_pack_whose_rows_do_not_resolve_is_declined_and_discovery_checks_the_table(tmp_path):
    path = tmp_path / "rr.tsv"
    path.write_text(OTHER_LAYOUT, encoding="utf-8")
    result = check_paths([path], load_suite())
    [check] = result.checks
    assert [pack for pack, _ in check.declined] == ["resultatrakning-tkr"]
    assert check.rules and {rule.origin for rule in check.rules} == {"discovered"}
    assert [f.code for f in result.findings] == []
    assert check.checked_cells == check.numeric_cells == 14


WIDER = """Resultaträkning, tkr\tUtfall 2023\tBudget 2024\tPrognos 2024\tUtfall 2024
Avgifter\t95\t100\t92\t90
Bidrag\t48\t50\t54\t55
Summa intäkter\t143\t150\t146\t145
Löner\t-78\t-80\t-84\t-58
Övrigt\t-37\t-40\t-33\t-30
Summa kostnader\t-115\t-120\t-117\t-115
Resultat\t28\t30\t29\t30
"""


def test_discovery_finds_the_slip_the_declined_pack_would_have_missed(tmp_path):
    path = tmp_path / "rr.tsv"
    path.write_text(WIDER, encoding="utf-8")  # OTHER_LAYOUT widened; Löner, Utfall 2024 typed -58 for -85
    findings = check_paths([path], load_suite()).findings
    assert findings and all(f.code != "RK902" for f in findings)
    assert any(f.suspect and f.suspect.cell.row == "Löner" and f.suspect.proposed == "-85" for f in findings)


def test_a_user_pack_rule_that_cannot_resolve_is_an_error(tmp_path):
    path = tmp_path / "rr.tsv"
    path.write_text(OTHER_LAYOUT, encoding="utf-8")
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "mitt.yaml").write_text(
        "pack: mitt\ntitle: t\napplies_to: {corner: 'Resultaträkning*'}\nrules:\n"
        "  - {id: mitt.personal, kind: sum, title: t, total: Summa kostnader, parts: [Personalkostnader]}\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--rules", str(packs), "--format", "json"])
    assert result.exit_code == 1
    [finding] = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "RK902"]
    assert finding["severity"] == "error" and finding["rule"] == "mitt.personal"
    assert "mitt.personal" in finding["message"]  # the message names the rule that never ran


def test_tables_lists_discovered_rules_and_declined_packs(tmp_path):
    path = tmp_path / "rr.tsv"
    path.write_text(OTHER_LAYOUT, encoding="utf-8")
    result = CliRunner().invoke(main, ["tables", str(path), "--lang", "en"])
    assert result.exit_code == 0
    assert "upptackt" in result.stdout and "declined: resultatrakning-tkr" in result.stdout
    assert "14/14" in result.stdout


def test_json_reports_coverage_per_table_and_in_all(tmp_path):
    path = tmp_path / "rr.tsv"
    path.write_text(OTHER_LAYOUT + "Antal anställda\t12\t13\n", encoding="utf-8")
    document = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json"]).stdout)
    [table] = document["tables"]
    assert (table["numeric_cells"], table["checked_cells"]) == (16, 14)
    assert {(c["row"], c["column"]) for c in table["uncovered"]} == {("Antal anställda", "Budget 2024"),
                                                                      ("Antal anställda", "Utfall 2024")}
    assert (document["summary"]["numeric_cells"], document["summary"]["checked_cells"]) == (16, 14)



def test_a_column_pattern_may_mix_positions_and_labels(tmp_path):
    """rules/sjukfranvaro.yaml expects ['@1', '@2', 'Diff*'] to be percentages: the Diff column counts too.
    Constructed from the Alingsås sick-leave table's shape, with 'abc' typed in the difference column."""
    path = tmp_path / "sjuk.tsv"
    path.write_text("Sjukfrånvaro\t2024\t2023\tDiff\nKvinnor\t3,0 %\t3,4 %\tabc\nMän\t3,3 %\t3,8 %\t-0,5 %\n",
                    encoding="utf-8")
    findings = check_paths([path], load_suite()).findings
    assert [(f.code, f.cells[0].row, f.cells[0].column) for f in findings if f.code == "RK301"] == \
        [("RK301", "Kvinnor", "Diff")]


def test_a_bundled_rule_whose_other_table_is_absent_is_skipped_not_the_pack(tmp_path):
    """Constructed from Herrljunga's 'Resultat per verksamhet' (two rows and the total), printed without
    the resultaträkning its cross-table rule compares with: the pack still applies, that rule is
    listed as declined with the term it lacks, and nothing is reported."""
    path = tmp_path / "verksamhet.tsv"
    path.write_text("Resultat per verksamhet-netto, tkr\tBudget 2023\tPrognos 2023\tAvvikelse helår\n"
                    "Kommunstyrelsen\t3 938\t4 038\t-100\nKommunledning\t11 305\t11 474\t-169\n"
                    "Summa verksamhet\t15 243\t15 512\t-269\n", encoding="utf-8")
    result = check_paths([path], load_suite())
    [check] = result.checks
    assert {rule.rule for rule in check.rules} >= {"verksamhet.summa", "verksamhet.avvikelse-budget-prognos"}
    assert check.declined == (("verksamhet.mot-resultatrakning", "table 'Resultaträkning*'"),)
    assert [f for f in result.findings if f.severity.value != "info"] == []


_WORDS = ["Summa", "summa", "Totalt", "Löner*", "Löner", "(*)", "*", " ", "¹", "Å", "a", "-", "ß", "İ", "#2"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=3).map("".join), max_size=8),
       st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map("".join), min_size=1, max_size=3))
def test_a_selectors_row_is_the_first_label_its_pattern_explains(labels, alternatives):
    """`first_row` finds a selector's row by its key in one search where the pattern has no wildcard: it must
    give the first label `LabelPattern.explain` accepts, for labels and alternatives made of words, marks,
    wildcards and spaces (a label written as an alternative, one differing only in case or marks)."""
    pattern = LabelPattern(tuple(alternatives))
    expected = next((i for i, label in enumerate(labels) if pattern.explain(label)), None)
    assert first_row(pattern, tuple(labels)) == expected
