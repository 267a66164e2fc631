"""Accepted findings: a baseline round-trips on both examples and survives edits elsewhere in the report."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportkoll import check
from rapportkoll.baseline import apply_baseline, entry
from rapportkoll.findings import CellRef, Finding
from rapportkoll.cli import main
from rapportkoll.discovery import discover, pack_data
from rapportkoll.model import Table
from tests.helpers import table_from_rows

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# One edited cell per example (a copy is changed, never the example): a part of a sum that the text
# does not quote gets two digits swapped, so its total no longer adds up: (line, old text, new text,
# and the code, row and line of the one new finding, which names the total below the part).
EDITS = {
    "alingsas-ks-delarsbokslut-2024": (120, "-26 764", "-26 467", ("RK101", "Verksamhetens kostnader", 122)),
    "herrljunga-ks-delarsrapport-2023": (695, "25 812", "25 182", ("RK101", "Summa kostnader", 699)),
}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _copy(name: str, folder: Path) -> Path:
    copy = folder / f"{name}.txt"
    shutil.copyfile(EXAMPLES / f"{name}.txt", copy)
    return copy


def _edit_line(path: Path, number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EDITS))
def test_baseline_round_trip_then_one_new_finding_after_a_changed_cell(name, tmp_path):
    report, accepted = _copy(name, tmp_path), tmp_path / "baseline.json"
    assert run("baseline", report, "--output", accepted).exit_code == 0
    written = json.loads(accepted.read_text(encoding="utf-8"))["findings"]
    assert written  # both examples have findings to accept

    clean = run("check", report, "--baseline", accepted, "--format", "json", "--lang", "en")
    assert clean.exit_code == 0
    assert json.loads(clean.stdout)["findings"] == []
    assert f"{len(written)} accepted findings not shown" in clean.stderr

    line, old, new, expected = EDITS[name]
    _edit_line(report, line, old, new)
    changed = run("check", report, "--baseline", accepted, "--format", "json")
    assert changed.exit_code == 1
    assert [(f["code"], f["cells"][0]["row"], f["cells"][0]["line"]) for f in json.loads(changed.stdout)["findings"]] \
        == [expected]


@pytest.mark.parametrize("name", sorted(EDITS))
def test_fingerprints_survive_lines_added_above(name, tmp_path):
    report, accepted = _copy(name, tmp_path), tmp_path / "baseline.json"
    run("baseline", report, "--output", accepted)
    report.write_text("Utkast, ej granskat\n\n" + report.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", report, "--baseline", accepted, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_entries_no_longer_found_are_listed(tmp_path):
    found = check(_copy("herrljunga-ks-delarsrapport-2023", tmp_path)).findings
    assert len(found) > 1
    outcome = apply_baseline(found[1:], [entry(f) for f in found])
    assert (outcome.new, outcome.suppressed) == ((), len(found) - 1)
    assert [e.fingerprint for e in outcome.gone] == [entry(found[0]).fingerprint]


def test_a_repeated_finding_is_accepted_only_as_often_as_listed():
    found = check(EXAMPLES / "alingsas-ks-delarsbokslut-2024.txt").findings
    outcome = apply_baseline(found + found, [entry(f) for f in found])
    assert outcome.new == found and outcome.suppressed == len(found) and outcome.gone == ()


@pytest.mark.parametrize("content", ["not json", '{"version": 7, "findings": []}', '{"version": 1}'])
def test_a_bad_baseline_file_exits_2_naming_it(content, tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text(content, encoding="utf-8")
    result = run("check", EXAMPLES / "alingsas-ks-delarsbokslut-2024.txt", "--baseline", bad, "--lang", "en")
    assert result.exit_code == 2
    assert str(bad) in result.stderr and "baseline" in result.stderr


def test_a_missing_baseline_file_exits_2(tmp_path):
    result = run("check", EXAMPLES / "alingsas-ks-delarsbokslut-2024.txt", "--baseline", tmp_path / "none.json")
    assert result.exit_code == 2 and "none.json" in result.stderr


def _moved(table: Table, index: int) -> Table:
    return Table(table.caption, table.corner, table.columns, table.rows, table.location, index)


def test_discovered_rule_ids_name_what_they_check_not_where_the_table_is():
    # A small driftredovisning made up for the test: two parts and their total in three columns.
    table = table_from_rows(["Belopp i tkr", "Budget", "Prognos", "Utfall"],
                            [["A", "1 250", "4 100", "5 000"], ["B", "2 300", "6 200", "7 000"],
                             ["Summa", "3 550", "10 300", "12 000"]])
    ids = [rule["id"] for rule in pack_data(table, discover(table))["rules"]]
    assert ids and all(rule_id.startswith("upptackt-beloppitkr.") for rule_id in ids)
    later = _moved(table, 14)
    assert [rule["id"] for rule in pack_data(later, discover(later))["rules"]] == ids


# Properties over the real findings of both examples (drawn as subsets and with moved lines).
FOUND = tuple(f for name in sorted(EDITS) for f in check(EXAMPLES / f"{name}.txt").findings)


def test_every_finding_of_the_examples_has_its_own_fingerprint():
    assert len({entry(f).fingerprint for f in FOUND}) == len(FOUND) > 13  # prose findings by their sentence


@settings(max_examples=60, deadline=None)
@given(accepted=st.lists(st.sampled_from(range(len(FOUND))), unique=True), extra=st.integers(0, 3))
def test_a_baseline_suppresses_exactly_its_entries(accepted, extra):
    entries = [entry(FOUND[i]) for i in accepted]
    gone = [entry(FOUND[i]) for i in range(min(extra, len(FOUND)))]
    outcome = apply_baseline([f for i, f in enumerate(FOUND) if i >= extra], entries + gone)
    kept = [f for i, f in enumerate(FOUND) if i >= extra and i not in accepted]
    assert outcome.new == tuple(kept)
    assert outcome.suppressed == len(FOUND) - extra - len(kept)
    assert len(outcome.gone) == len(gone) + sum(1 for i in accepted if i < extra)


def _shifted(finding: Finding, lines: int) -> Finding:
    def move(cell: CellRef) -> CellRef:
        return dataclasses.replace(cell, location=dataclasses.replace(cell.location, line=cell.location.line + lines))

    return dataclasses.replace(finding, cells=tuple(move(c) for c in finding.cells))


@settings(max_examples=40, deadline=None)
@given(index=st.sampled_from(range(len(FOUND))), lines=st.integers(-5, 500))
def test_a_fingerprint_does_not_depend_on_line_numbers(index, lines):
    finding = FOUND[index]
    assert entry(_shifted(finding, lines)).fingerprint == entry(finding).fingerprint
    assert entry(finding).fingerprint != entry(dataclasses.replace(finding, code="RK111")).fingerprint
