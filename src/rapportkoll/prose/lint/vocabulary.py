"""The document lint's vocabulary: template phrases, interim-report words and goal series, from YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapportkoll.params import build, line_of
from rapportkoll.prose.vocabulary import words
from rapportkoll.yamlsafe import load_yaml


@dataclass(frozen=True)
class _LintFile:
    templates: tuple[str, ...]
    interim: tuple[str, ...]
    year_label: tuple[str, ...]
    goal_series: tuple[str, ...]
    money_units: tuple[str, ...]


@dataclass(frozen=True)
class LintVocabulary:
    templates: re.Pattern[str]
    interim: re.Pattern[str]
    year_label: re.Pattern[str]
    goal_series: re.Pattern[str]
    units: re.Pattern[str]


def load_lint_vocabulary(path: Path) -> LintVocabulary:
    """A lint vocabulary file; unknown keys are refused with the file and line."""
    data = load_yaml(path)
    spec = build(_LintFile, data, f"{path}:{line_of(data) or 1}")
    templates = re.compile("|".join(spec.templates))  # case matters: 'XX' is a placeholder, 'xx' may be a word
    series = re.compile(rf"^({'|'.join(spec.goal_series)})\s+(\d+)\b")
    return LintVocabulary(templates, words(spec.interim), words(spec.year_label), series, words(spec.money_units))


@cache
def default_lint_vocabulary() -> LintVocabulary:
    return load_lint_vocabulary(Path(__file__).with_name("lint.yaml"))
