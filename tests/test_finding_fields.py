"""Every finding supplies the fields its message templates name (issue 10: typed findings).

A missing field would leave '{key}' in the text a controller reads. The findings checked are all
those rapportkoll makes on the examples and the real corpus, in both languages, so every code the
engine emits on real reports is covered, and every catalogue template is well-formed.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from rapportkoll.catalog import FINDING_TYPES
from rapportkoll.run import check_paths
from rapportkoll.suites import load_suite

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "examples").glob("*.txt")) + sorted(
    p for p in (ROOT / "tests" / "realworld").iterdir() if p.suffix in (".tsv", ".txt"))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(FINDING_TYPES))
def test_templates_are_well_formed_and_name_the_same_fields_in_both_languages(code):
    kind = FINDING_TYPES[code]
    sv, en = placeholders(kind.template_sv), placeholders(kind.template_en)
    # A field may differ by language only as a '_sv'/'_en' pair ('hint_sv' / 'hint_en').
    assert {n.removesuffix("_sv") for n in sv} == {n.removesuffix("_en") for n in en}, code


@pytest.fixture(scope="module")
def findings():
    found = []
    for suite in ("delarsrapport", "generic"):
        result = check_paths(FILES, load_suite(suite))
        found += [f for finding in result.findings for f in (finding, *finding.related)]
    return found


def test_every_finding_fills_every_placeholder(findings):
    assert len({f.code for f in findings}) >= 8  # the examples and the corpus exercise most codes
    for finding in findings:
        fields = {key.removesuffix("_sv").removesuffix("_en") for key, _ in finding.fields} | {k for k, _ in finding.fields}
        fields.add("rule")  # every message may name its rule; the finding carries it
        for lang in ("sv", "en"):
            template = getattr(finding.type, f"template_{lang}")
            missing = {n for n in placeholders(template) if n not in fields and f"{n}_{lang}" not in fields}
            assert not missing, f"{finding.code} {finding.rule}: {missing}"
            assert "{" not in finding.message(lang).replace("{}", ""), finding.message(lang)
