"""Command line: `rapportkoll check`, `tables` and `rules`. Exit 0 clean, 1 findings, 2 bad input or usage."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rapportkoll import __version__
from rapportkoll.cli_text import LANGUAGES, Group, default_language
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


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rapportkoll")
def main() -> None:
    """Check the tables of Swedish municipal reports for internal consistency: sums, differences,
    products and marked missing values, allowing for rounding."""


@main.command()
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
@click.option("--previous", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Last period's report: columns of the same period must print the same amounts.")
@click.option("--show-unlinked", is_flag=True,
              help="List the prose claims that could not be linked to a cell (otherwise only counted).")
@_SECONDS
@_MEMORY
@_LIMIT
@_LANG
def check(paths: tuple[Path, ...], suite: str | None, rule_dirs: tuple[Path, ...], output_format: str | None,
          fail_on: str | None, outputs: tuple[str, ...], previous: Path | None, show_unlinked: bool,
          max_seconds: float | None, max_memory: str | None, limit_specs: tuple[str, ...], lang: str) -> None:
    """Check one or more reports and report every inconsistency."""
    from rapportkoll.bounds import using
    from rapportkoll.outputs import OutputError, targets, write_error
    from rapportkoll.reporters import renderer
    from rapportkoll.run import check_paths

    limits = _limits(max_seconds, max_memory, limit_specs)
    try:
        chosen = targets(outputs, tuple(REPORTERS), output_format, [*paths, *([previous] if previous else [])])
    except OutputError as error:
        _fail(error.message(lang))
    loaded = _load_suite(suite, rule_dirs, lang)
    with using(limits):
        result = check_paths(list(paths), loaded, previous)
    result.fail_on = fail_on or loaded.fail_on
    if not show_unlinked:
        result.set_aside_unlinked()
    if not chosen:
        renderer(output_format or "rich")(result, sys.stdout, lang)
    for fmt, target in chosen:
        try:
            with target.open("w", encoding="utf-8") as stream:
                renderer(fmt)(result, stream, lang)
        except OSError as exc:
            _fail(write_error(target, exc).message(lang))
    if output_format not in (None, "rich") or outputs:
        for problem in result.problems:
            click.echo(problem.message(lang), err=True)
    sys.exit(result.exit_code(result.fail_on))


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


def _load_suite(suite: str | None, rule_dirs: tuple[Path, ...], lang: str):
    from rapportkoll.suites import load_suite

    try:
        return load_suite(suite, rule_dirs)
    except PackError as error:
        prefix = "Felaktig regelsamling" if lang == "sv" else "Invalid rule pack"
        click.echo(f"{prefix}: {error.message(lang)}", err=True)
        sys.exit(2)
