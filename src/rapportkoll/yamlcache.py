"""The bundled YAML files' parses, stored as JSON and found by the text's digest.

Parsing the bundled packs and vocabularies with PyYAML, and importing it, took a tenth of a text check's
cold start; reading their parses from `bundled_parses.txt` takes a few milliseconds. The cache is found by
content, not by name: a file whose text equals a bundled file's has the same parse, and an edited file
simply misses and is parsed. Rebuild it after editing a bundled file (a test says when it is stale):

    python -m rapportkoll.yamlcache > src/rapportkoll/bundled_parses.txt

One line per file: the digest, the file's name (for reading diffs), and the parse as JSON, each mapping
carrying the line it started on under the key LINE_KEY (read back as `params.LineDict`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

from rapportkoll.params import LineDict

CACHE = Path(__file__).with_name("bundled_parses.txt")
LINE_KEY = "\u0000line"
MISSING = object()


def digest(source: str) -> str:
    return hashlib.blake2b(source.encode("utf-8"), digest_size=16).hexdigest()


def lookup(source: str) -> Any:
    """The stored parse of a text, made afresh on each call (callers may keep it), or MISSING."""
    stored = _stored().get(digest(source))
    return MISSING if stored is None else json.loads(stored, object_hook=_mapping)


@functools.cache
def _stored() -> dict[str, str]:
    """Digest -> the parse as JSON text; nothing when the file is absent (then every file is parsed)."""
    try:
        lines = CACHE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return {key: parse for key, _name, parse in (line.split("\t", 2) for line in lines if line)}


def _mapping(pairs: dict) -> LineDict:
    line = pairs.pop(LINE_KEY, None)
    mapping = LineDict(pairs)
    mapping.line = line
    return mapping


def encoded(value: Any) -> Any:
    """A parse as JSON can hold it, or ValueError where JSON would change it (keys that are not text, dates)."""
    if isinstance(value, dict):
        if not all(isinstance(key, str) and key != LINE_KEY for key in value):
            raise ValueError("a key that is not text")
        return {**{key: encoded(item) for key, item in value.items()}, LINE_KEY: getattr(value, "line", None)}
    if isinstance(value, list):
        return [encoded(item) for item in value]
    if value is None or isinstance(value, (str, bool, int)) or isinstance(value, float) and math.isfinite(value):
        return value
    raise ValueError(f"a value JSON does not hold ({type(value).__name__})")


def bundled_files() -> list[tuple[str, Path]]:
    """Every YAML file the package ships (vocabularies, rule packs and suites), with the name the cache gives it:
    the folder as the source tree names it (an installed package maps rules/ and checks/ elsewhere)."""
    from rapportkoll.suites import bundled_checks_dir, bundled_rules_dir

    here = Path(__file__).parent
    folders = {"rapportkoll": here, "prose": here / "prose", "prose/lint": here / "prose" / "lint",
               "rules": bundled_rules_dir(), "checks": bundled_checks_dir()}
    return [(f"{name}/{path.name}", path) for name, folder in folders.items() for path in sorted(folder.glob("*.yaml"))]


def cache_lines() -> list[str]:
    """The cache's lines for the bundled files, parsed with PyYAML now."""
    from rapportkoll.yamlparser import parse_yaml

    lines = []
    for name, path in bundled_files():
        source = path.read_text(encoding="utf-8")
        parse = json.dumps(encoded(parse_yaml(source, path)), ensure_ascii=False, separators=(",", ":"))
        lines.append(f"{digest(source)}\t{name}\t{parse}")
    return lines


if __name__ == "__main__":
    sys.stdout.write("".join(f"{line}\n" for line in cache_lines()))
