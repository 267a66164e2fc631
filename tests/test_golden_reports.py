"""Golden renders of both examples in every machine format (the terminal's are in test_terminal.py).

A change of wording, layout or contract shows as a diff of tests/golden/<example>.<format> in
review; regenerate on purpose with `python -m pytest tests/test_golden_reports.py --update-golden`
and read the diff. The examples are checked under their paths relative to the repository, so the
files carry no machine's absolute paths.
"""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import pytest

from rapportkoll import __version__
from rapportkoll.reporters import REPORTERS, renderer
from rapportkoll.run import check_paths
from rapportkoll.suites import load_suite

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = {"alingsas": Path("examples/alingsas-ks-delarsbokslut-2024.txt"),
            "herrljunga": Path("examples/herrljunga-ks-delarsrapport-2023.txt")}
FORMATS = sorted(set(REPORTERS) - {"rich"})


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        found = {name: check_paths([path], load_suite(None, ())) for name, path in EXAMPLES.items()}
    for result in found.values():
        result.set_aside_unlinked()  # as `rapportkoll check` does without --show-unlinked
    return found


def _rendered(result, fmt: str) -> str:
    stream = io.StringIO()
    renderer(fmt)(result, stream, "sv")
    # The tool's version is part of SARIF; a release must not rewrite every golden file.
    return stream.getvalue().replace(__version__, "<version>")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_report_matches_the_golden_file(results, update_golden: bool, name: str, fmt: str):
    text = _rendered(results[name], fmt)
    golden = GOLDEN / f"{name}.{fmt}"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), str(golden), "now"))
    assert not diff, f"the {fmt} report changed; if intended, rerun with --update-golden\n{diff[:4000]}"
