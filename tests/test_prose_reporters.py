"""Prose and lint findings through every reporter, on both examples in text, Word and PDF form."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from rapportkoll.reporters import REPORTERS, renderer
from rapportkoll.run import check_paths
from rapportkoll.suites import load_suite

ROOT = Path(__file__).resolve().parents[1]
HERRLJUNGA = ROOT / "examples" / "herrljunga-ks-delarsrapport-2023"


@pytest.fixture(scope="module")
def results():
    return {suffix: check_paths([HERRLJUNGA.with_suffix(suffix)], load_suite()) for suffix in (".txt", ".pdf")}


def rendered(result, fmt: str, lang: str = "en") -> str:
    stream = io.StringIO()
    renderer(fmt)(result, stream, lang)
    return stream.getvalue()


@pytest.mark.parametrize("suffix", [".txt", ".pdf"])
def test_json_with_sentence_places_validates(results, suffix):
    schema = json.loads((ROOT / "docs" / "schema" / "rapportkoll-report.schema.json").read_text(encoding="utf-8"))
    document = json.loads(rendered(results[suffix], "json"))
    jsonschema.Draft202012Validator(schema).validate(document)
    prose = next(f for f in document["findings"] if f["code"] == "RK501")
    sentence, cell = prose["cells"]
    assert sentence["text"][sentence["span_start"]:sentence["span_end"]] == "7 621"
    assert (cell["row"], cell["text"]) == ("IT/Växel/Telefoni", "7 712")


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_carries_the_text_findings(results, fmt):
    text = rendered(results[".txt"], fmt)
    assert all(code in text for code in ("RK501", "RK505", "RK601", "RK604")), fmt


def test_html_marks_the_number_in_its_sentence_beside_the_linked_table(results):
    html = rendered(results[".txt"], "html")
    article = html[html.index("<h3>Resultat per verksamhet-netto"):]
    article = article[:article.index("</article>")]
    assert '<mark>7 621</mark>' in article and 'RK501' in article


@pytest.mark.parametrize("fmt", ["rich", "markdown", "junit"])
def test_text_formats_show_the_number_in_its_words(results, fmt):
    assert "»7 621«" in rendered(results[".txt"], fmt)
