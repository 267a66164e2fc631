"""The YAML grammar side of loading a data file: safe, bounded, with line numbers, refusing duplicate keys.

No tags, no code, no bombs: no aliases (one kilobyte of nested aliases expands to gigabytes), at most
MAX_DEPTH levels of nesting, integers of at most MAX_DIGITS digits and at most MAX_NODES values. Imported
only when a file is not one of the bundled parses (`yamlcache`): PyYAML is a tenth of a check's cold start.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from rapportkoll.params import LineDict, PackError, brief

MAX_DEPTH = 64  # packs nest five or six levels
MAX_NODES = 50_000  # values in one file: 2 000 rules of nine (the pure-Python composer makes ~20 000 a second)
MAX_DIGITS = 30


# libyaml's parser (bundled with PyYAML's wheels) reads the packs five times faster than the pure-Python
# one: it is a third of a text check's cold start. Composing stays in Python, where the bounds below live.
if yaml.__with_libyaml__:
    from yaml._yaml import CParser as _Parser
else:  # pragma: no cover - a PyYAML built without libyaml
    from yaml.reader import Reader
    from yaml.scanner import Scanner
    from yaml.parser import Parser

    class _Parser(Reader, Scanner, Parser):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


class _BoundedComposer(Composer):
    depth = nodes = 0

    def compose_node(self, parent, index):
        """Refuse aliases, nesting past MAX_DEPTH (before the recursive composer gets there) and MAX_NODES values."""
        event = self.peek_event()
        line = str(event.start_mark.line + 1)
        if isinstance(event, yaml.AliasEvent):
            raise PackError(line, "aliases (*name) are not allowed in rule files; write the value out",
                            sv="alias (*namn) tillåts inte i regelfiler; skriv ut värdet")
        if self.depth >= MAX_DEPTH:
            raise _too_deep(line)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise PackError(line, f"more than {MAX_NODES} values; a rule file holds at most that many",
                            sv=f"fler än {MAX_NODES} värden; en regelfil rymmer högst så många")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_BoundedComposer, _Parser, SafeConstructor, Resolver):
    """SafeLoader's parts with libyaml's parser where it is there, and the bounded composer."""

    def __init__(self, stream):
        _Parser.__init__(self, stream)
        _BoundedComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


def _too_deep(where: str) -> PackError:
    return PackError(where, f"nested more than {MAX_DEPTH} levels deep", sv=f"nästlad i mer än {MAX_DEPTH} nivåer")


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    if sum(c.isdigit() for c in node.value) > MAX_DIGITS:
        raise PackError(str(node.start_mark.line + 1), f"a number of more than {MAX_DIGITS} digits",
                        sv=f"ett tal med fler än {MAX_DIGITS} siffror")
    return loader.construct_yaml_int(node)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise PackError(str(line), f"{_rule_of(node)}key {brief(key)} is not a name",
                           sv=f"{_rule_of(node, 'regeln')}nyckeln {brief(key)} är inte ett namn")
        if key in mapping:
            raise PackError(str(line), f"{_rule_of(node)}duplicate key '{key}'",
                           sv=f"{_rule_of(node, 'regeln')}nyckeln '{key}' förekommer två gånger")
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _rule_of(node: yaml.MappingNode, word: str = "rule") -> str:
    """"rule 'x': " when the mapping is a rule with an id, so messages name it."""
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id" and isinstance(value_node, yaml.ScalarNode):
            return f"{word} '{value_node.value}': "
    return ""


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def parse_yaml(source: str, path: object) -> Any:
    """Parse a data file's text; any YAML error becomes a PackError naming file and line."""
    try:
        return yaml.load(source, Loader=_Loader)  # noqa: S506 - SafeConstructor, no Python tags
    except PackError as exc:
        raise PackError(f"{path}:{exc.where}", exc.detail, sv=exc.detail_sv) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        if "nesting depth" in str(getattr(exc, "problem", "")):  # libyaml's own limit, met while scanning ahead
            raise _too_deep(where) from None
        raise PackError(where, f"not valid YAML ({getattr(exc, 'problem', exc)})",
                         sv=f"ogiltig YAML ({getattr(exc, 'problem', exc)})") from None
