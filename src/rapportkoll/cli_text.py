"""The command line in the user's language: which language, the help texts in Swedish, usage errors in both.

The language is `--lang` when given, else the locale's: LC_ALL, LC_MESSAGES or LANG naming Swedish
(sv_SE…) gives Swedish, another language English, and a locale naming none (C, POSIX, unset — as
on most CI runners) the tool's own language, Swedish. The English help is the one written beside
each command and option in cli.py; the Swedish one is here, keyed by command and option name, and
put in place before click parses the command line, so `--help` is in the chosen language too.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Mapping, Sequence

import click

LANGUAGES = ("sv", "en")

# Swedish help: a command by its name, an option as 'command.option' or, shared by commands, 'option'.
HELP_SV: dict[str, str] = {
    "main": "Kontrollerar att tabellerna i kommunala rapporter hänger ihop: summor, avvikelser, differenser, "
            "produkter och markerade saknade värden, med hänsyn till avrundning.",
    "check": "Kontrollera en eller flera rapporter och rapportera varje avvikelse.",
    "tables": "Visa tabellerna som lästes och vilka regelsamlingar som gäller för var och en.",
    "infer": "Skriv sambanden som upptäcktes i varje tabell som regelsamlingar (YAML) att granska och spara.",
    "rules": "Lista svitens regelsamlingar och regler med id, sort och rubrik.",
    "lang": "Språk för meddelanden (standard: språket i LANG/LC_ALL, annars svenska).",
    "suite": "Kontrollsvit: ett medföljande namn (delarsrapport) eller en YAML-fil.",
    "rule_dirs": "Mapp med fler regelsamlingar; en samling med samma namn som en medföljande ersätter den.",
    "output_format": "Utdataformat (standard: rich, rapporten i terminalen).",
    "fail_on": "Lägsta allvarlighet som ger slutkod 1 (standard: svitens, oftast error).",
    "check.outputs": "Skriv en rapport till FIL i stället för till standard ut, i FORMAT eller det format som "
                     "filändelsen anger (.json .sarif .xml .html .md .txt); kan upprepas: --output r.sarif "
                     "--output junit=r.xml.",
    "max_seconds": "Tidsbudget för att läsa och kontrollera en fil (standard 30).",
    "max_memory": "Minnesbudget för att kontrollera en fil, t.ex. 2G (standard 1G).",
    "limit_specs": "Höj eller sänk en gräns: bytes, unpacked, text, rows, columns, cells, pages, pdf_objects "
                   "(README: Limits).",
    "previous": "Förra periodens rapport: kolumner för samma period ska visa samma belopp.",
    "cells": "Visa varje tabell med dess celler, inte bara listan.",
    "show_unlinked": "Lista påståendena i texten som inte kunde knytas till en cell (annars räknas de bara).",
    "infer.output_dir": "Skriv en regelsamling per tabell till MAPP i stället för att skriva ut dem.",
    "baseline": "Godta dagens avvikelser: skriv dem som en baslinje för `check --baseline FIL`.",
    "explain": "Förklara en avvikelsekod (t.ex. RK101): vad, varför, ett exempel, hur man rättar och stänger av; "
               "eller en medföljande regel (t.ex. sjukfranvaro.differens): dess regelsamling, typ och varför den gäller.",
    "select": "Visa bara dessa avvikelser: en kod (RK101), ett kodprefix (RK1), en etikett (#sum) eller ett "
              "regel-id eller dess prefix (investering.total); kan upprepas eller kommaseparereras.",
    "ignore": "Utelämna dessa avvikelser (samma former som --select).",
    "check.baseline": "Godtagna avvikelser (skrivna av `rapportkoll baseline`): visa bara avvikelser som inte "
                      "finns där.",
    "baseline.baseline": "Var baslinjen skrivs (standard: `baseline` i konfigurationen).",
    "jobs": "Antal rapporter som kontrolleras samtidigt (standard: antalet kärnor); utdata blir desamma.",
    "quiet": "Ingen förloppsindikator, sammanfattning per fil eller notiser; terminalrapporten bara när körningen "
             "fallerar.",
    "help": "Visa den här hjälpen och avsluta.",
    "version": "Visa versionen och avsluta.",
}
_HEADINGS_SV = {"Usage": "Användning", "Options": "Flaggor", "Commands": "Kommandon"}
_TRY_HELP = {"sv": "Se '{command} {option}' för hjälp.", "en": "Try '{command} {option}' for help."}
_ERROR = {"sv": "Fel", "en": "Error"}
# Click's own messages for a bad value, and their Swedish wording (the value and names are kept).
_VALUE_SV = (
    (re.compile(r"^'(.*)' is not one of (.*)\.$", re.S), "'{0}' är inte något av {1}."),
    (re.compile(r"^'(.*)' is not a valid (integer|float)\.?$", re.S), "'{0}' är inte ett giltigt tal."),
    (re.compile(r"^(?:Path|File|Directory) '(.*)' does not exist\.$", re.S), "'{0}' finns inte."),
    (re.compile(r"^(?:Path|File) '(.*)' is a directory\.$", re.S), "'{0}' är en mapp."),
    (re.compile(r"^Directory '(.*)' is a file\.$", re.S), "'{0}' är en fil, inte en mapp."),
    (re.compile(r"^unknown format '(.*)' \(known: (.*)\)$", re.S), "okänt format '{0}' (kända: {1})"),
)
_USAGE_SV = (
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$", re.S), "Oväntade argument: {0}"),
    (re.compile(r"^No such command '(.*)'\.$", re.S), "Kommandot '{0}' finns inte."),
    (re.compile(r"^Missing command\.$", re.S), "Ange ett kommando."),
)


def locale_language(env: Mapping[str, str]) -> str:
    """Swedish for a Swedish locale or one naming no language; English for any other language."""
    value = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    if value.lower().startswith("sv") or value.split(".")[0] in ("", "C", "POSIX"):
        return "sv"
    return "en"


def chosen_language(args: Sequence[str], env: Mapping[str, str]) -> str:
    """The language of `--lang X` or `--lang=X` on the command line, else the locale's."""
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.partition("=")[2]
        if (arg == "--lang" or arg.startswith("--lang=")) and value in LANGUAGES:
            return value
    return locale_language(env)


def default_language() -> str:
    """`--lang`'s default: the locale's language."""
    return locale_language(os.environ)


class Formatter(click.HelpFormatter):
    """Click's help formatter with its headings in the language of the run."""

    lang = "en"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix or f"{_heading('Usage', self.lang)}: ")

    def section(self, name: str):
        return super().section(_heading(name, self.lang))


class Context(click.Context):
    formatter_class = Formatter


class Command(click.Command):
    """A command whose help and help option speak the language of the run."""

    context_class = Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            _set_help(option, HELP_SV["help"], Formatter.lang)
        return option


class Group(Command, click.Group):
    """The command group, run in the user's language (help, usage errors and messages)."""

    command_class = Command

    def main(self, args=None, prog_name=None, **extra):  # click's entry point
        run(self, args, prog_name=prog_name or "rapportkoll", **extra)


def _heading(name: str, lang: str) -> str:
    return _HEADINGS_SV.get(name, name) if lang == "sv" else name


def localize(group: click.Group, lang: str) -> None:
    """Put the help of ``lang`` on the group, its commands and their options (English is kept to go back)."""
    Formatter.lang = lang
    for key, command in [("main", group), *group.commands.items()]:
        _set_help(command, HELP_SV.get(key), lang)
        for param in command.params:
            if isinstance(param, click.Option):
                _set_help(param, HELP_SV.get(f"{key}.{param.name}") or HELP_SV.get(param.name), lang)


def _set_help(target, swedish: str | None, lang: str) -> None:
    english = target.__dict__.setdefault("_help_en", target.help)
    target.help = swedish if lang == "sv" and swedish else english


def show_usage_error(error: click.UsageError, lang: str) -> None:
    """The usage, a pointer to the help and the error, as click shows them, in ``lang``."""
    ctx = error.ctx
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            option = ctx.help_option_names[0]
            click.echo(_TRY_HELP[lang].format(command=ctx.command_path, option=option), err=True)
        click.echo(err=True)
    click.echo(f"{_ERROR[lang]}: {usage_message(error, lang)}", err=True)


def usage_message(error: click.UsageError, lang: str) -> str:
    """What was wrong on the command line, in ``lang``."""
    if lang != "sv":
        return error.format_message()
    hint = error.param.get_error_hint(error.ctx) if getattr(error, "param", None) is not None and error.ctx else ""
    if isinstance(error, click.MissingParameter):
        what = "Argumentet" if isinstance(error.param, click.Argument) else "Flaggan"
        return f"{what} {hint} saknas."
    if isinstance(error, click.NoSuchOption):
        guess = f" Menade du {' eller '.join(error.possibilities)}?" if error.possibilities else ""
        return f"Okänd flagga: {error.option_name}.{guess}"
    if isinstance(error, click.BadOptionUsage):
        return f"Flaggan {error.option_name} kräver ett värde." if "requires" in error.message else error.message
    if isinstance(error, click.BadParameter):
        where = hint or error.param_hint or ""
        return f"Ogiltigt värde för {where}: {_translated(error.message, _VALUE_SV)}"
    return _translated(error.message, _USAGE_SV)


def _translated(message: str, table) -> str:
    for pattern, swedish in table:
        if match := pattern.match(message):
            return swedish.format(*match.groups())
    return message


def run(group: click.Group, args: Sequence[str] | None, **extra) -> None:
    """Run the command line in the chosen language; usage errors exit 2 with a message in that language."""
    args = list(sys.argv[1:] if args is None else args)
    lang = chosen_language(args, os.environ)
    localize(group, lang)
    try:
        code = click.Group.main(group, args, standalone_mode=False, **extra)
    except click.UsageError as error:
        show_usage_error(error, lang)
        sys.exit(error.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.Abort:
        click.echo("Avbrutet." if lang == "sv" else "Aborted!", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
