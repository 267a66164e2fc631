"""Which tables a rule pack applies to: caption, header and row-label patterns, with the reason."""

from __future__ import annotations

from dataclasses import dataclass

from rapportkoll.labels import LabelPattern
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
        labels = [row.label.text for row in table.rows]
        for pattern in self.rows:
            why = next((w for w in map(pattern.explain, labels) if w), None)
            if why is None:
                return None
            reasons.append(f"row {why}")
        if len(table.rows) < self.min_rows:
            return None
        return "; ".join(reasons) or "matches any table"
