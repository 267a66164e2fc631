"""Discovery of totals the layout reads through subtotals (discovery/subtotals.py), and of the other layouts
corpus-f's held-out round showed discovery missing (issue 8). Each table is built for the test: the numbers are invented and chosen so
that every printed relation holds within rounding, unless the test says which cell it changes. None is a copy of
the real table that showed the layout (named in each comment only to say where the layout was met).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import rapportkoll
from rapportkoll.discovery import discover
from rapportkoll.findings import Severity
from rapportkoll.readers import read_report


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tabell.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def _found(path: Path) -> list:
    report = read_report(path)
    return [f for table in report.tables for f in discover(table, tuple(report.tables))]


def _sums(path: Path) -> list[tuple[str, list[str]]]:
    """(total, parts) of every sum discovered in the file."""
    return [(f.params["total"], f.params["parts"]) for f in _found(path) if f.kind == "sum"]


def _alarms(path: Path) -> list:
    return [f for f in rapportkoll.check(path, suite="generic").findings if f.severity is not Severity.INFO]


# Two blocks of rent lines under headings, each closed by a subtotal printed without a label, with a block of
# counts and a percentage between them (met in a housing company's Not 1); "Summa intäkter" sums the subtotals.
SUBTOTALS_PAST_COUNTS = """tkr\t2024\t2023
Intäkter bostäder\t\t
Hyror\t50 210\t48 930
Rabatter\t-312\t-290
\t49 898\t48 640
Nyckeltal\t\t
Antal lägenheter\t820\t815
Andel uthyrt, procent\t98%\t97%
Intäkter lokaler\t\t
Hyror\t8 450\t8 120
Vakanser\t-230\t-410
\t8 220\t7 710
Summa intäkter\t58 118\t56 350
"""


def test_a_total_sums_label_less_subtotals_past_rows_of_counts(tmp_path):
    path = _write(tmp_path, SUBTOTALS_PAST_COUNTS)
    sums = _sums(path)
    assert ("Summa intäkter", ["#1", "#2"]) in sums
    assert ("#1", ["Hyror", "Rabatter"]) in sums
    assert not any("Antal lägenheter" in parts for _, parts in sums)
    assert _alarms(path) == []


# A block of small mkr figures under its heading and a label-less subtotal (met in a property company's note):
# each figure is within ten times the rounding a sum of four allows, so the numbers alone cannot show the sum.
SMALL_BLOCK = """Mkr\t2024\t2023
Avgår hyresbortfall\t\t
Bostäder\t-2\t-1
Lokaler\t-1\t-2
Övriga objekt\t-3\t-4
\t-6\t-7
"""


def test_a_label_less_subtotal_of_small_figures_under_its_heading(tmp_path):
    assert _sums(_write(tmp_path, SMALL_BLOCK)) == [("#1", ["Bostäder", "Lokaler", "Övriga objekt"])]


def test_a_label_less_row_that_does_not_add_up_everywhere_is_no_subtotal(tmp_path):
    """2023's '-7' changed to '-10': three off its lines, beyond the rounding of four mkr figures (±2)."""
    path = _write(tmp_path, SMALL_BLOCK.replace("\t-7\n", "\t-10\n"))
    assert _sums(path) == []
    assert _alarms(path) == []


# A nil line right under its section's heading, and one opening the table: both belong to the list under them,
# not to a total further down (met in a resultaträkning's 'Övriga ränteintäkter 0 0' and a five-year summary's
# 'Likvida medel 0 0 …').
NIL_UNDER_HEADING = """Mkr\t2024\t2023
Rörelseresultat\t310\t255
Finansiella poster\t\t
Ränteintäkter\t0\t0
Räntekostnader\t-48\t-61
Summa finansiella poster\t-48\t-61
Resultat efter finansiella poster\t262\t194
"""
NIL_ON_TOP = """Mkr\t2024\t2023\t2022
Likvida medel\t0\t0\t0
Fordringar\t14\t31\t22
Fastigheter\t1 240\t1 190\t1 175
Summa tillgångar\t1 254\t1 221\t1 197
"""


@pytest.mark.parametrize("text, total, parts", [
    (NIL_UNDER_HEADING, "Summa finansiella poster", ["Ränteintäkter", "Räntekostnader"]),
    (NIL_UNDER_HEADING, "Resultat efter finansiella poster", ["Rörelseresultat", "Summa finansiella poster"]),
    (NIL_ON_TOP, "Summa tillgångar", ["Likvida medel", "Fordringar", "Fastigheter"]),
])
def test_a_nil_line_opening_a_section_is_a_part_of_its_total(tmp_path, text, total, parts):
    path = _write(tmp_path, text)
    assert (total, parts) in _sums(path)
    assert _alarms(path) == []


# A resultaträkning whose 'Summa kostnader' adds the operating costs' subtotal and the cost lines printed after
# the running subtotal 'Driftnetto' (= Summa intäkter + Summa rörelsekostnader), skipping it; 'Årets resultat' is
# Driftnetto + the same lines (met in a housing company's five-year summary).
INTERLEAVED = """Mkr\t2024\t2023\t2022\t2021
Intäkter\t\t\t\t
Hyror\t310\t298\t287\t280
Övrigt\t4\t3\t5\t2
Summa intäkter\t314\t301\t292\t282
Kostnader\t\t\t\t
Underhåll\t-80\t-72\t-65\t-60
Drift\t-130\t-127\t-121\t-118
Summa rörelsekostnader\t-210\t-199\t-186\t-178
Driftnetto\t104\t102\t106\t104
Avskrivningar\t-35\t-33\t-31\t-30
Finansiella kostnader netto\t-22\t-25\t-27\t-24
Skatt\t-9\t-8\t-10\t-11
Summa kostnader\t-276\t-265\t-254\t-243
Årets resultat\t38\t36\t38\t39
"""
COSTS_AFTER = ["Avskrivningar", "Finansiella kostnader netto", "Skatt"]


def test_a_total_interleaved_with_a_running_subtotal(tmp_path):
    path = _write(tmp_path, INTERLEAVED)
    sums = _sums(path)
    assert ("Summa kostnader", ["Summa rörelsekostnader", *COSTS_AFTER]) in sums
    assert ("Årets resultat", ["Driftnetto", *COSTS_AFTER]) in sums
    assert _alarms(path) == []


def test_a_slip_in_the_interleaved_total_is_named(tmp_path):
    """Summa kostnader 2023 '-265' printed '-256' (two digits swapped)."""
    path = _write(tmp_path, INTERLEAVED.replace("\t-265\t", "\t-256\t"))
    named = {(f.suspect.cell.row, f.suspect.cell.column, f.suspect.proposed) for f in _alarms(path) if f.suspect}
    assert ("Summa kostnader", "2023", "-265") in named


# A balance sheet printing each group's total on its heading line above its lines, the grand total of the groups
# on the line above them, one group repeating its only line's label, and a line outside the groups counted in
# SUMMA TILLGÅNGAR (met in a municipality's balansräkning).
GROUPS_ON_TOP = """Tkr\t2024\t2023
ANLÄGGNINGSTILLGÅNGAR\t52 300\t49 810
Immateriella anläggningstillgångar\t1 200\t950
Immateriella anläggningstillgångar\t1 200\t950
Materiella anläggningstillgångar\t48 100\t46 060
Mark och byggnader\t40 500\t39 020
Maskiner och inventarier\t7 600\t7 040
Finansiella anläggningstillgångar\t3 000\t2 800
Aktier och andelar\t2 400\t2 300
Långfristiga fordringar\t600\t500
Bidrag till statlig infrastruktur\t900\t950
OMSÄTTNINGSTILLGÅNGAR\t12 000\t11 500
Fordringar\t7 000\t6 900
Kassa och bank\t5 000\t4 600
SUMMA TILLGÅNGAR\t65 200\t62 260
"""


def test_groups_on_their_heading_lines_under_a_grand_total(tmp_path):
    path = _write(tmp_path, GROUPS_ON_TOP)
    sums = _sums(path)
    assert ("Immateriella anläggningstillgångar", ["Immateriella anläggningstillgångar #2"]) in sums
    assert ("ANLÄGGNINGSTILLGÅNGAR", ["Immateriella anläggningstillgångar", "Materiella anläggningstillgångar",
                                      "Finansiella anläggningstillgångar"]) in sums
    assert ("SUMMA TILLGÅNGAR", ["ANLÄGGNINGSTILLGÅNGAR", "Bidrag till statlig infrastruktur",
                                 "OMSÄTTNINGSTILLGÅNGAR"]) in sums
    assert _alarms(path) == []


# A table of one row (a maturity structure printed inside a note): the 'Totalt' column over the years.
ONE_ROW = """Förfallostruktur\t2025\t2026\t2027\t≥ 2028\tTotalt
\t1 250\t2 830\t410\t6 920\t11 410
"""


def test_a_one_row_table_checks_its_total_column(tmp_path):
    equations = [f.params for f in _found(_write(tmp_path, ONE_ROW)) if f.kind == "equation"]
    assert equations == [{"axis": "columns", "result": "Totalt", "plus": ["2025", "2026", "2027", "≥ 2028"]}]


def test_a_one_row_total_column_that_does_not_add_up_is_no_rule(tmp_path):
    """Totalt '11 410' changed to '11 401': nine off, the one row cannot tell a slip from no relation."""
    path = _write(tmp_path, ONE_ROW.replace("11 410", "11 401"))
    assert [f for f in _found(path) if f.kind == "equation"] == []
    assert _alarms(path) == []


# A closing balance that sums the lines above it (opening balance + result) and is divided by the lines under it,
# its label naming no total (met in a municipality's balansräkning and a Finnish interim balance sheet).
BOTH_WAYS = """Tkr\t2024\t2023\t2022
Eget kapital vid årets början\t120 400\t112 300\t105 800
Årets resultat\t8 150\t8 100\t6 500
Eget kapital vid årets slut\t128 550\t120 400\t112 300
– Resultatutjämningsreserv\t15 000\t15 000\t12 000
– Övrigt eget kapital\t113 550\t105 400\t100 300
"""


def test_a_row_without_a_total_word_sums_the_rows_above_and_below(tmp_path):
    path = _write(tmp_path, BOTH_WAYS)
    sums = _sums(path)
    assert ("Eget kapital vid årets slut", ["– Resultatutjämningsreserv", "– Övrigt eget kapital"]) in sums
    assert ("Eget kapital vid årets slut", ["Eget kapital vid årets början", "Årets resultat"]) in sums
    assert _alarms(path) == []


def test_rows_above_a_parent_that_fail_in_one_column_are_not_its_parts(tmp_path):
    """Årets resultat 2022 '6 500' changed to '6 900': the rows above then miss the closing balance by 400 there,
    and nothing but the numbers says they are its parts."""
    path = _write(tmp_path, BOTH_WAYS.replace("6 500", "6 900"))
    assert ("Eget kapital vid årets slut", ["Eget kapital vid årets början", "Årets resultat"]) not in _sums(path)


# Two statements of one report with the same corner 'Belopp i tkr' and their names printed above them; the cash
# flow starts from the resultaträkning's 'Resultat efter finansiella poster', under that label, in this year and
# last (met in a housing company's annual report). A link names the earlier table by its caption.
STATEMENTS = """Resultaträkning

Belopp i tkr\t2024-12-31\t2023-12-31
Nettoomsättning\t140 210\t136 400
Rörelsens kostnader\t-120 500\t-118 950
Rörelseresultat\t19 710\t17 450
Finansiella poster\t-8 420\t-7 980
Resultat efter finansiella poster\t11 290\t9 470

Kassaflödesanalys

Belopp i tkr\t2024\t2023
Resultat efter finansiella poster\t11 290\t9 470
Justering för avskrivningar\t27 300\t26 900
Kassaflöde från den löpande verksamheten\t38 590\t36 370
"""


def _links(path: Path) -> list[dict]:
    return [f.params for f in _found(path) if f.kind == "cross_table"]


def test_a_line_restated_under_its_label_in_a_statement_named_by_caption(tmp_path):
    path = tmp_path / "rakenskaper.txt"
    path.write_text(STATEMENTS, encoding="utf-8")
    assert {"row": "Resultat efter finansiella poster", "other": {"caption": "Resultaträkning"},
            "other_row": "Resultat efter finansiella poster", "match": "period"} in _links(path)
    assert _alarms(path) == []


def test_lines_of_different_labels_in_statements_named_by_caption_are_not_linked(tmp_path):
    """The cash flow's first line relabelled 'Årets resultat': it agrees in both years, but two amounts under
    different labels are no evidence of one figure."""
    path = tmp_path / "rakenskaper.txt"
    first = "\t11 290\t9 470\nJustering"
    path.write_text(STATEMENTS.replace(f"Resultat efter finansiella poster{first}", f"Årets resultat{first}"),
                    encoding="utf-8")
    assert "Årets resultat" in read_report(path).tables[1].rows[0].label.text
    assert _links(path) == []


def _tkr(value: int) -> str:
    """A whole tkr amount as printed: a space between thousands, a hyphen-minus before negatives."""
    return f"{value:,}".replace(",", " ")


@st.composite
def _blocks_past_counts(draw):
    """Blocks of whole tkr amounts (two to five lines, drawn) under headings, each closed by its label-less
    subtotal, a block of counts between the first two (drawn, no sum of anything), and the sum of the subtotals
    under them: every printed relation exact. The counts exceed the rounding of any sum here (±4 tkr at most):
    a count of 1 added to a block would fit its total as well, and no reader could tell it out."""
    blocks = draw(st.lists(st.lists(st.integers(1_000, 900_000), min_size=2, max_size=5), min_size=2, max_size=4))
    # Amounts where a run of one block's lines adds up to another block's subtotal (all lines 1 000, which the
    # shrinker reaches) make "#3 = #2 + Rad 3.3" as true as the printed layout: no reader could tell them apart.
    runs = [sum(block[i:j]) for block in blocks for i in range(len(block)) for j in range(i + 1, len(block) + 1)]
    assume(all(abs(a - b) > 10 for n, a in enumerate(runs) for b in runs[n + 1:]))
    counts = draw(st.lists(st.integers(10, 900), min_size=1, max_size=3))
    # Counts where one is the sum of the others within rounding (17 + 10 against 28) are a chance relation of
    # their own, which claims the counts and is not this layout (a known limit of one-column discovery).
    assume(not any(abs(c - (sum(counts) - c)) <= 3 for c in counts if len(counts) == 3))
    lines, subtotals = ["tkr\t2024"], []
    for number, block in enumerate(blocks):
        lines += [f"Block {number + 1}\t"] + [f"Rad {number + 1}.{k + 1}\t{_tkr(v)}" for k, v in enumerate(block)]
        lines.append(f"\t{_tkr(sum(block))}")
        subtotals.append(sum(block))
        if number == 0:
            lines += ["Antal\t"] + [f"Antal {k + 1}\t{c}" for k, c in enumerate(counts)]
    return "\n".join(lines + [f"Summa\t{_tkr(sum(subtotals))}"]) + "\n", len(blocks)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(_blocks_past_counts())
def test_a_total_of_label_less_subtotals_is_found_past_any_counts(tmp_path_factory, drawn):
    """Property: however many blocks and lines, and whatever counts sit between them, 'Summa' sums the label-less
    subtotals and nothing else (one column: the only evidence is one fit, too exact for chance)."""
    text, blocks = drawn
    path = tmp_path_factory.mktemp("blocks") / "tabell.tsv"
    path.write_text(text, encoding="utf-8")
    assert ("Summa", [f"#{k + 1}" for k in range(blocks)]) in _sums(path)
