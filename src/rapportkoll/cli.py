"""Command line: `rapportkoll check`, `baseline`, `tables`, `infer`, `rules` and `explain`.

Exit 0 clean, 1 findings, 2 bad input or usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rapportkoll import __version__
from rapportkoll.cli_text import LANGUAGES, Formatter, Group, default_language
from rapportkoll.params import PackError
from rapportkoll.reporters import REPORTERS

_LANG = click.option("--lang", type=click.Choice(LANGUAGES), default=default_language,
                     help="Language of messages (default: the language of LANG/LC_ALL, else Swedish).")
_SUITE = click.option("--suite", default=None, metavar="NAME|FILE",
                      help="Check suite: a bundled name (delarsrapport) or a YAML file.")
_SECONDS = click.option("--max-seconds", type=float, default=None, metavar="N",
                        help="Time budget for reading and checking one file (default 30).")
_MEMORY = click.option("--max-memory", default=None, metavar="BYTES",
                       help="Memory budget for checking one file, e.g. 2G (default 1G).")
_LIMIT = click.option("--limit", "limit_specs", multiple=True, metavar="NAME=VALUE",
                      help="Raise or lower one limit: bytes, unpacked, text, rows, columns, cells, pages, "
                           "pdf_objects (README: Limits).")
_RULES = click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path), metavar="DIR",
                      help="Folder of extra rule packs; a pack with a bundled pack's name replaces it.")
_SELECT = click.option("--select", multiple=True, metavar="CODE|PREFIX|#TAG|RULE",
                       help="Report only these findings: a code (RK101), a code prefix (RK1), a tag (#sum) or a rule "
                            "id or pack prefix (investering.total); repeatable or comma-separated.")
_IGNORE = click.option("--ignore", multiple=True, metavar="CODE|PREFIX|#TAG|RULE",
                       help="Leave these findings out (the same forms as --select).")
_PREVIOUS = click.option("--previous", type=click.Path(path_type=Path), default=None, metavar="FILE",
                         help="Last period's report: columns of the same period must print the same amounts.")
_JOBS = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Documents checked in parallel (default: the number of cores); the output is the same.")
_EXIT_CODES = """\b
Exit codes / Slutkoder:
  0  nothing at or above --fail-on / inget på eller över --fail-on
  1  findings at or above --fail-on / avvikelser på eller över --fail-on
  2  unreadable input, invalid rule pack, configuration or baseline, or a usage error /
     oläslig fil, felaktig regelsamling, konfiguration eller baslinje, eller felaktigt anrop

\b
Settings / Inställningar: [tool.rapportkoll] in pyproject.toml or rapportkoll.toml (searched upward).
Shell completion / Komplettering: eval "$(_RAPPORTKOLL_COMPLETE=bash_source rapportkoll)"
"""


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=_EXIT_CODES)
@click.version_option(__version__, prog_name="rapportkoll")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Check the tables of Swedish municipal reports for internal consistency: sums, differences,
    products and marked missing values, allowing for rounding."""
    from rapportkoll.config import find_config
    from rapportkoll.readers.errors import InputError

    try:
        config = find_config(Path.cwd())
    except InputError as error:
        click.echo(error.message(Formatter.lang), err=True)  # options are not parsed yet: the run's language
        sys.exit(2)
    ctx.default_map = {name: config.defaults for name in main.commands}  # the command line still wins


@main.command(epilog=_EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_SUITE
@_RULES
@click.option("--format", "output_format", type=click.Choice(list(REPORTERS)), default=None,
              help="Output format (default: rich, the report in the terminal).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: the suite's, usually error).")
@click.option("--output", "outputs", multiple=True, metavar="[FORMAT=]FILE",
              help="Write a report to FILE instead of standard output, in FORMAT or the format its extension "
                   "names (.json .sarif .xml .html .md .txt); repeatable: --output r.sarif --output junit=r.xml.")
@_PREVIOUS
@click.option("--show-unlinked", is_flag=True,
              help="List the prose claims that could not be linked to a cell (otherwise only counted).")
@_SELECT
@_IGNORE
@click.option("--baseline", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Accepted findings (written by `rapportkoll baseline`): report only findings not in it.")
@_JOBS
@click.option("--quiet", "-q", is_flag=True,
              help="No progress, per-file summary or notes; the terminal report only when the run fails.")
@_SECONDS
@_MEMORY
@_LIMIT
@_LANG
def check(paths: tuple[Path, ...], suite: str | None, rule_dirs: tuple[Path, ...], output_format: str | None,
          fail_on: str | None, outputs: tuple[str, ...], previous: Path | None, show_unlinked: bool,
          select: tuple[str, ...], ignore: tuple[str, ...], baseline: Path | None, jobs: int | None, quiet: bool,
          max_seconds: float | None, max_memory: str | None, limit_specs: tuple[str, ...], lang: str) -> None:
    """Check one or more reports and report every inconsistency."""
    from rapportkoll.batch import default_jobs
    from rapportkoll.bounds import using
    from rapportkoll.outputs import OutputError, targets, write_error
    from rapportkoll.reporters import SHOWS_TABLES, RenderAhead, renderer

    limits = _limits(max_seconds, max_memory, limit_specs)
    try:
        chosen = targets(outputs, tuple(REPORTERS), output_format, [*paths, *([previous] if previous else [])])
    except OutputError as error:
        _fail(error.message(lang))
    loaded = _load_suite(suite, rule_dirs, lang)
    shown = {output_format or "rich"} if not chosen else {fmt for fmt, _ in chosen}
    look = None if quiet else _terminal_look(chosen, output_format)  # quiet: rendered only if the run fails
    ahead = RenderAhead(lang, look, "json" in shown and len(paths) > 1 and (jobs or default_jobs()) > 1)
    with using(limits):  # forked workers inherit the limits
        result = _run(list(paths), loaded, previous, (select, ignore), jobs, lang, quiet,
                      bool((shown - {"rich"} if look else shown) & SHOWS_TABLES), ahead)
    result.fail_on = fail_on or loaded.fail_on
    if not show_unlinked:
        result.set_aside_unlinked()
    notes = [_apply_baseline(result, baseline, lang)] if baseline is not None else []
    code = result.exit_code(result.fail_on)
    if not chosen:
        _to_stdout(result, output_format or "rich", lang, quiet=quiet and code == 0,
                   per_file=len(paths) > 1 and not quiet)
    for fmt, target in chosen:
        try:
            with target.open("w", encoding="utf-8") as stream:
                renderer(fmt)(result, stream, lang)
        except OSError as exc:
            _fail(write_error(target, exc).message(lang))
    if output_format not in (None, "rich") or outputs:
        for problem in result.problems:
            click.echo(problem.message(lang), err=True)
    for note in notes if not quiet else ():
        click.echo(note, err=True)
    sys.exit(code)


@main.command(epilog=_EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output", "-o", "baseline", type=click.Path(path_type=Path, dir_okay=False), default=None,
              metavar="FILE", help="Where to write the baseline (default: `baseline` in the configuration).")
@_SUITE
@_RULES
@_PREVIOUS
@_SELECT
@_IGNORE
@_JOBS
@_LANG
def baseline(paths: tuple[Path, ...], baseline: Path | None, suite: str | None, rule_dirs: tuple[Path, ...],
             previous: Path | None, select: tuple[str, ...], ignore: tuple[str, ...], jobs: int | None,
             lang: str) -> None:
    """Accept the current findings: write them as a baseline for `check --baseline FILE`."""
    from rapportkoll.baseline import write_baseline

    if baseline is None:
        raise click.UsageError("ange --output FIL (eller baseline = \"FIL\" i [tool.rapportkoll])" if lang == "sv" else
                               "give --output FILE (or baseline = \"FILE\" in [tool.rapportkoll])")
    result = _run(list(paths), _load_suite(suite, rule_dirs, lang), previous, (select, ignore), jobs, lang, True,
                  False)
    result.set_aside_unlinked()  # as `check` does by default, so its entries are compared with what it reports
    for problem in result.problems:  # a baseline of a partly read report would accept too little
        click.echo(problem.message(lang), err=True)
    if result.problems:
        sys.exit(2)
    try:
        with baseline.open("w", encoding="utf-8") as stream:
            write_baseline(result.findings, stream)
    except OSError as error:
        click.echo(f"{baseline}: {'kan inte skrivas' if lang == 'sv' else 'cannot be written'} ({error.strerror})",
                   err=True)
        sys.exit(2)
    written = "godtagna avvikelser skrivna till" if lang == "sv" else "accepted findings written to"
    click.echo(f"{len(result.findings)} {written} {baseline}")


def _to_stdout(result, output_format: str, lang: str, quiet: bool, per_file: bool) -> None:
    """The report on standard output; a terminal report of several files ends with a table per file.

    ``quiet`` leaves out a terminal report (machine formats are always written: a consumer expects them).
    """
    from rapportkoll.reporters import renderer

    terminal = output_format == "rich"
    if not (quiet and terminal):
        renderer(output_format)(result, sys.stdout, lang)
    if per_file and terminal:
        from rapportkoll.reporters.file_summary import render_file_summary

        render_file_summary(result, sys.stdout, lang)


def _terminal_look(chosen: list[tuple[str, Path]], output_format: str | None):
    """The look of the one terminal report of the run, whose blocks workers render; None if there are more or none."""
    if chosen:
        targets = [None for fmt, _ in chosen if fmt == "rich"]  # a file: the look of any regular file
    else:
        targets = [sys.stdout] if output_format in (None, "rich") else []
    if len(targets) != 1:
        return None
    from rapportkoll.reporters.blocks import Look  # imports rich here, once, not in each worker

    return Look.of(targets[0])


def _run(paths: list[Path], suite, previous: Path | None, chosen: tuple[tuple[str, ...], tuple[str, ...]],
         jobs: int | None, lang: str, quiet: bool, keep_reports: bool, ahead=None):
    """Check every document (in parallel, with progress on a terminal) and keep the selected findings.

    ``keep_reports``: the documents' tables are kept for the formats that show them; ``ahead``: what of the
    reports is rendered where each file is checked (``reporters.RenderAhead``; the tables stay there).
    """
    from rapportkoll.batch import check_files, default_jobs
    from rapportkoll.finding_filter import FilterError, FindingFilter, suite_rule_ids

    try:
        keep = FindingFilter.of(*chosen, suite_rule_ids(suite))
    except FilterError as error:
        raise click.BadParameter(error.message(lang), param_hint="--select/--ignore") from None
    workers = jobs or default_jobs()
    if quiet or len(paths) < 2 or not sys.stderr.isatty():
        result = check_files(paths, suite, previous, workers, keep_reports=keep_reports, finish=ahead)
    else:
        from rapportkoll.reporters.progress import batch_progress

        with batch_progress(paths, lang) as on_file:
            result = check_files(paths, suite, previous, workers, on_file, keep_reports, ahead)
    result.findings = keep.apply(result.findings)
    return result


def _apply_baseline(result, path: Path, lang: str) -> str:
    """Leave out the accepted findings; the note says how many, and which accepted ones are gone."""
    from rapportkoll.baseline import apply_baseline, load_baseline
    from rapportkoll.readers.errors import InputError

    try:
        outcome = apply_baseline(result.findings, load_baseline(path))
    except InputError as error:
        click.echo(error.message(lang), err=True)
        sys.exit(2)
    result.findings = list(outcome.new)
    return outcome.message(lang)


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(2)


def _limits(seconds: float | None, memory: str | None, specs: tuple[str, ...]):
    """The limits of this run from the flags; a malformed one is a usage error (exit 2)."""
    from rapportkoll.bounds import Limits, with_settings

    settings = dict(spec.partition("=")[::2] for spec in specs)
    settings.update({k: str(v) for k, v in (("seconds", seconds), ("memory", memory)) if v is not None})
    try:
        return with_settings(Limits(), settings)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--limit/--max-seconds/--max-memory") from None


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@_SUITE
@_RULES
@click.option("--cells", is_flag=True, help="Show every table with its cells, not only the list.")
@_LANG
def tables(path: Path, suite: str | None, rule_dirs: tuple[Path, ...], cells: bool, lang: str) -> None:
    """Show the tables the reader found and which rule packs apply to each."""
    from rapportkoll.reporters.tables import render_tables
    from rapportkoll.run import check_paths

    result = check_paths([path], _load_suite(suite, rule_dirs, lang))
    for problem in result.problems:
        click.echo(problem.message(lang), err=True)
    if not result.reports:
        sys.exit(2)
    render_tables(result.reports[0], result.checks, sys.stdout, lang, cells)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--output", "output_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write one pack file per table into DIR instead of printing them.")
@_LANG
def infer(path: Path, output_dir: Path | None, lang: str) -> None:
    """Write the relations discovered in each table as rule packs (YAML) to review and keep."""
    from rapportkoll.discovery.infer import infer_packs

    report = _read_bounded(path, lang)
    documents = infer_packs(report)
    if output_dir is None:
        click.echo("\n---\n".join(text for _, text in documents), nl=False)
        return
    output_dir.mkdir(parents=True, exist_ok=True)
    for name, text in documents:
        (output_dir / f"{name}.yaml").write_text(text, encoding="utf-8")
    click.echo(f"{len(documents)} {'regelsamlingar skrivna till' if lang == 'sv' else 'packs written to'} {output_dir}")


@main.command()
@_SUITE
@_RULES
@_LANG
def rules(suite: str | None, rule_dirs: tuple[Path, ...], lang: str) -> None:
    """List the rule packs and rules of a suite with their ids, kinds and titles."""
    from rapportkoll.reporters.tables import render_rules

    render_rules(_load_suite(suite, rule_dirs, lang), sys.stdout, lang)


def _read_bounded(path: Path, lang: str):
    """The report at ``path`` read within the default limits; an unreadable one ends the command with exit 2."""
    from rapportkoll.guard import within_budget
    from rapportkoll.readers import read_report

    read = []
    error = within_budget(str(path), lambda: read.append(read_report(path)))
    if error is not None:
        _fail(error.message(lang))
    return read[0]


@main.command()
@click.argument("code")
@_LANG
def explain(code: str, lang: str) -> None:
    """Explain a finding code (e.g. RK101): what, why, an example, how to fix and how to switch it off;
    or a bundled rule (e.g. sjukfranvaro.differens): its pack, kind and why it holds."""
    from rapportkoll.catalog import FINDING_TYPES
    from rapportkoll.explain import explanation

    text = explanation(code, lang)
    if text is None:
        rule_ids = "eller ett regel-id ur `rapportkoll rules`" if lang == "sv" else "or a rule id from `rapportkoll rules`"
        raise click.BadParameter(f"'{code}' ({', '.join(FINDING_TYPES)}; {rule_ids})", param_hint="CODE")
    click.echo(text, nl=False)


def _load_suite(suite: str | None, rule_dirs: tuple[Path, ...], lang: str):
    from rapportkoll.suites import load_suite

    try:
        return load_suite(suite, rule_dirs)
    except PackError as error:
        prefix = "Felaktig regelsamling" if lang == "sv" else "Invalid rule pack"
        click.echo(f"{prefix}: {error.message(lang)}", err=True)
        sys.exit(2)
