"""Project configuration: `[tool.rapportkoll]` in pyproject.toml or a rapportkoll.toml, found upward.

Settings become the defaults of the command-line options, so an option given on the command line
always wins. Paths in the file are relative to the file's folder, so a run from a subfolder finds
the same rule packs and baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rapportkoll.readers.errors import InputError

# key in the file -> (option parameter it sets, accepted values or None, holds paths, is a list)
_KEYS: dict[str, tuple[str, tuple[str, ...] | None, bool, bool]] = {
    "suite": ("suite", None, False, False),
    "rules": ("rule_dirs", None, True, True),
    "fail-on": ("fail_on", ("error", "warning", "never"), False, False),
    "lang": ("lang", ("sv", "en"), False, False),
    "baseline": ("baseline", None, True, False),
    "output": ("outputs", None, True, True),
    "select": ("select", None, False, True),
    "ignore": ("ignore", None, False, True),
}


@dataclass(frozen=True)
class Config:
    """The settings of one file, keyed by the option parameter they set."""

    path: Path | None
    defaults: dict[str, object]


def find_config(start: Path) -> Config:
    """The nearest rapportkoll.toml or pyproject.toml with a [tool.rapportkoll] table, from ``start`` up.

    A file that cannot be used raises InputError (exit code 2) naming the file and the key.
    """
    for folder in (start, *start.parents):
        own = folder / "rapportkoll.toml"
        if own.is_file():
            return Config(own, _settings(_read(own), own))
        project = folder / "pyproject.toml"
        if project.is_file():
            section = _read(project).get("tool", {}).get("rapportkoll")
            if section is not None:
                return Config(project, _settings(section, project))
    return Config(None, {})


def _read(path: Path) -> dict:
    import tomllib  # only where a file is found: most checks run where there is none

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"kan inte läsas ({error})", f"cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(str(path), f"ogiltig TOML: {error}", f"invalid TOML: {error}") from None


def _settings(section: object, path: Path) -> dict[str, object]:
    where = "[tool.rapportkoll]" if path.name == "pyproject.toml" else "rapportkoll.toml"
    if not isinstance(section, dict):
        raise InputError(str(path), f"{where} måste vara en tabell", f"{where} must be a table")
    settings: dict[str, object] = {}
    for key, value in section.items():
        if key not in _KEYS:
            known = ", ".join(_KEYS)
            raise InputError(str(path), f"{where}: okänd nyckel '{key}' (kända: {known})",
                              f"{where}: unknown key '{key}' (known: {known})")
        name, choices, is_path, is_list = _KEYS[key]
        settings[name] = _value(key, value, choices, is_path, is_list, path)
    return settings


def _value(key: str, value: object, choices, is_path: bool, is_list: bool, path: Path) -> object:
    items = value if is_list and isinstance(value, list) else [value]
    if not all(isinstance(item, str) for item in items) or (isinstance(value, list) and not is_list):
        shape = "en lista av texter" if is_list else "en text"
        raise InputError(str(path), f"nyckeln '{key}' ska vara {shape}, inte {value!r}",
                          f"key '{key}' must be {'a list of strings' if is_list else 'a string'}, not {value!r}")
    if choices and value not in choices:
        raise InputError(str(path), f"nyckeln '{key}': '{value}' är inte ett av {', '.join(choices)}",
                          f"key '{key}': '{value}' is not one of {', '.join(choices)}")
    if is_path:
        items = [_relative_to(path.parent, item, key == "output") for item in items]
    return tuple(items) if is_list else items[0]


def _relative_to(folder: Path, item: str, format_prefix: bool) -> str:
    """A path from the file made absolute; an output's FORMAT= prefix is kept."""
    fmt, sep, file = item.rpartition("=") if format_prefix else ("", "", item)
    return f"{fmt}{sep}{folder / Path(file).expanduser()}"
