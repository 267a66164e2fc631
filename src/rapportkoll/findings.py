"""Findings are plain frozen records: what rule saw what in which cells, never exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Literal, get_args

from rapportkoll.catalog import FINDING_TYPES, FindingType
from rapportkoll.model import Location


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class CellRef:
    """A cell as a finding cites it: its table, row and column labels, text and location."""

    table: str
    row: str
    column: str
    text: str
    location: Location

    def as_dict(self) -> dict[str, object]:
        return {"path": self.location.path, "table": self.table, "row": self.row, "column": self.column,
                "text": self.text, **{k: v for k, v in self.location.as_dict().items() if k != "path"}}


Confidence = Literal["exact", "likely", "hint"]  # a unique typical slip | unique, untypical | one of several
Reason = Literal["sign", "transposition", "typo", "scale", "total", "blank", "copy", "format", "unknown"]  # slips.SHAPE_RANK
CONFIDENCES: tuple[str, ...] = get_args(Confidence)


@dataclass(frozen=True)
class Suggestion:
    """A likely correction: only exact single-cell explanations are presented as corrections."""

    cell: CellRef
    proposed: str
    reason: Reason
    confidence: Confidence

    def __post_init__(self) -> None:
        if self.confidence not in CONFIDENCES:  # the JSON schema allows these three only
            raise ValueError(f"confidence '{self.confidence}' is not one of {', '.join(CONFIDENCES)}")

    def as_dict(self) -> dict[str, object]:
        return {**self.cell.as_dict(), "suggestion": self.proposed, "reason": self.reason,
                "confidence": self.confidence}


@dataclass(frozen=True)
class Violation:
    """What a rule kind reports; the engine adds the rule's identity to make it a Finding."""

    code: str
    cells: tuple[CellRef, ...]
    fields: tuple[tuple[str, str], ...] = ()
    expected: float | None = None
    actual: float | None = None
    tolerance: float | None = None
    suspect: Suggestion | None = None
    alternatives: tuple[Suggestion, ...] = ()  # other cells one equally typical slip in would explain it

    @property
    def use(self) -> str:
        return FINDING_TYPES[self.code].use


@dataclass(frozen=True)
class Finding:
    code: str
    rule: str
    severity: Severity
    table: str
    table_location: Location | None
    cells: tuple[CellRef, ...]
    fields: tuple[tuple[str, str], ...] = ()
    expected: float | None = None
    actual: float | None = None
    tolerance: float | None = None
    suspect: Suggestion | None = None
    origin: str = "declared"
    rule_title: tuple[str, str] = ("", "")
    alternatives: tuple[Suggestion, ...] = ()
    related: tuple[Finding, ...] = field(default=())

    @property
    def type(self) -> FindingType:
        return FINDING_TYPES[self.code]

    @property
    def use(self) -> str:
        """What the run does with it beyond reporting it (catalog.FindingType.use)."""
        return self.type.use

    def message(self, lang: str = "en") -> str:
        return self.type.render(lang, {"rule": self.rule, **dict(self.fields)})

    def title(self, lang: str = "en") -> str:
        sv, en = self.rule_title
        return (sv if lang == "sv" else en) or self.type.title(lang)

    @property
    def sort_key(self) -> tuple:
        first = self.cells[0].location if self.cells else self.table_location
        return (*(first.order_key if first else ("",)), self.code, self.rule)


def with_severity(finding: Finding, severities: dict[str, str]) -> Finding | None:
    """The finding at the severity a suite sets for its code ('RK142') or name ('previous.same-period');
    None when the suite switches it off. Every source of findings that is not a pack rule goes through this."""
    level = severities.get(finding.code) or severities.get(finding.type.name)
    if level is None:
        return finding
    return None if level == "off" else replace(finding, severity=Severity(level))
