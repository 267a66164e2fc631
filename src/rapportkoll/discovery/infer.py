"""`rapportkoll infer`: the discovered relations of every table as pack files a controller can keep."""

from __future__ import annotations

import yaml

from rapportkoll.discovery.pack import discover, pack_data
from rapportkoll.model import Report

_HEADER = ("# Discovered by `rapportkoll infer` from {path}, table at {where}.\n"
           "# Review the rules, rename the pack and its ids, and keep it with --rules DIR.\n")


class _PlainDumper(yaml.SafeDumper):
    """Writes every rule in full: an alias (*id001) shared between rules would make one edit change them all."""

    def ignore_aliases(self, data) -> bool:
        return True


def infer_packs(report: Report) -> list[tuple[str, str]]:
    """(pack name, YAML text) for each table with at least one discovered relation."""
    documents = []
    others = tuple(report.tables)
    for table in report.tables:
        found = discover(table, others)
        if not found:
            continue
        data = pack_data(table, found)
        text = yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=110)
        header = _HEADER.format(path=report.path, where=table.location.describe())
        documents.append((data["pack"], header + text))
    return documents
