"""Discovery on tables built to show one layout each (constructed, not published; numbers chosen so that
every printed total is right), where an earlier version reported false findings or wrote poor packs.

Each table is what reports commonly print: a percentage of change over an absolute base, a row label
with a footnote star, a section with a detail row blank in the budget column, a blank avvikelse in mnkr.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import rapportkoll
from rapportkoll.cli import main
from rapportkoll.discovery import discover
from rapportkoll.findings import Severity
from rapportkoll.readers import read_report


def one_table(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tabell.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def flagged(path: Path) -> list:
    return [f for f in rapportkoll.check(path, suite="generic") if f.severity is not Severity.INFO]


ABSOLUTE_BASE = """Intäkter och kostnader, tkr\tUtfall 2023\tUtfall 2022\tFörändring\tFörändring %
Försäljning\t12 400\t11 800\t600\t5,1 %
Taxor och avgifter\t8 350\t8 010\t340\t4,2 %
Hyror och arrenden\t4 120\t4 300\t-180\t-4,2 %
Bidrag\t15 600\t14 100\t1 500\t10,6 %
Övriga intäkter\t2 210\t2 050\t160\t7,8 %
Personalkostnader\t-9 800\t-9 300\t-500\t-5,4 %
Lokalkostnader\t-3 100\t-3 250\t150\t4,6 %
"""


def test_a_change_over_the_absolute_base_is_one_relation_without_findings(tmp_path):
    path = one_table(tmp_path, ABSOLUTE_BASE)
    table = read_report(path).tables[0]
    ratios = [f.params for f in discover(table, (table,)) if f.kind == "ratio"]
    assert ratios == [{"result": "Förändring %", "numerator": "Förändring", "denominator": "Utfall 2022",
                       "absolute_base": True}]
    assert flagged(path) == []


def test_a_footnote_star_in_a_row_label_is_that_row_not_a_wildcard(tmp_path):
    path = one_table(tmp_path, "Personalkostnader, tkr\tUtfall 2023\tUtfall 2022\tBudget 2023\n"
                               "Lönerevision\t1 200\t1 100\t1 150\nLöner*\t52 300\t50 100\t51 000\n"
                               "Sociala avgifter\t16 400\t15 700\t16 000\nPensionskostnader\t4 100\t3 900\t4 000\n"
                               "Summa personalkostnader\t74 000\t70 800\t72 150\n")
    assert flagged(path) == []


def test_a_section_total_that_holds_in_one_column_of_three_is_no_relation(tmp_path):
    # The Migrationsverket row is a detail the budget leaves out: the total fits Budget only.
    path = one_table(tmp_path, "Resultaträkning, tkr\tUtfall 2023\tUtfall 2022\tBudget 2023\n"
                               "Verksamhetens intäkter\t\t\t\nTaxor och avgifter\t10 250\t9 870\t10 000\n"
                               "Bidrag\t25 400\t24 100\t24 000\nStatsbidrag från Migrationsverket\t3 100\t2 800\t\n"
                               "Försäljning\t4 300\t4 150\t4 200\n"
                               "Summa verksamhetens intäkter\t39 950\t38 120\t38 200\n")
    assert flagged(path) == []


def test_a_value_proposed_for_a_blank_is_written_like_its_column(tmp_path):
    path = one_table(tmp_path, "Resultaträkning, mnkr\tUtfall 2023\tUtfall 2022\tBudget 2023\tPrognos 2023\tAvvikelse\n"
                               "Kommunbidrag\t412,5\t398,1\t380,0\t395,3\t15,3\n"
                               "Nettokostnader\t-390,4\t-380,2\t-375,0\t-388,1\t-13,1\n"
                               "Resultat\t22,1\t17,9\t5,0\t7,2\t\n")
    [finding] = flagged(path)
    assert finding.code == "RK103"
    assert (finding.suspect.cell.row, finding.suspect.cell.column, finding.suspect.proposed) == \
        ("Resultat", "Avvikelse", "2,2")


def test_inferred_packs_write_every_rule_in_full(tmp_path):
    path = tmp_path / "rr.tsv"
    path.write_text((Path(__file__).parent / "realworld" / "sjobo-2016-resultatbudget.tsv").read_text(encoding="utf-8"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["infer", str(path), "--output", str(tmp_path / "packs")])
    assert result.exit_code == 0, result.output
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "packs").glob("*.yaml"))
    assert "columns:" in text and "&id" not in text and "*id" not in text
