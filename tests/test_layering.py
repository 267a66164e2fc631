"""One-way layering: readers → model → engine → findings → reporters → cli.

The core never imports the presentation libraries or the reporters, and the check path never imports
pandas or pandera (their import costs more than a whole check of a report).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import rapportkoll

PACKAGE = Path(rapportkoll.__file__).parent
CORE = [p for p in PACKAGE.rglob("*.py") if p.parent.name != "reporters" and p.name not in ("cli.py", "cli_text.py", "__main__.py")]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_does_not_import_presentation(path):
    forbidden = {n for n in _imports(path) if n.split(".")[0] in ("click", "rich") or
                 n.startswith(("rapportkoll.reporters", "rapportkoll.cli"))}
    assert not forbidden, f"{path.name} imports {forbidden}"


def test_check_path_does_not_import_pandas_pandera_or_yaml():
    """The bundled YAML files' parses come from their cache (yamlcache): PyYAML is for users' own files."""
    code = ("import sys, rapportkoll; rapportkoll.check(sys.argv[1]);"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'pandera', 'hypothesis', 'yaml')))")
    example = PACKAGE.parents[1] / "examples" / "herrljunga-ks-delarsrapport-2023.txt"
    if not example.exists():
        example = Path(__file__).resolve().parents[1] / "examples" / "herrljunga-ks-delarsrapport-2023.txt"
    out = subprocess.run([sys.executable, "-c", code, str(example)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# Contracts beyond "core never imports presentation" (issue 10): who may not import whom.
_CONTRACTS = {
    "reporters": ("rapportkoll.engine", "rapportkoll.discovery", "rapportkoll.kinds", "rapportkoll.diagnose",
                  "rapportkoll.locate", "rapportkoll.run"),
    "kinds": ("rapportkoll.locate", "rapportkoll.diagnose", "rapportkoll.engine"),
    "readers": ("rapportkoll.engine", "rapportkoll.packs", "rapportkoll.kinds", "rapportkoll.discovery"),
}


@pytest.mark.parametrize("layer", sorted(_CONTRACTS))
def test_layer_contracts(layer):
    broken = {f"{path.name}: {name}" for path in (PACKAGE / layer).rglob("*.py") for name in _imports(path)
              if name.startswith(_CONTRACTS[layer])}
    assert not broken, broken
