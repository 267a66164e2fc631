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
@click.option("--format", "output_format", type=click.Choice(list(REPORTERS)), default="rich",
              help="Output format (default: rich, the report in the terminal).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: the suite's, usually error).")
@click.option("--output", "outputs", multiple=True, metavar="[FORMAT=]FILE",
              help="Write a report to FILE instead of standard output; FORMAT=FILE writes that format "
                   "(repeatable: one run, several formats, e.g. --output sarif=r.sarif --output junit=r.xml).")
@click.option("--previous", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Last period's report: columns of the same period must print the same amounts.")
@click.option("--show-unlinked", is_flag=True,
              help="List the prose claims that could not be linked to a cell (otherwise only counted).")
@_LANG
def check(paths: tuple[Path, ...], suite: str | None, rule_dirs: tuple[Path, ...], output_format: str,
          fail_on: str | None, outputs: tuple[str, ...], previous: Path | None, show_unlinked: bool,
          lang: str) -> None:
    """Check one or more reports and report every inconsistency."""
    from rapportkoll.reporters import renderer
    from rapportkoll.run import check_paths

    targets = [_output_target(spec, output_format) for spec in outputs]
    loaded = _load_suite(suite, rule_dirs, lang)
    result = check_paths(list(paths), loaded, previous)
    result.fail_on = fail_on or loaded.fail_on
    if not show_unlinked:
        result.set_aside_unlinked()
    if not targets:
        renderer(output_format)(result, sys.stdout, lang)
    for fmt, target in targets:
        with target.open("w", encoding="utf-8") as stream:
            renderer(fmt)(result, stream, lang)
    if output_format != "rich" or outputs:
        for problem in result.problems:
            click.echo(problem.message(lang), err=True)
    sys.exit(result.exit_code(result.fail_on))


def _output_target(spec: str, default_format: str) -> tuple[str, Path]:
    name, sep, file = spec.partition("=")
    if sep and name in REPORTERS:
        return name, Path(file)
    if sep and "/" not in name and "." not in name:
        raise click.BadParameter(f"unknown format '{name}' (known: {', '.join(REPORTERS)})", param_hint="--output")
    return default_format, Path(spec)


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
    from rapportkoll.readers import InputError, read_report

    try:
        report = read_report(path)
    except InputError as error:
        click.echo(error.message(lang), err=True)
        sys.exit(2)
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


def _load_suite(suite: str | None, rule_dirs: tuple[Path, ...], lang: str):
    from rapportkoll.suites import load_suite

    try:
        return load_suite(suite, rule_dirs)
    except PackError as error:
        prefix = "Felaktig regelsamling" if lang == "sv" else "Invalid rule pack"
        click.echo(f"{prefix}: {error.message(lang)}", err=True)
        sys.exit(2)
