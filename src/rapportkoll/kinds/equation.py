"""Kind `equation`: a row (or column) equals a signed combination of others, e.g. resultat = netto + bidrag."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapportkoll.findings import Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import Compiled, KindDoc, RuleKind, label_of, positions, resolve
from rapportkoll.labels import LabelPattern
from rapportkoll.relations import Cited, Failure, LinearCheck, LinearRelation, formula


@dataclass(frozen=True)
class EquationParams:
    result: LabelPattern
    plus: tuple[LabelPattern, ...] = ()
    minus: tuple[LabelPattern, ...] = ()
    axis: Literal["rows", "columns"] = "rows"
    columns: tuple[LabelPattern, ...] = ()
    blanks_as_zero: bool = False  # a chain of a statement: a line left blank in a column is nil there


def compile(view: TableView, params: EquationParams) -> Compiled:
    named = [("result", params.result)] + [("term", p) for p in params.plus + params.minus]
    found = resolve(view, named, params.axis)
    if isinstance(found, Violation):
        return Compiled(violations=(found,))
    result, *operands = found
    coeffs = [1.0] * len(params.plus) + [-1.0] * len(params.minus)
    terms = list(zip(operands, coeffs))
    text = formula((label_of(view, i, params.axis), c) for i, c in terms)
    check = LinearCheck(LinearRelation(params.axis, result, tuple(terms), params.blanks_as_zero),
                        tuple(positions(view, params.axis, params.columns)), label_of(view, result, params.axis),
                        view.labels_across(params.axis), (("formula", text),))
    return Compiled(checks=(check,))


def word(check: LinearCheck, failure: Failure, cited: Cited) -> Violation:
    return cited.violation("RK111", (("result", check.result_at(failure)),) + check.words)


KIND = RuleKind(
    name="equation",
    codes=("RK111", "RK103"),
    params=EquationParams,
    compile=compile,
    word=word,
    mutations_detected=True,
    doc=KindDoc(
        summary="A row (or column) equals the sum of the `plus` rows minus the `minus` rows, in every numeric "
                "column; one operand left blank is read as 0, two skip that column, unless `blanks_as_zero` reads "
                "every blank operand as 0 (a statement's chain: a line the koncern or a samkommun leaves blank is "
                "nil there).",
        why="Result lines (nettokostnader, årets resultat) are derived from other lines; a mismatch means a "
            "line was edited without the ones derived from it.",
        failing="Verksamhetens nettokostnader -114 394 with intäkter 100 547 and kostnader -204 941 "
                "(100 547 - 204 941 = -104 394).",
        passing="Verksamhetens nettokostnader -114 394 = 100 547 + (-214 941).",
        example="- id: drift.nettokostnader\n  kind: equation\n  result: Verksamhetens nettokostnader\n"
                "  plus: [Verksamhetens intäkter, Verksamhetens kostnader]",
    ),
)
