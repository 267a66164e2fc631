"""A table kept as columns answers as the same table of Cell objects would: cells, frame, styles, locations.

The tables are generated: texts drawn from amounts, decimals, percentages, markers, blanks, bare zeros and
words, written as a text export, read by the text reader (which keeps them as columns) and compared with
the same texts built cell by cell (`helpers.table_from_rows`, as the readers built every table before).
"""

from __future__ import annotations

import pickle
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import table_from_rows
from rapportkoll.frame import NumericFrame, TableView
from rapportkoll.numbers import CellKind, parse
from rapportkoll.readers import read_report
from rapportkoll.readers.layout import looks_like_header
from rapportkoll.readers.precision import zeros_take_column_precision
from rapportkoll.model import Cell, Location, Report, Row

_TEXT = st.sampled_from(["", "0", "0,0", "5", "-12", "1 234", "-1 234", "12,5", "-3,25", "(7)", "3,0 %", "-", "..",
                         "x", "Saknas", "text", "2019", "2 019", "1234567890123456789", "12¹"])


def _read(tmp_path, header: list[str], rows: list[list[str]]):
    path = tmp_path / "t.txt"
    path.write_text("\n".join("\t".join(fields) for fields in [header, *rows]) + "\n", encoding="utf-8")
    return read_report(path).tables[0]


def _as_cells(table):
    """The same table built cell by cell, zeros given their column's decimals as reading does."""
    header = [table.corner, *table.columns]
    rows = [[row.label.text, *(cell.text for cell in row.cells)] for row in table.rows]
    built = table_from_rows(header, rows, table.caption, table.index)
    return zeros_take_column_precision(Report("", tables=[built])).tables[0]


def _seen(cell) -> tuple:
    """A cell as a check sees it (the helper's tables sit in a file of another name)."""
    return cell.text, cell.parsed, cell.kind, cell.value, cell.location.line, cell.location.field


_TABLES = st.integers(1, 4).flatmap(lambda width: st.lists(st.lists(_TEXT, min_size=width, max_size=width),
                                                           min_size=1, max_size=6))


@settings(max_examples=80, deadline=None)
@given(rows=_TABLES)
def test_stored_table_is_its_cells(tmp_path_factory, rows):
    header = ["Belopp", *(f"K{j}" for j in range(len(rows[0])))]
    labelled = [[f"Rad {i}", *row] for i, row in enumerate(rows)]
    stored = _read(tmp_path_factory.mktemp("t"), header, labelled)
    assert stored.store is not None
    cells = _as_cells(stored)
    for i, (mine, theirs) in enumerate(zip(stored.rows, cells.rows, strict=True)):
        assert [_seen(c) for c in (mine.label, *mine.cells)] == [_seen(c) for c in (theirs.label, *theirs.cells)]
        assert [stored.cell(i, j) for j in range(len(mine.cells))] == list(mine.cells)
        assert stored.cell(i, -1) == mine.cells[-1]
        assert mine.texts == theirs.texts and mine.is_blank == theirs.is_blank
    a, b = NumericFrame.from_table(stored), NumericFrame.from_table(cells)
    for mine, theirs in ((a.values, b.values), (a.halves, b.halves), (a.blank, b.blank)):
        np.testing.assert_array_equal(mine, theirs)
    view, reference = TableView(stored, a), TableView(cells, b)
    np.testing.assert_array_equal(view.percent_cells, reference.percent_cells)
    for j in range(len(stored.columns)):
        assert view.column_style(j) == reference.column_style(j)


def test_a_cell_is_located_by_one_object(tmp_path):
    table = _read(tmp_path, ["Belopp", "A", "B"], [["x", "1", "2"], ["y", "3", ""]])
    early = table.rows[1].cells[0].location
    view = TableView.of(table)
    assert view.locations[1, 0] is early  # a location handed out before the grid is the grid's
    assert table.rows[0].cells[1].location is view.locations[0, 1]
    assert table.rows[0].label.location is table.rows[0].label.location
    assert early.as_dict() == {"path": str(tmp_path / "t.txt"), "line": 3, "field": 2}
    made = Cell.read("3", Location(str(tmp_path / "t.txt"), line=3, field=2))
    assert table.rows[1].cells[0] == made and made == table.rows[1].cells[0]
    row = table.rows[1]
    assert hash(row.cells[0]) == hash(made) and row == Row(row.label, (made, *row.cells[1:]))


def test_continuation_and_repeated_header_rows(tmp_path):
    """A page-break fragment joins its row (the row's line locates it), a repeated header is left out."""
    header = ["Belopp", "Budget", "Utfall"]
    rows = [["Löner och", "1", "2"], ["", "ersättningar", ""], header, ["Hyror", "3", "4"]]
    table = _read(tmp_path, header, rows)
    assert [row.label.text for row in table.rows] == ["Löner och", "Hyror"]
    assert table.rows[0].texts == ("1 ersättningar", "2")
    assert table.rows[0].cells[0].location.line == 2 and table.rows[1].cells[1].location.line == 5


def _header_as_defined(fields: list[str]) -> bool:
    """The definition: value fields hold text or years, never amounts, markers or percentages."""
    values = [parse(f) for f in fields[1:] if f.strip()]
    return bool(values) and all(
        v.kind is not CellKind.MARKER and v.kind is not CellKind.PERCENT
        and not (v.kind is CellKind.NUMBER and not re.match(r"^(19|20)\d\d$", f"{v.value:.0f}")) for v in values)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_TEXT, st.integers(-3000, 3000).map(str), st.sampled_from(["1900", "2099", "-2019"])),
                min_size=1, max_size=5))
def test_header_test_stops_at_an_amount_as_parse_would(fields):
    assert looks_like_header(fields) == _header_as_defined(fields)


def test_a_replaced_row_is_read_from_the_cells(tmp_path):
    """A caller editing a stored table (as the mutation tests do) sees its edit: the store serves only its own rows."""
    table = _read(tmp_path, ["Belopp", "A", "B"], [["x", "1", "2"], ["y", "3", "4"]])
    assert table.stored is not None
    row = table.rows[1]
    edited = type(row)(row.label, (Cell.read("30", row.cells[0].location), *row.cells[1:]))
    assert isinstance(edited, Row)
    table.rows[1] = edited
    assert table.stored is None and table.cell(1, 0).text == "30" and table.cell(0, 1).text == "2"
    assert NumericFrame.from_table(table).values.tolist() == [[1.0, 2.0], [30.0, 4.0]]
    assert pickle.loads(pickle.dumps(table.rows[0])) == table.rows[0]


_PLAIN = st.integers(-10**16, 10**16).flatmap(lambda v: st.sampled_from([str(v), f"{v:,}".replace(",", " "),
                                                                         f"00{abs(v)}", f"-0{abs(v)}"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_TEXT, _PLAIN, st.text(max_size=8)), max_size=30, unique=True))
def test_texts_read_at_once_as_parse_reads_each(texts):
    """The store reads plain whole amounts all at once (numpy converts the digits): each as `parse` reads it."""
    from rapportkoll.columnar import KINDS, PARENTHESIZED, GROUPED, TOO_LONG, _parse_all

    value, decimals, kind, flags = _parse_all(texts)
    for k, text in enumerate(texts):
        p = parse(text)
        assert (KINDS[kind[k]], decimals[k], flags[k]) == (p.kind, -1 if p.decimals is None else p.decimals,
                                                           p.parenthesized * PARENTHESIZED | p.grouped * GROUPED
                                                           | p.too_long * TOO_LONG)
        assert np.isnan(value[k]) if p.value is None else (value[k], np.signbit(value[k])) == (p.value,
                                                                                                np.signbit(p.value))


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"-?(\d{1,3}( \d{3}){1,4}|\d{1,15})", fullmatch=True))
def test_no_missing_value_marker_is_a_plain_amount(text):
    """Why the store may read plain amounts without asking the markers (vocabulary.yaml's missing_markers)."""
    from rapportkoll.numbers import PLAIN_INTEGER, _MARKERS

    assert PLAIN_INTEGER.fullmatch(text) and not _MARKERS.search(text)


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_rows_coded_in_batches_of_any_size_read_the_same(monkeypatch, batch):
    # The store codes rows in batches of `StoreBuilder._BATCH` (4096): a batch boundary anywhere, even right
    # before a page break's fragment of a row, must give the same tables as one batch for the whole file.
    from pathlib import Path

    from rapportkoll.columnar import StoreBuilder

    examples = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))
    whole = [read_report(path) for path in examples]
    monkeypatch.setattr(StoreBuilder, "_BATCH", batch)
    for path, expected in zip(examples, whole):
        report = read_report(path)
        assert [[[c.text for c in row.cells] for row in t.rows] for t in report.tables] == \
            [[[c.text for c in row.cells] for row in t.rows] for t in expected.tables]
        for table, same in zip(report.tables, expected.tables):  # the parsed amounts too (blanks are NaN in both)
            np.testing.assert_array_equal(TableView.of(table).frame.values, TableView.of(same).frame.values)
