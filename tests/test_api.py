"""The Python API: rapportkoll.check(...) -> Result, typed, with a findings DataFrame."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import rapportkoll
from rapportkoll.api import COLUMNS, Coverage, Summary
from rapportkoll.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HERRLJUNGA = EXAMPLES / "herrljunga-ks-delarsrapport-2023.txt"
ALINGSAS = EXAMPLES / "alingsas-ks-delarsbokslut-2024.txt"


def test_result_agrees_with_the_json_report():
    result = rapportkoll.check(HERRLJUNGA)
    document = json.loads(CliRunner().invoke(main, ["check", str(HERRLJUNGA), "--format", "json"]).stdout)
    summary = document["summary"]
    assert isinstance(result.summary, Summary) and isinstance(result.coverage, Coverage)
    assert (result.summary.tables, result.summary.errors, result.summary.warnings, result.summary.infos) == \
        (summary["tables"], summary["errors"], summary["warnings"], summary["infos"])
    assert [(f.code, f.rule) for f in result.findings] == [(f["code"], f["rule"]) for f in document["findings"]]
    assert not result.ok
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.findings = ()  # type: ignore[misc]


def test_applied_rules_and_coverage():
    result = rapportkoll.check(HERRLJUNGA)
    assert "investering.total" in {rule.rule for table in result.tables for rule in table.rules}
    coverage = result.coverage
    assert coverage.tables == len(result.tables) == 19
    assert coverage.checked_tables + coverage.unchecked_tables == coverage.tables
    assert coverage.rules_applied == sum(len(table.rules) for table in result.tables)
    assert 0 < coverage.checked_cells <= coverage.numeric_cells and 0 < coverage.share <= 1


def test_several_documents_in_parallel_give_the_same_result_and_unreadable_ones_are_problems(tmp_path):
    paths = [ALINGSAS, tmp_path / "saknas.txt", HERRLJUNGA]
    one, two = rapportkoll.check(paths), rapportkoll.check(paths, jobs=2)
    assert one.findings == two.findings and one.summary == two.summary
    assert one.summary.files == tuple(map(str, paths)) and len(one.problems) == 1 and not one.ok


def test_to_dataframe_one_row_a_finding_with_flat_locations():
    result = rapportkoll.check(HERRLJUNGA)
    frame = result.to_dataframe()
    assert list(frame.columns) == list(COLUMNS) and len(frame) == len(result.findings)
    first = result.findings[-1]  # the Investeringsredovisning total with its suggested correction
    row = frame.iloc[-1]
    assert (row["code"], row["line"], row["field"], row["row"], row["column"]) == \
        (first.code, first.cells[0].location.line, first.cells[0].location.field, first.cells[0].row,
         first.cells[0].column)
    assert row["suggestion"] == first.suspect.proposed and row["reason"] == first.suspect.reason
    assert frame["severity"].tolist().count("error") == result.summary.errors
    assert frame.groupby("code").size().to_dict()["RK211"] == 5


def test_an_empty_result_gives_an_empty_frame_with_the_columns(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("Rubrik\n\nBelopp i tkr\tBudget 2024\nA\t1 250\nB\t2 300\nSumma\t3 550\n", encoding="utf-8")
    result = rapportkoll.check(clean)
    assert result.ok and result.findings == ()
    frame = result.to_dataframe()
    assert frame.empty and list(frame.columns) == list(COLUMNS)


def test_the_readme_documents_every_field_of_the_result():
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    api = readme[readme.index("## Python API"):]
    for cls in (Summary, Coverage):
        assert all(f.name in api for f in dataclasses.fields(cls)) and f"{cls.__name__}(" in api
    assert all(column in api for column in COLUMNS)
