"""What the law makes true in every municipality's statements, applied wherever their labels appear.

A kommunkoncern's companies pay no municipal tax and receive no utjämning, so in a resultaträkning
printed with kommun and koncern (sammanställd redovisning) columns, the rows of tax income, general
state grants and the equalisation system print the same amount in the kommun and the koncern column
of the same year. No layout needs naming: the columns pair by year and by the rest of their header.
"""

from __future__ import annotations

import re

from rapportkoll.labels import normalize_label
from rapportkoll.model import Table
from rapportkoll.packs import Pack, pack_from_mapping

_SHARED_ROWS = re.compile(r"^(skatteint[äa]kt|generellasta[td]sbidrag|(bidragfr[åa]n|avgifteri)utj[äa]mning|"
                          r"(kommunalekonomisk|inkomst|kostnads)utj[äa]mning|utj[äa]mnings(bidrag|avgift)|"
                          r"statsbidragochutj[äa]mning)")
_GROUP = re.compile(r"(kommun)?koncern(en)?|sammanst[äa]lld(redovisning(en)?)?")
_MUNICIPALITY = re.compile(r"kommun(en)?")
_YEAR = re.compile(r"(?:19|20)\d\d")


def statement_pack(table: Table) -> Pack | None:
    """Kommun = koncern on the shared rows, for every pair of columns of one year; None when none apply."""
    rows = [row.label.text for row in table.rows if _SHARED_ROWS.search(normalize_label(row.label.text))]
    pairs = _column_pairs(list(table.columns))
    if not rows or not pairs:
        return None
    rules = [{"id": f"kommun-koncern.{n}", "kind": "equation", "axis": "columns", "severity": "error",
              "title": {"sv": f"{rows_text} är desamma för kommunen och koncernen ({group})",
                        "en": f"{rows_text} are the same for the municipality and the group ({group})"},
              "result": f"@{group_at + 1}", "plus": [f"@{own_at + 1}"], "columns": rows}
             for n, (own_at, group_at) in enumerate(pairs, start=1)
             for group, rows_text in [(table.columns[group_at], ", ".join(rows))]]
    data = {"pack": "kommun-koncern", "title": {"sv": "Skatter och utjämning: kommun = koncern",
                                                 "en": "Taxes and equalisation: municipality = group"},
            "applies_to": {}, "rules": rules}
    return pack_from_mapping(data, "bundled:statements", "declared")


def _column_pairs(columns: list[str]) -> list[tuple[int, int]]:
    """(kommun column, koncern column) of one year: the only two of that year, else the same other words.

    A kommun column may name the municipality instead ("Malmö stad 2013"), so any dated column
    that is not the group's counts as the kommun's once the table has group columns.
    """
    own: dict[str, list[tuple[str, int]]] = {}
    group: dict[str, list[tuple[str, int]]] = {}
    for j, name in enumerate(columns):
        key = normalize_label(name)
        years = _YEAR.findall(key)
        if len(years) != 1:
            continue
        side = group if _GROUP.search(key) else own
        side.setdefault(years[0], []).append((_YEAR.sub("", _MUNICIPALITY.sub("", _GROUP.sub("", key))), j))
    pairs = []
    for year, theirs in group.items():
        mine = own.get(year, [])
        if len(mine) == 1 and len(theirs) == 1:
            pairs.append((mine[0][1], theirs[0][1]))
            continue
        words = dict(mine)
        pairs.extend((words[rest], j) for rest, j in theirs if rest in words)
    return pairs
