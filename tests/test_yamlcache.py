"""The bundled YAML files' cached parses: current, equal to PyYAML's (line numbers included), fresh per call."""

from __future__ import annotations

import datetime

import pytest

from rapportkoll import yamlcache
from rapportkoll.params import LineDict, PackError
from rapportkoll.yamlparser import parse_yaml
from rapportkoll.yamlsafe import load_yaml


def _same(a, b) -> bool:
    """Equal values, and every mapping starts on the same line."""
    if isinstance(a, dict):
        return (type(a) is type(b) is LineDict and a.line == b.line and a.keys() == b.keys()
                and all(_same(a[k], b[k]) for k in a))
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


def test_the_committed_cache_is_current():
    stored = yamlcache.CACHE.read_text(encoding="utf-8").splitlines()
    assert stored == yamlcache.cache_lines(), \
        "a bundled YAML file changed: python -m rapportkoll.yamlcache > src/rapportkoll/bundled_parses.txt"


@pytest.mark.parametrize("name, path", yamlcache.bundled_files(), ids=[name for name, _ in yamlcache.bundled_files()])
def test_a_bundled_file_loads_from_the_cache_as_pyyaml_parses_it(name, path):
    source = path.read_text(encoding="utf-8")
    cached = yamlcache.lookup(source)
    assert cached is not yamlcache.MISSING
    assert _same(cached, parse_yaml(source, path))
    assert _same(load_yaml(path), cached)


def test_each_load_is_a_fresh_value():
    _, path = yamlcache.bundled_files()[0]
    first = load_yaml(path)
    first.clear()
    assert load_yaml(path)


def test_an_edited_or_unknown_file_is_parsed(tmp_path):
    _, bundled = yamlcache.bundled_files()[-1]
    edited = tmp_path / "edited.yaml"
    edited.write_text(bundled.read_text(encoding="utf-8") + "\n# a comment changes the digest\n", encoding="utf-8")
    assert yamlcache.lookup(edited.read_text(encoding="utf-8")) is yamlcache.MISSING
    assert _same(load_yaml(edited), load_yaml(bundled))
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: [\n", encoding="utf-8")
    with pytest.raises(PackError) as raised:
        load_yaml(broken)
    assert str(broken) in raised.value.where


@pytest.mark.parametrize("value", [{1: "a"}, {"d": datetime.date(2024, 1, 1)}, [float("nan")], {yamlcache.LINE_KEY: 1}])
def test_values_json_would_change_are_not_cached(value):
    with pytest.raises(ValueError):
        yamlcache.encoded(value)
