"""Check suites: which rule packs a kind of document gets, with severity overrides and a fail-on level."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

from rapportkoll.catalog import FINDING_TYPES
from rapportkoll.findings import Severity
from rapportkoll.packs import Pack, load_pack
from rapportkoll.params import PackError, build, line_of
from rapportkoll.yamlsafe import load_yaml

DEFAULT_SUITE = "delarsrapport"
FAMILIES = ("tables", "prose", "lint")
_TEXT_CODES = ("RK5", "RK6", "prose.", "lint.")


@dataclass(frozen=True)
class _SuiteFile:
    suite: str
    title: str | dict
    packs: tuple[str, ...] = ()
    discovery: bool = False
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: Literal["error", "warning", "never"] = "error"
    description: str = ""
    families: tuple[Literal["tables", "prose", "lint"], ...] = FAMILIES


@dataclass(frozen=True)
class Suite:
    """``discovery``: tables no pack matches get rules inferred from their numbers."""

    name: str
    packs: tuple[Pack, ...]
    fail_on: str
    discovery: bool = False
    families: tuple[str, ...] = FAMILIES
    # Findings not made by a pack rule (text, lint, previous report, source notes, coverage): code or
    # finding name -> severity or 'off'.
    finding_severity: dict[str, str] = field(default_factory=dict)


def bundled_rules_dir() -> Path:
    return _package_dir("rapportkoll.bundled_rules")


def bundled_checks_dir() -> Path:
    return _package_dir("rapportkoll.bundled_checks")


def _package_dir(name: str) -> Path:
    """Where a data package is installed (`rules/` and `checks/` are mapped into the package).

    Not `importlib.resources`, whose import pulls in `tempfile` and costs a cold start ~10 ms.
    """
    return Path(next(iter(find_spec(name).submodule_search_locations)))


def load_suite(suite: str | None = None, extra_rule_dirs: tuple[Path, ...] = ()) -> Suite:
    """The suite by bundled name or path, with packs from ``extra_rule_dirs`` added or replacing same-named ones."""
    path = _suite_path(suite or DEFAULT_SUITE)
    data = load_yaml(path)
    spec = build(_SuiteFile, data, f"{path}:{line_of(data) or 1}")
    available = {p.stem: p for p in sorted(bundled_rules_dir().glob("*.yaml"))}
    packs: dict[str, Pack] = {}
    for name in spec.packs:
        if name not in available:
            raise PackError(f"{path}:{line_of(data)}", f"key 'packs': no pack named '{name}' "
                                                       f"(bundled: {', '.join(available)})",
                           sv=f"nyckeln 'packs': ingen regelsamling heter '{name}' "
                              f"(medföljande: {', '.join(available)})")
        packs[name] = load_pack(available[name])
    for directory in extra_rule_dirs:
        if not directory.is_dir():
            raise PackError(str(directory), "--rules must name a folder of rule packs (*.yaml)",
                           sv="--rules ska ange en mapp med regelsamlingar (*.yaml)")
        for pack_path in sorted(directory.glob("*.y*ml")):
            pack = replace(load_pack(pack_path), user=True)
            packs[pack.name] = pack
    overridden = tuple(_override(pack, spec.severity, path) for pack in packs.values())
    return Suite(spec.suite, overridden, spec.fail_on, spec.discovery, spec.families, _finding_severity(spec, path))


def _finding_severity(spec: _SuiteFile, path: Path) -> dict[str, str]:
    """Severities keyed by a finding code or name ('RK601: off' switches a lint off; 'RK142: warning')."""
    names = set(FINDING_TYPES) | {t.name for t in FINDING_TYPES.values()}
    chosen = {key: level for key, level in spec.severity.items() if key in names or key.startswith(_TEXT_CODES)}
    for key, level in chosen.items():
        if level not in {s.value for s in Severity} | {"off"}:
            raise PackError(str(path), f"key 'severity': '{level}' for '{key}' is not error, warning, info or off",
                            sv=f"nyckeln 'severity': '{level}' för '{key}' är inte error, warning, info eller off")
    return chosen


def _suite_path(suite: str) -> Path:
    candidate = Path(suite)
    if candidate.suffix in (".yaml", ".yml"):
        if not candidate.exists():
            raise PackError(suite, "suite file not found", sv="sviten (filen) finns inte")
        return candidate
    bundled = bundled_checks_dir() / f"{suite}.yaml"
    if not bundled.exists():
        names = ", ".join(p.stem for p in bundled_checks_dir().glob("*.yaml"))
        raise PackError(suite, f"no bundled suite named '{suite}' (bundled: {names})",
                         sv=f"ingen medföljande svit heter '{suite}' (medföljande: {names})")
    return bundled


def _override(pack: Pack, severities: dict[str, str], path: Path) -> Pack:
    rules = []
    for rule in pack.rules:
        level = severities.get(rule.id)
        if level is not None and level not in {s.value for s in Severity}:
            raise PackError(str(path), f"key 'severity': '{level}' for rule '{rule.id}' is not error, warning or info",
                             sv=f"nyckeln 'severity': '{level}' för regeln '{rule.id}' är inte error, warning "
                                "eller info")
        rules.append(replace(rule, severity=Severity(level)) if level else rule)
    return replace(pack, rules=tuple(rules))
