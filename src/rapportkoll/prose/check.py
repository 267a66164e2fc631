"""The prose check: extract every claim, link it to its cell, judge it, and check the text against itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Report
from rapportkoll.prose import goals, internal
from rapportkoll.prose.cite import claimed_text, number, prose_finding, quoted, sentence_ref, table_cell_ref
from rapportkoll.prose.claims import Claim, extract
from rapportkoll.prose.goals import goal_finding
from rapportkoll.prose.linking import Link, RowMatch, certain, link
from rapportkoll.prose.sections import Section, build_sections, scope
from rapportkoll.prose.trends import Trend, moved, trend_finding, trends, two_newest
from rapportkoll.prose.verdicts import (AGREES, AMBIGUOUS, DISAGREES, POLARITY, UNIT_FACTOR, UNLINKED, Verdict,
                                       in_table_unit, judge)
from rapportkoll.prose.vocabulary import Vocabulary, default_vocabulary

# The polarity as the text's own (Swedish) word, quoted in both languages' messages.
_WORDS = {"favourable": "positiv", "unfavourable": "negativ", "up": "ökning", "down": "minskning"}
_KINDS = {"deviation": ("avvikelse", "deviation"), "amount": ("belopp", "amount")}


@dataclass
class ProseResult:
    """What the prose check read: every claim's verdict and the findings they make."""

    verdicts: list[Verdict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def read_claims(report: Report, vocabulary: Vocabulary | None = None) -> list[tuple[Claim, Section]]:
    """Every claim of the report with its section (extraction only)."""
    vocabulary = vocabulary or default_vocabulary()
    sections = build_sections(report)
    return [(claim, section) for section in sections for paragraph in section.paragraphs
            for claim in extract(paragraph, section.heading, vocabulary)]


def check_claims(report: Report, vocabulary: Vocabulary | None = None,
                 sections: list[Section] | None = None) -> ProseResult:
    """Claims linked and judged; text-internal contradictions added (over ``sections`` where already built)."""
    vocabulary = vocabulary or default_vocabulary()
    sections = build_sections(report) if sections is None else sections
    result = ProseResult()
    linked: list[tuple[Claim, Link | RowMatch]] = []
    claims: list[Claim] = []
    everywhere = tuple(t for section in sections for t in section.tables)
    for section in sections:
        tables = scope(sections, section.index)
        for paragraph in section.paragraphs:
            result.findings.extend(trend_finding(t, section.heading)
                                   for t in trends(paragraph, section.heading, tables, vocabulary) if t.contradicted)
            for claim in extract(paragraph, section.heading, vocabulary):
                found = link(claim, tables, vocabulary, everywhere)
                sure = isinstance(found, Link) and certain(claim, found, vocabulary)
                linked.append((claim, found if sure else None))
                claims.append(claim)
                result.verdicts.append(judge(claim, found, sure))
    result.findings.extend(f for v in result.verdicts if (f := _verdict_finding(v)) is not None)
    result.findings.extend(trend_finding(t, t_heading) for t, t_heading in _changes_against_trend(result, vocabulary))
    result.findings.extend(goal_finding(g) for g in goals.status_cells(report, vocabulary)
                           + goals.assessments(report, vocabulary))
    text = internal.parts_and_shares(claims) + internal.stated_twice(linked) + internal.explanations(claims)
    result.findings.extend(_text_finding(t) for t in text)
    return result


def _changes_against_trend(result: ProseResult, vocabulary: Vocabulary) -> list[tuple[Trend, str]]:
    """'har ökat med 5 806 tkr' with the right amount, while the row's values went down."""
    found = []
    for verdict in result.verdicts:
        claim, where = verdict.claim, verdict.link
        if verdict.verdict != AGREES or claim.type != "change" or claim.polarity not in ("up", "down"):
            continue
        pair = two_newest(where.table, where.row, vocabulary)
        if pair is not None and moved(*pair) not in (None, claim.polarity):
            found.append((Trend(claim.paragraph, claim.start, claim.end, claim.polarity, where.table, where.row,
                                *pair), claim.heading))
    return found


def _verdict_finding(verdict: Verdict) -> Finding | None:
    claim = verdict.claim
    fields = {"claimed": claimed_text(claim), "sentence": quoted(claim), "type": claim.type}
    if verdict.verdict in (AMBIGUOUS, UNLINKED):
        code = "RK590" if verdict.verdict == AMBIGUOUS else "RK591"
        fields["reason"] = verdict.reason or getattr(verdict.link, "reason", "") or "no-cell"
        return prose_finding(code, f"prose.{verdict.verdict}", Severity.INFO, (sentence_ref(claim),), fields)
    if verdict.verdict not in (DISAGREES, POLARITY, UNIT_FACTOR):
        return None
    found = verdict.link
    cell = table_cell_ref(found.table, found.row, found.column)
    fields |= {"cell": f"{cell.row} ({cell.column})", "actual": cell.text,
               "difference": number(in_table_unit(claim, found) - abs(verdict.expected))}
    if found.previous is not None:  # a change read as two years' difference: 'Årets resultat (2023 − 2022)'
        before = found.table.columns[found.previous]
        fields |= {"cell": f"{cell.row} ({cell.column} − {before})", "actual": number(verdict.expected)}
    code = {DISAGREES: "RK501", POLARITY: "RK502", UNIT_FACTOR: "RK503"}[verdict.verdict]
    if code == "RK502":
        fields |= {"word": _WORDS[claim.polarity],
                   "evidence_sv": f"{cell.row} ({cell.column}) är {cell.text}",
                   "evidence_en": f"{cell.row} ({cell.column}) is {cell.text}"}
    return prose_finding(code, f"prose.{verdict.verdict}", Severity.ERROR, (sentence_ref(claim), cell), fields,
                         table=found.table, expected=verdict.expected, actual=in_table_unit(claim, found),
                         tolerance=verdict.tolerance)


def _text_finding(found: internal.TextFinding) -> Finding:
    first = found.claims[0]
    cells = tuple(sentence_ref(c) for c in found.claims)
    fields = {"sentence": quoted(first), "claimed": claimed_text(first)}
    numbers = {"expected": found.expected, "actual": found.actual, "tolerance": found.tolerance}
    if found.kind == "explanation":
        fields |= {"word": _WORDS[first.polarity], "evidence_sv": "nästa mening förklarar avvikelsen med motsatt riktning",
                   "evidence_en": "the next sentence explains the deviation the other way"}
        return prose_finding("RK502", "prose.polarity", Severity.ERROR, cells, fields)
    if found.kind == "twice":
        other = found.claims[1]
        place = other.paragraph.location.describe()
        sv, en = _KINDS[first.part_of or first.type]
        fields |= {"quantity_sv": f"{found.label} ({sv})", "quantity_en": f"{found.label} ({en})", "other": place,
                   "expected": number(found.expected), "actual": number(found.actual)}
        return prose_finding("RK505", "prose.stated-twice", Severity.ERROR, cells, fields, **numbers)
    what = {"parts": ("Delarna (varav) överstiger helheten", "The parts (varav) exceed their whole"),
            "share": ("Andelen stämmer inte med delen och helheten", "The share does not fit its part and whole")}
    sv, en = what[found.kind]
    fields |= {"what_sv": sv, "what_en": en, "expected": number(found.expected), "actual": number(found.actual)}
    return prose_finding("RK504", "prose.parts-whole", Severity.ERROR, cells, fields, **numbers)
