"""Numbers as Excel displays them: a cell's value rendered with its number format, in Swedish."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

from rapportkoll.numbers import Parsed, parse


_EXACT_DIGITS = 330  # a double's integer part has at most 309 digits; the default context keeps 28


@dataclass(frozen=True)
class _Plan:
    """One section of a number format, read once: literal text around the digits, and the digits' shape."""

    prefix: str
    suffix: str
    percent: int  # each '%' multiplies by 100
    scale: int  # each ',' after the digits divides by 1 000
    min_int: int
    min_dec: int
    max_dec: int
    grouped: bool
    digits: bool  # False: the section is literal text only ('"-"' for zero, '' to hide)


def render_number(value: float, number_format: str) -> tuple[str, Parsed]:
    """The text Excel shows for ``value`` in ``number_format`` (Swedish: decimal comma, space grouping).

    Common formats are understood: 0, #,##0, decimals, %, thousands scaling ('#,##0,'), literal
    text, and sections for negatives and zero ('#,##0;(#,##0);"-"'). Anything else (dates,
    fractions, scientific, conditions) is shown as Excel's General format would.
    """
    sections = _sections(number_format)
    explicit = value < 0 and len(sections) > 1 or value == 0 and len(sections) > 2
    plan = _plan(sections[1 if value < 0 else 2] if explicit else sections[0])
    if plan is None:
        text = core = _general(value)
    elif not plan.digits:
        text = core = plan.prefix
    else:
        text, core = _render(abs(value) if explicit else value, plan, signed=not explicit)
    parsed = parse(text)
    if not parsed.is_numeric and core != text:  # a unit or word in the format ('1 234 tkr'): still the number
        parsed = bare if (bare := parse(core)).is_numeric else parsed
    return text, parsed


@lru_cache(maxsize=64)
def _sections(number_format: str) -> tuple[str, ...]:
    """The format's sections (positive; negative; zero; text), split at semicolons outside quotes."""
    sections, current, quoted, at = [], "", False, 0
    while at < len(number_format):
        char = number_format[at]
        if char == "\\" and not quoted:
            current += number_format[at:at + 2]
            at += 2
            continue
        quoted ^= char == '"'
        if char == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += char
        at += 1
    return (*sections, current)


@lru_cache(maxsize=256)
def _plan(section: str) -> _Plan | None:
    """None for what is left to General: 'General', '@', dates, times, fractions, scientific, conditions."""
    if "general" in section.lower() or section.strip() == "@":
        return None
    tokens = _tokens(section)
    if tokens is None:
        return None
    places = [i for i, (kind, _) in enumerate(tokens) if kind == "digit"]
    if not places:
        return _Plan("".join(t for _, t in tokens), "", 0, 0, 0, 0, 0, False, False)
    pattern = "".join(text for kind, text in tokens if kind == "digit")
    whole, _, fraction = pattern.partition(".")
    scale = len(whole) - len(whole.rstrip(",")) + len(fraction) - len(fraction.rstrip(","))
    whole, fraction = whole.rstrip(","), fraction.replace(",", "")
    inner = tokens[places[0]:places[-1] + 1]
    grouped = "," in whole or ("lit", " ") in inner  # '# ##0' as some tools write it
    return _Plan("".join(t for _, t in tokens[:places[0]]), "".join(t for _, t in tokens[places[-1] + 1:]),
                 sum(kind == "pct" for kind, _ in tokens), scale, whole.count("0"), fraction.count("0"),
                 len(fraction), grouped, True)


def _tokens(section: str) -> list[tuple[str, str]] | None:
    """('lit', text), ('digit', placeholder) and ('pct', '%') tokens; None for formats left to General."""
    tokens: list[tuple[str, str]] = []
    at = 0
    while at < len(section):
        char = section[at]
        if char == '"':
            end = section.find('"', at + 1)
            end = len(section) if end < 0 else end
            tokens.append(("lit", section[at + 1:end]))
            at = end + 1
            continue
        if char in "\\_*":  # escaped literal, padding as wide as a character, fill
            tokens.append(("lit", {"\\": section[at + 1:at + 2], "_": " ", "*": ""}[char]))
            at += 2
            continue
        if char == "[":
            end = section.find("]", at)
            inner = section[at + 1:end] if end > 0 else ""
            if inner[:1] in "<>=":
                return None  # conditional sections
            if inner.startswith("$"):
                tokens.append(("lit", inner[1:].split("-")[0]))
            at = len(section) if end < 0 else end + 1
            continue
        if char in "0#?.,":
            tokens.append(("digit", char))
        elif char == "%":
            tokens.append(("pct", "%"))
        elif char.lower() in "ymdhseb/":
            return None  # dates, times, scientific and fractions
        elif char != "@":
            tokens.append(("lit", char))
        at += 1
    return tokens


def _render(value: float, plan: _Plan, signed: bool) -> tuple[str, str]:
    """The text shown, and the bare number in it (sign, digits, per cent) for when the text is not a number."""
    with localcontext() as exact:  # room for every digit of any double at any number of decimals
        exact.prec = _EXACT_DIGITS + plan.max_dec + 2 * plan.percent
        number = Decimal(repr(abs(value))) * 100 ** plan.percent / 1000 ** plan.scale
        shown = number.quantize(Decimal(1).scaleb(-plan.max_dec), rounding=ROUND_HALF_UP)
    int_digits, _, frac_digits = f"{shown:f}".partition(".")
    while len(frac_digits) > plan.min_dec and frac_digits.endswith("0"):
        frac_digits = frac_digits[:-1]
    int_digits = int_digits.lstrip("0").zfill(plan.min_int)
    if plan.grouped and int_digits:
        int_digits = f"{int(int_digits):,}".replace(",", " ")
    digits = int_digits + (f",{frac_digits}" if frac_digits else "")
    sign = "-" if signed and value < 0 and shown != 0 else ""
    bare = f"{sign}{'0' if digits.startswith(',') else ''}{digits}{'%' if plan.percent else ''}"
    return f"{sign}{plan.prefix}{digits}{plan.suffix}", bare


def _general(value: float) -> str:
    """Excel's General format: at most ten significant digits, no grouping."""
    if value == int(value) and abs(value) < 1e11:
        return str(int(value))
    if abs(value) >= 1e11 or abs(value) < 1e-9:
        return f"{value:.5E}".replace(".", ",")
    places = max(0, 10 - len(str(int(abs(value)))))
    text = f"{Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".").replace(".", ",") if "." in text else text
