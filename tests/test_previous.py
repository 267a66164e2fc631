"""--previous: prior-period columns must equal last period's report.

There is no earlier Herrljunga report in the repository, so the "previous" report is constructed
from the 2023 one: its table header is reused and the 2022 column kept (as a 2022 report would
print it), once unchanged and once with one amount altered.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from rapportkoll.cli import main

NEW = Path(__file__).resolve().parents[1] / "examples" / "herrljunga-ks-delarsrapport-2023.txt"
PREVIOUS = ("Drift\n\nResultaträkning, tkr\tUtfall 2021-08\tUtfall 2022-08\tBudget 2022\n"
            "Intäkter\t-10 942\t{intakter}\t-25 000\nSumma kostnader\t35 479\t39 812\t90 000\n")


def _check(tmp_path, intakter: str):
    old = tmp_path / "forra.txt"
    old.write_text(PREVIOUS.format(intakter=intakter), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(NEW), "--previous", str(old), "--format", "json",
                                       "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "RK142"]


def test_same_period_figures_that_agree_give_nothing(tmp_path):
    assert _check(tmp_path, "-11 910") == []


def test_a_restated_figure_is_found_with_both_cells(tmp_path):
    found = _check(tmp_path, "-11 190")
    assert [(f["cells"][0]["line"], f["cells"][0]["field"], f["cells"][1]["line"]) for f in found] == [(693, 3, 4)]
    assert found[0]["cells"][0]["text"] == "-11 910" and found[0]["cells"][1]["text"] == "-11 190"


def test_unreadable_previous_report_is_bad_input(tmp_path):
    result = CliRunner().invoke(main, ["check", str(NEW), "--previous", str(tmp_path / "saknas.txt")])
    assert result.exit_code == 2


def test_a_suite_sets_the_severity_of_the_previous_report_check(tmp_path):
    """RK142 is stamped like any finding: a suite may make it a warning or switch it off (issue 10)."""
    from rapportkoll.run import check_paths
    from rapportkoll.suites import load_suite

    checks = tmp_path / "suite.yaml"
    for level, expected in (("warning", {"warning"}), ("'off'", set())):
        checks.write_text(f"suite: s\ntitle: t\npacks: [resultatrakning-tkr]\nseverity: {{RK142: {level}}}\n",
                          encoding="utf-8")
        old = tmp_path / "forra.txt"
        old.write_text(PREVIOUS.format(intakter="-11 190"), encoding="utf-8")
        result = check_paths([NEW], load_suite(str(checks)), old)
        assert {f.severity.value for f in result.findings if f.code == "RK142"} == expected
