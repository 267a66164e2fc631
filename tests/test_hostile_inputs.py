"""Every hostile input of issue 12 ends fast, with exit 2 and a message naming the limit, and the input unchanged.

The inputs are built by ``hostile`` (minimal, from the issue's notes; large ones scaled down here,
full size in `bench/hostile.py`).
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import hostile
from rapportkoll.bounds import Limits, using
from rapportkoll.cli import main
from rapportkoll.guard import within_budget
from rapportkoll.numbers import format_number, parse
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.excel_format import render_number
from rapportkoll.run import check_paths
from rapportkoll.suites import load_suite

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "herrljunga-ks-delarsrapport-2023.txt"


def _check(path: Path, *args: str):
    """Run the CLI on ``path``; assert the input is unchanged and return (exit code, output, seconds)."""
    before = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    start = time.monotonic()
    result = CliRunner().invoke(main, ["check", str(path), "--lang", "en", "--format", "json", *args])
    assert "Traceback" not in result.output
    assert before is None or hashlib.sha256(path.read_bytes()).hexdigest() == before
    return result.exit_code, result.output, time.monotonic() - start


@pytest.mark.parametrize("build", [hostile.long_number, hostile.huge_total])
def test_a_number_too_long_to_check_is_said_not_a_crash_or_a_silent_skip(tmp_path, build):
    code, output, _ = _check(build(tmp_path))
    assert code == 2
    assert "more than 15 digits" in output


def test_numbers_up_to_fifteen_digits_are_read_exactly_and_longer_ones_are_marked():
    assert parse("999 999 999 999 999").value == 999_999_999_999_999
    assert parse("9" * 16).too_long and not parse("9" * 16).is_numeric
    assert parse("prel. " + "9" * 400).too_long


def test_formatting_a_sum_that_overflowed_does_not_raise():
    assert format_number(float("inf"), 0) == "inf"


@pytest.mark.parametrize(("value", "number_format"), [(1e30, "0.00"), (1e20, "0.000000000"), (1.7e308, "#,##0.00")])
def test_excel_formats_render_any_double(value, number_format):
    text, parsed = render_number(value, number_format)
    assert text.startswith("1") and parsed.too_long


@pytest.mark.parametrize("value", [1e30, 1e20])
def test_a_huge_workbook_value_is_a_problem_of_its_cell(tmp_path, value):
    path = hostile.xlsx_huge_value(tmp_path, value, "0.00" if value > 1e25 else "0.000000000")
    code, output, _ = _check(path)
    assert code == 2 and "Sheet!B2" in output


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_zip_part_needing_an_unknown_version_is_a_clear_problem(tmp_path, suffix):
    code, output, _ = _check(hostile.zip_version(tmp_path, suffix))
    assert code == 2 and "NotImplementedError" in output and "bug" not in output


def test_a_run_of_spaces_in_a_label_is_read_in_linear_time(tmp_path):
    _, _, seconds = _check(hostile.spaces_in_label(tmp_path, scale=5))  # 100 000 spaces
    assert seconds < 5  # quadratic backtracking took a minute at 20 000


@pytest.mark.parametrize("extra", [80, 160, 100_000])
def test_a_row_with_many_extra_columns_is_past_the_column_limit(tmp_path, extra):
    code, output, _ = _check(hostile.extra_columns(tmp_path, extra=extra))
    assert code == 2 and "--limit columns=" in output


def test_one_slip_among_repeated_rows_ends_within_the_budget(tmp_path):
    code, output, seconds = _check(hostile.repeated_rows(tmp_path), "--max-seconds", "3")
    assert seconds < 3 + 5
    assert code == 1 or (code == 2 and "--max-seconds" in output)


@pytest.mark.parametrize("build", [hostile.docx_paragraph_bomb, hostile.docx_lying_size])
def test_a_docx_that_inflates_far_past_its_size_is_refused_before_parsing(tmp_path, build):
    code, output, seconds = _check(build(tmp_path, scale=0.05))
    assert code == 2 and "zip bomb" in output and seconds < 5


@pytest.mark.parametrize(("build", "scale", "limit"), [
    (hostile.docx_paragraph_bomb, 0.01, "text=1M"),  # more XML than python-docx should build a tree of
    (hostile.pdf_line_bomb, 0.003, "pdf_objects=2000"),  # stopped while the page is parsed, not after
    (hostile.big_text, 0.01, "text=1M"),  # refused before parsing
    (hostile.big_text, 0.01, "bytes=1M"),  # refused before reading
])
def test_an_input_past_a_limit_is_refused_naming_the_limit(tmp_path, build, scale, limit):
    code, output, seconds = _check(build(tmp_path, scale=scale), "--limit", limit)
    assert code == 2 and f"--limit {limit.split('=')[0]}=" in output and seconds < 10


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "fifo", "link"])
def test_only_regular_files_are_read(tmp_path, device):
    import os

    path = Path(device)
    if device == "fifo":
        path = tmp_path / "report.txt"
        os.mkfifo(path)
    elif device == "link":
        path = tmp_path / "report.txt"
        path.symlink_to("/dev/zero")
    code, output, seconds = _check(path)
    assert code == 2 and "not a regular file" in output and seconds < 5


def test_the_time_budget_stops_a_check_and_keeps_the_other_files(tmp_path, monkeypatch):
    import rapportkoll.discovery.pack as pack  # the engine imports discovery's pack when a table needs it

    real, slow_file = pack.discovered_pack, hostile.spaces_in_label(tmp_path, scale=0.01)

    def slow(view):
        while view.table.location.path == str(slow_file):  # a runaway check of this file only
            pass
        return real(view)

    monkeypatch.setattr(pack, "discovered_pack", slow)
    with using(Limits(seconds=3)):  # the example takes a fraction of it even on a loaded machine
        result = check_paths([slow_file, EXAMPLE], load_suite("generic"))
    assert [p.place for p in result.problems] == [str(slow_file)]
    assert "--max-seconds" in result.problems[0].message_en
    assert result.exit_code("error") == 2 and any(f.table_location.path == str(EXAMPLE) for f in result.findings)


def test_tables_checked_before_the_budget_ran_out_keep_their_findings(monkeypatch):
    import rapportkoll.discovery.pack as pack  # the engine imports discovery's pack when a table needs it

    real, calls = pack.discovered_pack, []

    def stuck_after_twelve(view):
        calls.append(view.table)
        while len(calls) > 12:  # the thirteenth table's discovery never ends
            pass
        return real(view)

    monkeypatch.setattr(pack, "discovered_pack", stuck_after_twelve)
    with using(Limits(seconds=1)):
        result = check_paths([EXAMPLE], load_suite("generic"))
    assert len(result.checks) == 12 and result.findings
    assert ["--max-seconds" in p.message_en for p in result.problems] == [True]


def test_the_memory_budget_stops_a_check_that_allocates_past_it():
    def greedy():
        hoard = []
        while True:
            hoard.append(bytearray(16 * 1024 * 1024))

    with using(Limits(memory=256 * 1024 * 1024)):
        error = within_budget("greedy", greedy)
    assert "--max-memory" in error.message_en


def test_an_unexpected_error_is_a_problem_of_its_file_and_the_others_are_checked(tmp_path, monkeypatch):
    import rapportkoll.readers.text as text_reader

    real = text_reader.read
    broken = hostile.spaces_in_label(tmp_path, scale=0.01)
    monkeypatch.setattr(text_reader, "read", lambda path: (_ for _ in ()).throw(KeyError("x")) if path == broken
                        else real(path))
    result = CliRunner().invoke(main, ["check", str(broken), str(EXAMPLE), "--lang", "en", "--format", "json"])
    assert result.exit_code == 2
    assert "KeyError" in result.output and "bug" in result.output
    assert '"errors": 0' not in result.output  # the example's findings are reported


def test_running_out_of_memory_inside_a_pdf_library_is_the_memory_budget_not_damage(tmp_path, monkeypatch):
    import rapportkoll.readers.pdf as pdf_reader

    def wrapped(data, place):
        raise RuntimeError("pdfminer failed") from MemoryError()  # as pdfplumber wraps what pdfminer raises

    monkeypatch.setattr(pdf_reader, "_read_pages", wrapped)
    path = hostile.pdf_line_bomb(tmp_path, scale=0.0001)
    with pytest.raises(InputError) as error:
        pdf_reader.read(path)
    assert "--max-memory" in error.value.message_en
