"""Discovery: rules for tables no pack was written for, inferred from their numbers alone.

The result is pack data in the format of `rules/`, loaded through the same validation as a pack
file, so `rapportkoll infer` can write it for a controller to review, name and keep.
"""

from __future__ import annotations

from rapportkoll.discovery.amounts import Roles
from rapportkoll.discovery.columns import column_relations
from rapportkoll.discovery.found import Found
from rapportkoll.discovery.links import table_links
from rapportkoll.discovery.ratios import ratio_relations
from rapportkoll.discovery.rows import row_relations
from rapportkoll.frame import TableView
from rapportkoll.labels import normalize_label
from rapportkoll.model import Table
from rapportkoll.packs import Pack, pack_from_mapping


def discover(table: Table, others: tuple[Table, ...] = ()) -> list[Found]:
    """Every relation the numbers of ``table`` support (rows, columns, links to other tables)."""
    view = TableView.of(table, others)
    roles = Roles.of(view)
    return (row_relations(view, roles) + column_relations(view, roles) + ratio_relations(view, roles)
            + table_links(table, others))


def pack_data(table: Table, found: list[Found]) -> dict:
    """The discovered rules of one table as a pack document (what `infer` writes as YAML)."""
    name = f"upptackt-{table.index + 1}-{_slug(table.corner or table.caption)}"
    selector = {"caption": table.caption, "corner": table.corner} if table.caption else {"corner": table.corner}
    rows = sorted({f.params["total"] for f in found if f.kind == "sum"})[:3]
    if rows:
        selector["rows"] = rows
    rules = []
    for number, item in enumerate(found, start=1):
        rules.append({"id": f"{name}.{number}", "kind": item.kind, "title": item.title(),
                      "severity": item.evidence.severity, **item.params})
    return {"pack": name, "title": {"sv": f"Upptäckta samband: {table.title}",
                                    "en": f"Discovered relations: {table.title}"},
            "applies_to": selector, "rules": rules}


def discovered_pack(table: Table, others: tuple[Table, ...]) -> Pack | None:
    found = discover(table, others)
    if not found:
        return None
    return pack_from_mapping(pack_data(table, found), f"discovered:{table.location.describe()}", "discovered")


def _slug(text: str) -> str:
    return normalize_label(text)[:30] or "tabell"
