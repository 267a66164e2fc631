"""Golden tests on the two real reports: exactly the inconsistencies found by hand, nothing more.

The audit of examples/ found 12 genuine inconsistencies (examples/README). The checker must report
each of them, at the right cell, and raise no false alarm; every table must be matched by a pack.
Assertions are on codes, rule ids and cell locations, never on wording.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import rapportkoll
from rapportkoll.findings import Finding, Severity

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ALINGSAS = EXAMPLES / "alingsas-ks-delarsbokslut-2024.txt"
HERRLJUNGA = EXAMPLES / "herrljunga-ks-delarsrapport-2023.txt"

# (code, rule, line, field) of the first cell of every genuine inconsistency.
EXPECTED: dict[Path, list[tuple[str, str, int, int]]] = {
    ALINGSAS: [
        ("RK122", "sjukfranvaro.differens", 315, 4),  # Män differens 0,48 % has flipped sign
    ],
    HERRLJUNGA: [
        ("RK201", "indikatorer.markerade-utfall", 476, 2),  # blank outcome cells
        ("RK201", "indikatorer.markerade-utfall", 476, 3),
        ("RK201", "indikatorer.markerade-utfall", 534, 2),
        ("RK211", "indikatorer.jamforelseform", 552, 3),  # '26,35 (28,2%)'
        ("RK211", "indikatorer.jamforelseform", 571, 2),  # '9,3 20,7)'
        ("RK211", "indikatorer.jamforelseform", 572, 3),  # '(788 (964)'
        ("RK211", "indikatorer.jamforelseform", 579, 2),  # '13,9% 4,6%)'
        ("RK211", "indikatorer.jamforelseform", 617, 3),  # '90% 86,6%)'
        ("RK201", "indikatorer.markerade-utfall", 660, 2),
        ("RK103", "rr.avvikelse-budget-prognos", 702, 7),  # warning: Resultat's avvikelse left blank (20)
        ("RK141", "verksamhet.mot-resultatrakning", 714, 3),  # 36 475 vs 27 902
        ("RK101", "investering.total", 799, 7),  # Prognos total 800, projects add up to 12 954
    ],
}

# (line, field) of the finding's first cell -> (suspect line, field, proposed, reason or None, confidence or None)
SUSPECTS: dict[Path, dict[tuple[int, int], tuple[int, int, str, str | None, str | None]]] = {
    ALINGSAS: {(315, 4): (315, 4, "-0,48 %", "sign", "exact")},
    HERRLJUNGA: {
        (552, 3): (552, 3, "26,3% (28,2%)", None, None),
        (799, 7): (799, 7, "12 954", "total", None),
    },
}

REPORTS = [ALINGSAS, HERRLJUNGA]
IDS = ["alingsas", "herrljunga"]


def _key(finding: Finding) -> tuple[str, str, int | None, int | None]:
    first = finding.cells[0].location if finding.cells else None
    return finding.code, finding.rule, first.line if first else None, first.field if first else None


_CACHE: dict[Path, list[Finding]] = {}


def findings_of(path: Path) -> list[Finding]:
    """The table family's findings (the prose and lint families have their golden test in test_prose_examples)."""
    if path not in _CACHE:
        _CACHE[path] = [f for f in rapportkoll.check(path).findings if not f.code.startswith(("RK5", "RK6"))]
    return _CACHE[path]


@pytest.mark.parametrize("path", REPORTS, ids=IDS)
def test_exactly_the_audited_inconsistencies(path: Path) -> None:
    reported = sorted(_key(f) for f in findings_of(path) if f.severity in (Severity.ERROR, Severity.WARNING))
    assert reported == sorted(EXPECTED[path])


@pytest.mark.parametrize("path", REPORTS, ids=IDS)
def test_every_table_is_checked(path: Path) -> None:
    unchecked = [(f.table, f.table_location) for f in findings_of(path) if f.code == "RK901"]
    assert unchecked == []
    unresolved = [(f.rule, f.table) for f in findings_of(path) if f.code == "RK902"]
    assert unresolved == []


@pytest.mark.parametrize("path", REPORTS, ids=IDS)
def test_findings_cite_cells_of_this_report(path: Path) -> None:
    for finding in findings_of(path):
        assert finding.cells, finding
        for cell in finding.cells:
            assert cell.location.path == str(path)
            assert cell.location.line and cell.location.field
        if finding.suspect is not None:
            assert finding.suspect.cell in finding.cells, finding


@pytest.mark.parametrize("path", REPORTS, ids=IDS)
def test_suspects_and_suggestions(path: Path) -> None:
    by_first = {(k[2], k[3]): f for f in findings_of(path) if (k := _key(f))}
    for first, (line, field, proposed, reason, confidence) in SUSPECTS[path].items():
        suspect = by_first[first].suspect
        assert suspect is not None, first
        assert (suspect.cell.location.line, suspect.cell.location.field) == (line, field)
        assert suspect.proposed == proposed
        if reason is not None:
            assert suspect.reason == reason
        if confidence is not None:
            assert suspect.confidence == confidence


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rapportkoll", "check", *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


_CELL_KEYS = {"path", "line", "row", "column", "text"}  # and a field (a table cell) or a span (a sentence)
_FINDING_KEYS = {"code", "rule", "severity", "message", "table", "cells", "expected", "actual", "tolerance", "suspect"}


@pytest.mark.parametrize("path", REPORTS, ids=IDS)
def test_json_output_is_well_formed(path: Path) -> None:
    run = _run_cli(str(path), "--format", "json", "--fail-on", "never")
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["version"] == 1
    assert isinstance(document["summary"], dict)
    assert document["summary"]["unchecked_tables"] == 0
    findings = document["findings"]
    assert isinstance(findings, list) and findings
    for finding in findings:
        assert _FINDING_KEYS <= set(finding), sorted(_FINDING_KEYS - set(finding))
        assert finding["severity"] in ("error", "warning", "info")
        assert isinstance(finding["message"], str) and finding["message"]
        assert finding["cells"]
        for cell in finding["cells"]:
            assert _CELL_KEYS <= set(cell), sorted(_CELL_KEYS - set(cell))
            assert "field" in cell or {"span_start", "span_end"} <= set(cell)
            assert cell["path"] == str(path)
            assert isinstance(cell["line"], int) and cell["line"] >= 1
            assert isinstance(cell.get("field", 1), int) and cell.get("field", 1) >= 1
            assert isinstance(cell["row"], str) and isinstance(cell["column"], str)
            assert isinstance(cell["text"], str)
        suspect = finding["suspect"]
        if suspect is not None:
            assert _CELL_KEYS | {"suggestion", "reason"} <= set(suspect)
    reported = sorted((f["code"], f["rule"], f["cells"][0]["line"], f["cells"][0]["field"])
                      for f in findings if f["severity"] in ("error", "warning") and f["code"] < "RK500")
    assert reported == sorted(EXPECTED[path])


@pytest.mark.parametrize("path", REPORTS, ids=IDS)
def test_exit_code_is_1_with_errors(path: Path) -> None:
    run = _run_cli(str(path), "--format", "json")
    assert run.returncode == 1, run.stderr
