"""`--output` never destroys an input, and every output it cannot write is a clear error (exit 2) before any work."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from rapportkoll.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "herrljunga-ks-delarsrapport-2023.txt"


def _report(tmp_path: Path, name: str = "in.tsv") -> Path:
    path = tmp_path / name
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def _run(*args: str):
    return CliRunner().invoke(main, ["check", *args, "--lang", "en"])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("spec", ["json={}", "{}", "html={}"])
def test_an_output_onto_the_input_is_refused_and_the_input_unchanged(tmp_path, spec):
    report = _report(tmp_path)
    before = _digest(report)
    result = _run(str(report), "--output", spec.format(report))
    assert result.exit_code == 2
    assert "would overwrite the input" in result.output
    assert _digest(report) == before


def test_an_output_through_a_symlink_or_hard_link_to_the_input_is_refused(tmp_path):
    report = _report(tmp_path)
    before = _digest(report)
    (tmp_path / "link.json").symlink_to(report)
    os.link(report, tmp_path / "hard.json")
    for name in ("link.json", "hard.json"):
        assert _run(str(report), "--output", str(tmp_path / name)).exit_code == 2
    assert _digest(report) == before


def test_an_output_onto_the_previous_report_is_refused(tmp_path):
    report, previous = _report(tmp_path), _report(tmp_path, "prev.tsv")
    before = _digest(previous)
    result = _run(str(report), "--previous", str(previous), "--output", f"html={previous}")
    assert result.exit_code == 2 and _digest(previous) == before


@pytest.mark.parametrize("outputs", [
    ("json={o}/r.json", "sarif={o}/r.json"),  # two outputs to one path
    ("json={o}",),  # a folder
    ("json={o}/missing/r.json",),  # a missing folder (issue 11, item 4)
    ("{o}/r.out",),  # no format to infer (issue 11, item 4)
    ("nosuch={o}/r.json",),  # an unknown format
])
def test_outputs_that_cannot_be_written_are_refused_before_anything_is_written(tmp_path, outputs):
    report = _report(tmp_path)
    args = [a for spec in outputs for a in ("--output", spec.format(o=tmp_path))]
    result = _run(str(report), *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not (tmp_path / "r.json").exists()


def test_a_full_device_is_a_clear_error():
    result = _run(str(EXAMPLE), "--output", "json=/dev/full")
    assert result.exit_code == 2
    assert "cannot write /dev/full" in result.output


@pytest.mark.parametrize(("name", "check"), [
    ("r.sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
    ("r.json", lambda text: json.loads(text)["version"] == 1),
    ("r.xml", lambda text: text.startswith("<?xml")),
    ("r.html", lambda text: "<html" in text[:200].lower()),
    ("r.md", lambda text: not text.startswith("<")),
])
def test_the_format_of_a_bare_output_comes_from_its_extension(tmp_path, name, check):
    result = _run(str(EXAMPLE), "--output", str(tmp_path / name))
    assert result.exit_code == 1, result.output
    assert check((tmp_path / name).read_text(encoding="utf-8"))


def test_an_explicit_format_names_an_output_whose_extension_says_nothing(tmp_path):
    result = _run(str(EXAMPLE), "--format", "json", "--output", str(tmp_path / "r.out"))
    assert result.exit_code == 1
    assert json.loads((tmp_path / "r.out").read_text(encoding="utf-8"))["version"] == 1


TIE_PACK = """pack: tie
title: Tie
applies_to:
  columns: [Budget 2023]
rules:
  - id: tie.summa
    kind: sum
    title: Summa
    total: Summa
    parts: [A, B]
"""


@pytest.mark.parametrize("rows", ["A\t5\nB\t5\nSumma\t12", "A\t15\nB\t51\nSumma\t60", "A\t21\nB\t12\nSumma\t42"])
def test_alternatives_always_carry_a_confidence_the_schema_allows(tmp_path, rows):
    """Made-up two-part sums where several cells explain the miss alike, so alternatives are listed."""
    import jsonschema

    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "tie.yaml").write_text(TIE_PACK, encoding="utf-8")
    report = tmp_path / "tie.tsv"
    report.write_text(f"Investeringar, tkr\nProjekt\tBudget 2023\n{rows}\n", encoding="utf-8")
    result = _run(str(report), "--format", "json", "--suite", "rules-only", "--rules", str(tmp_path / "packs"))
    document = json.loads(result.output)
    assert any(f["alternatives"] for f in document["findings"])
    schema = json.loads((EXAMPLE.parents[1] / "docs" / "schema" / "rapportkoll-report.schema.json").read_text("utf-8"))
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(document))


def test_a_suggestion_without_a_known_confidence_cannot_be_made():
    from rapportkoll.findings import CellRef, Suggestion
    from rapportkoll.model import Location

    with pytest.raises(ValueError):
        Suggestion(CellRef("T", "A", "B", "1", Location("f")), "2", "typo", "")
