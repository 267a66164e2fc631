"""The file-format reporters (JUnit, SARIF, HTML, Markdown, GitHub) and the JSON report's schema.

Outputs are validated against the published schemas vendored in tests/schemas/ (see its README);
the HTML report is also rendered by a real headless Chromium when one is installed.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from helpers import table_from_rows
from rapportkoll.catalog import FINDING_TYPES
from rapportkoll.findings import CellRef, Finding, Severity, Suggestion
from rapportkoll.model import Location, Report
from rapportkoll.reporters import github, html, json_report, junit, markdown, sarif
from rapportkoll.reporters.common import counted, primary_cell, primary_location
from rapportkoll.records import AppliedRule, RunResult, TableCheck
from rapportkoll.run import check_paths
from rapportkoll.suites import load_suite

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).resolve().parent / "schemas"
ALINGSAS = ROOT / "examples" / "alingsas-ks-delarsbokslut-2024.txt"
HERRLJUNGA = ROOT / "examples" / "herrljunga-ks-delarsrapport-2023.txt"
HOSTILE = '<script>alert("x")</script> & | 50% a,b:c `tick` *star*'
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def render(module, result: RunResult, lang: str = "en") -> str:
    stream = io.StringIO()
    module.render(result, stream, lang)
    return stream.getvalue()


def tables_suite():
    """The default suite with the table family only: these tests pin the table findings' order and places
    (the prose and lint families' output is tested in test_prose_reporters.py)."""
    return replace(load_suite(None, ()), families=("tables",))


@pytest.fixture(scope="module")
def examples() -> RunResult:
    return check_paths([ALINGSAS, HERRLJUNGA], tables_suite())


@pytest.fixture(scope="module")
def with_problems(tmp_path_factory) -> RunResult:
    """An unreadable path and a table nothing checks (RK901: no pack, no discovered relation), besides a real report."""
    clean = tmp_path_factory.mktemp("clean") / "clean.txt"
    clean.write_text("Rubrik\n\nBelopp i tkr\tBudget 2024\nA\t1\nB\t2\nC\t4\n", encoding="utf-8")
    return check_paths([ALINGSAS, clean, ROOT / "examples" / "missing.txt"], load_suite(None, ()))


def hostile_result() -> RunResult:
    """A hand-built run whose labels and texts carry markup, pipes, percent signs and separators."""
    table = table_from_rows(["Belopp <i>", "Budget"], [[f"A {HOSTILE}", "1"], ["B", "2"], ["Summa", "4\x0b"]],
                            caption=f"T {HOSTILE}")
    (a, b, total) = (CellRef(table.title, row.label.text, "Budget", row.cells[0].text, row.cells[0].location)
                     for row in table.rows)
    fields = (("total", "Summa (Budget)"), ("actual", "4"), ("parts", f"A {HOSTILE}, B"), ("expected", "3"),
              ("tolerance", "1"))
    related = Finding("RK121", "pack.other", Severity.ERROR, table.title, table.location, (total,),
                      (("result", "Summa"), ("actual", "4"), ("formula", "A + B"), ("expected", "3")), 3.0, 4.0, 0.0)
    finding = Finding("RK101", "pack.total", Severity.ERROR, table.title, table.location, (total, a, b), fields,
                      3.0, 4.0, 1.0, Suggestion(total, "3", "total", "likely"),
                      alternatives=(Suggestion(a, "0 <b>", "typo", "hint"),), related=(related,))
    rules = (_applied("pack.total"), _applied("pack.other"))
    return RunResult("test", paths=["test.txt"], findings=[finding], reports=[Report("test.txt", [table])],
                     checks=[TableCheck("test.txt", table.title, table.location, rules, numeric_cells=3)])


def _applied(rule: str) -> AppliedRule:
    return AppliedRule(rule, "pack", "declared", ("", ""))


def xlsx_result() -> RunResult:
    """A finding located by sheet and cell reference, as a spreadsheet reader would give it."""
    here = CellRef("Drift", "Summa", "Budget", "12", Location("rapporter/årsbok 2023.xlsx", sheet="Blad1", ref="C9"))
    part = CellRef("Drift", "A", "Budget", "5", Location("rapporter/årsbok 2023.xlsx", sheet="Blad1", ref="C7"))
    finding = Finding("RK101", "drift.summa", Severity.WARNING, "Drift",
                      Location("rapporter/årsbok 2023.xlsx", sheet="Blad1", ref="A6"), (here, part),
                      (("total", "Summa"), ("actual", "12"), ("parts", "A"), ("expected", "5"), ("tolerance", "1")),
                      5.0, 12.0, 1.0, None)
    location = Location("rapporter/årsbok 2023.xlsx", sheet="Blad1", ref="A6")
    check = TableCheck("rapporter/årsbok 2023.xlsx", "Drift", location, (_applied("drift.summa"),), numeric_cells=2)
    return RunResult("test", paths=["rapporter/årsbok 2023.xlsx"], findings=[finding], checks=[check])


# JUnit ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def junit_schema():
    from lxml import etree
    return etree, etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


def assert_valid_junit(text: str, junit_schema) -> ET.Element:
    etree, schema = junit_schema
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log
    return ET.fromstring(text.encode("utf-8"))


def test_junit_validates_and_has_a_testcase_per_rule_and_table(examples, junit_schema):
    root = assert_valid_junit(render(junit, examples), junit_schema)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == examples.paths

    def cases(path: str, table: str, rule: str) -> list[ET.Element]:
        # A table sharing its title with another in the file is told apart by its place: "T (line 9)".
        return [t for s in suites if s.get("name") == path for t in s.findall("testcase") if t.get("name") == rule
                and (t.get("classname") == table or t.get("classname").startswith(f"{table} ("))]

    for check in examples.checks:
        for applied in check.rules:
            assert cases(check.path, check.table, applied.rule)
    for finding in (f for f in examples.findings if examples.gates(f)):  # below the gate: system-out
        where = primary_location(finding).describe()
        failing = [t.find("failure") for t in cases(primary_location(finding).path, finding.table, finding.rule)]
        assert any(f is not None and finding.code in f.get("type") and where in f.text for f in failing)
    for suite in suites:
        testcases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(testcases)
        assert int(suite.get("failures")) == sum(1 for t in testcases if t.find("failure") is not None)
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)


def test_junit_location_is_file_line_field(examples, junit_schema):
    root = assert_valid_junit(render(junit, examples, "sv"), junit_schema)
    case = next(t for t in root.iter("testcase") if t.get("name") == "sjukfranvaro.differens")
    assert case.get("classname") == "Sjukfrånvaro"
    assert f"{ALINGSAS}:315:4" in case.find("failure").get("message")


def test_junit_unreadable_input_is_an_error_and_unchecked_table_skipped(with_problems, junit_schema):
    root = assert_valid_junit(render(junit, with_problems), junit_schema)
    missing = next(s for s in root.findall("testsuite") if s.get("name").endswith("missing.txt"))
    assert missing.get("errors") == "1" and missing.find("testcase/error") is not None
    clean = next(s for s in root.findall("testsuite") if s.get("name").endswith("clean.txt"))
    skipped = clean.find("testcase/skipped")
    assert skipped is not None and skipped.get("type") == "RK901" and clean.get("skipped") == "1"


def test_junit_escapes_markup_and_drops_characters_xml_cannot_carry(junit_schema):
    text = render(junit, hostile_result())
    root = assert_valid_junit(text, junit_schema)
    assert "\x0b" not in text
    failure = root.find("testsuite/testcase/failure")
    assert HOSTILE in failure.text
    # The failure grouped under the finding (same culprit) fails its own rule's test case too.
    cases = {t.get("name"): t for t in root.iter("testcase")}
    assert set(cases) == {"pack.total", "pack.other"}
    assert cases["pack.other"].find("failure").get("type") == "RK121"


def test_junit_tells_tables_sharing_a_title_apart_by_their_location(junit_schema):
    first, second = Location("r.txt", line=3, field=1), Location("r.txt", line=9, field=1)
    cell = CellRef("Mål", "A", "Utfall", "", Location("r.txt", line=10, field=2))
    finding = Finding("RK201", "ind.markerade", Severity.ERROR, "Mål", second, (cell,),
                      (("row", "A"), ("column", "Utfall")))
    checks = [TableCheck("r.txt", "Mål", where, (_applied("ind.markerade"),)) for where in (first, second)]
    result = RunResult("test", paths=["r.txt"], findings=[finding], checks=checks)
    root = assert_valid_junit(render(junit, result), junit_schema)
    cases = {t.get("classname"): t for t in root.iter("testcase")}
    assert set(cases) == {"Mål (line 3)", "Mål (line 9)"}
    assert cases["Mål (line 3)"].find("failure") is None and cases["Mål (line 9)"].find("failure") is not None


# SARIF ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    import jsonschema
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def assert_valid_sarif(text: str, validator) -> dict:
    document = json.loads(text)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors[:5]
    return document


def test_sarif_validates_with_rules_from_the_catalogue(examples, sarif_validator):
    run = assert_valid_sarif(render(sarif, examples), sarif_validator)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(FINDING_TYPES)
    assert all(r["name"] == FINDING_TYPES[r["id"]].name and r["shortDescription"]["text"] for r in rules)
    rk122 = next(r for r in rules if r["id"] == "RK122")
    assert rk122["properties"]["rules"] == ["sjukfranvaro.differens"]
    assert len(run["results"]) == len(examples.findings)
    level = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(run["results"], examples.findings):
        assert result["ruleId"] == finding.code and rules[result["ruleIndex"]]["id"] == finding.code
        assert result["level"] == level[finding.severity.value]
        assert result["properties"]["rule"] == finding.rule
        cell = primary_cell(finding)
        physical = result["locations"][0]["physicalLocation"]
        column = {"startColumn": cell.location.field} if cell.location.field else {}  # prose: the line alone
        assert physical["region"] == {"startLine": cell.location.line, **column}


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.mark.usefixtures("in_root")
def test_sarif_relative_uri_and_region_for_a_text_cell(sarif_validator):
    # Paths as CI gives them: relative to the repository root, which is what code scanning expects.
    result = check_paths([Path("examples/alingsas-ks-delarsbokslut-2024.txt")], tables_suite())
    run = assert_valid_sarif(render(sarif, result, "sv"), sarif_validator)["runs"][0]
    first = run["results"][0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "examples/alingsas-ks-delarsbokslut-2024.txt"
    assert location["region"] == {"startLine": 315, "startColumn": 4}
    assert first["properties"]["suggestion"]["text"] == "-0,48 %"
    assert run["language"] == "sv-SE"


def test_sarif_spreadsheet_cells_are_logical_locations(sarif_validator):
    run = assert_valid_sarif(render(sarif, xlsx_result()), sarif_validator)["runs"][0]
    location = run["results"][0]["locations"][0]
    assert location["physicalLocation"] == {"artifactLocation": {"uri": "rapporter/%C3%A5rsbok%202023.xlsx",
                                                                 "index": 0}}
    logical = location["logicalLocations"][0]
    assert logical["decoratedName"] == "rapporter/årsbok 2023.xlsx:Blad1!C9"
    assert logical["properties"] == {"sheet": "Blad1", "ref": "C9"}
    assert run["results"][0]["level"] == "warning"


def test_sarif_unreadable_input_is_a_notification(with_problems, sarif_validator):
    run = assert_valid_sarif(render(sarif, with_problems), sarif_validator)["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error" and "missing.txt" in notification["message"]["text"]
    assert any(r["ruleId"] == "RK901" and r["level"] == "note" for r in run["results"])


def test_sarif_keeps_grouped_failures_and_hostile_text(sarif_validator):
    run = assert_valid_sarif(render(sarif, hostile_result()), sarif_validator)["runs"][0]
    [result] = run["results"]
    assert HOSTILE in result["message"]["text"]
    assert [r["rule"] for r in result["properties"]["related"]] == ["pack.other"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["RK121"]["properties"]["rules"] == ["pack.other"]
    assert [loc["id"] for loc in result["relatedLocations"]] == [1, 2]


# GitHub workflow commands -----------------------------------------------------------------------


def test_github_escapes_data_and_properties():
    line = github.command("error", {"file": "a,b:c.txt", "line": 3, "title": "RK101 x"}, "50%\r\nnext")
    assert line == "::error file=a%2Cb%3Ac.txt,line=3,title=RK101 x::50%25%0D%0Anext"


def test_github_one_annotation_per_finding(examples):
    lines = render(github, examples).splitlines()
    assert len(lines) == len(examples.findings) + 1 and lines[-1].startswith("rapportkoll: ")
    assert f"::error file={ALINGSAS},line=315,col=4,title=RK122 sjukfranvaro.differens::" in lines[0]
    pattern = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=RK\d{3} [^,:]+::.+$")
    assert all(pattern.match(line) for line in lines[:-1])


def test_github_hostile_text_stays_on_one_line_and_spreadsheets_name_the_cell():
    # The runner reads lines split at \n (and \r): both are escaped, other controls pass through.
    [annotation, _summary, _end] = render(github, hostile_result()).split("\n")
    assert "%25" in annotation and "%0A" in annotation and "\r" not in annotation
    [annotation, _summary, _end] = render(github, xlsx_result()).split("\n")
    assert annotation.startswith("::warning file=rapporter/årsbok 2023.xlsx,title=RK101 drift.summa::")
    assert "rapporter/årsbok 2023.xlsx:Blad1!C9: " in annotation


def test_github_problems_are_errors(with_problems):
    lines = render(github, with_problems, "sv").splitlines()
    assert any(line.startswith("::error file=") and "missing.txt" in line and "title=rapportkoll" in line
               for line in lines)


# Markdown ---------------------------------------------------------------------------------------


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_summary_table_and_details(examples):
    text = render(markdown, examples, "sv")
    lines = text.splitlines()
    assert lines[0].startswith("### rapportkoll: 12 fel, 1 varning, 0 info · 2 filer, 29 tabeller · ")
    header = lines[2]
    assert header == "| Allvar | Kod | Regel | Tabell | Rad × kolumn | Text | Förväntat | Förslag | Plats |"
    rows = [line for line in lines[4:] if line.startswith("| ")]
    assert len(rows) == len(examples.findings)
    assert all(unescaped_pipes(row) == 10 for row in rows)
    sjuk = next(row for row in rows if "RK122" in row)
    assert "Män × Differens" in sjuk and "0,48 %" in sjuk and "\\-0,50 %" in sjuk and "**\\-0,48 %**" in sjuk
    assert "alingsas-ks-delarsbokslut-2024.txt: rad 315, fält 4" in sjuk
    tables = {(f.cells[0].location.path, f.table) for f in examples.findings}
    assert text.count("<details><summary>") == len(tables)
    assert text.count("</details>") == len(tables)


def test_markdown_escapes_report_text():
    text = render(markdown, hostile_result())
    row = next(line for line in text.splitlines() if line.startswith("| ") and "RK101" in line)
    assert unescaped_pipes(row) == 10
    assert "<script>" not in text
    assert "\\<script\\>" in text and "&lt;script&gt;" in text  # Markdown body, HTML summary
    assert "another possible explanation: A" in text and "**0 \\<b\\>**?" in text
    assert "also `pack.other`" in text


def test_markdown_lists_problems_and_unchecked_tables(with_problems):
    text = render(markdown, with_problems)
    assert "could not be read" in text and "missing.txt" in text
    assert "1 tables not checked" in text


# HTML -------------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """The tags, ids, links and marked cells of a rendered page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.cells: dict[str, dict] = {}
        self._cell: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.add(tag)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a":
            self.links.append(attributes.get("href", ""))
        if tag in ("td", "th") and "data-place" in attributes:
            self._cell = {"classes": set(attributes["class"].split()), "text": ""}
            self.cells[attributes["data-place"]] = self._cell

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def cited(result: RunResult, path: str) -> tuple[set[str], dict[str, str]]:
    """The places of every table cell the findings of ``path`` cite, and of each suspect with its suggestion.

    The text's findings cite passages, shown beside the tables (tests/test_prose_reporters.py)."""
    findings = [f for f in result.findings if primary_location(f) and primary_location(f).path == path
                and f.origin not in ("prose", "lint")]
    places = {c.location.describe() for f in findings for c in f.cells}
    suspects = {f.suspect.cell.location.describe(): f.suspect.proposed for f in findings if f.suspect}
    return places, suspects


def assert_marked(page: _Page, result: RunResult, path: str) -> None:
    places, suspects = cited(result, path)
    assert places | set(suspects) <= set(page.cells)
    for place in places:
        assert "hit" in page.cells[place]["classes"], place
    for place, proposed in suspects.items():
        assert "suspect" in page.cells[place]["classes"] and proposed in page.cells[place]["text"], place


def test_html_marks_every_cited_cell_and_links_it_to_its_finding(examples):
    page = parse(render(html, examples, "sv"))
    for path in examples.paths:
        assert_marked(page, examples, path)
    internal = [link for link in page.links if link.startswith("#")]
    assert internal and all(link[1:] in page.ids for link in internal)
    kommunstyrelsen = page.cells[f"{HERRLJUNGA}:799:7"]
    assert "800" in kommunstyrelsen["text"] and "12 954" in kommunstyrelsen["text"]


def test_html_is_self_contained_and_escapes_everything():
    text = render(html, hostile_result())
    page = parse(text)
    assert page.tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "div",
                         "span", "nav", "ul", "li", "ol", "section", "article", "aside", "table", "thead", "tbody",
                         "tr", "th", "td", "sup", "a", "b", "details", "summary"}
    assert "<script" not in text and "&lt;script&gt;" in text and "0 &lt;b&gt;" in text
    assert "another possible explanation" in text and "pack.other" in text
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", text) and "<link" not in text
    assert "@import" not in text and "url(" not in text


def test_html_words_follow_the_language(examples):
    english, swedish = render(html, examples, "en"), render(html, examples, "sv")
    assert '<html lang="en">' in english and "likely correction" in english and "no findings" in english
    assert '<html lang="sv">' in swedish and "trolig rättelse" in swedish and "inga avvikelser" in swedish


def test_html_shows_unreadable_input(with_problems):
    text = render(html, with_problems)
    assert "missing.txt" in text and "could not be read" in text and "not checked" in text


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def herrljunga_page(tmp_path_factory) -> tuple[Path, RunResult]:
    result = check_paths([HERRLJUNGA], load_suite(None, ()))
    page = tmp_path_factory.mktemp("html") / "herrljunga.html"
    with page.open("w", encoding="utf-8") as stream:
        html.render(result, stream, "sv")
    return page, result


@pytest.mark.skipif(CHROMIUM is None and "CI" not in os.environ,
                    reason="needs Chromium: apt-get install -y chromium (required in CI)")
def test_html_in_headless_chromium_marks_the_offending_cells(herrljunga_page, tmp_path):
    page, result = herrljunga_page
    loaded = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    dom = parse(loaded.stdout)
    assert_marked(dom, result, str(HERRLJUNGA))
    assert "suspect" in dom.cells[f"{HERRLJUNGA}:799:7"]["classes"]


@pytest.mark.skipif(CHROMIUM is None and "CI" not in os.environ,
                    reason="needs Chromium: apt-get install -y chromium (required in CI)")
def test_html_screenshot_shows_the_highlights(herrljunga_page, tmp_path):
    from PIL import Image as image_module
    page, _ = herrljunga_page
    png = tmp_path / "herrljunga.png"
    # Tall enough for the whole page, so the count does not depend on where the fonts wrap lines.
    shot = _chromium(tmp_path, f"--screenshot={png}", "--window-size=1400,8000", page.as_uri())
    assert shot.returncode == 0 and png.exists(), shot.stderr[-2000:]
    with image_module.open(png) as image:
        colors = image.convert("RGB").getcolors(maxcolors=1 << 22)
    counts = {color: n for n, color in colors}
    # The stylesheet's fills: #fde2e1 for a cited cell (the 18 parts of the investment total and the
    # cross-table figure), #fff3a3 for the 11 suspects showing their suggestion.
    assert counts.get((0xFD, 0xE2, 0xE1), 0) > 18 * 1000
    assert counts.get((0xFF, 0xF3, 0xA3), 0) > 11 * 2000


# JSON schema of --format json -------------------------------------------------------------------


@pytest.fixture(scope="module")
def json_validator():
    import jsonschema
    schema = json.loads((ROOT / "docs" / "schema" / "rapportkoll-report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def assert_valid_json(document: dict, validator) -> None:
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors[:5]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_json_output_validates(examples, with_problems, json_validator, lang):
    for result in (examples, with_problems):
        assert_valid_json(json.loads(render(json_report, result, lang)), json_validator)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_json_is_laid_out_as_json_dump_lays_it_out(examples, with_problems, lang):
    # The report is written member by member and from texts made ahead (a batch's workers): its layout must
    # still be json.dump's with indent=2, which consumers diffing reports see.
    for result in (examples, with_problems, RunResult("default")):
        text = render(json_report, result, lang)
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_json_schema_admits_every_suggestion_reason_and_confidence():
    # The schema is written by hand; a reason added to the findings (as 'scale' was) must be added there too, or
    # a consumer validating the report rejects it.
    from typing import get_args

    from rapportkoll.findings import Confidence, Reason
    schema = json.loads((ROOT / "docs" / "schema" / "rapportkoll-report.schema.json").read_text(encoding="utf-8"))
    found = {}
    def walk(node):
        if isinstance(node, dict):
            for key in ("reason", "confidence"):
                if isinstance(node.get(key), dict) and "enum" in node[key]:
                    found[key] = set(node[key]["enum"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(schema)
    assert found == {"reason": set(get_args(Reason)), "confidence": set(get_args(Confidence))}


def test_json_schema_covers_spreadsheet_locations_and_is_strict(json_validator):
    document = json.loads(render(json_report, xlsx_result()))
    assert_valid_json(document, json_validator)
    document["findings"][0]["cells"][0]["colour"] = "red"
    assert not json_validator.is_valid(document)
    del document["findings"][0]["cells"][0]["colour"]
    document["findings"][0]["severity"] = "fatal"
    assert not json_validator.is_valid(document)


@pytest.mark.parametrize(("n", "lang", "text"), [(1, "sv", "1 varning"), (2, "sv", "2 varningar"), (0, "sv", "0 varningar"),
                                                  (1, "en", "1 warning"), (3, "en", "3 warnings")])
def test_counts_take_the_noun_in_the_right_number(n, lang, text):
    assert counted(n, "warnings", lang) == text


def test_junit_has_a_testcase_for_every_discovered_rule(junit_schema):
    """The generic suite's rules are discovered; each one that was applied is a test case (issue 10)."""
    table = ROOT / "tests" / "realworld" / "gnesta-2013-resultatrakning.tsv"
    result = check_paths([table], load_suite("generic"))
    applied = [rule.rule for check in result.checks for rule in check.rules]
    assert any(rule.origin == "discovered" for check in result.checks for rule in check.rules)
    root = assert_valid_junit(render(junit, result), junit_schema)
    assert sorted(t.get("name") for t in root.iter("testcase")) == sorted(applied)


def test_html_opens_with_an_index_linking_every_finding_to_its_table(examples):
    text = render(html, examples, "sv")
    page = parse(text)
    index = text[text.index('<nav class="index">'):text.index("</nav>", text.index('<nav class="index">'))]
    assert text.index('<nav class="index">') < text.index('<section class="file"')
    listed = [f for f in examples.findings if f.code != "RK901"]
    assert index.count("<li") == len(listed)
    targets = set(re.findall(r'href="#(f\d+-t\d+)"', index))
    assert targets and targets <= page.ids
    for finding in listed:
        assert primary_location(finding).describe() in index


def test_html_tolerance_is_the_exact_one_the_terminal_prints(examples):
    page = render(html, examples, "sv")
    alingsas = next(f for f in examples.findings if f.code == "RK122")
    assert alingsas.tolerance == pytest.approx(0.105)
    assert "tolerans ±0,105" in page and "±0,11<" not in page and "±0,11 " not in page


def test_junit_fails_warnings_only_when_the_run_gates_on_them(junit_schema):
    """Herrljunga's blank Resultat avvikelse is a warning (RK103): output under the default gate, a
    failure with --fail-on warning, like the exit code (issue 10)."""
    result = check_paths([HERRLJUNGA], load_suite(None, ()))
    for fail_on, failing in (("error", False), ("warning", True)):
        result.fail_on = fail_on
        root = assert_valid_junit(render(junit, result), junit_schema)
        tagged = [t for t in root.iter("testcase") if "RK103" in (ET.tostring(t, encoding="unicode"))]
        assert tagged and any(t.find("failure") is not None and "RK103" in t.find("failure").get("type")
                              for t in tagged) is failing
