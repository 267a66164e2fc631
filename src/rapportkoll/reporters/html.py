"""Self-contained HTML report (`--format html`): each table beside its findings, offending cells marked.

One file, inline CSS, no scripts or external assets: it can be mailed or archived as it is. Cells a
finding cites are highlighted and linked to it; the suspect cell shows its text struck through and
the suggested value. Tables without findings are collapsed. Every text is HTML-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TextIO

from rapportkoll.findings import CellRef, Finding, Severity, Suggestion
from rapportkoll.model import Cell, Location, Report, Table
from rapportkoll.numbers import CellKind, format_tolerance
from rapportkoll.reporters.common import (REASONS, WORDS, counted, expected_text, finding_path, place,
                                          primary_location, problem_path, suggestion_label, summary_line,
                                          table_place)
from rapportkoll.records import RunResult

_CONTEXT = 160  # characters of text shown on each side of a cited number
_NUMERIC = (CellKind.NUMBER, CellKind.PERCENT)
_UI = {
    "sv": {"heading": "Granskning av rapportens tabeller", "legend_hit": "cell som ingår i en avvikelse",
           "legend_suspect": "trolig felaktig cell, med föreslaget värde", "clean_table": "inga avvikelser",
           "clean_tables": "Tabeller utan avvikelser", "other": "Övriga avvikelser", "see": "ingår i avvikelse",
           "in_table": "i tabellen", "no_tables": "Inga tabeller hittades.", "index": "Att rätta"},
    "en": {"heading": "Review of the report's tables", "legend_hit": "cell involved in a finding",
           "legend_suspect": "likely wrong cell, with the suggested value", "clean_table": "no findings",
           "clean_tables": "Tables without findings", "other": "Other findings", "see": "part of finding",
           "in_table": "in table", "no_tables": "No tables found.", "index": "To fix"},
}
_CSS = """
*{box-sizing:border-box}
body{margin:0;padding:1.5rem 2rem 3rem;color:#1f2328;background:#f6f8fa;
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:0 0 .5rem;word-break:break-all}
h3{font-size:1.02rem;margin:0}
.summary{margin:.25rem 0 1rem;color:#424a53}
.legend{display:flex;gap:1.5rem;margin:.5rem 0 1rem;color:#424a53}
.swatch{display:inline-block;width:1.6em;height:1em;vertical-align:-.15em;margin-right:.35em;border-radius:2px}
nav ul{margin:.25rem 0 1.25rem;padding-left:1.2rem}
nav.index ol{margin:.25rem 0 1.25rem;padding-left:1.9rem;font-size:.92em}
section.file{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1rem 1.25rem;margin:0 0 1.5rem}
.counts{color:#424a53;margin:0 0 1rem}
.problems{color:#a40e26;font-weight:600}
article.table{border-top:1px solid #d0d7de;padding:1rem 0}
.pair{display:grid;grid-template-columns:minmax(0,1.7fr) minmax(18rem,1fr);gap:1.25rem;align-items:start}
@media (max-width:1000px){.pair{grid-template-columns:1fr}}
.sub{color:#59636e;margin:.1rem 0 .5rem;font-size:.9em}
.scroll{overflow-x:auto}
table.report{border-collapse:collapse;font-variant-numeric:tabular-nums;background:#fff}
table.report th,table.report td{border:1px solid #d0d7de;padding:.25rem .5rem;vertical-align:top;text-align:left}
table.report thead th{background:#f6f8fa;font-weight:600}
table.report tbody th{font-weight:normal;max-width:26rem}
table.report td.num{text-align:right;white-space:nowrap}
td.blank::after{content:"\\00a0"}
.hit.sev-error{background:#fde2e1;box-shadow:inset 0 0 0 2px #cf222e}
.hit.sev-warning{background:#fff1d6;box-shadow:inset 0 0 0 2px #bf8700}
.hit.sev-info{background:#ddf4ff;box-shadow:inset 0 0 0 2px #0969da}
.hit.suspect{background:#fff3a3;box-shadow:inset 0 0 0 3px #cf222e}
.was{text-decoration:line-through;color:#6e7781}
.arrow{color:#6e7781;margin:0 .2em}
.fix{font-weight:700;color:#116329}
.fix.hint{color:#7d4e00}
sup.ref{margin-left:.25em;font-size:.72em}
sup.ref a{color:#0969da;text-decoration:none}
ol.findings{margin:0;padding-left:1.9rem}
ol.findings li{margin:0 0 .9rem}
.badge{display:inline-block;border-radius:4px;padding:0 .4em;font-size:.78em;font-weight:700;text-transform:uppercase;
color:#fff;background:#59636e}
.sev-error .badge{background:#cf222e}.sev-warning .badge{background:#9a6700}.sev-info .badge{background:#0969da}
.code{font-weight:700;margin-left:.35em}
.rule{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;color:#59636e;margin-left:.35em}
.ftitle{font-weight:600;margin:.15rem 0}
.msg,.nums,.where,.also,.xref{margin:.15rem 0}
.nums,.where{color:#59636e;font-size:.92em}
p.fixline{margin:.25rem 0}
details.table{border-top:1px solid #d0d7de;padding:.5rem 0}
details.table summary{cursor:pointer}
details.table .scroll{margin-top:.5rem}
.muted{color:#59636e}
blockquote.passage{margin:.3rem 0;padding:.3rem .6rem;border-left:3px solid #d0d7de;color:#424a53;font-size:.92em}
blockquote.passage mark{background:#fde2e1;font-weight:700}
"""


@dataclass
class _Mark:
    """What the findings say about one cell: which findings cite it and whether it is their suspect."""

    refs: list[tuple[int, Finding]] = field(default_factory=list)
    suggestion: str | None = None
    exact: bool = False

    @property
    def severity(self) -> Severity:
        return max((f.severity for _, f in self.refs), key=lambda s: s.rank)


@dataclass
class _File:
    path: str
    report: Report | None
    findings: list[tuple[int, Finding]]
    marks: dict[Location, _Mark]


def render(result: RunResult, stream: TextIO, lang: str) -> None:
    words, ui = WORDS[lang], _UI[lang]
    reports = {r.path: r for r in result.reports}
    files = [_file(path, reports.get(path), result) for path in result.paths]
    out = [f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>rapportkoll – {_e(ui['heading'])}</title>\n<style>{_CSS}</style>\n</head>\n<body>",
           f"<header>\n<h1>rapportkoll</h1>\n<p class=\"summary\">{_e(ui['heading'])} · "
           f"{_e(summary_line(result, lang))}</p>",
           _legend(ui), _nav(files, words), _index(files, lang), "</header>"]
    for number, file in enumerate(files, 1):
        out.append(_section(number, file, result, lang))
    out.append("</body>\n</html>\n")
    stream.write("\n".join(out))


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _file(path: str, report: Report | None, result: RunResult) -> _File:
    findings = list(enumerate((f for f in result.findings if finding_path(f) == path), 1))
    marks: dict[Location, _Mark] = {}
    for number, finding in findings:
        for cell in finding.cells:
            marks.setdefault(cell.location, _Mark()).refs.append((number, finding))
        if finding.suspect is not None:
            mark = marks.setdefault(finding.suspect.cell.location, _Mark())
            if (number, finding) not in mark.refs:
                mark.refs.append((number, finding))
            mark.suggestion = finding.suspect.proposed
            mark.exact = finding.suspect.confidence == "exact"
    return _File(path, report, findings, marks)


def _legend(ui: dict) -> str:
    return (f'<div class="legend"><span><span class="swatch hit sev-error"></span>{_e(ui["legend_hit"])}</span>'
            f'<span><span class="swatch hit suspect"></span>{_e(ui["legend_suspect"])}</span></div>')


def _nav(files: list[_File], words: dict) -> str:
    if len(files) < 2:
        return ""
    items = "".join(f'<li><a href="#file-{n}">{_e(f.path)}</a> – {len(f.findings)} {_e(words["findings"])}</li>'
                    for n, f in enumerate(files, 1))
    return f"<nav><ul>{items}</ul></nav>"


def _index(files: list[_File], lang: str) -> str:
    """Every finding but the unchecked tables, one line each, linking to its table (or to itself)."""
    items = []
    for number, file in enumerate(files, 1):
        tables = {t.location: t for t in (file.report.tables if file.report else [])}
        for n, finding in file.findings:
            if finding.use == "unchecked":
                continue
            table = tables.get(finding.table_location)
            target = _table_id(number, table) if table else _finding_id(number, n)
            location = primary_location(finding)
            where = location.describe() if location else file.path
            items.append(f'<li class="sev-{finding.severity.value}"><a href="#{target}">{_e(where)}</a> '
                         f'<span class="code">{_e(finding.code)}</span> {_e(finding.title(lang))} · '
                         f'<a href="#{_finding_id(number, n)}">{n}</a></li>')
    if not items:
        return ""
    return f'<nav class="index"><h2>{_e(_UI[lang]["index"])}</h2><ol>{"".join(items)}</ol></nav>'


def _section(number: int, file: _File, result: RunResult, lang: str) -> str:
    words, ui = WORDS[lang], _UI[lang]
    out = [f'<section class="file" id="file-{number}">', f"<h2>{_e(file.path)}</h2>"]
    counts = {s: sum(1 for _, f in file.findings if f.severity is s) for s in Severity}
    out.append(f'<p class="counts">{_e(counted(counts[Severity.ERROR], "errors", lang))}, '
               f'{_e(counted(counts[Severity.WARNING], "warnings", lang))}, '
               f'{_e(counted(counts[Severity.INFO], "infos", lang))}'
               + (f" · {_e(counted(len(file.report.tables), 'tables', lang))}" if file.report else "") + "</p>")
    for problem in result.problems:
        if problem_path(problem, result.paths) == file.path:
            out.append(f'<p class="problems">{_e(words["problems"])}: {_e(problem.message(lang))}</p>')
    tables = file.report.tables if file.report else []
    shown_locations = {t.location for t in tables}
    for table in tables:
        out.append(_table_block(number, table, file, lang))
    others = [(n, f) for n, f in file.findings if f.table_location not in shown_locations]
    if others:
        out.append(f'<article class="table"><h3>{_e(ui["other"])}</h3>'
                   f"{_finding_list(number, others, lang)}</article>")
    if file.report is not None and not tables:
        out.append(f'<p class="muted">{_e(ui["no_tables"])}</p>')
    out.append("</section>")
    return "\n".join(out)


def _table_block(file_number: int, table: Table, file: _File, lang: str) -> str:
    ui = _UI[lang]
    own = [(n, f) for n, f in file.findings if f.table_location == table.location]
    listed = [(n, f) for n, f in own if f.use != "unchecked"]
    cited = _cited_elsewhere(table, file, own)
    grid = f'<div class="scroll">{_grid(file_number, table, file.marks, lang)}</div>'
    where = table_place(table.location, lang)
    if not listed and not cited:
        state = WORDS[lang]["unchecked"] if own else ui["clean_table"]
        return (f'<details class="table" id="{_table_id(file_number, table)}"><summary><b>{_e(table.title)}</b> '
                f'<span class="muted">· {_e(where)} · {_e(state)}</span></summary>{grid}</details>')
    sub = " · ".join(_e(t) for t in (table.caption if table.caption != table.title else "", where) if t)
    aside = _finding_list(file_number, listed, lang) if listed else ""
    aside += "".join(f'<p class="xref">{_e(ui["see"])} <a href="#{_finding_id(file_number, n)}">{n}</a> '
                     f'({_e(ui["in_table"])} {_e(f.table)})</p>' for n, f in cited)
    return (f'<article class="table" id="{_table_id(file_number, table)}"><div class="pair">'
            f'<div><h3>{_e(table.title)}</h3><p class="sub">{sub}</p>{grid}</div>'
            f"<aside>{aside}</aside></div></article>")


def _cited_elsewhere(table: Table, file: _File, own: list[tuple[int, Finding]]) -> list[tuple[int, Finding]]:
    """Findings listed beside another table that cite cells of this one (cross-table checks)."""
    cited: dict[int, Finding] = {}
    for row in table.rows:
        for cell in (row.label, *row.cells):
            for number, finding in file.marks.get(cell.location, _Mark()).refs:
                if (number, finding) not in own:
                    cited[number] = finding
    return sorted(cited.items(), key=lambda item: item[0])


def _table_id(file_number: int, table: Table) -> str:
    return f"f{file_number}-t{table.index + 1}"


def _finding_id(file_number: int, number: int) -> str:
    return f"f{file_number}-n{number}"


def _grid(file_number: int, table: Table, marks: dict[Location, _Mark], lang: str) -> str:
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in table.columns)
    rows = []
    for row in table.rows:
        label = _cell("th", row.label, marks.get(row.label.location), file_number, ' scope="row"', lang)
        rows.append("<tr>" + label + "".join(_cell("td", c, marks.get(c.location), file_number, "", lang)
                                             for c in row.cells) + "</tr>")
    return (f'<table class="report"><thead><tr><th scope="col">{_e(table.corner)}</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _cell(tag: str, cell: Cell, mark: _Mark | None, file_number: int, extra: str, lang: str) -> str:
    classes = ["num" if cell.kind in _NUMERIC else "txt"]
    if mark is None:
        classes += ["blank"] if not cell.text.strip() else []
        return f'<{tag}{extra} class="{" ".join(classes)}">{_e(cell.text)}</{tag}>'
    classes += ["hit", f"sev-{mark.severity.value}"] + (["suspect"] if mark.suggestion is not None else [])
    tip = " | ".join(f"{n}. {f.code}: {f.message(lang)}" for n, f in mark.refs)
    body = _e(cell.text)
    if mark.suggestion is not None:
        fix_class = "fix" if mark.exact else "fix hint"
        body = (f'<span class="was">{_e(cell.text) or "∅"}</span><span class="arrow">→</span>'
                f'<span class="{fix_class}">{_e(mark.suggestion) or "∅"}{"" if mark.exact else "?"}</span>')
    refs = "".join(f'<a href="#{_finding_id(file_number, n)}">{n}</a>' for n, _ in mark.refs[:1])
    refs += "".join(f',<a href="#{_finding_id(file_number, n)}">{n}</a>' for n, _ in mark.refs[1:])
    return (f'<{tag}{extra} class="{" ".join(classes)}" title="{_e(tip)}" data-place="{_e(cell.location.describe())}">'
            f'{body}<sup class="ref">{refs}</sup></{tag}>')


def _finding_list(file_number: int, findings: list[tuple[int, Finding]], lang: str) -> str:
    items = "".join(_finding_item(file_number, n, f, lang) for n, f in findings)
    return f'<ol class="findings">{items}</ol>'


def _finding_item(file_number: int, number: int, finding: Finding, lang: str) -> str:
    words = WORDS[lang]
    parts = [f'<li value="{number}" id="{_finding_id(file_number, number)}" '
             f'class="finding sev-{finding.severity.value}">',
             f'<div><span class="badge">{_e(words[finding.severity.value])}</span><span class="code">'
             f'{_e(finding.code)}</span><span class="rule">{_e(finding.rule)}</span></div>',
             f'<div class="ftitle">{_e(finding.title(lang))}</div><p class="msg">{_e(finding.message(lang))}</p>']
    parts += [_passage(cell) for cell in finding.cells if cell.location.span_start is not None]
    if finding.suspect is not None:
        parts.append(_fix_line(finding.suspect, lang))
    parts += [_fix_line(alternative, lang, words["alternative"]) for alternative in finding.alternatives]
    numbers = _numbers(finding, words)
    if numbers:
        parts.append(f'<p class="nums">{numbers}</p>')
    cells = finding.cells or ()
    if cells:
        wheres = ", ".join(_e(place(c.location, lang)) for c in cells[:3]) + (" …" if len(cells) > 3 else "")
        parts.append(f'<p class="where">{_e(words["where"])}: {wheres}</p>')
    for related in finding.related:
        parts.append(f'<p class="also">{_e(words["also"])} <span class="rule">{_e(related.rule)}</span>: '
                     f"{_e(related.message(lang))}</p>")
    return "".join(parts) + "</li>"


def _passage(cell: CellRef) -> str:
    """A cited place in the text: the words around it, the number (or phrase) marked."""
    text, start, end = cell.text, cell.location.span_start, cell.location.span_end
    head, tail = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    return (f'<blockquote class="passage">{"…" if head else ""}{_e(text[head:start])}<mark>{_e(text[start:end])}'
            f'</mark>{_e(text[end:tail])}{"…" if tail < len(text) else ""}</blockquote>')


def _fix_line(suspect: Suggestion, lang: str, label: str = "") -> str:
    label = label or suggestion_label(suspect, lang)
    reason = REASONS[lang].get(suspect.reason, suspect.reason)
    cell = suspect.cell
    return (f'<p class="fixline">{_e(label)}: {_e(cell.row)} × {_e(cell.column)}: '
            f'<span class="was">{_e(cell.text) or "∅"}</span><span class="arrow">→</span>'
            f'<span class="fix">{_e(suspect.proposed) or "∅"}</span> ({_e(reason)})</p>')


def _numbers(finding: Finding, words: dict) -> str:
    fields = dict(finding.fields)
    parts = [(words["expected"], expected_text(finding)), (words["actual"], fields.get("actual", "")),
             (words["tolerance"], f"±{format_tolerance(finding.tolerance)}" if finding.tolerance else "")]
    return " · ".join(f"{_e(name)} {_e(value)}" for name, value in parts if value)
