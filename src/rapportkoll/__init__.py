"""rapportkoll: rounding-aware consistency checks for the tables of Swedish municipal reports."""

from __future__ import annotations

from rapportkoll.api import Result, check
from rapportkoll.findings import Finding, Severity
from rapportkoll.model import Report

__all__ = ["Finding", "Report", "Result", "Severity", "check"]
__version__ = "0.1.0"
