"""What the file formats share: which file and cell a finding points at, and the words they print."""

from __future__ import annotations

from rapportkoll.findings import CellRef, Finding, Severity, Suggestion
from rapportkoll.model import Location
from rapportkoll.numbers import format_number
from rapportkoll.records import Problem, RunResult

WORDS: dict[str, dict[str, str]] = {
    "sv": {"error": "fel", "warning": "varning", "info": "info", "errors": "fel", "warnings": "varningar",
           "infos": "info", "file": "fil", "files": "filer", "tables": "tabeller", "problems": "kunde inte läsas",
           "severity": "allvar", "code": "kod", "rule": "regel", "table": "tabell", "cell": "rad × kolumn",
           "text": "text", "expected": "förväntat", "actual": "faktiskt", "tolerance": "tolerans",
           "suggestion": "förslag", "where": "plats", "fix": "rättelse", "likely": "trolig rättelse", "hint": "möjlig rättelse",
           "line": "rad", "field": "fält", "page": "sida", "row": "rad", "column": "kolumn", "also": "även",
           "alternative": "annan möjlig förklaring",
           "unchecked": "ej kontrollerad", "clean": "Inga avvikelser hittades.", "findings": "avvikelser",
           "more": "fler", "see_full": "kör `rapportkoll check` för hela rapporten",
           "coverage": "av talen ingår i ett kontrollerat samband", "of": "av"},
    "en": {"error": "error", "warning": "warning", "info": "info", "errors": "errors", "warnings": "warnings",
           "infos": "info", "file": "file", "files": "files", "tables": "tables", "problems": "could not be read",
           "severity": "severity", "code": "code", "rule": "rule", "table": "table", "cell": "row × column",
           "text": "text", "expected": "expected", "actual": "actual", "tolerance": "tolerance",
           "suggestion": "suggestion", "where": "location", "fix": "correction", "likely": "likely correction", "hint": "possible correction",
           "line": "line", "field": "field", "page": "page", "row": "row", "column": "column", "also": "also",
           "alternative": "another possible explanation",
           "unchecked": "not checked", "clean": "No inconsistencies found.", "findings": "findings",
           "more": "more", "see_full": "run `rapportkoll check` for the full report",
           "coverage": "of the numbers are part of a checked relation", "of": "of"},
}

REASONS: dict[str, dict[str, str]] = {
    "sv": {"sign": "tecken", "transposition": "omkastade siffror", "typo": "felskriven siffra", "scale": "fel tiopotens",
           "total": "summan inte uppdaterad", "blank": "saknat värde", "copy": "kopierat från annan rad", "format": "felaktig form", "unknown": "okänd orsak"},
    "en": {"sign": "sign", "transposition": "transposed digits", "typo": "mistyped digit", "scale": "wrong power of ten",
           "total": "total not updated", "blank": "missing value", "copy": "copied from another line", "format": "malformed", "unknown": "unknown cause"},
}


def finding_path(finding: Finding) -> str:
    """The file a finding belongs to: its first cell's, else its table's."""
    location = finding.cells[0].location if finding.cells else finding.table_location
    return location.path if location else ""


def primary_cell(finding: Finding) -> CellRef | None:
    """The cell to point at: the suspect if the engine named one, else the first cell cited."""
    if finding.suspect is not None:
        return finding.suspect.cell
    return finding.cells[0] if finding.cells else None


def cited_text(cell: CellRef, context: int = 40) -> str:
    """What a cited cell shows: its text, or for a place in the text (a span in a paragraph) the words
    around it, the cited number between » and «."""
    start, end = cell.location.span_start, cell.location.span_end
    if start is None or end is None:
        return cell.text
    head, tail = max(0, start - context), min(len(cell.text), end + context)
    return (f"{'…' if head else ''}{cell.text[head:start]}»{cell.text[start:end]}«{cell.text[end:tail]}"
            f"{'…' if tail < len(cell.text) else ''}")


def primary_location(finding: Finding) -> Location | None:
    cell = primary_cell(finding)
    return cell.location if cell else finding.table_location


def failures(finding: Finding) -> tuple[Finding, ...]:
    """The finding and the failures grouped under it (one culprit explains them all)."""
    return (finding, *finding.related)


def place(location: Location, lang: str) -> str:
    """Where in its file a location is, without the path: 'rad 315, fält 4', 'Blad1!B5', 'sida 2, t3 r4 k5'."""
    words = WORDS[lang]
    if location.sheet is not None:
        return f"{location.sheet}!{location.ref}"
    if location.table_index is not None:
        page = f"{words['page']} {location.page}, " if location.page is not None else ""
        return f"{page}t{location.table_index} r{location.row_index} c{location.column_index}"
    if location.line is not None and location.field is not None:
        return f"{words['line']} {location.line}, {words['field']} {location.field}"
    return f"{words['line']} {location.line}" if location.line is not None else ""


def table_place(location: Location, lang: str) -> str:
    """A table's place: its header's line for text input (field 1 says nothing), else its full place."""
    if location.line is not None and location.sheet is None and location.table_index is None:
        return f"{WORDS[lang]['line']} {location.line}"
    return place(location, lang)


def expected_text(finding: Finding) -> str:
    """The expected value as the engine wrote it in the message, else the bare number."""
    written = dict(finding.fields).get("expected")
    if written:
        return written
    if finding.expected is None:
        return ""
    decimals = 0 if float(finding.expected).is_integer() else 2
    return format_number(finding.expected, decimals)


def summary_counts(result: RunResult) -> dict[str, int]:
    return {"errors": result.count(Severity.ERROR), "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO), "files": len(result.paths), "tables": result.tables}


_SINGULAR = {"errors": "error", "warnings": "warning", "infos": "info", "files": "file", "tables": "table"}


def counted(n: int, plural: str, lang: str) -> str:
    """'1 varning', '2 varningar': a count with its noun in the right number."""
    return f"{n} {WORDS[lang][_SINGULAR[plural] if n == 1 else plural]}"


def summary_line(result: RunResult, lang: str) -> str:
    """'12 fel, 1 varning, 0 info · 2 filer, 29 tabeller' (and the unreadable count, if any)."""
    counts = summary_counts(result)
    line = (f"{counted(counts['errors'], 'errors', lang)}, {counted(counts['warnings'], 'warnings', lang)}, "
            f"{counted(counts['infos'], 'infos', lang)} · {counted(counts['files'], 'files', lang)}, "
            f"{counted(counts['tables'], 'tables', lang)}")
    words = WORDS[lang]
    if coverage_text(result, lang):
        line += f" · {coverage_text(result, lang)}"
    if result.problems:
        line += f" · {len(result.problems)} {words['problems']}"
    return line


def coverage_text(result: RunResult, lang: str) -> str:
    """'87 % av talen ingår i ett kontrollerat samband (412 av 473)', or '' when no table has numbers."""
    checked, numeric = result.coverage
    if not numeric:
        return ""
    words = WORDS[lang]
    share = format_number(100 * checked / numeric, 0, percent=True)
    return f"{share} {words['coverage']} ({checked} {words['of']} {numeric})"


def suggestion_label(suggestion: Suggestion, lang: str) -> str:
    """What every format calls a suggestion: a correction (exact), a likely one, or a possible one (hint)."""
    return WORDS[lang][{"exact": "fix", "likely": "likely"}.get(suggestion.confidence, "hint")]


def problem_path(problem: Problem, paths: list[str]) -> str | None:
    """The checked file a problem is about, when its place names one."""
    for path in sorted(paths, key=len, reverse=True):
        if problem.place == path or problem.place.startswith(path + ":"):
            return path
    return None
