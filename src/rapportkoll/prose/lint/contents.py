"""Lint of the table of contents: an entry whose heading the document does not have."""

from __future__ import annotations

import re

from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Report
from rapportkoll.prose.cite import paragraph_ref, prose_finding

_LEADER = re.compile(r"[.\s…]+$")  # the dot leaders between an entry and its page number


def missing_headings(report: Report) -> list[Finding]:
    """Entries of the contents that name no heading or paragraph of the document (warning)."""
    texts = {_key(p.text) for p in report.prose}
    found = []
    for entry in report.contents:
        if _key(entry.text) and _key(entry.text) not in texts:
            found.append(prose_finding("RK603", "lint.toc-mismatch", Severity.WARNING,
                                       (paragraph_ref(entry, "", 0, len(entry.text)),), {"text": entry.text}))
    return found


def _key(text: str) -> str:
    return " ".join(_LEADER.sub("", text).split()).casefold()
