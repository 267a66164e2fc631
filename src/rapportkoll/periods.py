"""The period and the side (kommun or koncern) a column header names, so statements pair their columns.

A resultaträkning heads its columns "Kommunen 2021", the balansräkning "2021-12-31" and the
kassaflödesanalys "Kommun 2021": the same figure sits in the column of one year and one side.
Budget, prognos and plan columns name another quantity and pair with nothing.
"""

from __future__ import annotations

import re

from rapportkoll.labels import normalize_label
from rapportkoll.vocabulary import terms

_GROUP = terms("group_columns")
_OWN = terms("own_columns")
_YEAR = re.compile(r"(?:19|20)\d\d")
_BARE_YEAR = re.compile(r"^\s*((?:19|20)\d\d)\s*$")
_OTHER_QUANTITY = terms("other_quantities")


def period(header: str, side: str = "kommun") -> tuple[str, str] | None:
    """('koncern' | 'kommun', year) of a dated column of actual amounts, else None; ``side`` where the header
    names neither."""
    key = normalize_label(header)
    years = set(_YEAR.findall(key))
    if len(years) != 1 or _OTHER_QUANTITY.search(key):
        return None
    return ("koncern" if _GROUP.search(key) else "kommun" if _OWN.search(key) else side, years.pop())


def bare_year(header: str) -> int | None:
    """The year of a header that is a year and nothing else ('2024'), else None."""
    found = _BARE_YEAR.match(header)
    return int(found[1]) if found else None


def side_of(caption: str | None) -> str:
    """The side of a table's columns whose headers name none: the koncern's where the caption says so
    ('Helsingfors stadskoncerns resultaträkning  01.01.-31.12.2019'), else the kommun's."""
    return "koncern" if _GROUP.search(normalize_label(caption or "")) else "kommun"


def paired_by_period(columns: list[str], others: list[str], sides: tuple[str, str] = ("kommun", "kommun")
                     ) -> list[tuple[int, int]]:
    """(j, k) where column j of one table and column k of another are headed alike ("Budget 2014" in both),
    else name the same side and year of actual amounts, each uniquely (``sides``: each table's `side_of`)."""
    headers = {normalize_label(name): k for k, name in enumerate(others) if _YEAR.search(normalize_label(name))}
    alike = [(j, headers[normalize_label(name)]) for j, name in enumerate(columns) if normalize_label(name) in headers]
    mine_taken, theirs_taken = {j for j, _ in alike}, {k for _, k in alike}
    mine, theirs = _unique(columns, sides[0]), _unique(others, sides[1])
    return alike + [(j, theirs[key]) for key, j in mine.items()
                    if key in theirs and j not in mine_taken and theirs[key] not in theirs_taken]


def previous_year_pairs(columns: list[str]) -> list[tuple[int, int]]:
    """(j, k): column j of a year and column k of the year before, on the same side, each uniquely.

    Only whole years and year ends pair: an interim column (2023-08-31, jan–aug, delår) is not the
    end of the year the next one opens with."""
    dated = _unique([name if _year_end(name) else "" for name in columns])
    return [(j, dated[(side, str(int(year) - 1))]) for (side, year), j in dated.items()
            if (side, str(int(year) - 1)) in dated]


_PART_OF_YEAR = re.compile(r"(?<!\d)(0?[1-9]|1[01])[-/](\d\d)?(?!\d)|(19|20)\d\d-(0?[1-9]|1[01])(?!\d)|"
                           r"\b(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov)[a-zåäö]*\b|delår|tertial|period|prognos",
                           re.IGNORECASE)


def _year_end(header: str) -> bool:
    """A column of a whole year or its end (2021, 2021-12-31, 12/31/2021), not of a part of it."""
    return not _PART_OF_YEAR.search(header)


def _unique(columns: list[str], side: str = "kommun") -> dict[tuple[str, str], int]:
    seen: dict[tuple[str, str], list[int]] = {}
    for j, name in enumerate(columns):
        key = period(name, side)
        if key is not None:
            seen.setdefault(key, []).append(j)
    return {key: found[0] for key, found in seen.items() if len(found) == 1}
