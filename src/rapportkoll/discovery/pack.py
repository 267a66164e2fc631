"""Discovered relations as pack data: every relation a table's numbers support, written as a pack of rules."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

from rapportkoll.discovery.amounts import Roles
from rapportkoll.discovery.carried import carried
from rapportkoll.discovery.columns import column_relations
from rapportkoll.discovery.found import Found
from rapportkoll.discovery.links import table_links
from rapportkoll.discovery.ratios import ratio_relations
from rapportkoll.discovery.row_ratios import row_ratio_relations
from rapportkoll.discovery.rows import row_relations
from rapportkoll.discovery.siblings import signed_as_siblings
from rapportkoll.discovery.signs import sign_relations
from rapportkoll.discovery.year_blocks import year_block_relations
from rapportkoll.findings import Severity
from rapportkoll.frame import TableView
from rapportkoll.kinds.sum import KIND as SUM, PlacedSum
from rapportkoll.labels import LabelPattern, normalize_label
from rapportkoll.model import Table
from rapportkoll.packs import Pack, RuleSpec, pack_from_mapping, rule_from_mapping


def discover(table: Table, others: tuple[Table, ...] = ()) -> list[Found]:
    """Every relation the numbers of ``table`` support (rows, columns, links to other tables)."""
    return discovered_in(TableView.of(table, others))


def discovered_in(view: TableView) -> list[Found]:
    """`discover` through a view the caller has built already (the engine checks the table through it)."""
    roles = Roles.of(view)
    rows = signed_as_siblings(row_relations(view, roles), view)
    return (rows + carried(view, rows) + column_relations(view, roles)
            + ratio_relations(view, roles) + row_ratio_relations(view, roles) + sign_relations(view, roles)
            + year_block_relations(view, roles) + table_links(view.table, view.others))


def pack_data(table: Table, found: list[Found]) -> dict:
    """The discovered rules of one table as a pack document (what `infer` writes as YAML)."""
    rules = [_rule_data(rule_id, item) for rule_id, item in _unique(table, found).items()]
    return {**_header(table, found), "rules": rules}


def discovered_pack(view: TableView) -> Pack | None:
    """Discovery's rules of a table as a pack: a row sum from the positions discovery found (`PlacedSum`, valid
    by construction: no labels resolved, no pack data validated for each of a long table's 10⁴ sums), any other
    rule validated as pack data, as a rule file's would be."""
    found = discovered_in(view)
    if not found:
        return None
    table = view.table
    where = f"discovered:{table.location.describe()}"
    header = pack_from_mapping(_header(table, found), where, "discovered")
    rules = tuple(_placed(rule_id, item, where) if item.at else rule_from_mapping(_rule_data(rule_id, item), where)
                  for rule_id, item in _unique(table, found).items())
    return replace(header, rules=rules)


def _header(table: Table, found: list[Found]) -> dict:
    """The pack's name, title and selector (its first three totals' rows)."""
    name = f"upptackt-{table.index + 1}-{_slug(table)}"  # unique within a report: `infer` writes one file per pack
    selector = {"caption": table.caption, "corner": table.corner} if table.caption else {"corner": table.corner}
    rows = sorted({f.params["total"] for f in found if f.kind == "sum"})[:3]
    if rows:
        selector["rows"] = rows
    return {"pack": name, "title": {"sv": f"Upptäckta samband: {table.title}",
                                    "en": f"Discovered relations: {table.title}"}, "applies_to": selector}


def _unique(table: Table, found: list[Found]) -> dict[str, Found]:
    """Each relation by its rule id, in the order found: the same relation found twice is one rule."""
    slug, unique = _slug(table), {}
    for item in found:
        unique.setdefault(_rule_id(slug, item), item)
    return unique


def _rule_data(rule_id: str, item: Found) -> dict:
    return {"id": rule_id, "kind": item.kind, "title": item.title(), "severity": item.evidence.severity, **item.params}


def _placed(rule_id: str, item: Found, where: str) -> RuleSpec:
    """A row sum discovery placed, as the rule its pack data would validate to (the same id, title and scope)."""
    title = item.title()
    columns = tuple(LabelPattern((name,)) for name in item.params.get("columns", ()))
    return RuleSpec(rule_id, SUM, PlacedSum(item.at[0], item.at[1:], columns), Severity(item.evidence.severity),
                    (title["sv"].strip(), title["en"].strip()), ("", ""), where)


# `json.dumps` with these settings, made once: dumps builds an encoder per call (a long table has 10⁴ rules)
_IDENTITY = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def _rule_id(slug: str, item: Found) -> str:
    """Named after what the rule checks, not its position, so accepted findings (baselines) survive edits."""
    what = _IDENTITY.encode([item.kind, item.params])
    return f"upptackt-{slug}.{item.kind}-{hashlib.sha1(what.encode()).hexdigest()[:8]}"


def _slug(table: Table) -> str:
    return normalize_label(table.corner or table.caption)[:30] or "tabell"
