"""Hostile rule packs and suites (issue 12): alias bombs, deep nesting, long integers, many rules, special files.

Each is refused quickly with exit 2 and a short message; none is expanded, recursed into or read forever.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import hostile
from rapportkoll.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "herrljunga-ks-delarsrapport-2023.txt"


def _refused(*args: str) -> str:
    start = time.monotonic()
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "--lang", "en", *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert time.monotonic() - start < 10
    assert len(result.output) < 2000  # never the repr of an expanded structure
    return result.output


@pytest.mark.parametrize("place", ["title", "description", "rows", "id", "rules"])
def test_an_alias_bomb_is_refused_unexpanded(tmp_path, place):
    folder = hostile.pack(tmp_path, place, hostile.alias_bomb(place))
    assert "aliases" in _refused("--rules", str(folder))


@pytest.mark.parametrize("kind", ["lists", "maps", "blocks"])
def test_nesting_thousands_of_levels_deep_is_refused(tmp_path, kind):
    folder = hostile.pack(tmp_path, kind, hostile.nested(kind, 2000 if kind == "blocks" else 5000))
    assert "nested more than" in _refused("--rules", str(folder))


def test_an_integer_of_thousands_of_digits_is_refused(tmp_path):
    folder = hostile.pack(tmp_path, "digits", hostile.long_integer())
    assert "digits" in _refused("--rules", str(folder))


def test_a_pack_of_twenty_thousand_rules_is_refused_at_once(tmp_path):
    folder = hostile.pack(tmp_path, "many", hostile.many_rules())
    assert "at most" in _refused("--rules", str(folder))


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "fifo"])
@pytest.mark.parametrize("role", ["pack", "suite"])
def test_a_pack_or_suite_that_is_not_a_regular_file_is_not_read(tmp_path, target, role):
    folder = tmp_path / "rules"
    folder.mkdir()
    path = folder / "special.yaml"
    if target == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(target)
    args = ("--rules", str(folder)) if role == "pack" else ("--suite", str(path))
    assert "not a regular file" in _refused(*args)


def test_a_bundled_pack_still_loads_with_the_bounds():
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0 and "investering" in result.output
