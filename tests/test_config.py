"""Configuration files, --select/--ignore, `explain`, exit codes in --help, --quiet and completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll import check
from rapportkoll.catalog import FINDING_TYPES
from rapportkoll.finding_filter import FindingFilter, suite_rule_ids
from rapportkoll.suites import load_suite
from rapportkoll.cli import main
from rapportkoll.config import find_config
from rapportkoll.readers.errors import InputError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HERRLJUNGA = EXAMPLES / "herrljunga-ks-delarsrapport-2023.txt"
ALINGSAS = EXAMPLES / "alingsas-ks-delarsbokslut-2024.txt"


def run(*args: object, cwd: Path | None = None):
    """The CLI run from ``cwd`` (the configuration is searched from the working directory)."""
    before = Path.cwd()
    os.chdir(cwd or before)
    try:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(before)


def _codes(result) -> list[str]:
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


def test_pyproject_settings_are_found_from_a_subfolder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.rapportkoll]\nfail-on = "never"\n'
                                             'lang = "en"\nignore = ["RK2"]\n', encoding="utf-8")
    below = tmp_path / "rapporter" / "2023"
    below.mkdir(parents=True)
    result = run("check", HERRLJUNGA, "--format", "json", cwd=below)
    assert result.exit_code == 0  # fail-on never
    codes = _codes(result)
    assert codes and not any(code.startswith("RK2") for code in codes)
    assert all(f["message"] == f["messages"]["en"] for f in json.loads(result.stdout)["findings"])  # lang = "en"
    assert run("check", HERRLJUNGA, "--format", "json", "--fail-on", "error", cwd=below).exit_code == 1


def test_rapportkoll_toml_paths_are_relative_to_the_file(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(HERRLJUNGA.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "rapportkoll.toml").write_text('baseline = "accepted.json"\noutput = ["json=out/r.json"]\n',
                                               encoding="utf-8")
    (tmp_path / "out").mkdir()
    sub = tmp_path / "sub"
    sub.mkdir()
    assert run("baseline", report, cwd=sub).exit_code == 0
    assert (tmp_path / "accepted.json").is_file()
    result = run("check", report, cwd=sub)
    assert result.exit_code == 0
    assert json.loads((tmp_path / "out" / "r.json").read_text(encoding="utf-8"))["findings"] == []


@pytest.mark.parametrize("text, key", [('[tool.rapportkoll]\nfail_on = "never"\n', "fail_on"),
                                       ('[tool.rapportkoll]\nlang = "de"\n', "lang"),
                                       ('[tool.rapportkoll]\nrules = 3\n', "rules"),
                                       ('[tool.rapportkoll\n', "TOML")])
def test_a_bad_setting_exits_2_with_file_and_key(tmp_path, text, key):
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    result = run("check", ALINGSAS, cwd=tmp_path)
    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr and key in result.stderr
    with pytest.raises(InputError):
        find_config(tmp_path)


def test_a_pyproject_without_the_section_is_passed_over(tmp_path):
    (tmp_path / "rapportkoll.toml").write_text('suite = "generic"\n', encoding="utf-8")
    inner = tmp_path / "projekt"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool.other]\nx = 1\n', encoding="utf-8")
    assert find_config(inner).defaults == {"suite": "generic"}


@pytest.mark.parametrize("args, expected", [
    (("--select", "RK101"), {"RK101"}),
    (("--select", "RK1"), {"RK101", "RK103", "RK141"}),
    (("--select", "RK2", "--ignore", "RK201"), {"RK211"}),
    (("--select", "#missing"), {"RK103", "RK201"}),
    (("--select", "RK1,RK2", "--ignore", "indikatorer,investering.total"), {"RK103", "RK141"}),
])
def test_select_and_ignore_by_code_prefix_tag_and_rule(args, expected):
    assert set(_codes(run("check", HERRLJUNGA, "--format", "json", *args))) == expected


@pytest.mark.parametrize("token", ["RK999", "RK9x", "#summa", "investeringar.totl"])
def test_a_selector_that_matches_nothing_is_a_usage_error(token):
    result = run("check", ALINGSAS, "--select", token)
    assert result.exit_code == 2 and token in result.stderr


@pytest.mark.parametrize("code", sorted(FINDING_TYPES))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_code_is_explained_in_both_languages(code, lang):
    result = run("explain", code, "--lang", lang)
    assert result.exit_code == 0
    headings = ("Vad", "Varför", "Så rättar du", "Så stänger du av") if lang == "sv" else \
        ("What", "Why", "How to fix", "How to switch off")
    assert all(f"{heading}:" in result.stdout for heading in headings)
    assert f"--ignore {code}" in result.stdout


def test_explain_shows_the_kinds_example_and_refuses_unknown_codes():
    assert "kind: sum" in run("explain", "RK101", "--lang", "en").stdout
    assert run("explain", "RK777").exit_code == 2


def test_explain_a_bundled_rule_says_why_it_holds_in_either_language():
    """Every bundled rule id is explained: its pack, its kind and the rationale its pack gives."""
    from rapportkoll.packs import load_pack
    from rapportkoll.suites import bundled_rules_dir

    rules = [rule for path in sorted(bundled_rules_dir().glob("*.yaml")) for rule in load_pack(path).rules]
    for rule in rules:
        for lang in ("sv", "en"):
            shown = run("explain", rule.id, "--lang", lang)
            assert shown.exit_code == 0, shown.output
            rationale = rule.rationale[0] if lang == "sv" else rule.rationale[1]
            assert rule.kind.name in shown.stdout and rationale in shown.stdout


def test_help_lists_exit_codes_and_completion():
    for args in ((), ("check",)):
        text = run(*args, "--help").stdout
        assert "Exit codes" in text and "2  unreadable input" in text
    assert "_RAPPORTKOLL_COMPLETE" in run("--help").stdout


def test_quiet_prints_nothing_for_a_clean_run_and_the_report_when_it_fails(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("Rubrik\n\nBelopp i tkr\tBudget 2024\nA\t1 250\nB\t2 300\nSumma\t3 550\n", encoding="utf-8")
    quiet = run("check", clean, "--quiet")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    failing = run("check", ALINGSAS, "-q", "--lang", "en")
    assert failing.exit_code == 1 and "RK122" in failing.stdout


def test_shell_completion_script_is_generated():
    env = {**os.environ, "_RAPPORTKOLL_COMPLETE": "bash_source"}
    out = subprocess.run([sys.executable, "-m", "rapportkoll"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "_rapportkoll_completion" in out.stdout


FOUND = check([HERRLJUNGA, ALINGSAS]).findings
RULE_IDS = suite_rule_ids(load_suite())
TOKENS = sorted({f.code for f in FOUND} | {f.code[:3] for f in FOUND} | {t for f in FOUND for t in f.type.tags}
                | {f.rule for f in FOUND} | {f.rule.split(".")[0] for f in FOUND})


@settings(max_examples=60, deadline=None)
@given(tokens=st.lists(st.sampled_from(TOKENS), min_size=1, max_size=3))
def test_select_and_ignore_of_the_same_tokens_split_the_findings(tokens):
    selected = FindingFilter.of(tuple(tokens), (), RULE_IDS).apply(FOUND)
    ignored = FindingFilter.of((), (",".join(tokens),), RULE_IDS).apply(FOUND)
    assert sorted(map(id, selected + ignored)) == sorted(map(id, FOUND))
    assert not set(map(id, selected)) & set(map(id, ignored))
