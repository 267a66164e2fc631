"""Kind `difference`: a column equals A − B, with a fixed or a table-consistent sign convention."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapportkoll.findings import Violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import Compiled, KindDoc, RuleKind, label_of, positions, resolve
from rapportkoll.labels import LabelPattern
from rapportkoll.relations import Cited, Failure, LinearCheck, LinearRelation, failing_positions


@dataclass(frozen=True)
class DifferenceParams:
    result: LabelPattern
    minuend: LabelPattern
    subtrahend: LabelPattern
    convention: Literal["fixed", "consistent"] = "fixed"
    axis: Literal["rows", "columns"] = "columns"
    rows: tuple[LabelPattern, ...] = ()


def compile(view: TableView, params: DifferenceParams) -> Compiled:
    roles = ("result", "minuend", "subtrahend")
    found = resolve(view, [(role, getattr(params, role)) for role in roles], params.axis)
    if isinstance(found, Violation):
        return Compiled(violations=(found,))
    result, a, b = found
    forward = LinearRelation(params.axis, result, ((a, 1.0), (b, -1.0)))
    backward = LinearRelation(params.axis, result, ((a, -1.0), (b, 1.0)))
    scope = positions(view, params.axis, params.rows)
    misfit_forward = failing_positions(view, forward, scope)
    misfit_backward = failing_positions(view, backward, scope)
    relation, misfits, opposite = forward, misfit_forward, misfit_backward
    if params.convention == "consistent" and _fits_only(misfit_forward, misfit_backward) > \
            _fits_only(misfit_backward, misfit_forward):
        relation, misfits, opposite = backward, misfit_backward, misfit_forward
    names = {i: label_of(view, i, params.axis) for i in (a, b, result)}
    first, second = (a, b) if relation is forward else (b, a)
    text = f"{names[first]} - {names[second]}"
    checked = len(scope) - len(misfits & opposite)
    words = (("formula", text), ("convention", f"{text}, {checked - len(misfits)}/{checked}"))
    check = LinearCheck(relation, tuple(scope), names[result], view.labels_across(params.axis), words,
                        frozenset(opposite))
    return Compiled(checks=(check,))


def word(check: LinearCheck, failure: Failure, cited: Cited) -> Violation:
    """RK122 where the other sign convention fits (a flipped sign), RK121 where neither does."""
    code = "RK121" if failure.position in check.opposite else "RK122"
    return cited.violation(code, (("result", check.result_at(failure)),) + check.words)


def _fits_only(misfits: set[int], other_misfits: set[int]) -> int:
    """How many positions fit the other convention but not this one."""
    return len(misfits - other_misfits)


KIND = RuleKind(
    name="difference",
    codes=("RK121", "RK122", "RK103"),
    params=DifferenceParams,
    compile=compile,
    word=word,
    mutations_detected=True,
    doc=KindDoc(
        summary="A column (avvikelse, differens, diff) equals `minuend` − `subtrahend` in every row. With "
                "`convention: consistent` the table may use either sign, but the same in every row: the "
                "convention most rows fit is the table's, and a row fitting only the other is a sign error (RK122).",
        why="Sign conventions differ between municipalities and between drift and investment tables; a "
            "flipped sign turns a saving into an overspend in the reader's eyes.",
        failing="Män\t3,3 %\t3,8 %\t0,48 %  (3,3 − 3,8 = −0,5; only −0,48 fits within ±0,105)",
        passing="Kvinnor\t3,0 %\t3,4 %\t-0,37 %  (−0,4 ± 0,105 contains −0,37)",
        example="- id: sjukfranvaro.differens\n  kind: difference\n  result: Differens\n  minuend: '2024'\n"
                "  subtrahend: '2023'\n  convention: consistent",
    ),
)
