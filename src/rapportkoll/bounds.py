"""Limits on one input file: how much may be read, and how long and how much memory checking it may take.

Every limit has a default far above any real report and a flag that raises it (`--max-seconds`,
`--max-memory`, `--limit NAME=VALUE`). Readers ask ``current()``; hitting a limit is an
``InputError`` (exit 2) that names the limit and the flag.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from rapportkoll.readers.errors import InputError

_MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The bounds of one file's check; see the README's "Limits" section for what each one stops."""

    seconds: float = 30.0  # wall time of reading and checking one file
    memory: int = 1024 * _MIB  # address space the check of one file may add
    bytes: int = 200 * _MIB  # size of the file on disk
    unpacked: int = 200 * _MIB  # bytes a workbook or Word document unpacks to
    text: int = 32 * _MIB  # bytes of text to parse: a text export, or the XML of an Office file
    rows: int = 10_000  # rows of one table
    columns: int = 64  # columns of one table (the real tables in tests/realworld have at most 8)
    cells: int = 100_000  # cells of a workbook, a CSV file or one table (openpyxl reads ~10 000 a second, twice)
    pages: int = 2000  # pages of a PDF
    pdf_objects: int = 50_000  # characters, lines, rectangles and images of one PDF page (a dense one has 5 000)


# What each limit counts, in Swedish and English, for the message that names it.
_WHAT = {
    "seconds": ("tid (sekunder)", "time (seconds)"),
    "memory": ("minne (byte)", "memory (bytes)"),
    "bytes": ("filstorlek (byte)", "file size (bytes)"),
    "unpacked": ("uppackad storlek (byte)", "unpacked size (bytes)"),
    "text": ("textstorlek (byte)", "text size (bytes)"),
    "rows": ("rader i en tabell", "rows in one table"),
    "columns": ("kolumner i en tabell", "columns in one table"),
    "cells": ("celler", "cells"),
    "pages": ("sidor", "pages"),
    "pdf_objects": ("objekt på en PDF-sida", "objects on one PDF page"),
}
_SUFFIXES = {"": 1, "k": 1024, "m": _MIB, "g": 1024 * _MIB}
_LIMITS: ContextVar[Limits] = ContextVar("rapportkoll_limits", default=Limits())


def current() -> Limits:
    """The limits of the check under way (the defaults outside ``using``)."""
    return _LIMITS.get()


@contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Within the block, readers and the budget apply ``limits``."""
    token = _LIMITS.set(limits)
    try:
        yield limits
    finally:
        _LIMITS.reset(token)


def flag(name: str) -> str:
    """The command-line flag that raises limit ``name``, as a user would type it."""
    return {"seconds": "--max-seconds N", "memory": "--max-memory N"}.get(name, f"--limit {name}=N")


def over(place: str, name: str, found: int | float | None = None) -> InputError:
    """The refusal of input past limit ``name``: what, how much, the limit and the flag that raises it."""
    from rapportkoll.readers.errors import InputError  # the readers package imports this module

    limit = getattr(current(), name)
    what_sv, what_en = _WHAT[name]
    seen = "" if found is None else f"{_show(found)} > "
    amount = f"{seen}{_show(limit)}"
    return InputError(place, f"över gränsen för {what_sv} ({amount}); höj den med {flag(name)} om filen är äkta",
                      f"over the limit on {what_en} ({amount}); raise it with {flag(name)} if the file is genuine")


def _show(amount: int | float) -> str:
    return f"{amount:g}" if isinstance(amount, float) else str(amount)


def parse_amount(name: str, text: str) -> int | float:
    """'30', '1.5', '512M', '2G' (binary units) as the limit's number; ValueError for anything else."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*", text.lower())
    if match is None or len(match[1]) > 15:
        raise ValueError(f"'{text}' is not an amount (e.g. 30, 512M, 2G)")
    value = float(match[1]) * _SUFFIXES[match[2]]
    if value <= 0:
        raise ValueError(f"{name} must be positive")
    return value if name == "seconds" else int(value)


def with_settings(base: Limits, settings: dict[str, str]) -> Limits:
    """``base`` with limits set by name ('rows' → '500000'); ValueError naming an unknown limit."""
    known = {f.name for f in fields(Limits)}
    for name in settings:
        if name not in known:
            raise ValueError(f"unknown limit '{name}' (known: {', '.join(sorted(known))})")
    return replace(base, **{name: parse_amount(name, value) for name, value in settings.items()})
