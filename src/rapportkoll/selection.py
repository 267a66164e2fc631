"""Which tables a rule pack applies to: caption, header and row-label patterns, with the reason."""

from __future__ import annotations

from dataclasses import dataclass

from rapportkoll.labels import LabelPattern, label_keys, normalize_label
from rapportkoll.model import Table


@dataclass(frozen=True)
class TableSelector:
    """All given conditions must hold: caption or corner matches, and every listed column and row exists."""

    caption: LabelPattern | None = None
    corner: LabelPattern | None = None
    columns: tuple[LabelPattern, ...] = ()
    rows: tuple[LabelPattern, ...] = ()
    min_rows: int = 1

    def explain(self, table: Table) -> str | None:
        """Why the table matches, in words, or None when it does not."""
        reasons: list[str] = []
        for pattern, text, what in ((self.caption, table.caption, "caption"), (self.corner, table.corner, "corner")):
            if pattern is not None:
                why = pattern.explain(text)
                if why is None:
                    return None
                reasons.append(f"{what} {why}")
        for pattern in self.columns:
            why = next((w for w in map(pattern.explain, table.columns) if w), None)
            if why is None:
                return None
            reasons.append(f"column {why}")
        labels = tuple([row.label.text for row in table.rows]) if self.rows else ()
        for pattern in self.rows:
            first = first_row(pattern, labels)
            if first is None:
                return None
            reasons.append(f"row {pattern.explain(labels[first])}")
        if len(table.rows) < self.min_rows:
            return None
        return "; ".join(reasons) or "matches any table"


def first_row(pattern: LabelPattern, labels: tuple[str, ...]) -> int | None:
    """The first of ``labels`` that ``pattern`` explains, or None.

    A label written as an alternative has the alternative's key, unless the key holds a wildcard, so
    an alternative without one is found by its key alone: one search of the table's keys in C (each
    pack's selector read 10⁵ labels one by one on a long table). Wildcards are matched label by label.
    """
    keys = label_keys(labels)
    firsts = []
    for alternative in pattern.alternatives:
        wanted = normalize_label(alternative, pattern=True)
        if "*" not in wanted:
            firsts.append(keys.index(wanted) if wanted in keys else None)
        else:
            firsts.append(next((i for i, label in enumerate(labels) if pattern.explain(label)), None))
    return min((i for i in firsts if i is not None), default=None)
