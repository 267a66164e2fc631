"""The engine: choose the rules each table gets, evaluate them once, and turn violations into findings.

A bundled pack applies to a table only where every row and column its rules name resolves there;
a pack that matches by caption but not by its terms is declined, and the table falls back to
discovery, so the default suite never reports what a misapplied pack invented. What the law makes
true in any municipality's statements (statements.py) applies wherever its labels appear. A user's own pack
(`--rules`) is trusted to apply: a rule of it that cannot resolve is an error, never a silent pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator

from rapportkoll.catalog import FINDING_TYPES
from rapportkoll.coverage import cells_read, uncovered_cells
from rapportkoll.diagnose import Linear, diagnose
from rapportkoll.expectations import validate
from rapportkoll.findings import CellRef, Finding, Severity, Violation, with_severity
from rapportkoll.frame import TableView, cell_ref
from rapportkoll.model import ReadNote, Report, Table
from rapportkoll.packs import Pack, RuleSpec
from rapportkoll.prose.family import check_prose
from rapportkoll.readers import no_collection
from rapportkoll.records import AppliedRule, CheckedPositions, CheckedRelation, TableCheck
from rapportkoll.statements import statement_pack
from rapportkoll.suites import Suite


@dataclass
class ReportCheck:
    """Every table's check and every finding of one report, in document order."""

    tables: list[TableCheck] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class _Evaluated:
    """A pack's rules evaluated on one table, before they are accepted as fitting it."""

    pack: Pack
    why: str
    linear: list[Linear] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    covered: list[CheckedRelation] = field(default_factory=list)
    unresolved: list[Finding] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (rule, why): another table it needs is absent


def check_report(report: Report, suite: Suite) -> ReportCheck:
    """Every table checked by the rules that fit it; source notes of the file as findings too."""
    result = ReportCheck()
    for check, findings in table_checks(report, suite):
        result.tables.append(check)
        result.findings.extend(findings)
    result.findings.extend(document_findings(report, suite))
    result.findings.sort(key=lambda f: f.sort_key)
    return result


def table_checks(report: Report, suite: Suite) -> Iterator[tuple[TableCheck, list[Finding]]]:
    """Each table's check and findings as it is made, so a run stopped by its time budget keeps those done."""
    others = tuple(report.tables)
    for table in report.tables if "tables" in suite.families else ():
        with no_collection():  # a full collection walks every cell of the report again (~20 % at 10⁵ rows)
            checked = check_table(TableView.of(table, others), suite, report.path)
        yield checked


def document_findings(report: Report, suite: Suite) -> list[Finding]:
    """What is not one table's: the source file's notes about itself (stale totals, hidden rows) and the prose."""
    notes = (_note_finding(note, report) for note in report.notes if note.code in _NOTE_CODES)
    stamped = [f for f in (with_severity(n, suite.finding_severity) for n in notes) if f]
    return stamped + list(check_prose(report, suite.families, suite.finding_severity))


def check_table(view: TableView, suite: Suite, path: str) -> tuple[TableCheck, list[Finding]]:
    """The packs that fit a table (else discovered rules), evaluated, located and covered."""
    table = view.table
    fitting, declined = [], []
    for pack, why in matching_packs(table, suite):
        evaluated = _evaluate(view, pack, why)
        if evaluated.unresolved and not pack.user:
            declined.append((pack.name, _declined_reason(evaluated.unresolved[0].fields)))
        else:
            fitting.append(evaluated)
    if suite.discovery:
        known = [] if fitting else [_discovered_pack(view)]
        fitting.extend(_evaluate(view, pack, pack.origin) for pack in known + [statement_pack(view)] if pack)
    findings = [f for e in fitting for f in e.findings + e.unresolved]
    linear = [item for e in fitting for item in e.linear]
    diagnosis = diagnose(view, linear)
    findings.extend(_grouped_findings(group, linear, table) for group in diagnosis.groups)
    if diagnosis.unlocated:
        findings.append(_unlocated(table, diagnosis.searched, diagnosis.unlocated))
    relations = tuple(diagnosis.checked) + tuple(r for e in fitting for r in e.covered)
    findings = _signs_not_held(view, findings, diagnosis.checked)
    skipped = {rule for e in fitting for rule, _ in e.skipped}
    declined += [item for e in fitting for item in e.skipped]
    rules = tuple(AppliedRule(rule_id, e.pack.name, e.pack.origin, title, e.why)
                  for e in fitting for rule_id, title in _rule_ids(e.pack) if rule_id not in skipped)
    numeric, uncovered = uncovered_cells(view, relations)
    check = TableCheck(path, table.title, table.location, rules, relations, numeric, uncovered, tuple(declined))
    if not rules:
        findings.append(_unchecked(table))
    return check, findings


def _signs_not_held(view: TableView, findings: list[Finding], checked: list[CheckedPositions]) -> list[Finding]:
    """Sign findings (RK221) but where arithmetic holds with the printed sign.

    A figure printed against its row's usual sign that a checked sum or equation holds with, and that
    no failure cites, is the sign the statement uses (a reversal, a net income in a cost line): flipped,
    that relation would fail. Only a figure no relation vouches for is reported for its sign.
    """
    failing = {cell.location for f in findings if f.code != "RK221" for cell in f.cells}
    signs = {f.cells[0].location for f in findings if f.code == "RK221"} - failing
    held = cells_read(view, checked, signs) if signs else set()
    return [f for f in findings if f.code != "RK221" or f.cells[0].location not in held]


def matching_packs(table: Table, suite: Suite) -> list[tuple[Pack, str]]:
    """Packs whose selector matches a table, with the reason (they still must resolve to apply)."""
    return [(pack, why) for pack in suite.packs if (why := pack.selector.explain(table))]


def _evaluate(view: TableView, pack: Pack, why: str) -> _Evaluated:
    evaluated = _Evaluated(pack, why)
    table = view.table
    evaluated.findings.extend(_finding(v, table, pack, None) for v in validate(view, pack.schema))
    for rule in pack.rules:
        compiled = rule.kind.compile(view, rule.params)
        evaluated.linear.extend(Linear(rule, pack, check) for check in compiled.checks)
        for violation in compiled.violations:
            if violation.use == "unresolved" and dict(violation.fields).get("what_en") == "table" and not pack.user:
                evaluated.skipped.append((rule.id, _declined_reason(violation.fields)))
                continue
            target = evaluated.unresolved if violation.use == "unresolved" else evaluated.findings
            target.append(_finding(violation, table, pack, rule))
        coefficients = (-1.0, 1.0) if rule.kind.equality else None
        evaluated.covered.extend(CheckedRelation(rule.id, cells, coefficients) for cells in compiled.covered)
    return evaluated


def _discovered_pack(view: TableView) -> Pack | None:
    """Discovery's pack for a table no written pack fits; its searches load only when one is needed."""
    from rapportkoll.discovery.pack import discovered_pack

    return discovered_pack(view)


def _declined_reason(fields: tuple[tuple[str, str], ...]) -> str:
    """The term a rule could not find, from its unresolved finding's fields: "row 'Personalkostnader'"."""
    named = dict(fields)
    return f"{named.get('what_en', '?')} '{named.get('label', '?')}'"


def _grouped_findings(group, linear: list[Linear], table: Table) -> Finding:
    """One finding per culprit: the first failure worded, the others it explains listed as related."""
    first, *others = (_finding(f.violation, table, linear[f.rule].pack, linear[f.rule].rule) for f in group.failures)
    cells = tuple(dict.fromkeys(first.cells + tuple(c for o in others for c in o.cells)))
    return replace(first, cells=cells, suspect=group.suspect, alternatives=group.alternatives, related=tuple(others))


def _rule_ids(pack: Pack) -> list[tuple[str, tuple[str, str]]]:
    """The rules a pack applies, including its column expectations (findings name them '<pack>.schema')."""
    rules = [(rule.id, rule.title) for rule in pack.rules]
    return rules + ([(f"{pack.name}.schema", pack.title)] if pack.schema else [])


# What a source file says about itself (XLSX formulas, hidden rows) that the tables alone cannot show.
_NOTE_CODES = {"stale-total": "RK401", "uncalculated-formula": "RK402", "formula-error": "RK403",
               "hidden-row": "RK404", "hidden-column": "RK404", "hidden-sheet": "RK404"}


def _note_finding(note: ReadNote, report: Report) -> Finding:
    table, ref = _cell_at(report, note.location)
    fields = (("message_sv", note.message_sv), ("message_en", note.message_en))
    return Finding(code=_NOTE_CODES[note.code], rule=f"source.{note.code}", severity=Severity(note.severity),
                   table=table.title if table else "", table_location=table.location if table else note.location,
                   cells=(ref,), fields=fields)


def _cell_at(report: Report, location) -> tuple[Table | None, CellRef]:
    for table in report.tables:
        for i, row in enumerate(table.rows):
            for j, cell in enumerate(row.cells):
                if cell.location == location:
                    return table, cell_ref(table, i, j)
            if row.label.location == location:
                return table, CellRef(table.title, row.label.text, table.corner, row.label.text, location)
    return None, CellRef("", "", "", "", location)


def _finding(violation: Violation, table: Table, pack: Pack, rule: RuleSpec | None) -> Finding:
    rule_id = rule.id if rule else f"{pack.name}.schema"
    severity = rule.severity if rule else Severity.ERROR
    cap = FINDING_TYPES[violation.code].severity_cap
    if violation.use == "unresolved":
        severity = Severity.ERROR  # only a user's own pack gets here: a rule that never ran must not pass
    elif cap and severity.rank > Severity(cap).rank:
        severity = Severity(cap)
    return Finding(
        code=violation.code, rule=rule_id, severity=severity, table=table.title, table_location=table.location,
        cells=violation.cells, fields=violation.fields, expected=violation.expected, actual=violation.actual,
        tolerance=violation.tolerance, suspect=violation.suspect, alternatives=violation.alternatives,
        rule_title=rule.title if rule else pack.title, origin=pack.origin,
    )


def _unlocated(table: Table, searched: int, unlocated: int) -> Finding:
    """Past the cap on culprit searches the failures are still reported; this says where the search stopped."""
    fields = (("table", table.title), ("limit", str(searched)), ("failures", str(searched + unlocated)))
    return Finding(code="RK911", rule="locate.capped", severity=Severity.INFO, table=table.title,
                   table_location=table.location, cells=(), fields=fields)


def _unchecked(table: Table) -> Finding:
    columns = ", ".join(table.columns[:4]) + (", ..." if len(table.columns) > 4 else "")
    return Finding(
        code="RK901", rule="coverage.unchecked", severity=Severity.INFO, table=table.title,
        table_location=table.location, cells=(), fields=(("table", table.title), ("columns", columns)),
    )
