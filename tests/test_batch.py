"""Batches: --jobs N gives the same output and exit code as a sequential run; progress and per-file summary."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from rapportkoll.batch import check_files
from rapportkoll.reporters import RenderAhead, json_report
from rapportkoll.reporters.blocks import Capture, Look, prerender
from rapportkoll.reporters.terminal import render
from rapportkoll.cli import main
from rapportkoll.suites import load_suite

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "examples").glob("*.csv"))
REALWORLD = sorted((ROOT / "tests" / "realworld").glob("*.tsv"))[:6]


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _batch(tmp_path: Path) -> list[Path]:
    """The examples, some real tables, an empty and a missing file, and an example again (order kept)."""
    empty = tmp_path / "tom.txt"
    empty.write_text("", encoding="utf-8")
    return [*EXAMPLES, *REALWORLD, empty, tmp_path / "saknas.txt", EXAMPLES[0]]


def test_parallel_output_and_exit_code_equal_the_sequential_run(tmp_path):
    paths = _batch(tmp_path)
    for fmt in ("json", "rich"):  # findings only, and with the documents' tables
        one = run("check", *paths, "--format", fmt, "--jobs", "1", "--lang", "en")
        two = run("check", *paths, "--format", fmt, "--jobs", "2", "--lang", "en")
        assert one.exit_code == two.exit_code == 2  # the empty and the missing file
        assert one.stdout == two.stdout and one.stderr == two.stderr


@pytest.mark.parametrize("stream", [io.StringIO, partial(Capture, "utf-8", True), partial(Capture, "ascii", True)])
def test_blocks_rendered_in_the_workers_make_the_report_the_main_process_renders(tmp_path, stream):
    # The main process writes the workers' blocks as they are: the report must be the one it renders
    # itself from the documents' tables, byte for byte, in a pipe and in a terminal (colours, boxes).
    paths, look = _batch(tmp_path), Look.of(stream())
    whole = check_files(paths, load_suite(), None, 1)
    blocks = check_files(paths, load_suite(), None, 2, keep_reports=False, finish=partial(prerender, lang="en", look=look))
    assert blocks.reports == [] and len(blocks.blocks) >= 10 and not whole.blocks
    assert any(f.suspect for f in blocks.blocks)  # blocks with the table around the suspect cell
    rendered = []
    for result in (whole, blocks):
        out = stream()
        render(result, out, "en")
        rendered.append(out.getvalue())
    assert rendered[0] == rendered[1]
    assert ("\x1b[" in rendered[0]) == (stream is not io.StringIO)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_json_texts_made_in_the_workers_make_the_report_the_main_process_renders(tmp_path, lang):
    # As the terminal blocks above: the JSON of each table and finding made where the file was checked must
    # be what the main process writes itself from the records, byte for byte.
    paths = _batch(tmp_path)
    whole = check_files(paths, load_suite(), None, 1)
    ahead = check_files(paths, load_suite(), None, 2, keep_reports=False, finish=RenderAhead(lang, json=True))
    assert len(ahead.json_tables) == len(ahead.checks) and set(ahead.json_findings) == {(f, lang) for f in ahead.findings}
    assert not whole.json_tables and len(ahead.findings) >= 10
    other = "en" if lang == "sv" else "sv"  # texts made in one language are not written into a report in the other
    for wanted in (lang, other):
        rendered = []
        for result in (whole, ahead):
            out = io.StringIO()
            json_report.render(result, out, wanted)
            rendered.append(out.getvalue())
        assert rendered[0] == rendered[1]


def test_each_file_is_reported_once_in_order(tmp_path):
    paths = _batch(tmp_path)
    seen: list[int] = []
    result = check_files(paths, load_suite(), None, 2, lambda index, one: seen.append(index))
    assert seen == list(range(len(paths)))
    assert result.paths == [str(p) for p in paths]


def test_without_keep_reports_only_the_tables_and_the_cells_read_are_dropped(tmp_path):
    paths = _batch(tmp_path)
    kept, dropped = (check_files(paths, load_suite(), None, 2, keep_reports=keep) for keep in (True, False))
    assert len(kept.reports) == len(paths) - 2 and dropped.reports == []
    assert any(check.records for check in kept.checks) and not any(check.records for check in dropped.checks)
    assert (dropped.tables, dropped.findings, dropped.problems) == (kept.tables, kept.findings, kept.problems)
    assert [replace(check, records=()) for check in kept.checks] == dropped.checks  # coverage counted before


def test_an_unreadable_previous_report_is_one_problem_not_one_per_file(tmp_path):
    result = run("check", *EXAMPLES, "--previous", tmp_path / "fjol.txt", "--format", "json", "--jobs", "2")
    assert result.exit_code == 2
    assert result.stderr.count("fjol.txt") == 1


def test_a_batch_ends_with_a_per_file_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # short relative names, so no row of the table wraps
    names = [p.name for p in EXAMPLES]
    for path in EXAMPLES:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    Path("tom.txt").write_text("", encoding="utf-8")
    text = run("check", *names, "tom.txt", "--lang", "en").stdout
    rows = {line.split()[1]: line.split()[3:-1:2] for line in text[text.index("Per file"):].splitlines()
            if line.startswith("│")}
    assert list(rows) == [*names, "tom.txt"]
    # tables, errors, warnings, infos, unreadable
    assert rows["alingsas-ks-delarsbokslut-2024.txt"] == ["10", "2", "4", "0", "0"]
    assert rows["tom.txt"] == ["0", "0", "0", "0", "1"]
    assert "Per file" not in run("check", names[0], "--lang", "en").stdout


def test_one_file_never_starts_worker_processes():
    code = ("import sys; from rapportkoll.cli import main\n"
            "try:\n    main(['check', sys.argv[1], '--format', 'json', '--jobs', '4'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('multiprocessing', 'concurrent'))), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code, str(EXAMPLES[0])], capture_output=True, text=True, timeout=60)
    assert out.stderr.strip().splitlines()[-1] == "[]"


def test_progress_shows_files_done_the_next_file_and_findings_so_far():
    import io

    from rich.console import Console

    from rapportkoll.reporters.progress import batch_progress

    paths = EXAMPLES[:3]
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=160)
    with batch_progress(paths, "en", console) as done:
        check_files(paths, load_suite(), None, 1, done)
        shown = screen.getvalue()
    assert "2/3" in shown and paths[2].name in shown
    done_before_the_third = check_files(paths[:2], load_suite()).findings
    assert f"findings: {len(done_before_the_third)}" in shown


def _dies_on_empty_files(path):
    """A worker that dies as a crash in a C library would (the forked worker finds it by module name)."""
    import os

    from rapportkoll import batch

    if path.stat().st_size == 0:
        os._exit(1)
    return batch._check_one(path, batch._WORKER["settings"])


def test_a_dead_worker_leaves_the_rest_to_the_main_process(tmp_path, monkeypatch):
    from rapportkoll import batch

    empty = tmp_path / "tom.txt"
    empty.write_text("", encoding="utf-8")
    paths = [*EXAMPLES, empty, *REALWORLD]
    expected = check_files(paths, load_suite(), None, 1)
    monkeypatch.setattr(batch, "_in_worker", _dies_on_empty_files)
    result = check_files(paths, load_suite(), None, 2)
    assert (result.paths, result.findings, result.problems) == (expected.paths, expected.findings, expected.problems)


def test_the_collector_is_left_as_the_caller_had_it(tmp_path):
    # Workers fork with the main process's objects frozen out of the collector; afterwards the caller's collector
    # is as it was: nothing frozen stays frozen, and a freeze of the caller's own (a pre-fork server) is kept.
    import gc

    paths = EXAMPLES[:2]
    check_files(paths, load_suite(), None, 2)
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        check_files(paths, load_suite(), None, 2)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
