"""The terminal report at 80 and 120 columns: golden renders of both examples, and what 80 columns must keep.

The golden files in tests/golden/ are compared as text (trailing spaces stripped), so a change of
the report shows as a diff; regenerate them on purpose with `python -m pytest tests/test_terminal.py
--update-golden` (or RAPPORTKOLL_UPDATE_GOLDEN=1) and review the diff.
"""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path

import pytest

from rapportkoll.findings import Severity
from rapportkoll.reporters import terminal
from rapportkoll.reporters.common import primary_cell
from rapportkoll.run import RunResult, check_paths
from rapportkoll.suites import load_suite

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = {"alingsas": Path("examples/alingsas-ks-delarsbokslut-2024.txt"),
            "herrljunga": Path("examples/herrljunga-ks-delarsrapport-2023.txt")}


@pytest.fixture(scope="module")
def results() -> dict[str, RunResult]:
    """Both examples checked under their paths relative to the repository, as a user in it would type them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        return {name: check_paths([path], load_suite(None, ())) for name, path in EXAMPLES.items()}


def rendered(result: RunResult, width: int, lang: str = "sv") -> str:
    stream = io.StringIO()
    terminal.render(result, stream, lang, width=width)
    return "\n".join(line.rstrip() for line in stream.getvalue().splitlines()) + "\n"


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_render_matches_the_golden_file(results, update_golden: bool, name: str, width: int):
    text = rendered(results[name], width)
    golden = GOLDEN / f"{name}-{width}.txt"
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), str(golden), "now"))
    assert text == expected, f"the render changed; if intended, rerun with --update-golden\n{diff}"


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_at_80_columns_every_place_and_offending_cell_is_whole(results, name: str, lang: str):
    text = rendered(results[name], 80, lang)
    assert max(len(line) for line in text.splitlines()) <= 80
    lines = text.splitlines()
    for finding in results[name].findings:
        if finding.severity is Severity.INFO:
            continue
        cell = primary_cell(finding)
        place = terminal.short_place(cell.location)
        assert any(re.match(rf"  {re.escape(place)} +{finding.code}", line) for line in lines), place  # to-fix line
        for cited in finding.cells[:terminal.MAX_CELLS - 1]:  # a long sum lists its first parts
            if cited.location.span_start is not None or len(cited.text) > 40:  # long text wraps; its place does not
                assert any(terminal.short_place(cited.location) in line for line in lines), place
                continue
            assert any(terminal.short_place(cited.location) in line and (cited.text or "∅") in line
                       for line in lines), (place, cited.text)
        if finding.suspect:
            whole = f"{finding.suspect.cell.text or '∅'} → {finding.suspect.proposed}"
            assert sum(whole in line for line in lines) >= 2, whole  # in the fix line and in the context table


def test_the_to_fix_list_comes_first_one_line_a_finding(results):
    lines = rendered(results["herrljunga"], 80).splitlines()
    shown = [f for f in results["herrljunga"].findings if f.severity is not Severity.INFO]
    assert lines[0].startswith("Att rätta") and lines[0].endswith(f"({len(shown)}):")
    for line, finding in zip(lines[1:], shown):
        assert finding.code in line and (not finding.suspect or line.endswith(f"→ {finding.suspect.proposed}"))
    assert lines[len(shown) + 1] == ""
