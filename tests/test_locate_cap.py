"""Culprit search is capped per table: past the cap failures are still reported, without a search, and said so."""

from __future__ import annotations

from helpers import table_from_rows
from rapportkoll import diagnose as diagnosis_module
from rapportkoll.engine import check_table
from rapportkoll.frame import TableView
from rapportkoll.packs import pack_from_mapping
from rapportkoll.suites import Suite

# Constructed: Avvikelse = Budget − Prognos, broken by a flipped sign on every row (-d where d belongs).
_ROWS = [[f"Verksamhet {k}", str(100 + k), str(90 + k), "-10"] for k in range(1, 7)]
_PACK = {"pack": "cap", "title": "cap", "applies_to": {"corner": "Belopp"},
         "rules": [{"id": "cap.avvikelse", "kind": "difference", "title": "Avvikelse", "result": "Avvikelse",
                    "minuend": "Budget", "subtrahend": "Prognos"}]}


def _check(monkeypatch, limit: int):
    monkeypatch.setattr(diagnosis_module, "LOCATE_LIMIT", limit)
    table = table_from_rows(["Belopp", "Budget", "Prognos", "Avvikelse"], _ROWS)
    suite = Suite("test", (pack_from_mapping(_PACK, "cap.yaml"),), "error")
    _, findings = check_table(TableView.of(table), suite, "test.txt")
    return findings


def test_past_the_cap_failures_are_reported_without_a_culprit(monkeypatch):
    findings = _check(monkeypatch, 4)
    failures = [f for f in findings if f.code == "RK122"]
    assert len(failures) == 6
    located = [f.cells[0].row for f in failures if f.suspect is not None]
    assert located == [f"Verksamhet {k}" for k in range(1, 5)]
    capped = [f for f in findings if f.code == "RK911"]
    assert len(capped) == 1 and dict(capped[0].fields)["limit"] == "4" and dict(capped[0].fields)["failures"] == "6"


def test_under_the_cap_every_failure_is_located(monkeypatch):
    findings = _check(monkeypatch, 500)
    assert all(f.suspect is not None for f in findings if f.code == "RK122")
    assert not [f for f in findings if f.code == "RK911"]


# Constructed (after an independent review): C = A − B fails on every row, and a sum of C joins all rows into
# one component, so the cap falls inside it.
_JOINED = {"pack": "joined", "title": "joined", "applies_to": {"corner": "Rad"},
           "rules": [{"id": "joined.c", "kind": "equation", "axis": "columns", "title": "C", "result": "C",
                      "plus": ["A"], "minus": ["B"]},
                     {"id": "joined.sum", "kind": "sum", "title": "S", "total": "Summa", "above": True,
                      "columns": ["C"]}]}


def test_a_component_across_the_cap_keeps_hints_for_the_failures_within_it(monkeypatch):
    monkeypatch.setattr(diagnosis_module, "LOCATE_LIMIT", 4)
    rows = [[f"R{k}", "100", "50", "10"] for k in range(6)] + [["Summa", "600", "300", "60"]]
    table = table_from_rows(["Rad", "A", "B", "C"], rows)
    suite = Suite("test", (pack_from_mapping(_JOINED, "joined.yaml"),), "error")
    _, findings = check_table(TableView.of(table), suite, "test.txt")
    failures = [f for f in findings if f.code == "RK111"]
    assert len(failures) == 7
    assert sum(1 for f in failures if f.suspect is not None) == 4
