"""Kind `format`: values in a column have its form, e.g. '93% (92%)' = kommun (riket)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Literal

from rapportkoll.findings import Suggestion, Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import KindDoc, RuleKind, checked_alone
from rapportkoll.labels import LabelPattern
from rapportkoll.numbers import CellKind, canonical_signs_and_spaces

_NUM = r"[+-]?\s?\d+(?: \d{3})*(?:,\d+)?(?:\s?%)?"
_WELL_FORMED = re.compile(rf"^{_NUM}(?:\s*\({_NUM}(?:/{_NUM})*\))?$|^\d+(?:/\d+)+$")
_NUMBER_TOKEN = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:,\d+)?(?:\s?%)?|[+-]?\d+(?:,\d+)?(?:\s?%)?")
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class FormatParams:
    columns: tuple[LabelPattern, ...] = ()
    form: Literal["value-with-comparison"] = "value-with-comparison"


def evaluate(view: TableView, params: FormatParams) -> Iterator[Violation]:
    table = view.table
    columns = sorted({j for p in params.columns for j in view.column_indices(p)}) if params.columns \
        else list(range(len(table.columns)))
    for i, row in enumerate(table.rows):
        for j in columns:
            cell = row.cells[j]
            if cell.kind is not CellKind.TEXT or _WORD.search(cell.text) or not re.search(r"\d", cell.text):
                continue  # numbers, markers and prose are not this rule's business
            problem = _problem(canonical_signs_and_spaces(cell.text))
            if problem is None:
                continue
            ref = view.ref(i, j)
            proposed, reason = _repair(canonical_signs_and_spaces(cell.text))
            fields = (("text", cell.text), ("column", table.columns[j]), ("form", "'93% (92%)'"),
                      ("problem_sv", problem[0]), ("problem_en", problem[1]))
            yield Violation("RK211", (ref,), fields, suspect=Suggestion(ref, proposed, reason, "hint"))


def _problem(text: str) -> tuple[str, str] | None:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0 or depth > 1:
            return ("parenteserna är obalanserade", "unbalanced parentheses")
    if depth != 0:
        return ("parenteserna är obalanserade", "unbalanced parentheses")
    if not _WELL_FORMED.match(text.strip()):
        return ("oväntad form", "unexpected form")
    tokens = _NUMBER_TOKEN.findall(text)
    if len(tokens) == 2 and tokens[0].endswith("%") != tokens[1].endswith("%"):
        return ("värdet och jämförelsevärdet har olika enheter", "value and comparison have different units")
    return None


def _repair(text: str) -> tuple[str, str]:
    """Rebuild 'A (B)' from the numbers the cell holds; a '5' where '%' belongs is Shift-5 missed."""
    tokens = [t.replace(" %", "%") for t in _NUMBER_TOKEN.findall(text)]
    if len(tokens) != 2:
        return " ".join(tokens), "format"
    value, comparison = tokens
    if comparison.endswith("%") and not value.endswith("%"):
        decimals = len(comparison.rstrip("%").partition(",")[2])
        if value.endswith("5") and len(value.partition(",")[2]) == decimals + 1:
            return f"{value[:-1]}% ({comparison})", "typo"
        value += "%"
    return f"{value} ({comparison})", "format"


KIND = RuleKind(
    name="format",
    codes=("RK211",),
    params=FormatParams,
    compile=checked_alone(evaluate),
    mutations_detected=False,
    doc=KindDoc(
        summary="Cells made of numbers only must have the column's form: a value, optionally followed by a "
                "comparison value in parentheses ('93% (92%)', '9,2 (20,8)', '13,2 (12,4/11,8)'), or a ratio "
                "('84/60'). Unbalanced parentheses and mixed units are findings; cells with words are text.",
        why="A lost parenthesis makes the municipality's value and the national one run together "
            "('9,3 20,7)'), and readers compare the wrong numbers.",
        failing="Anmälda brott om skadegörelse per 1 000 inv. (riket)\t9,3 20,7)",
        passing="Anmälda brott om skadegörelse per 1 000 inv. (riket)\t9,2 (20,8)",
        example="- id: indikatorer.jamforelseform\n  kind: format\n  columns: ['Utfall *']",
    ),
)
