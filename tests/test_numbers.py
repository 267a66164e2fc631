"""The Swedish number parser: every printed form, the decimals it shows, and what is not a number."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rapportkoll.numbers import CellKind, format_like, format_number, parse

NUMBERS = [
    # text, kind, value, decimals
    ("1 325", CellKind.NUMBER, 1325.0, 0),
    ("1\u00a0325", CellKind.NUMBER, 1325.0, 0),          # no-break space
    ("1\u2009325", CellKind.NUMBER, 1325.0, 0),          # thin space
    ("1\u202f325", CellKind.NUMBER, 1325.0, 0),          # narrow no-break space
    ("1 000 002", CellKind.NUMBER, 1000002.0, 0),
    ("0", CellKind.NUMBER, 0.0, 0),
    ("868", CellKind.NUMBER, 868.0, 0),
    ("-5 806", CellKind.NUMBER, -5806.0, 0),
    ("\u22125 806", CellKind.NUMBER, -5806.0, 0),        # U+2212 minus sign
    ("\u2013 5 806", CellKind.NUMBER, -5806.0, 0),       # en dash and a space
    ("\u20135 806", CellKind.NUMBER, -5806.0, 0),        # en dash
    ("- 5 806", CellKind.NUMBER, -5806.0, 0),
    ("+15", CellKind.NUMBER, 15.0, 0),
    ("26,6", CellKind.NUMBER, 26.6, 1),
    ("-114 394", CellKind.NUMBER, -114394.0, 0),
    ("3,0 %", CellKind.PERCENT, 3.0, 1),
    ("3,0\u00a0%", CellKind.PERCENT, 3.0, 1),
    ("-0,37 %", CellKind.PERCENT, -0.37, 2),
    ("0,48 %", CellKind.PERCENT, 0.48, 2),
    ("+0,3%", CellKind.PERCENT, 0.3, 1),
    ("12%", CellKind.PERCENT, 12.0, 0),
    ("22 %", CellKind.PERCENT, 22.0, 0),
    ("41,4%", CellKind.PERCENT, 41.4, 1),
    ("(788)", CellKind.NUMBER, -788.0, 0),
    ("(1 325)", CellKind.NUMBER, -1325.0, 0),
    ("Prel 70", CellKind.NUMBER, 70.0, 0),
    ("Prel 65", CellKind.NUMBER, 65.0, 0),
    ("26,6\u00b9\u2075", CellKind.NUMBER, 26.6, 1),      # footnote 15 in superscript
    ("26,6 \u00b9\u2075", CellKind.NUMBER, 26.6, 1),
    ("3,1 (*)", CellKind.NUMBER, 3.1, 1),
    ("3,1 %\u00b2", CellKind.PERCENT, 3.1, 1),
    ("0,125", CellKind.NUMBER, 0.125, 3),
    ("  1 574  ", CellKind.NUMBER, 1574.0, 0),
    ("-0,4 procentenheter", CellKind.PERCENT, -0.4, 1),  # a change of a rate in percentage points
    ("1,2 %-enheter", CellKind.PERCENT, 1.2, 1),
    ("0,5 p.e.", CellKind.PERCENT, 0.5, 1),
    ("‑0,3 %-enh.", CellKind.PERCENT, -0.3, 1),     # non-breaking hyphen as minus
    # dots as thousands separators, as some municipalities' exports print them (bench/metamorphic.py)
    ("1.234,5", CellKind.NUMBER, 1234.5, 1),
    ("-1.234.567,25", CellKind.NUMBER, -1234567.25, 2),
    ("(1.234,5)", CellKind.NUMBER, -1234.5, 1),
    ("– 12.345,0", CellKind.NUMBER, -12345.0, 1),
    ("12.345 tkr", CellKind.NUMBER, 12345.0, 0),
    ("1.234,5 %", CellKind.PERCENT, 1234.5, 1),
    ("3.5", CellKind.NUMBER, 3.5, 1),                   # a decimal point: no group of three follows
]


@pytest.mark.parametrize(("text", "kind", "value", "decimals"), NUMBERS)
def test_numbers_parse_with_value_and_decimals(text, kind, value, decimals):
    parsed = parse(text)
    assert parsed.kind is kind
    assert parsed.value == pytest.approx(value, abs=1e-12)
    assert parsed.decimals == decimals
    assert parsed.is_numeric


@pytest.mark.parametrize(("text", "flag"), [
    ("(788)", "parenthesized"), ("(1 325)", "parenthesized"),
    ("1 325", "grouped"), ("1\u00a0325", "grouped"), ("1\u202f325", "grouped"),
])
def test_flags_are_kept(text, flag):
    assert getattr(parse(text), flag) is True


@pytest.mark.parametrize("text", ["1325", "70", "-5", "3,0 %"])
def test_plain_numbers_carry_no_flags(text):
    parsed = parse(text)
    assert (parsed.parenthesized, parsed.grouped) == (False, False)


def test_a_preliminary_value_is_read_as_its_number():
    parsed = parse("Prel 3,5 %")
    assert (parsed.kind, parsed.value, parsed.decimals) == (CellKind.PERCENT, 3.5, 1)


@pytest.mark.parametrize("text", [
    "-", "\u2013", "\u2014", "..", "...", "\u2026", "x",
    "Ej publicerat", "Inget utfall", "Mäts 2023", "mäts 2024", "Ingen mätning", "Ej mätt", "Saknas",
    "ej publicerat", "INGET UTFALL", " Ej publicerat ",
])
def test_markers(text):
    parsed = parse(text)
    assert parsed.kind is CellKind.MARKER
    assert parsed.value is None
    assert not parsed.is_numeric


@pytest.mark.parametrize("text", [
    "9,3 20,7)", "(788 (964)", "13,9% 4,6%)", "26,35 (28,2%)", "93% (92%)", "84/60", "(-788)",
    "1 3255", "Min 35%", "<7%", "Öka", "Målet uppfylls", "KS 2023-01-23 § 9", "12,", ",5", "1,2,3", "%",
])
def test_malformed_or_prose_is_text(text):
    parsed = parse(text)
    assert parsed.kind is CellKind.TEXT
    assert parsed.value is None and parsed.decimals is None


@pytest.mark.parametrize("text", ["", " ", "\t", "\u00a0", "  \u2009 "])
def test_blank(text):
    assert parse(text).kind is CellKind.BLANK


@pytest.mark.parametrize(("text", "half"), [("1 325", 0.5), ("3,0 %", 0.05), ("-0,37 %", 0.005), ("0,125", 0.0005)])
def test_half_unit_follows_the_decimals_shown(text, half):
    assert parse(text).half_unit == pytest.approx(half)


@pytest.mark.parametrize(("value", "decimals", "percent", "text"), [
    (-5806, 0, False, "-5 806"), (1325, 0, False, "1 325"), (3.0, 1, True, "3,0 %"), (0.48, 2, True, "0,48 %"),
    (-0.37, 2, True, "-0,37 %"), (-0.4, 0, False, "0"), (1234567.891, 2, False, "1 234 567,89"),
])
def test_format_number(value, decimals, percent, text):
    assert format_number(value, decimals, percent=percent) == text


@pytest.mark.parametrize(("value", "template", "text"), [
    (-964, "(788)", "(964)"), (1000000, "1 000 002", "1 000 000"), (12, "17", "12"), (-0.48, "0,48 %", "-0,48 %"),
    (5190, "5109", "5190"),
])
def test_format_like_keeps_the_style_of_the_cell(value, template, text):
    assert format_like(value, parse(template)) == text


# --- properties -------------------------------------------------------------------------------

DECIMALS = st.integers(min_value=0, max_value=3)
VALUES = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(value=VALUES, decimals=DECIMALS, percent=st.booleans(), grouped=st.booleans())
@example(value=-5806, decimals=0, percent=False, grouped=True)
@example(value=-0.4, decimals=0, percent=False, grouped=True)
@example(value=1000.5, decimals=0, percent=True, grouped=True)
def test_format_then_parse_round_trips(value, decimals, percent, grouped):
    text = format_number(value, decimals, percent=percent, grouped=grouped)
    parsed = parse(text)
    assert parsed.kind is (CellKind.PERCENT if percent else CellKind.NUMBER), text
    assert parsed.decimals == decimals, text
    assert parsed.value == pytest.approx(round(value, decimals), abs=0.5 * 10.0 ** -decimals * 1e-6), text


@settings(max_examples=200, deadline=None)
@given(value=VALUES, decimals=DECIMALS, space=st.sampled_from([" ", "\u00a0", "\u2009", "\u202f"]))
def test_any_grouping_space_reads_the_same(value, decimals, space):
    text = format_number(value, decimals, grouped=True)
    assert parse(text.replace(" ", space)) == parse(text)


@settings(max_examples=500, deadline=None)
@given(st.text())
@example("(")
@example("()")
@example("Prel ")
@example("\u00b9\u00b2")
@example("(*)")
@example("- -")
def test_parse_never_raises(text):
    parsed = parse(text)
    assert parsed.kind in CellKind
    assert (parsed.value is not None) == parsed.is_numeric


@pytest.mark.parametrize("text, value, decimals", [("1 322 233 tkr", 1322233.0, 0), ("1 615 tkr", 1615.0, 0),
                                                   ("3,5 mnkr", 3.5, 1), ("-12 kr", -12.0, 0)])
def test_an_amount_may_carry_its_currency_unit(text, value, decimals):
    """Håbo 2022 (tests/realworld) prints every amount as '1 615 tkr': amounts, not text."""
    parsed = parse(text)
    assert (parsed.kind, parsed.value, parsed.decimals) == (CellKind.NUMBER, value, decimals)


@pytest.mark.parametrize("text", ["tkr", "kr 12", "12 kronor", "12 tkr 13"])
def test_a_unit_alone_or_in_words_is_no_amount(text):
    assert not parse(text).is_numeric


@given(st.integers(-10**16, 10**16), st.booleans(), st.sampled_from(["", "0", "00"]))
@example(-0, False, "")
@example(10**15 - 1, True, "")
def test_plain_integers_read_as_the_general_path_reads_them(value, grouped, zeros):
    """The fast path for whole ASCII amounts gives exactly what the general number parser gives."""
    from rapportkoll.numbers import Parsed, _parse_number

    text = zeros + (f"{abs(value):,}".replace(",", " ") if grouped else str(abs(value)))
    text = f"-{text}" if value < 0 else text
    assert parse(text) == (_parse_number(text) or Parsed(CellKind.TEXT))
