"""The command line: exit codes, formats, bad input and bad rule packs, never a traceback."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rapportkoll.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ALINGSAS = EXAMPLES / "alingsas-ks-delarsbokslut-2024.txt"
HERRLJUNGA = EXAMPLES / "herrljunga-ks-delarsrapport-2023.txt"
CLEAN_TABLE = "Rubrik\n\nBelopp i tkr\tBudget 2024\nA\t1 250\nB\t2 300\nSumma\t3 550\n"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_findings_give_exit_1_and_json_contract():
    result = run("check", HERRLJUNGA, "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["summary"]["errors"] == len([f for f in document["findings"] if f["severity"] == "error"])
    for finding in document["findings"]:
        assert {"rule", "severity", "message", "table", "cells", "expected", "actual", "tolerance", "suspect"} <= set(finding)
        for cell in finding["cells"]:  # a sentence is cited by line and span, a table cell by line and field
            assert {"path", "line", "row", "column", "text"} <= set(cell) and ({"field"} & set(cell) or "span_start" in cell)


def test_fail_on_never_and_warning():
    assert run("check", HERRLJUNGA, "--format", "json", "--fail-on", "never").exit_code == 0
    assert run("check", ALINGSAS, "--format", "json", "--fail-on", "warning").exit_code == 1


def test_clean_report_exits_0(tmp_path):
    # No bundled pack matches this table; discovery checks its total, which holds.
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN_TABLE, encoding="utf-8")
    result = run("check", path, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_a_table_nothing_checks_is_reported_unchecked_without_failing(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN_TABLE, encoding="utf-8")
    result = run("check", path, "--format", "json", "--suite", "rules-only")
    assert result.exit_code == 0
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["RK901"]


def test_a_discovered_total_that_does_not_add_up_is_found(tmp_path):
    path = tmp_path / "rapport.txt"
    path.write_text("Rubrik\n\nBelopp i tkr\tBudget\tPrognos\tUtfall\nA\t1 250\t4 100\t5 000\n"
                    "B\t2 300\t6 200\t7 000\nSumma\t3 550\t10 300\t21 000\n", encoding="utf-8")
    findings = json.loads(run("check", path, "--format", "json").stdout)["findings"]
    assert [(f["code"], f["origin"], f["cells"][0]["line"], f["cells"][0]["field"]) for f in findings] == \
        [("RK101", "discovered", 6, 4)]


def test_rich_output_names_table_cell_and_correction():
    result = run("check", ALINGSAS, "--lang", "en")
    assert result.exit_code == 1
    text = result.stdout
    assert "Sjukfrånvaro" in text and "RK122" in text and "0,48 %" in text and "-0,48 %" in text
    assert "alingsas-ks-delarsbokslut-2024.txt:315:4" in text


def test_swedish_is_the_default_language():
    assert "→ rättelse: 0,48 % → -0,48 %" in run("check", ALINGSAS).stdout


@pytest.mark.parametrize("content, expected", [
    (None, "not found"),
    (b"", "empty"),
    (b"\x00\x01\x02PK\x03\x04binary", "binary"),
    ("Rubrik\nBelopp\tBudget\nA\t1 325\n".encode("cp1252") + "Övrigt\t5\n".encode("cp1252"), "UTF-8"),
])
def test_bad_input_exit_2_with_place_and_no_traceback(tmp_path, content, expected):
    path = tmp_path / "rapport.txt"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["check", str(path), "--lang", "en", "--format", "json"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert expected in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_non_utf8_message_names_the_line(tmp_path):
    path = tmp_path / "rapport.txt"
    path.write_bytes("Rubrik\nBelopp\tBudget\n".encode() + "Övrigt\t5\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["check", str(path), "--lang", "en", "--format", "json"])
    assert f"{path}:3:1" in result.stderr


def test_unreadable_file_does_not_stop_the_others(tmp_path):
    result = run("check", tmp_path / "saknas.txt", ALINGSAS, "--format", "json")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert [f["code"] for f in document["findings"] if f["code"] < "RK500"] == ["RK122"]
    assert document["problems"] and "saknas.txt" in document["problems"][0]["place"]


@pytest.mark.parametrize("pack, message", [
    ("pack: p\ntitle: t\napplies_to: {corner: X}\nrules:\n  - id: r1\n    kind: sum\n    title: t\n"
     "    total: Summa\n    partz: [A]\n", "rule 'r1': unknown key 'partz'"),
    ("pack: p\ntitle: t\napplies_to: {corner: X}\nrules:\n  - id: r1\n    kind: summa\n    title: t\n",
     "unknown kind 'summa'"),
    ("pack: p\ntitle: t\napplies_to: {corner: X}\nrules:\n  - id: r1\n    kind: sum\n    title: t\n"
     "    total: !!python/object/apply:os.system ['echo hacked']\n", "not valid YAML"),
    ("pack: p\ntitle: t\napplies_to: {corner: X}\nrules: [\n", "not valid YAML"),
])
def test_malformed_pack_exit_2_naming_file_rule_key(tmp_path, pack, message):
    rules = tmp_path / "packs"
    rules.mkdir()
    (rules / "bad.yaml").write_text(pack, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(ALINGSAS), "--rules", str(rules), "--lang", "en"])
    assert result.exit_code == 2
    assert message in result.stderr and "bad.yaml" in result.stderr
    assert "Traceback" not in result.stderr and "hacked" not in result.output


def test_extra_pack_replaces_bundled_pack_of_same_name(tmp_path):
    rules = tmp_path / "packs"
    rules.mkdir()
    (rules / "sjuk.yaml").write_text(
        "pack: sjukfranvaro\ntitle: t\napplies_to: {corner: 'Sjukfrånvaro*'}\nrules: []\n", encoding="utf-8")
    result = run("check", ALINGSAS, "--rules", rules, "--format", "json")
    # The bundled pack's RK122 is gone; the table, now with no rule, is said to be unchecked. The prose error
    # (RK502: 'negativ' for a positive deviation) stays.
    codes = [f["code"] for f in json.loads(result.stdout)["findings"] if not f["code"].startswith("RK6")]
    assert result.exit_code == 1 and codes == ["RK502", "RK901"]


def test_input_files_are_never_modified():
    before = hashlib.sha256(HERRLJUNGA.read_bytes()).hexdigest()
    run("check", HERRLJUNGA, "--format", "json")
    run("tables", HERRLJUNGA, "--cells")
    assert hashlib.sha256(HERRLJUNGA.read_bytes()).hexdigest() == before


def test_tables_lists_parsed_tables_with_packs():
    result = run("tables", HERRLJUNGA, "--lang", "en")
    assert result.exit_code == 0
    assert "Investeringsredovisning" in result.stdout and "investeringsredovisning" in result.stdout


def test_rules_lists_ids_and_kinds():
    result = run("rules", "--lang", "en")
    assert result.exit_code == 0
    assert "investering.total" in result.stdout and "sum" in result.stdout
    # A rule's rationale (why it holds) is shown under its title: rules/sjukfranvaro.yaml gives one.
    assert "Either sign convention is seen in reports" in " ".join(result.stdout.split())


def test_output_file(tmp_path):
    target = tmp_path / "out.json"
    result = run("check", ALINGSAS, "--format", "json", "--output", target)
    assert result.exit_code == 1 and json.loads(target.read_text())["summary"]["errors"] == 2  # RK122, RK502


def test_module_entry_point_runs_in_a_fresh_process():
    completed = subprocess.run([sys.executable, "-m", "rapportkoll", "check", str(ALINGSAS), "--format", "json"],
                               capture_output=True, text=True, timeout=60)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr
    assert json.loads(completed.stdout)["summary"]["errors"] == 2  # RK122 in a table, RK502 in the text


def test_one_run_writes_several_formats(tmp_path):
    json_file, text_file = tmp_path / "r.json", tmp_path / "r.txt"
    result = run("check", ALINGSAS, "--output", f"json={json_file}", "--output", text_file, "--lang", "en")
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(json_file.read_text())["summary"]["errors"] == 2
    assert "RK122" in text_file.read_text()


def test_unknown_output_format_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["check", str(ALINGSAS), "--output", f"xml={tmp_path / 'r.xml'}", "--lang", "en"])
    assert result.exit_code == 2 and "unknown format 'xml'" in result.output
