"""The records of one run: what was read, which rules each table got, what they covered and found.

Reporters format these records and never call the engine; the engine and `run` fill them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Iterator

from rapportkoll.findings import CellRef, Finding, Severity
from rapportkoll.model import CellLocations, Location, Report

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Problem:
    """Input that could not be read (exit code 2); the other documents and tables are still checked."""

    place: str
    message_sv: str
    message_en: str

    def message(self, lang: str) -> str:
        return f"{self.place}: {self.message_sv if lang == 'sv' else self.message_en}"


@dataclass(frozen=True)
class AppliedRule:
    """A rule applied to a table, declared in a pack or discovered in its numbers: a JUnit test case."""

    rule: str
    pack: str
    origin: str  # declared | user | discovered
    title: tuple[str, str]
    why: str = ""  # why its pack applies to the table


@dataclass(frozen=True, slots=True)
class CheckedRelation:
    """One position of a relation the engine evaluated: Σ coeff·cell = 0 for linear ones.

    Nonlinear relations (products, ratios) carry ``coefficients`` None. Coverage and the recall
    benchmark read these; no finding is made from them. Slotted: a long table has one per row
    and relation (64 bytes each instead of 104).
    """

    rule: str
    cells: tuple[Location, ...]
    coefficients: tuple[float, ...] | None

    def each(self) -> tuple[CheckedRelation]:
        return (self,)


@dataclass(frozen=True, slots=True, eq=False)
class CheckedPositions:
    """Every position one linear relation was evaluated at, as one array of the cells each reads.

    A long table checks a relation at ~10⁵ positions: a `CheckedRelation` and a tuple of locations
    each cost ~0.5 µs and ~170 bytes, and coverage only needs which cells are read. ``cells`` holds
    positions × operands indices into ``located`` (the table's locations, flat, made when read); each
    position's own record is made only when asked for (`each`).
    """

    rule: str
    cells: np.ndarray
    coefficients: tuple[float, ...]
    located: CellLocations

    def each(self) -> Iterator[CheckedRelation]:
        """One record per position, as the relations of other kinds are recorded."""
        return (CheckedRelation(self.rule, tuple(row), self.coefficients) for row in self.located[self.cells].tolist())

    def __eq__(self, other: object) -> bool:
        """Equal when the positions are: the same relation reading equal cells (arrays have no truth value)."""
        return isinstance(other, CheckedPositions) and tuple(self.each()) == tuple(other.each())

    def __hash__(self) -> int:
        return hash(tuple(self.each()))


@dataclass(frozen=True)
class TableCheck:
    """What the engine did with one table: the rules it applied, the relations it checked, coverage."""

    path: str
    table: str
    location: Location | None
    rules: tuple[AppliedRule, ...]
    records: tuple[CheckedRelation | CheckedPositions, ...] = ()
    numeric_cells: int = 0
    uncovered: tuple[CellRef, ...] = ()
    declined: tuple[tuple[str, str], ...] = ()  # (pack, why it does not fit) for `rapportkoll tables`

    @property
    def relations(self) -> Iterator[CheckedRelation]:
        """Every position of every relation checked, each as its own record (benchmarks read these)."""
        return chain.from_iterable(record.each() for record in self.records)

    @property
    def checked_cells(self) -> int:
        return self.numeric_cells - len(self.uncovered)


@dataclass
class RunResult:
    suite: str
    paths: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    checks: list[TableCheck] = field(default_factory=list)
    fail_on: str = "error"  # the level the run gates on: JUnit fails the test cases at or above it
    unlinked_claims: int = 0  # prose claims set aside as ambiguous or unlinkable (listed with --show-unlinked)
    # The terminal report's block of each finding, rendered where its file was checked (a batch worker).
    blocks: dict[Finding, str] = field(default_factory=dict)
    # The JSON report's text of each table check (in the order of `checks`) and of each finding, made likewise,
    # each with the language it is worded in.
    json_tables: list[tuple[str, str]] = field(default_factory=list)
    json_findings: dict[tuple[Finding, str], str] = field(default_factory=dict)

    def gates(self, finding: Finding) -> bool:
        """Whether a finding fails the run at its ``fail_on`` level."""
        return _at_or_above(finding, self.fail_on)

    @property
    def tables(self) -> int:
        return len(self.checks)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def unchecked(self) -> int:
        """Tables no rule was applied to."""
        return sum(1 for c in self.checks if not c.rules)

    @property
    def coverage(self) -> tuple[int, int]:
        """(numeric cells some relation checks, numeric cells) over every table."""
        return sum(c.checked_cells for c in self.checks), sum(c.numeric_cells for c in self.checks)

    def set_aside_unlinked(self) -> None:
        """Count the claims that could not be checked instead of listing them (never errors)."""
        kept = [f for f in self.findings if f.use != "unlinked"]
        self.unlinked_claims = len(self.findings) - len(kept)
        self.findings = kept

    def exit_code(self, fail_on: str) -> int:
        """2 for unreadable input, 1 for findings at or above ``fail_on``, else 0."""
        if self.problems:
            return 2
        return int(any(_at_or_above(f, fail_on) for f in self.findings))


def _at_or_above(finding: Finding, fail_on: str) -> bool:
    """Whether a finding is at or above a gate level ('never' gates nothing)."""
    return fail_on != "never" and finding.severity.rank >= Severity(fail_on).rank
