"""Rule packs: every bundled pack loads; a malformed pack is refused naming file, line, rule and key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rapportkoll.kinds import KINDS
from rapportkoll.packs import load_pack
from rapportkoll.params import PackError

RULES = Path(__file__).parent.parent / "rules"
BUNDLED = sorted(RULES.glob("*.yaml"))


def test_there_are_bundled_packs():
    assert len(BUNDLED) >= 5


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_pack_loads(path):
    pack = load_pack(path)
    assert pack.name == path.stem
    assert pack.source == str(path)
    assert all(rule.kind is KINDS[rule.kind.name] for rule in pack.rules)
    assert len({rule.id for rule in pack.rules}) == len(pack.rules)
    for rule in pack.rules:
        assert rule.title[0] and rule.title[1]
        assert rule.source.startswith(f"{path}:")
        assert isinstance(rule.params, KINDS[rule.kind.name].params)


def test_rule_ids_are_unique_across_bundled_packs():
    ids = [rule.id for path in BUNDLED for rule in load_pack(path).rules]
    assert len(ids) == len(set(ids))


VALID = """\
pack: test
title: {sv: Test, en: Test}
applies_to:
  corner: Belopp i tkr
rules:
  - id: t.resultat
    kind: equation
    title: Resultat
    result: Resultat
    plus: [A]
  - id: t.summa
    kind: sum
    title: {sv: Summan stämmer, en: The sum adds up}
    total: Summa
    above: true
"""
RULE_LINE = 11  # where rule 't.summa' starts


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(tmp_path: Path, text: str) -> tuple[Path, str]:
    path = write(tmp_path, text)
    with pytest.raises(PackError) as error:
        load_pack(path)
    return path, str(error.value)


def line_in(message: str, path: Path) -> int:
    match = re.match(rf"^{re.escape(str(path))}:(\d+)\b", message)
    assert match, f"message does not start with '{path}:<line>': {message}"
    return int(match.group(1))


def test_the_valid_pack_loads(tmp_path):
    pack = load_pack(write(tmp_path, VALID))
    assert [r.id for r in pack.rules] == ["t.resultat", "t.summa"]
    assert pack.rules[1].title == ("Summan stämmer", "The sum adds up")
    assert pack.rules[1].source == f"{tmp_path / 'pack.yaml'}:{RULE_LINE}"
    assert pack.rules[1].params.above is True
    assert pack.rules[1].severity.value == "error"


# (name, edit of VALID, the bad key, the line of the bad key)
RULE_ERRORS = [
    ("unknown key", ("    total: Summa\n", "    totl: Summa\n"), "totl", 14),
    ("unknown kind", ("kind: sum", "kind: summa"), "kind", 12),
    ("wrong type", ("above: true", "above: ja tack"), "above", 15),
    ("wrong choice", ("above: true", "axis: diagonal"), "axis", 15),
    ("wrong type for a label", ("total: Summa", "total: {a: 1}"), "total", 14),
    ("missing required key", ("    total: Summa\n", ""), "total", RULE_LINE),
    ("missing title", ("    title: {sv: Summan stämmer, en: The sum adds up}\n", ""), "title", RULE_LINE),
    ("unknown severity", ("    above: true\n", "    above: true\n    severity: fatal\n"), "severity", 16),
    ("kind not a name", ("kind: sum", "kind: [sum]"), "kind", 12),
    ("severity not a name", ("    above: true\n", "    above: true\n    severity: [error]\n"), "severity", 16),
    ("id not a name", ("id: t.summa", "id: [t, summa]"), "id", RULE_LINE),
]


@pytest.mark.parametrize(("edit", "key", "key_line"), [pytest.param(e, k, n, id=name) for name, e, k, n in RULE_ERRORS])
def test_a_malformed_rule_is_refused_naming_file_line_rule_and_key(tmp_path, edit, key, key_line):
    old, new = edit
    assert old in VALID
    path, message = refused(tmp_path, VALID.replace(old, new, 1))
    assert line_in(message, path) in (RULE_LINE, key_line)
    assert "t.summa" in message or key == "id"
    assert f"'{key}'" in message


def test_duplicate_keys_are_refused_naming_file_line_rule_and_key(tmp_path):
    text = VALID.replace("    above: true\n", "    above: true\n    total: Totalt\n")
    path, message = refused(tmp_path, text)
    assert line_in(message, path) in (RULE_LINE, 16)
    assert "'total'" in message
    assert "t.summa" in message


def test_duplicate_keys_at_the_top_are_refused(tmp_path):
    path, message = refused(tmp_path, VALID.replace("pack: test\n", "pack: test\npack: annan\n"))
    assert line_in(message, path) == 2
    assert "'pack'" in message


def test_a_duplicate_rule_id_is_refused_at_the_second_rule(tmp_path):
    path, message = refused(tmp_path, VALID.replace("id: t.summa", "id: t.resultat"))
    assert line_in(message, path) == RULE_LINE
    assert "t.resultat" in message


def test_invalid_yaml_is_refused_with_its_line(tmp_path):
    path, message = refused(tmp_path, VALID.replace("    above: true\n", "    above: [true\n"))
    assert line_in(message, path) >= 15


def test_a_tab_indented_pack_is_refused(tmp_path):
    path, message = refused(tmp_path, VALID.replace("    above: true\n", "\tabove: true\n"))
    assert line_in(message, path) == 15


@pytest.mark.parametrize("where", ["rule", "top"])
def test_python_tags_are_refused_and_never_executed(tmp_path, where):
    marker = tmp_path / "executed"
    tag = f"!!python/object/apply:os.system ['touch {marker}']"
    text = VALID.replace("total: Summa", f"total: {tag}") if where == "rule" else f"{tag}\n"
    path, message = refused(tmp_path, text)
    assert line_in(message, path) == (14 if where == "rule" else 1)
    assert not marker.exists()


def test_python_name_tags_are_refused(tmp_path):
    path, _ = refused(tmp_path, VALID.replace("total: Summa", "total: !!python/name:os.system"))
    assert path.exists()


@pytest.mark.parametrize(("text", "key"), [
    (VALID.replace("pack: test", "pack: test\npackage: x"), "package"),
    (VALID.replace("applies_to:\n  corner: Belopp i tkr\n", ""), "applies_to"),
    (VALID.replace("  corner: Belopp i tkr", "  corners: Belopp i tkr"), "corners"),
    (VALID.replace("  corner: Belopp i tkr", "  corner: Belopp i tkr\n  min_rows: tre"), "min_rows"),
    (VALID.replace("rules:", "schema:\n  - column: Budget\n    kind: tal\nrules:"), "kind"),
], ids=["unknown header key", "missing applies_to", "unknown selector key", "wrong selector type", "bad schema kind"])
def test_a_malformed_pack_header_is_refused_naming_file_line_and_key(tmp_path, text, key):
    path, message = refused(tmp_path, text)
    line_in(message, path)
    assert f"'{key}'" in message


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just text\n", VALID + "  - just text\n"],
                         ids=["empty", "a list", "a scalar", "a rule that is not a mapping"])
def test_a_pack_that_is_not_a_mapping_of_rules_is_refused(tmp_path, text):
    path, message = refused(tmp_path, text)
    line_in(message, path)


def test_an_unreadable_pack_is_refused(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(VALID.replace("Summan stämmer", "Summan st\u00e4mmer").encode("latin-1"))
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert str(path) in str(error.value)
    with pytest.raises(PackError):
        load_pack(tmp_path / "missing.yaml")


def test_a_key_that_is_not_text_is_refused(tmp_path):
    path, message = refused(tmp_path, VALID.replace("    above: true\n", "    ? [above, below]\n    : true\n"))
    line_in(message, path)
