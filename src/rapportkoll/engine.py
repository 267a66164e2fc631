"""The engine: match packs to tables, evaluate their rules, and turn violations into findings."""

from __future__ import annotations

from dataclasses import replace

from rapportkoll.diagnose import diagnose
from rapportkoll.discovery import discovered_pack
from rapportkoll.findings import CellRef, Finding, Severity, Violation
from rapportkoll.frame import TableView, cell_ref
from rapportkoll.model import ReadNote, Report, Table
from rapportkoll.packs import Pack, RuleSpec
from rapportkoll.expectations import validate
from rapportkoll.suites import Suite

_UNRESOLVED_SEVERITY = Severity.WARNING


def check_report(report: Report, suite: Suite) -> list[Finding]:
    """Every finding for every table; a table no pack matches is reported as unchecked (info)."""
    findings: list[Finding] = []
    others = tuple(report.tables)
    for table in report.tables:
        packs = [pack for pack in suite.packs if pack.selector.explain(table)]
        if not packs and suite.discovery:
            packs = [pack for pack in (discovered_pack(table, others),) if pack is not None]
        if not packs:
            findings.append(_unchecked(table))
            continue
        view = TableView.of(table, others)
        for pack in packs:
            findings.extend(_finding(v, table, pack, None) for v in validate(view, pack.schema))
            findings.extend(_pack_findings(view, pack))
    findings.extend(_note_finding(note, report) for note in report.notes if note.code in _NOTE_CODES)
    return sorted(findings, key=lambda f: f.sort_key)


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


def _pack_findings(view: TableView, pack: Pack) -> list[Finding]:
    """Linear rules are diagnosed together so one culprit is reported once; other kinds one by one."""
    table = view.table
    findings: list[Finding] = []
    linear: list[tuple[RuleSpec, list]] = []
    for rule in pack.rules:
        if rule.kind.compile is None:
            findings.extend(_finding(v, table, pack, rule) for v in rule.kind.evaluate(view, rule.params))
            continue
        compiled = rule.kind.compile(view, rule.params)
        if isinstance(compiled, Violation):
            findings.append(_finding(compiled, table, pack, rule))
        else:
            linear.append((rule, compiled))
    for group in diagnose(view, [bound for _, bound in linear]):
        first, *others = (_finding(f.violation, table, pack, linear[f.rule][0]) for f in group.failures)
        cells = tuple(dict.fromkeys(first.cells + tuple(c for o in others for c in o.cells)))
        findings.append(replace(first, cells=cells, suspect=group.suspect, alternatives=group.alternatives,
                                related=tuple(others)))
    return findings


def matching_packs(table: Table, suite: Suite) -> list[tuple[Pack, str]]:
    """Packs that apply to a table with the reason each matched (for `rapportkoll tables`)."""
    return [(pack, why) for pack in suite.packs if (why := pack.selector.explain(table))]


def _finding(violation: Violation, table: Table, pack: Pack, rule: RuleSpec | None) -> Finding:
    rule_id = rule.id if rule else f"{pack.name}.schema"
    severity = rule.severity if rule else Severity.ERROR
    fields = violation.fields
    if violation.code == "RK902":
        severity = _UNRESOLVED_SEVERITY
        fields = fields + (("rule", rule_id),)
    elif violation.code == "RK103" and severity is Severity.ERROR:
        severity = Severity.WARNING  # a blank may be deliberate (an avvikelse left out); a controller decides
    return Finding(
        code=violation.code, rule=rule_id, severity=severity, table=table.title, table_location=table.location,
        cells=violation.cells, fields=fields, expected=violation.expected, actual=violation.actual,
        tolerance=violation.tolerance, suspect=violation.suspect,
        rule_title=rule.title if rule else pack.title, origin=pack.origin,
    )


def _unchecked(table: Table) -> Finding:
    columns = ", ".join(table.columns[:4]) + (", ..." if len(table.columns) > 4 else "")
    return Finding(
        code="RK901", rule="coverage.unchecked", severity=Severity.INFO, table=table.title,
        table_location=table.location, cells=(), fields=(("table", table.title), ("columns", columns)),
    )
