"""JUnit XML (`--format junit`): one testsuite per file, one testcase per rule applied to a table.

A testcase is named by the rule id and classed by the table. Findings the run gates on (`--fail-on`,
errors by default) are a <failure>; a rule that could not be applied (RK902) is an <error>; a table no pack matches
(RK901) is <skipped>; info findings go to <system-out>. Unreadable input is an <error> testcase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TextIO
from xml.etree import ElementTree as ET

from rapportkoll.findings import Finding
from rapportkoll.model import Location
from rapportkoll.reporters.common import (WORDS, cited_text, failures, finding_path, primary_cell, problem_path,
                                          suggestion_label, table_place)
from rapportkoll.records import Problem, RunResult

# XML 1.0 cannot carry these at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class _Case:
    path: str
    table: str
    location: Location | None
    rule: str
    findings: list[Finding] = field(default_factory=list)


def render(result: RunResult, stream: TextIO, lang: str) -> None:
    cases = _cases(result)
    root = ET.Element("testsuites", name="rapportkoll")
    for path in result.paths:
        root.append(_suite(path, [c for c in cases if c.path == path],
                           [p for p in result.problems if problem_path(p, result.paths) == path], result, lang))
    stray = [p for p in result.problems if problem_path(p, result.paths) is None]
    if stray:
        root.append(_suite("rapportkoll", [], stray, result, lang))
    for name in ("tests", "failures", "errors"):
        root.set(name, str(sum(int(s.get(name)) for s in root)))
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


def _cases(result: RunResult) -> list[_Case]:
    """Every rule × table the engine applied (declared and discovered), in table order, with its failures."""
    cases: dict[tuple, _Case] = {}
    for check in result.checks:
        for applied in check.rules:
            key = (check.path, check.table, check.location, applied.rule)
            cases.setdefault(key, _Case(check.path, check.table, check.location, applied.rule))
    for finding in result.findings:
        location = finding.table_location
        for failure in failures(finding):
            key = (finding_path(finding), failure.table, location, failure.rule)
            cases.setdefault(key, _Case(key[0], failure.table, location, failure.rule)).findings.append(failure)
    return list(cases.values())


def _suite(name: str, cases: list[_Case], problems: list[Problem], result: RunResult, lang: str) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(name))
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="suite", value=_clean(result.suite))
    ET.SubElement(properties, "property", name="lang", value=lang)
    titles = _repeated_titles(cases)
    for case in cases:
        suite.append(_testcase(case, case.table in titles, lang, result))
    for problem in problems:
        testcase = ET.SubElement(suite, "testcase", classname=_clean(name), name="read")
        ET.SubElement(testcase, "error", type="input", message=_clean(problem.message(lang))).text = \
            _clean(problem.message(lang))
    testcases = suite.findall("testcase")
    suite.set("tests", str(len(testcases)))
    suite.set("failures", str(sum(1 for t in testcases if t.find("failure") is not None)))
    suite.set("errors", str(sum(1 for t in testcases if t.find("error") is not None)))
    suite.set("skipped", str(sum(1 for t in testcases if t.find("skipped") is not None)))
    return suite


def _repeated_titles(cases: list[_Case]) -> set[str]:
    seen: dict[str, set] = {}
    for case in cases:
        seen.setdefault(case.table, set()).add(case.location)
    return {title for title, locations in seen.items() if len(locations) > 1}


def _testcase(case: _Case, repeated: bool, lang: str, result: RunResult) -> ET.Element:
    """A test case fails on findings the run gates on (``--fail-on``); the others are its output."""
    classname = case.table
    if repeated and case.location is not None:
        classname = f"{case.table} ({table_place(case.location, lang)})"
    testcase = ET.Element("testcase", classname=_clean(classname), name=_clean(case.rule))
    unresolved = [f for f in case.findings if f.use == "unresolved"]
    unchecked = [f for f in case.findings if f.use == "unchecked"]
    failed = [f for f in case.findings if result.gates(f) and f not in unresolved]
    infos = [f for f in case.findings if f not in failed + unresolved + unchecked]
    for tag, group in (("failure", failed), ("error", unresolved), ("skipped", unchecked)):
        if group:
            element = ET.SubElement(testcase, tag, type=" ".join(dict.fromkeys(f.code for f in group)),
                                    message=_clean(_headline(group, lang)))
            element.text = _clean("\n\n".join(_details(f, lang) for f in group))
    if infos:
        ET.SubElement(testcase, "system-out").text = _clean("\n\n".join(_details(f, lang) for f in infos))
    return testcase


def _headline(group: list[Finding], lang: str) -> str:
    first = group[0]
    where = _where(first)
    line = f"{where}: {first.message(lang)}" if where else first.message(lang)
    return line + (f" (+{len(group) - 1} {WORDS[lang]['more']})" if len(group) > 1 else "")


def _where(finding: Finding) -> str:
    cell = primary_cell(finding)
    location = cell.location if cell else finding.table_location
    return location.describe() if location else ""


def _details(finding: Finding, lang: str) -> str:
    words = WORDS[lang]
    lines = [f"{_where(finding)}: {words[finding.severity.value]} {finding.code} {finding.rule}: {finding.title(lang)}",
             finding.message(lang)]
    lines += [f"  {c.row} × {c.column}: {cited_text(c) or '∅'}  ({c.location.describe()})" for c in finding.cells]
    if finding.suspect is not None:
        label = suggestion_label(finding.suspect, lang)
        cell = finding.suspect.cell
        lines.append(f"  → {label}: {cell.row} × {cell.column}: {cell.text or '∅'} → {finding.suspect.proposed}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
