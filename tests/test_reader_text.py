"""The text-export reader: tables from tab-separated runs, with captions, locations and page-break repair."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rapportkoll.frame import TableView
from rapportkoll.labels import LabelPattern
from rapportkoll.numbers import CellKind
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.text import read


def read_text(tmp_path: Path, text: str, name: str = "rapport.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read(path)


def labels(table) -> list[str]:
    return [row.label.text for row in table.rows]


def texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


# Snippets copied from the two real reports in examples/ (shortened where long).

DRIFT = """Ekonomi

Drift

Resultaträkning, tkr\tUtfall 2023-08\tBudget 2023\tPrognos 2023\tAvvikelse helår
Intäkter\t-18 811\t-29 857\t-30 057\t200
Summa intäkter\t-18 811\t-29 857\t-30 057\t200
Kommunbidrag\t41 875\t67 292\t67 292\t
Resultat\t1 325\t0\t-20\t

Budgetförändringar 2023\tBelopp\tFörtydligande
Lönerevidering 2023\t429\tavser löner april-dec 2023
Totalt\t1 574\t

Kommentarer till utfall och prognos

Hela kommunstyrelseförvaltningen redovisar per augusti en avvikelse på 1 325 tkr, varav IT står för 1 031 tkr.
"""


def test_tables_are_runs_of_tab_separated_lines(tmp_path):
    report = read_text(tmp_path, DRIFT)
    assert [t.corner for t in report.tables] == ["Resultaträkning, tkr", "Budgetförändringar 2023"]
    first, second = report.tables
    assert first.columns == ("Utfall 2023-08", "Budget 2023", "Prognos 2023", "Avvikelse helår")
    assert labels(first) == ["Intäkter", "Summa intäkter", "Kommunbidrag", "Resultat"]
    assert texts(first)[3] == ["1 325", "0", "-20", ""]
    assert first.rows[3].cells[0].value == 1325.0
    assert first.rows[3].cells[3].kind is CellKind.BLANK
    assert second.columns == ("Belopp", "Förtydligande")
    assert texts(second) == [["429", "avser löner april-dec 2023"], ["1 574", ""]]
    assert [t.index for t in report.tables] == [0, 1]


def test_prose_is_kept_with_its_line(tmp_path):
    report = read_text(tmp_path, DRIFT)
    last = report.prose[-1]
    assert last.text.startswith("Hela kommunstyrelseförvaltningen redovisar")
    assert last.location.line == 17


def test_caption_is_the_nearest_preceding_heading(tmp_path):
    text = DRIFT.replace("Drift\n\n", "Drift\n\nTabellen visar utfallet per augusti.\n\n")
    report = read_text(tmp_path, text)
    assert [t.caption for t in report.tables] == ["Drift", "Drift"]


def test_caption_moves_on_with_the_next_heading(tmp_path):
    text = "Sjukfrånvaro\n\nSjukfrånvaro\t2024\t2023\tDifferens\nKvinnor\t3,0 %\t3,4 %\t-0,37 %\n\n" \
           "Uppföljning av internkontroll\n\nIdentifierad risk\tRiskbeskrivning\tRiskvärde\n" \
           "Felaktiga utbetalningar\tRisk för felaktiga utbetalningar.\t6\n"
    report = read_text(tmp_path, text)
    assert [t.caption for t in report.tables] == ["Sjukfrånvaro", "Uppföljning av internkontroll"]


def test_every_cell_keeps_its_line_and_field(tmp_path):
    report = read_text(tmp_path, DRIFT)
    first = report.tables[0]
    assert first.location.line == 5 and first.location.field == 1
    for i, row in enumerate(first.rows):
        assert row.label.location.line == 6 + i
        assert row.label.location.field == 1
        for j, cell in enumerate(row.cells):
            assert (cell.location.line, cell.location.field) == (6 + i, j + 2)
            assert cell.location.path == str(tmp_path / "rapport.txt")
    source = DRIFT.split("\n")
    for row in first.rows:
        for cell in row.cells:
            assert source[cell.location.line - 1].split("\t")[cell.location.field - 1] == cell.text


def test_ragged_rows_are_padded_with_blanks(tmp_path):
    text = "Budgetförändringar 2023\tBelopp\tFörtydligande\nLönerevidering 2023\t429\nTotalt\t1 574\t\n"
    table = read_text(tmp_path, text).tables[0]
    assert texts(table) == [["429", ""], ["1 574", ""]]
    padded = table.rows[0].cells[1]
    assert padded.kind is CellKind.BLANK
    assert (padded.location.line, padded.location.field) == (2, 3)


def test_a_row_wider_than_the_header_widens_the_table(tmp_path):
    text = "Belopp i tkr\tBudget 2024\tKommentar\nA\t1\tx\t2\nB\t3\n"
    table = read_text(tmp_path, text).tables[0]
    assert table.columns == ("Budget 2024", "Kommentar #1", "Kommentar #2")  # the last label spans on
    assert texts(table) == [["1", "x", "2"], ["3", "", ""]]


def test_a_column_without_any_header_label_is_named_by_its_field(tmp_path):
    text = "Belopp i tkr\t\tBudget 2024\nA\t1\t2\n"
    table = read_text(tmp_path, text).tables[0]
    assert table.columns == ("#2", "Budget 2024")


def test_spacer_blank_lines_inside_a_table(tmp_path):
    text = "Drift\n\nBelopp i tkr\tBudget 2024\tPrognos helår 2024\n" \
           "Verksamhetens intäkter\t100 547\t106 840\n\n \n" \
           "Personalkostnader\t-114 196\t-112 465\n\nÅrets resultat\t0\t0\n"
    report = read_text(tmp_path, text)
    assert len(report.tables) == 1
    assert labels(report.tables[0]) == ["Verksamhetens intäkter", "Personalkostnader", "Årets resultat"]
    assert report.tables[0].rows[2].label.location.line == 9


def test_a_short_data_row_after_a_spacer_line_still_continues_the_table(tmp_path):
    text = "Resultaträkning, tkr\tUtfall 2023-08\tBudget 2023\tAvvikelse helår\n" \
           "Personalkostnader\t25 812\t43 699\t-11\n\nSumma kostnader\t59 360\t97 149\n"
    report = read_text(tmp_path, text)
    assert len(report.tables) == 1
    assert labels(report.tables[0]) == ["Personalkostnader", "Summa kostnader"]
    assert texts(report.tables[0])[1] == ["59 360", "97 149", ""]


def test_html_fragments_are_stripped_from_cells(tmp_path):
    text = ("Risk\tKontrollmoment\tUppföljning\n"
            'Digitalisering\t<ol style="list-style-type: none"> Införande och uppföljning av nyttokalkyl. \t'
            "<p>En portföljstyrning är under uppbyggnad.</p>\n")
    table = read_text(tmp_path, text).tables[0]
    assert texts(table) == [["Införande och uppföljning av nyttokalkyl.", "En portföljstyrning är under uppbyggnad."]]
    assert all("<" not in t and ">" not in t for t in texts(table)[0])


def test_comparison_signs_are_not_html(tmp_path):
    text = "Titel\tUtfall 2022\tMål 2023\nSjukfrånvaro\t8,3%\t<7%\nAntal\t68\t>50\n"
    table = read_text(tmp_path, text).tables[0]
    assert texts(table) == [["8,3%", "<7%"], ["68", ">50"]]


PAGE_BREAK = """Uppföljning av internkontroll

Identifierad risk\tRiskbeskrivning\tRiskvärde\tUppföljning
Avsaknad av helhetstänk vid införskaffande av system\tRisk för suboptimering.\t9\tStickprov
Cyberhot\tRisk att kommunens IT-infrastruktur är bristfällig.\t12\tÖvning

Ärende 6

30(32)

--\t--\t--\t--
Identifierad risk\tRiskbeskrivning\t{repeated}\tUppföljning
Felaktiga löneutbetalningar\tRisk att felaktig löneutbetalning leder till negativa konsekvenser.\t6\tKontroll
Ramavtal följs inte\tRisk för bristande efterlevnad av ramavtal.\t6\tKontroll genom stickprov
"""


@pytest.mark.parametrize("repeated", ["Riskvärde", "Risikvärde"])
def test_a_header_repeated_after_a_page_break_is_merged_into_one_table(tmp_path, repeated):
    report = read_text(tmp_path, PAGE_BREAK.format(repeated=repeated))
    assert len(report.tables) == 1
    table = report.tables[0]
    assert table.columns == ("Riskbeskrivning", "Riskvärde", "Uppföljning")
    assert labels(table) == ["Avsaknad av helhetstänk vid införskaffande av system", "Cyberhot",
                             "Felaktiga löneutbetalningar", "Ramavtal följs inte"]
    assert [row.label.location.line for row in table.rows] == [4, 5, 13, 14]


def test_page_furniture_is_not_prose_or_a_table(tmp_path):
    report = read_text(tmp_path, PAGE_BREAK.format(repeated="Riskvärde"))
    assert all("--" not in label for table in report.tables for label in labels(table))
    assert not any(p.text in ("Ärende 6", "30(32)") or p.text.startswith("--") for p in report.prose)
    assert [t.caption for t in report.tables] == ["Uppföljning av internkontroll"]


CONTINUATION = """Titel\tUtfall 2021\tUtfall 2022\tMål 2023\tPrognos 2023
Deltagartillfällen i idrottsförening 13–20 år ⁸\t11\tInget utfall\tMin 29\tMålet på minst 29 deltagartillfällen beräknas inte uppnås.
Boende med hemtjänst – besväras ofta av ensamhet ⁹\tIngen mätning\t22 %\tMax 14%\tMålet på max 14 %

8 Kolada Deltagartillfällen i idrottsföreningar, antal/inv 13-16 år

9 Kolada Brukarbedömning hemtjänst äldreomsorg - besväras av ensamhet kommun, andel (%)

Ärende 6

22(32)

\t\t\t\tberäknas inte uppnås.
--\t--\t--\t--\t-----------------------

Fokusområde 3: En utvecklande kommun
"""


def test_a_continuation_fragment_is_appended_to_the_previous_rows_cell(tmp_path):
    report = read_text(tmp_path, CONTINUATION)
    assert len(report.tables) == 1
    table = report.tables[0]
    assert labels(table) == ["Deltagartillfällen i idrottsförening 13–20 år ⁸",
                             "Boende med hemtjänst – besväras ofta av ensamhet ⁹"]
    merged = table.rows[1].cells[3]
    assert merged.text == "Målet på max 14 % beräknas inte uppnås."
    assert (merged.location.line, merged.location.field) == (3, 5)
    assert texts(table)[1][:3] == ["Ingen mätning", "22 %", "Max 14%"]


def test_a_table_of_contents_is_not_a_table(tmp_path):
    text = ("Innehåll\n\nSammanfattning\t4\nAnsvar och uppdrag.....\t4\nVerksamhetsberättelse\t4\n"
            "Ekonomi.....\t26\nDrift.....\t26\n\nSammanfattning\n\nText om året.\n")
    report = read_text(tmp_path, text)
    assert report.tables == []


def test_a_two_column_table_with_numbers_that_are_not_pages_is_a_table(tmp_path):
    text = "Budgetförändringar 2023\tBelopp\nLönerevidering 2023\t429\nTotalt\t1 574\n"
    report = read_text(tmp_path, text)
    assert len(report.tables) == 1
    assert texts(report.tables[0]) == [["429"], ["1 574"]]


INTERNKONTROLL = """Uppföljning av kommunstyrelsens internkontrollplan per 31 augusti 2023

Uppföljning per 31 augusti 2023\t\t\t\t\t\t
Risk\tKontrollmoment\tRisk- och konsekvens bedömning RxK\t\t\tAnsvar för kontroll och rapportering\tUppföljning per 31 augusti 2023
Digitalisering\t<ol style="list-style-type: none"> Införande och uppföljning av nyttokalkyl. \t3\t4\t12\tIT-digitaliseringschef\t<p>En portföljstyrning är under uppbyggnad.</p>
Kompetensförsörjning\tUtökat och formalisera samarbete med lärosäten.\t4\t4\t16\tHR-chef Kommundirektör\t<p>Kommunens olika förvaltningar erbjuder
"""


def test_a_merged_header_cell_names_each_column_it_spans(tmp_path):
    table = read_text(tmp_path, INTERNKONTROLL).tables[0]
    assert table.corner == "Risk"
    assert table.columns == (
        "Kontrollmoment",
        "Risk- och konsekvens bedömning RxK #1",
        "Risk- och konsekvens bedömning RxK #2",
        "Risk- och konsekvens bedömning RxK #3",
        "Ansvar för kontroll och rapportering",
        "Uppföljning per 31 augusti 2023",
    )
    assert texts(table)[0][1:4] == ["3", "4", "12"]


def test_a_title_row_becomes_the_caption(tmp_path):
    report = read_text(tmp_path, INTERNKONTROLL)
    assert len(report.tables) == 1
    table = report.tables[0]
    assert table.caption == "Uppföljning per 31 augusti 2023"
    assert table.location.line == 4
    assert labels(table) == ["Digitalisering", "Kompetensförsörjning"]
    assert [(c.location.line, c.location.field) for c in table.rows[0].cells[1:4]] == [(5, 3), (5, 4), (5, 5)]


def test_a_header_cell_followed_by_an_empty_column_without_values_is_not_spread(tmp_path):
    text = "Titel\tUtfall 2022\t\tMål 2023\nA\t1\t\t2\n"
    table = read_text(tmp_path, text).tables[0]
    assert table.columns[0] == "Utfall 2022"
    assert table.columns[2] == "Mål 2023"


def test_crlf_and_bom_are_accepted(tmp_path):
    path = tmp_path / "rapport.txt"
    path.write_bytes("\ufeffDrift\r\n\r\nBelopp i tkr\tBudget 2024\r\nLokalhyror\t-7 986\r\n".encode("utf-8"))
    report = read(path)
    assert report.tables[0].caption == "Drift"
    assert report.tables[0].corner == "Belopp i tkr"
    assert texts(report.tables[0]) == [["-7 986"]]


def test_the_real_reports_read(tmp_path):
    examples = Path(__file__).parent.parent / "examples"
    alingsas = read(examples / "alingsas-ks-delarsbokslut-2024.txt")
    herrljunga = read(examples / "herrljunga-ks-delarsrapport-2023.txt")
    sick = next(t for t in alingsas.tables if t.corner == "Sjukfrånvaro")
    assert sick.columns == ("2024", "2023", "Differens")
    assert len(sick.rows) == 8 and sick.rows[1].cells[2].text == "0,48 %"
    assert (sick.rows[1].cells[2].location.line, sick.rows[1].cells[2].location.field) == (315, 4)
    risks = next(t for t in alingsas.tables if t.corner == "Identifierad risk")
    assert len(risks.rows) == 9  # three pages of one table, the header repeated (once misspelled)
    rxk = next(t for t in herrljunga.tables if t.corner == "Risk")
    assert [r.cells[3].text for r in rxk.rows] == ["12", "16", "12", "12", "9"]
    assert not any(t.corner in ("Sammanfattning", "Innehåll") for t in herrljunga.tables)


# --- whole-file errors ----------------------------------------------------------------------------

def test_missing_file(tmp_path):
    with pytest.raises(InputError) as error:
        read(tmp_path / "saknas.txt")
    assert error.value.place == str(tmp_path / "saknas.txt")


def test_directory(tmp_path):
    with pytest.raises(InputError) as error:
        read(tmp_path)
    assert error.value.place == str(tmp_path)


@pytest.mark.parametrize("content", [b"", b"\n\n  \n\t\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "tom.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read(path)
    assert error.value.place == str(path)


def test_binary_file(tmp_path):
    path = tmp_path / "bild.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(InputError) as error:
        read(path)
    assert error.value.place == str(path)


def test_non_utf8_file_names_the_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Drift\n\nSjukfrånvaro\t2024\nKvinnor\t3,0 %\n".encode("latin-1"))
    with pytest.raises(InputError) as error:
        read(path)
    assert error.value.place == f"{path}:3:7"  # the å of Sjukfrånvaro
    assert f"{path}:3" in str(error.value)
    assert "0xe5" in error.value.message("en") and "0xe5" in error.value.message("sv")


TOKENS = st.sampled_from([
    "", " ", "Summa", "Titel", "Utfall 2022", "1 325", "-5 806", "3,0 %", "(788)", "Prel 70", "-", "..", "Ärende 6",
    "30(32)", "--", "<p>", "</p>", "<ol style=\"x\">", "¹⁵", "9,3 20,7)", "Risk- och konsekvens RxK", "\u00a0",
])
LINES = st.lists(st.one_of(TOKENS, st.text(max_size=8)), max_size=7).map("\t".join)
STRUCTURED = st.lists(LINES, max_size=25).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.one_of(STRUCTURED.map(lambda t: t.encode("utf-8")), st.text().map(lambda t: t.encode("utf-8")),
                         st.binary()))
@example(content=b"\t\n\t\t")
@example(content=b"x\t\n\ty")
@example(content=b"\t\tx\n--\t--\n")
@example(content=b"Titel\t\t\t\n")
@example(content="Titel\t\t\nA\tB\t\t\tC\n\t\t\t\tD".encode())
@example(content=b"\xff\xfe")
def test_read_raises_nothing_but_input_error(content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rapport.txt"
        path.write_bytes(content)
        try:
            report = read(path)
        except InputError:
            return
        for table in report.tables:
            for row in table.rows:
                assert len(row.cells) == len(table.columns)
                assert all(c.location.line >= 1 and c.location.field >= 1 for c in (row.label, *row.cells))


def test_a_bare_zero_in_a_column_of_decimals_is_exact_to_those_decimals(tmp_path):
    from rapportkoll.readers import read_report

    path = tmp_path / "rr.tsv"
    path.write_text("mnkr\tUtfall\tBudget\nÅrets resultat\t14,3\t12\nReservering till RUR\t0\t0\n", encoding="utf-8")
    [table] = read_report(path).tables
    zero_in_decimals, zero_in_whole = table.rows[1].cells
    assert zero_in_decimals.parsed.half_unit == 0.05  # printed "0" beside 14,3: 0,0, not anything in ±0,5
    assert zero_in_whole.parsed.half_unit == 0.5
    assert zero_in_decimals.text == "0"


def test_numbers_under_numbers_are_a_row_without_a_label_not_a_continuation(tmp_path):
    """A subtotal printed without a label (Helsingfors' finansieringsanalys 2019, tests/realworld/) is its own
    row, named '#1' by rules; merging it into the row above made one 18-digit text of two numbers."""
    text = "Verksamhetens kassaflöde\t2019\t2018\nÅrsbidrag\t741 411 706\t751 996 272\n" \
           "Extraordinära poster\t0\t-18 412 104,38\n" \
           "Korrektivposter i inkomstfinansieringen\t-190 197 628\t-107 179 778\n\t551 214 078\t626 404 390\n"
    table = read_text(tmp_path, text).tables[0]
    assert labels(table) == ["Årsbidrag", "Extraordinära poster", "Korrektivposter i inkomstfinansieringen", ""]
    assert [c.text for c in table.rows[2].cells] == ["-190 197 628", "-107 179 778"]
    view = TableView.of(table)
    assert view.row_index(LabelPattern.of("#1")) == 3
    assert view.ref(3, 0).row == "#1"  # findings cite it as rules name it


def test_a_numbered_heading_starts_a_new_table_but_a_footnote_of_a_printed_mark_does_not(tmp_path):
    """'7 01 Skatteinkomster' opens like a footnote; only a line whose number is a mark printed before it
    ('8 Kolada ...' after '⁸') is one, and may stand between a table and its rest after a page break.
    Helsingfors' budget 2021 (tests/realworld/) prints numbered headings over tables with one header."""
    header = "1 000 €\tBudget 2020\tBudget 2021\n"
    text = ("7 01 Finansiering\n\n" + header + "Inkomster\t10\t12\nNetto\t10\t12\n\n7 01 01 Skatteinkomster\n\n"
            + header + "Inkomster\t8\t9\nNetto\t8\t9\n\nMål\tUtfall\nA ⁸\t11\n\n8 Kolada källa\n\n22(32)\n\nB\t12\n")
    tables = read_text(tmp_path, text).tables
    assert [t.caption for t in tables[:2]] == ["7 01 Finansiering", "7 01 01 Skatteinkomster"]
    assert labels(tables[2]) == ["A ⁸", "B"]


# Layouts an independent review built to test the footnote and fragment rules (constructed, in the style of
# the examples): each was once read wrongly by one version of these rules.
PLAIN_DIGIT_FOOTNOTE = ("Resultaträkning, mnkr\n\nMnkr\tUtfall 2023\tUtfall 2024\nVerksamhetens intäkter 1\t100\t110\n"
                        "Verksamhetens kostnader\t-300\t-320\n\n1 Exklusive jämförelsestörande poster\n\n"
                        "Mnkr\tUtfall 2023\tUtfall 2024\nSkatteintäkter\t250\t260\n")
NUMBERED_HEADINGS = ("Lokalkostnaden är 1 200 kr/m² och år.\n\n1 Driftredovisning\n\nTkr\tBudget\tUtfall\nA\t1\t2\n\n"
                     "2 Investeringar\n\nTkr\tBudget\tUtfall\nC\t5\t6\n")
WRAPPED_COMPARISONS = ("Indikatorer 2024\n\nIndikator\tUtfall 2024\tMålvärde\nAndel nöjda brukare\t93%\t90%\n\t(92%)\t\n"
                       "Sjukfrånvaro\t9,2\t8,0\n\t(20,8)\t\n")


def test_a_footnote_with_a_plain_digit_mark_still_bridges_a_page_break(tmp_path):
    """Word and PDF print superscripts as plain digits: with no superscript in the document, a numbered line
    inside a table is a footnote, and the repeated header after it continues the table."""
    [table] = read_text(tmp_path, PLAIN_DIGIT_FOOTNOTE).tables
    assert labels(table)[-1] == "Skatteintäkter"


def test_the_next_number_of_the_headings_is_a_heading_and_a_unit_power_no_mark(tmp_path):
    """'2 Investeringar' after the heading '1 Driftredovisning' is the next heading; 'm²' is a unit."""
    tables = read_text(tmp_path, NUMBERED_HEADINGS).tables
    assert [t.caption for t in tables] == ["1 Driftredovisning", "2 Investeringar"]


def test_a_comparison_value_wrapped_under_its_value_stays_in_its_cell(tmp_path):
    [table] = read_text(tmp_path, WRAPPED_COMPARISONS).tables
    assert [[c.text for c in row.cells] for row in table.rows] == [["93% (92%)", "90%"], ["9,2 (20,8)", "8,0"]]


def test_a_row_of_negatives_in_parentheses_without_a_label_is_a_row_where_the_table_writes_minus_so(tmp_path):
    """Helsingfors' finansieringsanalys 2019 (tests/realworld/) with its negatives in parentheses, as
    bench/metamorphic.py rewrites it: the label-less subtotal '(190 197 628)' is a row of its own, not a
    comparison value wrapped under the row above (which a table printing no '(…)' amount still reads so)."""
    text = ("Verksamhetens kassaflöde\t2019\t2018\nÅrsbidrag\t741 411 706\t751 996 272\n"
            "Korrektivposter i inkomstfinansieringen\t(190 197 628)\t(107 179 778)\n\t551 214 078\t644 816 494\n"
            "Investeringar\t(10)\t(20)\n\t(10)\t(20)\n")
    table = read_text(tmp_path, text).tables[0]
    assert labels(table) == ["Årsbidrag", "Korrektivposter i inkomstfinansieringen", "", "Investeringar", ""]
    assert [c.value for c in table.rows[4].cells] == [-10, -20]


# A text copied from a PDF with its layout (pdftotext -layout): columns aligned with spaces, no tab anywhere.
# Constructed from Gnesta's resultaträkning 2013 (tests/realworld/), as bench/metamorphic.py writes it.
ALIGNED = """Resultaträkning

Tkr                                       2013       2012
Verksamhetens intäkter                  93 712     85 143
Verksamhetens kostnader               -615 649   -590 843
Jämförelsestörande intäkter och kostnader  6 966     7 476
Avskrivningar                           -9 054     -7 933
Verksamhetens nettokostnader          -524 025   -505 633

Kommentar  till tabellen  ovan.
"""


def test_a_table_aligned_with_spaces_is_read_where_no_line_holds_a_tab(tmp_path):
    report = read_text(tmp_path, ALIGNED)
    [table] = report.tables
    assert table.caption == "Resultaträkning" and table.columns == ("2013", "2012")
    assert labels(table)[2] == "Jämförelsestörande intäkter och kostnader"
    assert texts(table)[1] == ["-615 649", "-590 843"] and texts(table)[2] == ["6 966", "7 476"]
    assert (table.rows[1].cells[1].location.line, table.rows[1].cells[1].location.field) == (5, 3)
    assert [p.text for p in report.prose][-1] == "Kommentar  till tabellen  ovan."


def test_a_header_of_one_column_over_a_single_row_is_a_table_and_a_tab_export_is_never_realigned(tmp_path):
    [table] = read_text(tmp_path, "Skattesats\n\n          Kommunalskatt\nÅr 2021            22,76\n").tables
    assert table.columns == ("Kommunalskatt",) and texts(table) == [["22,76"]]
    [tabbed] = read_text(tmp_path, "Tkr\t2013\t2012\nIntäkter  2013\t1 000\t900\nKostnader\t-800\t-700\n").tables
    assert labels(tabbed) == ["Intäkter  2013", "Kostnader"]


def test_an_empty_row_of_tabs_before_a_section_header_keeps_the_table_whole(tmp_path):
    """Helsingfors' koncernbalans 2019 (tests/realworld/) prints a header line over each section of one table; with
    an empty row of the exported table (a line of tabs) before a section, as bench/metamorphic.py writes it, the
    table stays one, so a total over its sections is still read. A blank line still ends a table."""
    section = "Placeringar, 1 000 euro\t31.12.2019\t31.12.2018\nAndelar\t285 092\t272 871\n"
    text = "Immateriella, 1 000 euro\t31.12.2019\t31.12.2018\nRättigheter\t40 219\t59 625\n\t\t\n" + section
    assert [len(t.rows) for t in read_text(tmp_path, text).tables] == [3]
    assert len(read_text(tmp_path, text.replace("\t\t\n", "\n")).tables) == 2


def test_a_column_of_note_references_under_an_empty_header_is_no_part_of_the_header_before_it(tmp_path):
    """Vansbro's resultaträkning 2017 (tests/realworld/) with its unheaded note column moved last, as
    bench/metamorphic.py writes it: 'Not 1' is a reference, not the second half of 'Utfall 2016' (a header
    over empty header cells still spans the columns of numbers under them)."""
    text = "(tkr)\tUtfall 2017\tUtfall 2016\t\nVerksamhetens intäkter\t112 246\t123 833\tNot 1\n"
    assert read_text(tmp_path, text).tables[0].columns == ("Utfall 2017", "Utfall 2016", "#4")
    spanned = "(tkr)\tUtfall\t\nIntäkter\t112 246\t123 833\n"
    assert read_text(tmp_path, spanned).tables[0].columns == ("Utfall #1", "Utfall #2")
