"""Suites choose the prose and lint families and switch their codes off; --show-unlinked lists claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rapportkoll.cli import main
from rapportkoll.params import PackError
from rapportkoll.run import check_paths
from rapportkoll.suites import load_suite

ROOT = Path(__file__).resolve().parents[1]
HERRLJUNGA = ROOT / "examples" / "herrljunga-ks-delarsrapport-2023.txt"


def suite_file(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(f"suite: s\ntitle: t\npacks: []\ndiscovery: false\n{extra}", encoding="utf-8")
    return path


def codes(suite) -> set[str]:
    return {f.code for f in check_paths([HERRLJUNGA], suite).findings}


def test_families_choose_what_runs(tmp_path):
    only_lint = codes(load_suite(str(suite_file(tmp_path, "families: [lint]\n"))))
    assert "RK601" in only_lint and not any(c.startswith(("RK1", "RK5", "RK9")) for c in only_lint)
    only_prose = codes(load_suite(str(suite_file(tmp_path, "families: [prose]\n"))))
    assert "RK501" in only_prose and not any(c.startswith("RK6") for c in only_prose)


def test_a_code_can_be_switched_off_or_downgraded(tmp_path):
    suite = load_suite(str(suite_file(tmp_path, "families: [lint]\nseverity: {RK601: 'off', lint.footnote: info}\n")))
    findings = check_paths([HERRLJUNGA], suite).findings
    assert "RK601" not in {f.code for f in findings}
    assert {f.severity.value for f in findings if f.code == "RK604"} == {"info"}


def test_an_unknown_family_or_level_is_refused(tmp_path):
    with pytest.raises(PackError):
        load_suite(str(suite_file(tmp_path, "families: [pictures]\n")))
    with pytest.raises(PackError):
        load_suite(str(suite_file(tmp_path, "severity: {RK601: loud}\n")))


def test_unlinked_claims_are_counted_and_listed_only_on_request():
    args = ["check", str(HERRLJUNGA), "--format", "json"]
    hidden = json.loads(CliRunner().invoke(main, args).stdout)
    shown = json.loads(CliRunner().invoke(main, [*args, "--show-unlinked"]).stdout)
    assert not any(f["code"] in ("RK590", "RK591") for f in hidden["findings"])
    listed = [f for f in shown["findings"] if f["code"] in ("RK590", "RK591")]
    assert listed and all(f["severity"] == "info" for f in listed)
    assert all({"span_start", "span_end", "line"} <= set(f["cells"][0]) for f in listed)
    # The JSON summary carries the count of what it set aside, and none when they are listed.
    assert hidden["summary"]["unlinked_claims"] == len(listed)
    assert shown["summary"]["unlinked_claims"] == 0


def test_a_vocabulary_with_an_unknown_key_is_refused_with_file_and_line(tmp_path):
    from rapportkoll.prose.vocabulary import load_vocabulary

    source = (ROOT / "src" / "rapportkoll" / "prose" / "vocabulary.yaml").read_text(encoding="utf-8")
    path = tmp_path / "vocabulary.yaml"
    path.write_text(source + "\nsynonyms: [KS]\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"vocabulary.yaml:\d+: unknown key 'synonyms'"):
        load_vocabulary(path)
