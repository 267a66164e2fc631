"""Parsing and formatting of the numbers printed in Swedish reports, keeping the precision shown."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from enum import Enum

from rapportkoll.labels import without_footnote_mark
from rapportkoll.vocabulary import terms


class CellKind(str, Enum):
    """What a cell holds, as far as its text alone can tell."""

    NUMBER = "number"
    PERCENT = "percent"
    MARKER = "marker"
    TEXT = "text"
    BLANK = "blank"


@dataclass(frozen=True, slots=True)
class Parsed:
    """A cell text read once: its value, the decimals it shows and what kind of thing it is.

    ``decimals`` is what makes rounding checks exact: "3,0 %" stands for [2.95, 3.05]. Slotted: a long
    table of distinct amounts holds one per cell (96 bytes each instead of 144).
    """

    kind: CellKind
    value: float | None = None
    decimals: int | None = None
    parenthesized: bool = False
    grouped: bool = False
    marker: str | None = None
    too_long: bool = False  # a number of more than MAX_DIGITS digits: read as text, and the reader says so

    @property
    def is_numeric(self) -> bool:
        return self.kind in (CellKind.NUMBER, CellKind.PERCENT)

    @property
    def half_unit(self) -> float:
        """Half of the last shown digit: the largest error rounding can have introduced."""
        return 0.5 * 10.0 ** -(self.decimals or 0)


# Explicit missing-value marks seen in reports ('-', 'Inget utfall', 'Mäts 2025'): vocabulary.yaml.
_MARKERS = terms("missing_markers")

_MINUS_SIGNS = "\u2212\u2013\u2011\u2010\u2012\u2014"  # − – ‑ ‐ ‒ —
_GROUP_SPACES = " \u00a0\u2009\u202f\u2007"
_SUPERSCRIPTS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_PRELIMINARY = re.compile(r"^prel(?:\.|iminärt)?\s+", re.IGNORECASE)
_SPACE_CLASS = f"[{_GROUP_SPACES}]"
_SPACES = re.compile(_SPACE_CLASS)
# Percent, and percentage points as changes of a rate are written: "0,4 %-enheter", "-1,2 procentenheter".
_PERCENT_UNIT = r"(?:%(?:-?enh(?:eter|\.)?)?|procentenh(?:eter|\.)|p\.?e\.)"
# An amount may carry its currency unit in the cell ("1 322 233 tkr"): still an amount.
_CURRENCY_UNIT = r"(?:t|mn|m|md)?kr\.?"
_NUMBER = re.compile(
    rf"^(?P<sign>[+-]?)\s?(?P<int>\d{{1,3}}(?:{_SPACE_CLASS}\d{{3}})+|\d+)"
    rf"(?:(?P<sep>[,.])(?P<frac>\d+))?(?:(?P<pct>{_SPACE_CLASS}?{_PERCENT_UNIT})|{_SPACE_CLASS}?{_CURRENCY_UNIT})?$",
    re.IGNORECASE,
)
# Dots as thousands separators ("1.325", "1.234,5", "12.345 tkr"): followed by a decimal comma, a unit or nothing.
_DOT_GROUPED = re.compile(r"^[+-]?\s?\d{1,3}(?:\.\d{3})+(?=,\d|[^\d.,]|$)")
# Digits a float holds exactly (15 significant): a longer number cannot be checked to its last digit.
MAX_DIGITS = 15


@functools.lru_cache(maxsize=1 << 16)
def parse(text: str) -> Parsed:
    """Read one cell text. Never raises: what is not a number is a marker, text or blank.

    Remembered per text: large tables repeat their numbers, markers and blanks, and a header
    test reads a row again.
    """
    plain = PLAIN_INTEGER.fullmatch(text)
    if plain is not None and not _MARKERS.search(text):
        return _plain_integer(plain)
    core = _normalize(text)
    if not core:
        return Parsed(CellKind.BLANK)
    if _MARKERS.search(core):
        return Parsed(CellKind.MARKER, marker=core)
    parsed = _parse_number(_PRELIMINARY.sub("", core, count=1))  # 'Prel 70' is 70, to be checked like any other
    return Parsed(CellKind.TEXT) if parsed is None else parsed


# The commonest cell of a large table, a whole amount in ASCII ('-12 345'), read without the general path
# (footnote marks, markers, percent, currency units), which costs four times as much. No missing-value
# marker has this form (tests/test_numbers.py checks), so a reader may read a column of them at once.
PLAIN_INTEGER = re.compile(r"(-?)(\d{1,3}(?: \d{3}){1,4}|\d{1,15})")  # at most MAX_DIGITS digits


def _plain_integer(match: re.Match) -> Parsed:
    """What `_parse_number` makes of the same text."""
    digits = match[2].replace(" ", "")
    value = float(digits)
    return Parsed(CellKind.NUMBER, -value if match[1] else value, 0, grouped=digits != match[2])


def _normalize(text: str) -> str:
    """The cell's text without surrounding space and a trailing footnote mark ('12 345¹', '-3,5 (*)')."""
    core = canonical_signs_and_spaces(text)
    bare = core.rstrip(_SUPERSCRIPTS)
    return (bare if bare != core else without_footnote_mark(core)).strip()


def canonical_signs_and_spaces(text: str) -> str:
    """Every minus form as '-', every grouping space as ' ': what other number-shaped checks match on."""
    return text.strip().translate(_CANONICAL)


_CANONICAL = str.maketrans({**{sign: "-" for sign in _MINUS_SIGNS}, **{space: " " for space in _GROUP_SPACES[1:]}})


def _parse_number(core: str) -> Parsed | None:
    parenthesized = core.startswith("(") and core.endswith(")")
    if parenthesized:
        core = core[1:-1].strip()
    if grouped := _DOT_GROUPED.match(core):
        core = grouped[0].replace(".", " ") + core[grouped.end():]
    match = _NUMBER.match(core)
    if match is None or (parenthesized and match["sign"]):
        return None
    digits = _SPACES.sub("", match["int"])
    frac = match["frac"] or ""
    if len(digits.lstrip("0")) + len(frac) > MAX_DIGITS:
        return Parsed(CellKind.TEXT, too_long=True)
    value = float(f"{digits}.{frac}" if frac else digits)
    if match["sign"] == "-" or parenthesized:
        value = -value
    kind = CellKind.PERCENT if match["pct"] else CellKind.NUMBER
    grouped = digits != match["int"]
    return Parsed(kind, value, len(frac), parenthesized=parenthesized, grouped=grouped)


def format_number(value: float, decimals: int, *, percent: bool = False, grouped: bool = True) -> str:
    """Write a value the way a Swedish report would: "-5 806", "3,0 %", "0,48 %"."""
    if not math.isfinite(value):
        return str(value)  # a relation of numbers past any report's (only a hostile pack gets here)
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    sign = "-" if rounded < 0 else ""
    whole, _, frac = f"{abs(rounded):.{decimals}f}".partition(".")
    if grouped:
        whole = f"{int(whole):,}".replace(",", " ")
    text = f"{sign}{whole}" + (f",{frac}" if frac else "")
    return f"{text} %" if percent else text


def format_tolerance(tolerance: float) -> str:
    """A tolerance as exactly as it is known: a sum of half-units prints in full ('0,105', never '0,11')."""
    exact = next((d for d in range(5) if abs(round(tolerance, d) - tolerance) < 1e-9 * max(1.0, tolerance)), None)
    decimals = exact if exact is not None else (4 if tolerance < 1 else 1)
    return format_number(tolerance, decimals, grouped=False)


def format_like(value: float, template: Parsed) -> str:
    """Format a suggested value in the style of the cell it would replace."""
    decimals = template.decimals or 0
    grouped = template.grouped or template.value is None or abs(template.value) < 1000
    text = format_number(value, decimals, percent=template.kind is CellKind.PERCENT, grouped=grouped)
    if template.parenthesized and value < 0:
        return f"({text[1:]})"
    return text
