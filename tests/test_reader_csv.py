"""The CSV reader: the same tables and findings as the text export, line:field locations, delimiters and
encodings recognised, and nothing but InputError on any bytes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rapportkoll.numbers import CellKind
from rapportkoll.readers import InputError, csv_reader
from rapportkoll.readers.layout import table_starts
from rapportkoll.readers.sheet import clean_field
from reader_helpers import EXAMPLES, STEMS, check_json, finding_key, read_pair, table_findings

SJUKFRANVARO = [
    ["Sjukfrånvaro"],
    ["Sjukfrånvaro", "2024", "2023", "Differens"],
    ["Kvinnor", "3,0 %", "3,4 %", "-0,37 %"],
    ["Män", "3,3 %", "3,8 %", "0,48 %"],
]


@pytest.fixture(scope="module", params=STEMS)
def pair(request):
    return read_pair(request.param, csv_reader.read, ".csv")


def test_example_findings_are_those_of_the_text_export(pair):
    text_report, csv_report = pair
    found = table_findings(csv_report)
    assert sorted(finding_key(f) for f in found) == sorted(finding_key(f) for f in table_findings(text_report))
    assert len([f for f in found if f.severity.value == "error"]) in (1, 11)


def test_example_findings_cite_line_and_field_of_the_file(pair):
    _, csv_report = pair
    data = Path(csv_report.path).read_text(encoding="utf-8-sig")
    lines = data.splitlines()
    delimiter = csv_reader.sniff_delimiter(data)
    for finding in table_findings(csv_report):
        for ref in finding.cells:
            location = ref.location
            assert location.sheet is None and location.line >= 1 and location.field >= 1
            record = next(csv.reader([lines[location.line - 1]], delimiter=delimiter))
            assert record[location.field - 1] == ref.text, (location, record)


def test_example_tables_are_those_of_the_text_export(pair):
    text_report, csv_report = pair
    assert len(csv_report.tables) == len(text_report.tables)
    for mine, theirs in zip(csv_report.tables, text_report.tables):
        assert (mine.caption, mine.corner, mine.columns) == (theirs.caption, theirs.corner, theirs.columns)
        assert [[c.text for c in (r.label, *r.cells)] for r in mine.rows] == \
            [[c.text for c in (r.label, *r.cells)] for r in theirs.rows]


def _write(tmp_path: Path, rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8",
           name: str = "t.csv") -> Path:
    stream = io.StringIO()
    csv.writer(stream, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(stream.getvalue().encode(encoding))
    return path


def _table_texts(path: Path) -> list[tuple]:
    return [(t.caption, t.corner, t.columns, [[c.text for c in (r.label, *r.cells)] for r in t.rows])
            for t in csv_reader.read(path).tables]


EXPECTED_SJUKFRANVARO = [("Sjukfrånvaro", "Sjukfrånvaro", ("2024", "2023", "Differens"),
                          [["Kvinnor", "3,0 %", "3,4 %", "-0,37 %"], ["Män", "3,3 %", "3,8 %", "0,48 %"]])]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiters_are_recognised_with_decimal_commas(tmp_path, delimiter):
    path = _write(tmp_path, SJUKFRANVARO, delimiter)
    assert _table_texts(path) == EXPECTED_SJUKFRANVARO
    cells = csv_reader.read(path).tables[0].rows[1].cells
    assert [(c.kind, c.value, c.parsed.decimals) for c in cells] == \
        [(CellKind.PERCENT, 3.3, 1), (CellKind.PERCENT, 3.8, 1), (CellKind.PERCENT, 0.48, 2)]
    assert [(f.code, f.cells[0].location.line, f.cells[0].location.field) for f in table_findings(csv_reader.read(path))] \
        == [("RK122", 4, 4)]


def test_a_semicolon_file_whose_rows_hold_only_decimal_commas_keeps_its_header(tmp_path):
    # Found by hypothesis (test_a_written_table_reads_back): a ',' split of the one row made as many fields as the
    # ';' split of both lines, and won as the wider; only ';' splits the header.
    path = tmp_path / "t.csv"
    path.write_text("Belopp i tkr;Budget;Prognos;Utfall\nRad 0;9,3 20,7);9,3 20,7);9,3 20,7)\n", encoding="utf-8")
    table = csv_reader.read(path).tables[0]
    assert table.columns == ("Budget", "Prognos", "Utfall")
    assert [c.text for c in table.rows[0].cells] == ["9,3 20,7)"] * 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_encodings(tmp_path, encoding):
    assert _table_texts(_write(tmp_path, SJUKFRANVARO, encoding=encoding)) == EXPECTED_SJUKFRANVARO


def test_a_single_table_whose_first_line_is_the_header(tmp_path):
    path = _write(tmp_path, SJUKFRANVARO[1:])
    assert _table_texts(path) == [("", *EXPECTED_SJUKFRANVARO[0][1:])]
    assert csv_reader.read(path).tables[0].location.as_dict() == {"path": str(path), "line": 1, "field": 1}


def test_blank_lines_separate_tables_and_excel_padding_is_ignored(tmp_path):
    padded = [row + [""] * (5 - len(row)) for row in SJUKFRANVARO]
    path = _write(tmp_path, padded + [[""] * 5] + padded + [[]] + [["Drift"], [], ["Belopp i tkr", "Budget"], ["A", "1"]])
    report = csv_reader.read(path)
    assert [(t.caption, t.corner, t.location.line) for t in report.tables] == \
        [("Sjukfrånvaro", "Sjukfrånvaro", 2), ("Sjukfrånvaro", "Sjukfrånvaro", 7), ("Drift", "Belopp i tkr", 13)]
    assert report.tables[0].columns == ("2024", "2023", "Differens")
    assert [p.text for p in report.prose] == ["Drift"]


def test_a_field_spanning_lines_is_located_where_its_record_starts(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text('Uppdrag;Status;Kommentar\nA;Klar;"Rad ett\nrad två"\nB;Pågår;Kort\n', encoding="utf-8")
    rows = csv_reader.read(path).tables[0].rows
    assert [(r.label.text, r.cells[1].text, r.cells[1].location.line, r.cells[1].location.field) for r in rows] == \
        [("A", "Rad ett rad två", 2, 3), ("B", "Kort", 4, 3)]


def test_fields_are_not_html(tmp_path):
    path = _write(tmp_path, [["Indikator", "Mål 2026"], ["Andel", "<50 % och >30 %"]])
    assert csv_reader.read(path).tables[0].rows[0].cells[0].text == "<50 % och >30 %"


def test_a_label_over_empty_header_cells_names_each_column(tmp_path):
    path = _write(tmp_path, [["Risk", "RxK", "", "", "Ansvar"], ["Fel", "2", "3", "6", "Ekonomi"]])
    assert csv_reader.read(path).tables[0].columns == ("RxK #1", "RxK #2", "RxK #3", "Ansvar")


@pytest.mark.parametrize(("content", "words"), [
    (b"Belopp;Budget\nA;1\x00\n", "binary"),
    (b"Belopp;Budget\n\xff\x81\x8d;1\n", "neither UTF-8 nor Windows-1252"),
    (b"\xff\xfe\x00\xd8", "UTF-16"),
    (b"", "empty"),
    (b" \r\n\t\n", "empty"),
])
def test_unreadable_files_are_refused(tmp_path, content, words):
    path = tmp_path / "fel.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        csv_reader.read(path)
    assert words in caught.value.message("en") and str(path) in caught.value.message("sv")
    assert caught.value.message_sv != caught.value.message_en


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(InputError):
        csv_reader.read(tmp_path / "saknas.csv")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000) | st.text(alphabet=';,\t\n\r"  0123456789,%-−()Prel.aÅöé¹²', max_size=400).map(str.encode))
def test_any_bytes_give_a_report_or_input_error(tmp_path, data):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    try:
        report = csv_reader.read(path)
    except InputError:
        return
    for table in report.tables:
        for row in table.rows:
            assert len(row.cells) == len(table.columns)
            assert all(c.location.line and c.location.field for c in (row.label, *row.cells))


_FIELD = st.one_of(
    st.sampled_from(["", "-", "..", "Ej publicerat", "Prel 70", "3,0 %", "-0,37 %", "1 325", "(788)", "9,3 20,7)"]),
    st.integers(-10**7, 10**7).map(str),
    st.text(alphabet="abcåäö |\"\n", min_size=1, max_size=12),  # '|' becomes the file's own delimiter
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(delimiter=st.sampled_from([";", "\t", ","]), encoding=st.sampled_from(["utf-8", "utf-8-sig"]),
       body=st.lists(st.lists(_FIELD, min_size=3, max_size=3), min_size=1, max_size=6))
def test_a_written_table_reads_back(tmp_path, delimiter, encoding, body):
    # Decimal commas, quotes, line breaks and the delimiter itself inside fields; other candidate
    # delimiters inside text would make any file ambiguous, so the texts do not carry them.
    body = [[field.replace("|", delimiter) for field in row] for row in body]
    rows = [["Belopp i tkr", "Budget", "Prognos", "Utfall"]] + [["Rad %d" % i] + r for i, r in enumerate(body)]
    # Rows that read as a caption above a second header start a second table (tests/test_one_sheet.py);
    # this test is about the CSV dialect, so its rows stay one table.
    assume(table_starts([[clean_field(f) for f in r] for r in rows]) == [0])
    table = csv_reader.read(_write(tmp_path, rows, delimiter, encoding)).tables[0]
    assert table.columns == ("Budget", "Prognos", "Utfall")
    assert [[c.text for c in r.cells] for r in table.rows] == \
        [[clean_field(f) for f in r] for r in body]


def test_cli_json_cites_line_and_field(monkeypatch):
    from rapportkoll.readers import READERS

    monkeypatch.setitem(READERS, ".csv", "rapportkoll.readers.csv_reader")
    result = check_json(EXAMPLES / f"{STEMS[0]}.csv")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert [(f["code"], f["cells"][0]["line"], f["cells"][0]["field"]) for f in document["findings"]] == [("RK122", 85, 4)]


def test_a_single_header_cell_over_the_amounts_heads_its_column_and_a_caption_in_the_labels_column_names(tmp_path):
    """Håbo's driftbudgetramar 2021 (tests/realworld/) as a CSV: the header is a blank corner and one column,
    'Budget uttryckt i tkr'. A single cell in the labels' column above a header still names the table."""
    rows = [["", "Budget uttryckt i tkr"], ["Kommunfullmäktige", "1 593"], ["Valnämnd", "35"], ["Summa", "1 628"]]
    [table] = csv_reader.read(_write(tmp_path, rows)).tables
    assert table.columns == ("Budget uttryckt i tkr",) and [r.label.text for r in table.rows][0] == "Kommunfullmäktige"
    [named] = csv_reader.read(_write(tmp_path, [["Driftbudget"], ["Nämnd", "Budget"], ["Valnämnd", "35"]])).tables
    assert (named.caption, named.columns) == ("Driftbudget", ("Budget",))


def test_a_caption_with_a_comma_over_decimal_commas_still_reads_semicolons(tmp_path):
    """Arbetsgivarverket's sick-leave tables (tests/realworld/) as a ';' CSV, as bench/metamorphic.py writes them:
    captions with a comma ('…, i procent av arbetstiden') and decimal commas made a ',' split as wide and as
    common; the ';' split is the one whose fields are numbers."""
    rows = [["Sjukfrånvaro för anställda i staten, i procent av arbetstiden"], [],
            ["År", "Dag 1- 14 (sjuklön)", "Dag 15 +", "Sjukfrånvaro totalt"]]
    rows += [[str(2010 + k), f"{k},2", f"1,{k}", f"{k + 1},{k + 2}"] for k in range(4)]
    rows += [["Sjukfrånvaro för hela arbetsmarknaden, i procent"], [], ["År", "Andel"]]
    rows += [[str(1990 + k), f"6,{k}"] for k in range(12)]
    assert csv_reader.sniff_delimiter(_write(tmp_path, rows).read_text(encoding="utf-8")) == ";"


def test_a_single_label_over_a_row_of_amounts_heads_an_unheaded_column(tmp_path):
    """Pajala's skattesatser 2018 (tests/realworld/) as a CSV: 'Skattesatser 2018' over 'Kommun;23,50' is the
    corner of a header whose one column is unheaded, not a caption over a header 'Kommun | 23,50'."""
    rows = [["Skattesatser 2018", ""], ["Kommun", "23,50"], ["Landsting", "11,34"], ["Summa", "34,84"]]
    [table] = csv_reader.read(_write(tmp_path, rows)).tables
    assert (table.corner, [r.label.text for r in table.rows]) == ("Skattesatser 2018", ["Kommun", "Landsting", "Summa"])
