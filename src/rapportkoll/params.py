"""Typed conversion of YAML mappings into the params dataclasses of rule kinds and packs.

Unknown keys, wrong types and missing required keys are refused with the file, line, rule and key.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from rapportkoll.labels import LabelPattern
from rapportkoll.selection import TableSelector


class PackError(Exception):
    """A rule pack or suite that cannot be used; the message names file, line, rule and key."""

    def __init__(self, where: str, message: str, sv: str = "") -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.detail = message
        self.detail_sv = sv or message

    def message(self, lang: str) -> str:
        """The error in ``lang``; the place's 'key' and 'rule' words are translated too."""
        if lang != "sv":
            return f"{self.where}: {self.detail}"
        where = self.where.replace(": key '", ": nyckeln '").replace(": rule '", ": regeln '")
        return f"{where}: {self.detail_sv}"


_KIND_SV = {"str": "en text", "int": "ett heltal", "float": "ett tal", "bool": "sant eller falskt (true/false)"}


def brief(value: Any) -> str:
    """A value as an error message may show it: short whatever its size (a huge list is named, not printed)."""
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} items"
    if isinstance(value, int) and value.bit_length() > 64:
        return "a number too long to show"
    text = repr(value)
    return text if len(text) <= _BRIEF else f"{text[:_BRIEF - 3]}..."


_BRIEF = 60


class LineDict(dict):
    """A mapping read from a data file that knows the line it started on, so errors can point at it."""

    line: int | None = None


def line_of(mapping: Any) -> int | None:
    return getattr(mapping, "line", None)


def build(cls: type, mapping: Any, where: str) -> Any:
    """Instantiate the dataclass ``cls`` from ``mapping``; every key must be one of its fields."""
    if not isinstance(mapping, dict):
        raise PackError(where, f"expected a mapping, got {type(mapping).__name__}",
                         sv=f"en mappning (nyckel: värde) väntades, inte {type(mapping).__name__}")
    hints, known = _hints(cls), _fields(cls)
    unknown = sorted(set(mapping) - set(known))
    if unknown:
        raise PackError(where, f"unknown key '{unknown[0]}' (known keys: {', '.join(sorted(known))})",
                         sv=f"okänd nyckel '{unknown[0]}' (kända nycklar: {', '.join(sorted(known))})")
    values = {}
    for name, fld in known.items():
        if name in mapping:
            values[name] = convert(hints[name], mapping[name], f"{where}: key '{name}'")
        elif fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING:
            raise PackError(where, f"missing required key '{name}'", sv=f"nyckeln '{name}' saknas men krävs")
    return cls(**values)


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    """The field types of a parameter class, resolved once: resolving them per rule was half of validating a pack."""
    return get_type_hints(cls)


@functools.lru_cache(maxsize=None)
def _fields(cls: type) -> dict[str, dataclasses.Field]:
    """A parameter class's fields by name, read once (a discovered pack builds 10⁴ rules of a few kinds)."""
    return {f.name: f for f in dataclasses.fields(cls)}


@functools.lru_cache(maxsize=None)
def _form(hint: Any) -> tuple[Any, tuple]:
    """A type's origin and arguments, resolved once per type: a discovered pack converts 10⁵ labels."""
    return get_origin(hint), get_args(hint)


def convert(hint: Any, value: Any, where: str) -> Any:
    if hint is LabelPattern:  # the commonest parameter, first; most often one label (what `_strings` makes of it)
        return LabelPattern((value,)) if type(value) is str else LabelPattern.of(_strings(value, where))
    origin, args = _form(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if value is None:
            return None
        for option in options[:-1]:
            try:
                return convert(option, value, where)
            except PackError:
                continue
        return convert(options[-1], value, where)
    if origin is Literal:
        if value not in args:
            raise PackError(where, f"'{value}' is not one of {', '.join(map(str, args))}",
                             sv=f"'{value}' är inte något av {', '.join(map(str, args))}")
        return value
    if origin is tuple:
        items = value if isinstance(value, list) else [value]
        return tuple(convert(args[0], v, where) for v in items)
    if hint is TableSelector:
        return build(TableSelector, value, where)
    if hint is dict:
        if not isinstance(value, dict):
            raise PackError(where, f"expected a mapping, got {brief(value)}",
                            sv=f"en mappning (nyckel: värde) väntades, inte {brief(value)}")
        return value
    if origin is dict:
        return _string_map(value, where)
    if dataclasses.is_dataclass(hint):
        return build(hint, value, where)
    return _scalar(hint, value, where)


def _scalar(hint: Any, value: Any, where: str) -> Any:
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise PackError(where, f"expected {hint.__name__}, got {type(value).__name__} ({brief(value)})",
                         sv=f"{_KIND_SV.get(hint.__name__, hint.__name__)} väntades, inte {brief(value)}")
    return value


def _strings(value: Any, where: str) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in items):
        raise PackError(where, f"expected a label or a list of labels, got {brief(value)}",
                         sv=f"en etikett eller en lista av etiketter väntades, inte {brief(value)}")
    return [str(v) for v in items]


def _string_map(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise PackError(where, f"expected a mapping of texts, got {brief(value)}",
                         sv=f"en mappning av texter väntades, inte {brief(value)}")
    return dict(value)

