"""Shared pytest options: `--update-golden` rewrites the golden renders in tests/golden/ instead of comparing."""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output (also: RAPPORTKOLL_UPDATE_GOLDEN=1)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run writes the golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-golden") or os.environ.get("RAPPORTKOLL_UPDATE_GOLDEN"))
