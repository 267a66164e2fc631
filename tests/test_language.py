"""Every user-facing text in one language, chosen by --lang or the locale: messages, pack errors, help, usage errors."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import rapportkoll
from helpers import table_from_rows
from rapportkoll.catalog import FINDING_TYPES
from rapportkoll.cli import main
from rapportkoll.cli_text import HELP_SV, chosen_language, locale_language
from rapportkoll.expectations import violation
from rapportkoll.frame import TableView
from rapportkoll.kinds.spec import unresolved
from rapportkoll.labels import LabelPattern

PACKAGE = Path(rapportkoll.__file__).parent
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "alingsas-ks-delarsbokslut-2024.txt"
# Words that give a message away as the other language (whole words, case-insensitive).
ENGLISH = re.compile(r"\b(is|is not|but|the|of|give|gives|blank|not|number|row|column|table|rule)\b", re.I)
SWEDISH = re.compile(r"\b(är|inte|men|ger|blir|tom|ett tal|raden|kolumnen|tabellen|regeln|i)\b", re.I)
OTHER = {"sv": ENGLISH, "en": SWEDISH}


def _placeholders(template: str) -> dict[str, str]:
    """Neutral values for a template's fields ('X'), so only the template's own words are judged."""
    return {name: "X" for name in re.findall(r"{(\w+)}", template)}


@pytest.mark.parametrize("code", sorted(FINDING_TYPES))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_template_is_in_one_language(code: str, lang: str):
    kind = FINDING_TYPES[code]
    template = kind.template_sv if lang == "sv" else kind.template_en
    other = "en" if lang == "sv" else "sv"
    assert f"_{other}}}" not in template
    assert not OTHER[lang].search(kind.render(lang, _placeholders(template)).replace("X", "")), template
    assert not OTHER[lang].search(kind.title(lang))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_wrong_kind_of_value_is_named_in_the_message_language(lang: str):
    """The issue's case: "'8OO' i Prognos 2023 is not ett tal / a number"."""
    table = table_from_rows(["Belopp", "Prognos 2023"], [["A", "8OO"]])
    found = violation(TableView.of(table), 0, 0, "kind:number")
    message = FINDING_TYPES[found.code].render(lang, dict(found.fields))
    assert found.code == "RK301" and "8OO" in message
    assert not OTHER[lang].search(message.replace("8OO", "").replace("Prognos 2023", ""))


@pytest.mark.parametrize("role", ["row", "column", "table", "total", "part", "result", "term", "minuend",
                                  "subtrahend"])
def test_a_label_not_found_names_its_role_in_the_message_language(role: str):
    found = unresolved(role, LabelPattern(("Summa",)))
    swedish = FINDING_TYPES[found.code].render("sv", {**dict(found.fields), "rule": "r"})
    assert role not in swedish.split() and "Summa" in swedish


def test_every_pack_error_has_a_swedish_message():
    """Each `raise PackError(...)` in the package passes `sv=`: a pack error is never English in a Swedish run."""
    missing = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                    and getattr(node.exc.func, "id", None) == "PackError" \
                    and not any(k.arg == "sv" for k in node.exc.keywords):
                missing.append(f"{path.name}:{node.lineno}")
    assert missing == []


@pytest.mark.parametrize("lang, wanted, unwanted", [("sv", "okänd nyckel 'partz'", "unknown key"),
                                                    ("en", "unknown key 'partz'", "okänd nyckel")])
def test_pack_errors_follow_the_language(tmp_path: Path, lang: str, wanted: str, unwanted: str):
    (tmp_path / "bad.yaml").write_text("pack: p\ntitle: t\napplies_to: {corner: X}\nrules:\n  - id: r1\n"
                                       "    kind: sum\n    title: t\n    total: Summa\n    partz: [A]\n",
                                       encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "--rules", str(tmp_path), "--lang", lang])
    assert result.exit_code == 2
    assert wanted in result.stderr and unwanted not in result.stderr
    assert ("regeln 'r1'" if lang == "sv" else "rule 'r1'") in result.stderr


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "sv_SE.UTF-8"}, "sv"), ({"LC_ALL": "sv_FI.UTF-8", "LANG": "en_US.UTF-8"}, "sv"),
    ({"LANG": "en_GB.UTF-8"}, "en"), ({"LC_ALL": "de_DE.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "sv"), ({"LANG": "POSIX"}, "sv"), ({}, "sv"),
])
def test_the_locale_chooses_the_language(env: dict, expected: str):
    assert locale_language(env) == expected
    assert chosen_language(["check", "x.txt"], env) == expected
    assert chosen_language(["check", "--lang", "en", "x.txt"], env) == "en"
    assert chosen_language(["--lang=sv"], env) == "sv"


def _cli(*args: str, lang_env: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "", "LANG": lang_env, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "rapportkoll", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=60)


@pytest.mark.parametrize("command", ["", "check", "tables", "infer", "rules"])
def test_help_is_swedish_in_a_swedish_locale_and_english_in_an_english_one(command: str):
    args = [command, "--help"] if command else ["--help"]
    swedish, english = _cli(*args, lang_env="sv_SE.UTF-8"), _cli(*args, lang_env="en_US.UTF-8")
    assert swedish.returncode == english.returncode == 0
    assert swedish.stdout.startswith("Användning:") and "Flaggor:" in swedish.stdout
    assert english.stdout.startswith("Usage:") and "Options:" in english.stdout
    assert HELP_SV[command or "main"].split()[0] in swedish.stdout
    assert "Show this message" in english.stdout and "Show this message" not in swedish.stdout


def test_every_option_has_swedish_help():
    for name, command in [("main", main), *main.commands.items()]:
        assert name in HELP_SV, name
        for param in command.params:
            if param.param_type_name == "option":
                assert f"{name}.{param.name}" in HELP_SV or param.name in HELP_SV, (name, param.name)


@pytest.mark.parametrize("args, swedish, english", [
    (["check"], "Argumentet 'PATHS...' saknas.", "Missing argument 'PATHS...'"),
    (["check", "x.txt", "--format", "xml"], "'xml' är inte något av", "'xml' is not one of"),
    (["check", "x.txt", "--bogus"], "Okänd flagga: --bogus", "No such option '--bogus'"),
    (["chek"], "Kommandot 'chek' finns inte", "No such command 'chek'"),
    (["check", "x.txt", "--lang"], "Flaggan --lang kräver ett värde", "Option '--lang' requires an argument"),
])
def test_usage_errors_exit_2_in_the_chosen_language(args: list[str], swedish: str, english: str):
    in_swedish = CliRunner().invoke(main, [*args, "--lang", "sv"] if args[-1] != "--lang" else args,
                                    env={"LANG": "sv_SE.UTF-8", "LC_ALL": ""})
    in_english = CliRunner().invoke(main, [*args, "--lang", "en"] if args[-1] != "--lang" else args,
                                    env={"LANG": "en_US.UTF-8", "LC_ALL": ""})
    assert in_swedish.exit_code == in_english.exit_code == 2
    assert swedish in in_swedish.stderr and "Fel:" in in_swedish.stderr and "Error" not in in_swedish.stderr
    assert english in in_english.stderr and "Error:" in in_english.stderr
