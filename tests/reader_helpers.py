"""What the reader tests share: the example reports, comparing findings across formats, refusals, ZIP parts."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import HealthCheck, settings

from rapportkoll.findings import Finding
from rapportkoll.model import Report
from rapportkoll.readers import text
from rapportkoll.readers.errors import InputError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
STEMS = ["alingsas-ks-delarsbokslut-2024", "herrljunga-ks-delarsrapport-2023"]
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

Read = Callable[[Path], Report]


def read_pair(stem: str, read: Read, suffix: str) -> tuple[Report, Report]:
    """The example report ``stem`` from its text export, and from its ``suffix`` file by ``read``."""
    return text.read(EXAMPLES / f"{stem}.txt"), read(EXAMPLES / f"{stem}{suffix}")


def finding_key(finding: Finding) -> tuple:
    """A finding by code, rule, table, cited cells and suspect: what must agree across formats of one report."""
    suspect = finding.suspect
    return (finding.code, finding.rule, finding.table, tuple((c.row, c.column) for c in finding.cells),
            (suspect.cell.row, suspect.cell.column, suspect.proposed, suspect.reason) if suspect else None)


def _same(value: str) -> str:
    return value


def cells_key(finding: Finding, norm: Callable[[str], str] = _same) -> tuple:
    """A finding by code, rule, severity, cited cells with their (``norm``-ed) texts and suggestion."""
    suggestion = finding.suspect.proposed if finding.suspect else None
    return (finding.code, finding.rule, finding.severity.value,
            tuple((c.row, c.column, norm(c.text)) for c in finding.cells), suggestion)


def table_shapes(report: Report, norm: Callable[[str], str] = _same) -> list[tuple]:
    """Each table's caption, corner, columns, and rows as label and (``norm``-ed) cell texts."""
    return [(t.caption, t.corner, t.columns,
             [(r.label.text, tuple(norm(c.text) for c in r.cells)) for r in t.rows]) for t in report.tables]


def assert_refused(read: Read, path: Path, within: float) -> InputError:
    """``read`` refuses ``path`` in time with a one-line InputError in both languages, placed at the file."""
    start = time.monotonic()
    with pytest.raises(InputError) as caught:
        read(path)
    assert time.monotonic() - start < within
    error = caught.value
    assert error.place == str(path)
    assert error.message_sv and error.message_en and error.message_sv != error.message_en
    assert "\n" not in error.message("sv") + error.message("en")
    return error


def read_read_only(read: Read, path: Path) -> Report:
    """Read ``path`` made read-only, and assert that reading left its bytes and time as they were."""
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    path.chmod(0o444)
    try:
        report = read(path)
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    finally:
        os.chmod(path, 0o644)
    return report


def missing_and_empty(folder: Path, suffix: str) -> tuple[Path, Path]:
    """A path where no file is, and an empty file, both named with ``suffix``."""
    empty = folder / f"tom{suffix}"
    empty.write_bytes(b"")
    return folder / f"saknas{suffix}", empty


def read_fuzzed(read: Read, tmp_path_factory, data: bytes, suffix: str) -> Report | None:
    """The report ``read`` makes of ``data``, or None when it refuses it; any other error fails the test."""
    path = tmp_path_factory.mktemp("fuzz") / f"x{suffix}"
    path.write_bytes(data)
    try:
        return read(path)
    except InputError:
        return None


def damaged(data: bytes, flips: list[tuple[int, int]], cut: int) -> bytes:
    """``data`` cut after ``cut`` bytes, with the bytes at the given offsets set to the given values."""
    out = bytearray(data[:cut])
    for at, value in flips:
        if at < len(out):
            out[at] = value
    return bytes(out)


def zip_parts(source) -> dict[str, bytes]:
    """Every part of a ZIP archive (a path or a binary stream) by name, in archive order."""
    with zipfile.ZipFile(source) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zip_bytes(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP archive of ``parts``, as another program might have written it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def write_zip_bomb(path: Path, name: str, chunk: bytes, count: int, force_zip64: bool) -> Path:
    """An Office-like ZIP whose part ``name`` is ``count`` times ``chunk``, streamed: never whole in memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(name, "w", force_zip64=force_zip64) as part:
            for _ in range(count):
                part.write(chunk)
    return path


def check_json(path: Path):
    """The CLI's ``check --format json`` run on ``path`` (its result: exit code and output)."""
    from click.testing import CliRunner

    from rapportkoll.cli import main

    return CliRunner().invoke(main, ["check", str(path), "--format", "json"], catch_exceptions=False)


def table_findings(report) -> list[Finding]:
    """The table family's findings: what these reader tests compare across formats. (The text's findings
    are compared across formats in test_prose_examples.py; an XLSX workbook has no text.)"""
    import rapportkoll

    return [f for f in rapportkoll.check(report).findings if f.origin not in ("prose", "lint")]
