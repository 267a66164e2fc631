"""Rule packs: YAML data naming the tables they apply to, their expected columns and their rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rapportkoll.findings import Severity
from rapportkoll.kinds import KINDS
from rapportkoll.kinds.spec import RuleKind
from rapportkoll.labels import LabelPattern
from rapportkoll.params import PackError, brief, build, line_of
from rapportkoll.selection import TableSelector
from rapportkoll.yamlsafe import load_yaml

_RULE_COMMON = ("id", "kind", "title", "severity", "rationale")
MAX_RULES = 2000  # far above any pack (the largest bundled one has a few dozen); 20 000 took 42 s to load


@dataclass(frozen=True)
class ColumnSpec:
    """What a column must hold; checked as a pandera schema so every failing cell is collected."""

    column: LabelPattern
    kind: Literal["number", "percent", "number-or-marker", "any"] = "any"
    allowed: tuple[str, ...] = ()


@dataclass(frozen=True)
class _PackHeader:
    pack: str
    title: str | dict
    applies_to: TableSelector
    rules: tuple[dict, ...] = ()
    schema: tuple[ColumnSpec, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class RuleSpec:
    id: str
    kind: RuleKind
    params: object
    severity: Severity
    title: tuple[str, str]
    rationale: tuple[str, str]  # (sv, en); empty when the pack gives none
    source: str


@dataclass(frozen=True)
class Pack:
    name: str
    title: tuple[str, str]
    selector: TableSelector
    rules: tuple[RuleSpec, ...]
    schema: tuple[ColumnSpec, ...]
    source: str
    origin: str = "declared"  # or "discovered": rules inferred from the numbers of one table
    user: bool = False  # from --rules: its rules must resolve where it matches, or they are errors


def load_pack(path: Path) -> Pack:
    """Load and validate one pack file; raises PackError naming file, line, rule and key."""
    return pack_from_mapping(load_yaml(path), path)


def pack_from_mapping(data: Any, path: Path | str, origin: str = "declared") -> Pack:
    """Validate pack data, whether read from YAML or made by discovery (the same path for both)."""
    header = build(_PackHeader, _with_raw_rules(data, path), f"{path}:{line_of(data) or 1}")
    rules = tuple(rule_from_mapping(raw, path) for raw in header.rules)
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise PackError(rule.source, f"rule '{rule.id}': duplicate rule id",
                             sv=f"regeln '{rule.id}': regel-id:t förekommer två gånger")
        seen.add(rule.id)
    return Pack(header.pack, _bilingual(header.title, str(path)), header.applies_to, rules, header.schema, str(path),
                origin)


def _with_raw_rules(data: Any, path: Path) -> Any:
    """Rules are validated one by one below, so the header keeps them as raw mappings."""
    if isinstance(data, dict) and isinstance(data.get("rules"), list):
        if len(data["rules"]) > MAX_RULES:
            raise PackError(f"{path}:{line_of(data)}", f"{len(data['rules'])} rules; a pack holds at most {MAX_RULES}",
                            sv=f"{len(data['rules'])} regler; en regelsamling rymmer högst {MAX_RULES}")
        for raw in data["rules"]:
            if not isinstance(raw, dict):
                raise PackError(f"{path}:{line_of(data)}", f"each rule must be a mapping, got {brief(raw)}",
                                 sv=f"varje regel ska vara en mappning (nyckel: värde), inte {brief(raw)}")
    return data


def rule_from_mapping(raw: dict, path: Path | str) -> RuleSpec:
    """One rule of pack data validated; raises PackError naming file, line, rule and key."""
    rule_id = str(raw.get("id", "?"))
    where = f"{path}:{line_of(raw)}: rule '{rule_id}'"
    for key in ("id", "kind", "title"):
        if key not in raw:
            raise PackError(where, f"missing required key '{key}'", sv=f"nyckeln '{key}' saknas men krävs")
    for key in ("id", "kind", "severity"):
        if key in raw and not isinstance(raw[key], str):
            raise PackError(where, f"key '{key}': expected a name, got {brief(raw[key])}",
                            sv=f"nyckeln '{key}': ett namn väntades, inte {brief(raw[key])}")
    kind = KINDS.get(raw["kind"])
    if kind is None:
        raise PackError(where, f"key 'kind': unknown kind '{raw['kind']}' (known: {', '.join(KINDS)})",
                         sv=f"nyckeln 'kind': okänd sort '{raw['kind']}' (kända: {', '.join(KINDS)})")
    params = build(kind.params, {k: v for k, v in raw.items() if k not in _RULE_COMMON}, where)
    severity = raw.get("severity", "error")
    if severity not in {s.value for s in Severity}:
        raise PackError(where, f"key 'severity': '{severity}' is not one of error, warning, info",
                         sv=f"nyckeln 'severity': '{severity}' är inte något av error, warning, info")
    rationale = _bilingual(raw["rationale"], where, "rationale") if "rationale" in raw else ("", "")
    return RuleSpec(rule_id, kind, params, Severity(severity), _bilingual(raw["title"], where, "title"), rationale,
                    f"{path}:{line_of(raw)}")


def _bilingual(value: Any, where: str, key: str = "title") -> tuple[str, str]:
    """(sv, en) of a text a pack gives in one language for both or as {sv: ..., en: ...}."""
    if isinstance(value, str):
        return value.strip(), value.strip()
    if isinstance(value, dict) and set(value) <= {"sv", "en"} and value:
        return str(value.get("sv", value.get("en"))).strip(), str(value.get("en", value.get("sv"))).strip()
    raise PackError(where, f"key '{key}': expected text or {{sv: ..., en: ...}}",
                     sv=f"nyckeln '{key}': en text eller {{sv: ..., en: ...}} väntades")
