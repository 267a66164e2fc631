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
from rapportkoll.frame import TableView
from rapportkoll.labels import normalize_label
from rapportkoll.model import Table
from rapportkoll.packs import MAX_RULES, Pack, pack_from_mapping


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
    slug = _slug(table.corner or table.caption)
    name = f"upptackt-{table.index + 1}-{slug}"  # unique within a report: `infer` writes one file per pack
    selector = {"caption": table.caption, "corner": table.corner} if table.caption else {"corner": table.corner}
    rows = sorted({f.params["total"] for f in found if f.kind == "sum"})[:3]
    if rows:
        selector["rows"] = rows
    unique: dict[str, dict] = {}
    for item in found:  # the same relation found twice is one rule
        unique.setdefault(_rule_id(slug, item), {"kind": item.kind, "title": item.title(),
                                                 "severity": item.evidence.severity, **item.params})
    rules = [{"id": rule_id, **rule} for rule_id, rule in unique.items()]
    return {"pack": name, "title": {"sv": f"Upptäckta samband: {table.title}",
                                    "en": f"Discovered relations: {table.title}"},
            "applies_to": selector, "rules": rules}


def discovered_pack(view: TableView) -> Pack | None:
    found = discovered_in(view)
    if not found:
        return None
    table = view.table
    data, where = pack_data(table, found), f"discovered:{table.location.describe()}"
    # MAX_RULES bounds what a rule file may make YAML load; a long table's discovered rules (ids already
    # unique) are validated in slices of that size instead of being refused as one oversized pack
    rules = data["rules"]
    slices = [pack_from_mapping({**data, "rules": rules[k:k + MAX_RULES]}, where, "discovered")
              for k in range(0, len(rules), MAX_RULES)]
    return replace(slices[0], rules=tuple(rule for piece in slices for rule in piece.rules))


# `json.dumps` with these settings, made once: dumps builds an encoder per call (a long table has 10⁴ rules)
_IDENTITY = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def _rule_id(slug: str, item: Found) -> str:
    """Named after what the rule checks, not its position, so accepted findings (baselines) survive edits."""
    what = _IDENTITY.encode([item.kind, item.params])
    return f"upptackt-{slug}.{item.kind}-{hashlib.sha1(what.encode()).hexdigest()[:8]}"


def _slug(text: str) -> str:
    return normalize_label(text)[:30] or "tabell"
