"""Documentation generated from metadata stays complete and current."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapportkoll import ruledoc
from rapportkoll.catalog import FINDING_TYPES
from rapportkoll.kinds import KINDS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_documents_every_section(name):
    doc = KINDS[name].doc
    for section in ("summary", "why", "failing", "passing", "example"):
        assert getattr(doc, section).strip(), f"kind {name} lacks '{section}'"
    assert f"kind: {name}" in doc.example


def test_every_kind_code_is_in_the_catalogue():
    for kind in KINDS.values():
        assert set(kind.codes) <= set(FINDING_TYPES)


def test_codes_are_unique_and_well_formed():
    assert all(code.startswith("RK") and len(code) == 5 for code in FINDING_TYPES)
    names = [t.name for t in FINDING_TYPES.values()]
    assert len(names) == len(set(names))


def test_rules_page_is_current():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == ruledoc.render(), \
        "docs/rules.md is stale: run `python -m rapportkoll.ruledoc > docs/rules.md`"
