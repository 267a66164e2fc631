"""Loading a data file (rule pack, suite, vocabulary): bounded, safe, with line numbers.

A file is read within MAX_BYTES and must be a regular file. A bundled file's parse comes from the
content-addressed cache (`yamlcache`), so a check of a report needs no YAML parser; any other file is
parsed by `yamlparser`, imported then.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rapportkoll import yamlcache
from rapportkoll.params import PackError
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.source import read_regular

MAX_BYTES = 4 * 1024 * 1024  # the bundled packs are a few kilobytes each


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse a pack or suite file; any YAML error becomes a PackError naming file and line."""
    try:
        source = read_regular(path, MAX_BYTES).decode("utf-8") if text is None else text
    except InputError as exc:
        raise PackError(str(path), exc.message_en, sv=exc.message_sv) from None
    except UnicodeDecodeError as exc:
        raise PackError(str(path), f"cannot be read ({exc})", sv=f"kan inte läsas ({exc})") from None
    cached = yamlcache.lookup(source)
    if cached is not yamlcache.MISSING:
        return cached
    from rapportkoll.yamlparser import parse_yaml

    return parse_yaml(source, path)
