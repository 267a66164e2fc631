"""`--select` / `--ignore`: which findings a run reports, by code, code prefix, tag, pack or rule id."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapportkoll.catalog import FINDING_TYPES
from rapportkoll.findings import Finding

_CODE_LIKE = re.compile(r"RK\d{0,3}", re.IGNORECASE)
_TAGS = {tag for t in FINDING_TYPES.values() for tag in t.tags}
# Rule ids the engine itself gives (source notes, coverage, the previous report, prose, lint, discovery).
_ENGINE_RULES = ("source.", "coverage.", "previous.", "prose.", "lint.", "upptackt-")


class FilterError(ValueError):
    """A selector that can match nothing (a mistyped code or tag): refused rather than silently ignored."""

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.token = token

    def message(self, lang: str) -> str:
        if lang == "sv":
            return f"'{self.token}' är ingen kod, kodprefix, etikett eller regel i sviten (t.ex. RK101, RK1, #sum)"
        return f"'{self.token}' is no code, code prefix, tag or rule of the suite (e.g. RK101, RK1, #sum)"


@dataclass(frozen=True)
class FindingFilter:
    """Keep a finding when it matches a ``select`` token (or none are given) and no ``ignore`` token."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def of(cls, select: tuple[str, ...], ignore: tuple[str, ...], rule_ids: frozenset[str]) -> FindingFilter:
        """Tokens may be comma-separated (`--select RK1,RK201`); each must name a code, tag or rule of ``rule_ids``."""
        return cls(_tokens(select, rule_ids), _tokens(ignore, rule_ids))

    def keeps(self, finding: Finding) -> bool:
        chosen = not self.select or any(_matches(t, finding) for t in self.select)
        return chosen and not any(_matches(t, finding) for t in self.ignore)

    def apply(self, findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if self.keeps(f)]


def _tokens(given: tuple[str, ...], rule_ids: frozenset[str]) -> tuple[str, ...]:
    tokens = tuple(t.strip() for item in given for t in item.split(",") if t.strip())
    for token in tokens:
        if not _known(token, rule_ids):
            raise FilterError(token)
    return tokens


def _known(token: str, rule_ids: frozenset[str]) -> bool:
    """Whether a token can match anything: a mistyped selector must not silently select nothing."""
    if _CODE_LIKE.fullmatch(token):
        return any(code.startswith(token.upper()) for code in FINDING_TYPES)
    if token.startswith("#"):
        return token in _TAGS
    return any(rule == token or rule.startswith(token + ".") for rule in rule_ids) or \
        (token + ".").startswith(_ENGINE_RULES) or token.startswith(_ENGINE_RULES)


def _matches(token: str, finding: Finding) -> bool:
    """A code or its prefix (RK1), a tag (#sum), a rule id, or a pack name (every rule `pack.*`)."""
    if _CODE_LIKE.fullmatch(token):
        return finding.code.startswith(token.upper())
    if token.startswith("#"):
        return token in finding.type.tags
    return finding.rule == token or finding.rule.startswith(token + ".")


def suite_rule_ids(suite) -> frozenset[str]:
    """The rule ids a suite's findings can carry, column expectations ('<pack>.schema') included."""
    return frozenset(r.id for pack in suite.packs for r in pack.rules) | {f"{p.name}.schema" for p in suite.packs}
