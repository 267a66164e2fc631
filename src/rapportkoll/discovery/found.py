"""A relation discovery found: a rule as pack data (kind + params), with its evidence and wording."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapportkoll.discovery.evidence import Evidence
from rapportkoll.labels import normalize_label, occurrence_names
from rapportkoll.vocabulary import terms

BREAKDOWN = terms("breakdown_rows")  # 'of which' lines detail the row above
TOTAL_WORDS = terms("total_rows")
SUM_OF = terms("sum_words")
BARE_SUM = terms("bare_sum")
RESULT_WORDS = terms("result_rows")
_DERIVED_HEADERS = terms("derived_columns")


def derived_header(name: str) -> bool:
    """A header naming a derived column, hyphenated as printed or not ('Av-vikelse', 'Diff.')."""
    return bool(_DERIVED_HEADERS.search(name))


@dataclass(frozen=True)
class Found:
    kind: str
    params: dict
    evidence: Evidence
    how_sv: str
    how_en: str
    # The rows a row sum reads, its total first, where discovery knows them: its rule is compiled from these
    # positions without resolving its labels again (a long table has 10⁴ such rules).
    at: tuple[int, ...] = ()

    def title(self) -> dict[str, str]:
        return {"sv": f"Upptäckt: {self.how_sv} ({self.evidence.describe('sv')})",
                "en": f"Discovered: {self.how_en} ({self.evidence.describe('en')})"}


def referable(labels: list[str]) -> list[bool]:
    """Which labels name exactly one row (or column), so a rule can refer to them by label."""
    keys = [normalize_label(label) for label in labels]
    counts = Counter(keys)
    return [bool(key) and counts[key] == 1 and not label.startswith("@") for key, label in zip(keys, labels)]


def column_names(headers: list[str]) -> list[str]:
    """How a rule names each column: its header where it names one column, else its position ('@3'): a header
    printed twice ('Utfall' over this year and the years before, lost years) still has relations to check."""
    usable = referable(headers)
    return [name if ok and "*" not in name else f"@{j + 1}" for j, (name, ok) in enumerate(zip(headers, usable))]


def row_names(labels: list[str], keys: list[str] | None = None) -> list[str | None]:
    """How a rule names each row: its label, 'label #k' for the k-th of rows sharing it ('Ingående värde #3'
    in a note of four asset classes, '– Eget kapital' under its heading 'Eget kapital'); None where no
    label can (one a rule would read as a position). A row printed without a label is '#k', the k-th such."""
    return [None if label.startswith("@") else name for label, name in zip(labels, occurrence_names(labels, keys))]
