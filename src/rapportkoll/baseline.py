"""Accepted findings: a baseline file of fingerprints, so a run reports only what is new.

A fingerprint names what a finding is about, not where it was printed: the finding code, the rule,
the file name, the table and the row and column labels of its cells (normalised; for a claim in
the text, which has no labels, its sentence and its place in it), never line numbers or values. An edit elsewhere in the report keeps it; a new problem in the same place does
not match it, because its code or cells differ.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence, TextIO

from rapportkoll.findings import Finding
from rapportkoll.labels import normalize_label
from rapportkoll.readers.errors import InputError

VERSION = 1
_WRITE_SV, _WRITE_EN = "skriv den med `rapportkoll baseline`", "write it with `rapportkoll baseline`"


@dataclass(frozen=True)
class Entry:
    """One accepted finding; the fields besides ``fingerprint`` are for the reviewer of the file."""

    fingerprint: str
    code: str
    rule: str
    file: str
    table: str
    cells: tuple[tuple[str, str], ...]

    def describe(self) -> str:
        cells = ", ".join(f"{row} / {column}" for row, column in self.cells)
        return f"{self.file}: {self.code} {self.rule} [{self.table}] {cells}".rstrip()


@dataclass(frozen=True)
class Outcome:
    """The findings not in the baseline, how many were accepted, and accepted ones no longer found."""

    new: tuple[Finding, ...]
    suppressed: int
    gone: tuple[Entry, ...]

    def message(self, lang: str) -> str:
        gone = "".join(f"\n  {entry.describe()}" for entry in self.gone)
        if lang == "sv":
            return (f"Baslinje: {self.suppressed} godtagna avvikelser visas inte; "
                    f"{len(self.gone)} poster i baslinjen förekommer inte längre{':' if gone else '.'}{gone}")
        return (f"Baseline: {self.suppressed} accepted findings not shown; "
                f"{len(self.gone)} baseline entries no longer occur{':' if gone else '.'}{gone}")


def entry(finding: Finding) -> Entry:
    """The baseline entry of a finding, with its fingerprint."""
    place = finding.cells[0].location if finding.cells else finding.table_location
    file = Path(place.path).name if place else ""
    cells = tuple(sorted({(c.row, c.column) if c.row or c.column else (_claim(c), c.text) for c in finding.cells}))
    key = [finding.code, finding.rule, file, normalize_label(finding.table),
           [[normalize_label(row), normalize_label(column)] for row, column in cells]]
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:16]
    return Entry(digest, finding.code, finding.rule, file, finding.table, cells)


def _claim(cell) -> str:
    """Where in its sentence a claim of the text sits (a sentence can hold several), not on which line."""
    return f"@{cell.location.span_start}" if getattr(cell.location, "span_start", None) is not None else ""


def write_baseline(findings: Iterable[Finding], stream: TextIO) -> None:
    """Every finding as an accepted entry, in the order of the report, as JSON."""
    document = {"version": VERSION, "tool": "rapportkoll",
                "findings": [{**vars(e), "cells": [list(c) for c in e.cells]} for e in map(entry, findings)]}
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def load_baseline(path: Path) -> list[Entry]:
    """The entries of a baseline file; InputError (exit code 2) when it is missing or not one."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("version") != VERSION:
            raise ValueError(f"version {document.get('version')!r}, expected {VERSION}")
        return [Entry(e["fingerprint"], e["code"], e["rule"], e["file"], e["table"],
                      tuple(tuple(c) for c in e["cells"])) for e in document["findings"]]
    except OSError as error:
        raise InputError(str(path), f"baslinjen kan inte läsas ({error.strerror}); {_WRITE_SV}",
                         f"the baseline cannot be read ({error.strerror}); {_WRITE_EN}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise InputError(str(path), f"inte en baslinje från rapportkoll ({error}); {_WRITE_SV}",
                         f"not a rapportkoll baseline ({error}); {_WRITE_EN}") from None


def apply_baseline(findings: Sequence[Finding], entries: list[Entry]) -> Outcome:
    """Findings whose fingerprint the baseline lacks; an entry accepts as many findings as it occurs."""
    accepted = Counter(e.fingerprint for e in entries)
    new = []
    for finding in findings:
        fingerprint = entry(finding).fingerprint
        if accepted[fingerprint] > 0:
            accepted[fingerprint] -= 1
        else:
            new.append(finding)
    left = Counter(+accepted)
    gone = []
    for e in entries:
        if left[e.fingerprint] > 0:
            left[e.fingerprint] -= 1
            gone.append(e)
    return Outcome(tuple(new), len(findings) - len(new), tuple(gone))
