"""A relation discovery found: a rule as pack data (kind + params), with its evidence and wording."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapportkoll.discovery.evidence import Evidence
from rapportkoll.labels import normalize_label

_SUM_WORDS = r"summa|s:a|totalt?|totala"
# Row labels that announce a total or a derived line.
TOTAL_WORDS = re.compile(rf"^({_SUM_WORDS}|netto|resultat|årets resultat|kassaflöde från)\b"
                         r"|summa\b|totalt\b|(resultat|kassaflöde|nettokostnader)$", re.IGNORECASE)
SUM_OF = re.compile(rf"^({_SUM_WORDS})\s+(?P<rest>.+)$", re.IGNORECASE)  # 'Summa X' names X
RESULT_WORDS = re.compile(r"(resultat|netto|kvar|saldo|återstår|över|under|differens|avvikelse)", re.IGNORECASE)
_DERIVED_HEADERS = re.compile(r"(avv|diff|förändr|skillnad|differens|totalt|summa|netto)", re.IGNORECASE)


def derived_header(name: str) -> bool:
    """A header naming a derived column, hyphenated as printed or not ('Av-vikelse', 'Diff.')."""
    return bool(_DERIVED_HEADERS.search(normalize_label(name)))


@dataclass(frozen=True)
class Found:
    kind: str
    params: dict
    evidence: Evidence
    how_sv: str
    how_en: str

    def title(self) -> dict[str, str]:
        return {"sv": f"Upptäckt: {self.how_sv} ({self.evidence.describe('sv')})",
                "en": f"Discovered: {self.how_en} ({self.evidence.describe('en')})"}


def referable(labels: list[str], *, as_written: bool = False) -> list[bool]:
    """Which labels name exactly one row (or column), so a rule can refer to them by label.

    A row label is resolved as written before it is normalised, so with ``as_written`` a label unique
    as printed names its row even where a heading shares its key ('Eget kapital' over '– Eget kapital').
    """
    keys = [normalize_label(label) for label in labels]
    counts = Counter(keys)
    written = Counter(label.strip() for label in labels)
    return [bool(key) and not label.startswith("@")
            and (counts[key] == 1 or (as_written and written[label] == 1 and label == label.strip()))
            for key, label in zip(keys, labels)]
