"""Mutational fuzzing: seeds from the examples and the real corpus in every input format, mutated, checked, classified.

Used by `tests/test_fuzz.py` (a short fixed-seed slice) and `bench/fuzz.py` (the long run). A
failure is anything but a clean outcome: an exception escaping the run, a problem the per-file
catch-all made of a bug (it names the exception and where it was raised), an exit code other than
0/1/2, a run past the time budget + 5 s, a reporter that raises, or an input whose bytes changed.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import resource
import time
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import hostile

ROOT = Path(__file__).resolve().parents[1]
FORMATS = (".txt", ".tsv", ".csv", ".xlsx", ".docx", ".pdf")
# Bytes that have broken or slowed parsers before: long numbers and runs, marks, signs, control characters.
TOKENS = [b"9" * 400, b" " * 3000, b"\t" * 120, b"(*)", "¹".encode(), "−".encode(), b"\x00", b"1e308", b"-",
          b"..", b"Summa", b"\r", b"\n" * 40, "\ufeff".encode(), b"12 345,6 %", b"(1 234)", b"<b>x</b>", b"&amp;",
          b"\xff\xfe", b"0,000000000000000001", b"Totalt", b"Avvikelse", b"varav", b"%", b"30(32)", b"\t-\t",
          b"\"", b";", b"1" * 17, b"-0", b"Inget utfall"]


@dataclass
class Tally:
    """What a fuzz run saw: inputs, failures by class (with one example input each), the worst time and memory."""

    inputs: int = 0
    failures: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    budget_hits: int = 0
    worst_seconds: float = 0.0
    worst_input: str = ""
    worst_bytes: bytes = b""
    by_format: Counter = field(default_factory=Counter)

    def fail(self, key: str, where: str) -> None:
        self.failures[key] += 1
        self.examples.setdefault(key, where)


def table_slices(limit: int | None = None) -> list[str]:
    """Text seeds: each table-sized block of the example text exports, and each real-corpus table whole."""
    slices = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        slices += ["\n".join(lines[at:at + 40]) + "\n" for at in range(0, len(lines), 40)]
    slices += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "realworld").glob("*.tsv"))]
    return slices[:limit]


def as_format(text: str, suffix: str) -> bytes:
    """One text seed written in ``suffix``'s format: a workbook, a Word table or a ruled PDF table of its rows."""
    rows = [line.split("\t") for line in text.splitlines() if line.strip()][:60]
    if suffix in (".txt", ".tsv"):
        return text.encode("utf-8")
    if suffix == ".csv":
        return "\n".join(";".join(f'"{c}"' if ";" in c else c for c in row) for row in rows).encode("utf-8")
    if suffix == ".xlsx":
        return _xlsx(rows)
    if suffix == ".docx":
        return _docx(rows)
    return _pdf(rows)


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append([_number_or_text(c) for c in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _number_or_text(text: str) -> float | str:
    plain = text.replace(" ", "").replace("\u2212", "-").replace(",", ".")
    return float(plain) if re.fullmatch(r"-?\d{1,12}(\.\d{1,6})?", plain) else text


def _docx(rows: list[list[str]]) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(rows[0][0] if rows else "Tabell")
    width = max((len(r) for r in rows), default=1)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(rows: list[list[str]]) -> bytes:
    ops, width = [], max((len(r) for r in rows), default=1)
    for r, row in enumerate(rows[:45]):
        y = 800 - 16 * r
        ops.append(f"40 {y} m {40 + 90 * width} {y} l S")
        for c, text in enumerate(row):
            ops.append(f"{40 + 90 * c} {y} m {40 + 90 * c} {y - 16} l S")
            escaped = text[:20].replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /F1 7 Tf {42 + 90 * c} {y - 12} Td ({escaped}) Tj ET")
    return hostile.pdf_document(["\n".join(ops).encode("cp1252", "replace")])


def mutate(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """One to four byte-level changes: flips, deletions, duplications, tokens, splices from another seed."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        choice = rng.random()
        if choice < 0.2 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif choice < 0.35:
            del out[at:at + rng.randint(1, 64)]
        elif choice < 0.5 and out:
            start = rng.randrange(len(out))
            out[at:at] = out[start:start + rng.randint(1, 256)] * rng.randint(1, 8)
        elif choice < 0.85:
            out[at:at] = rng.choice(TOKENS)
        else:
            other = rng.choice(others)
            start = rng.randrange(len(other) + 1)
            out[at:] = other[start:start + rng.randint(1, 4096)]
    return bytes(out)


def mutate_container(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """A ZIP (XLSX, DOCX) with one XML part mutated and the archive rebuilt; now and then the raw bytes instead."""
    if rng.random() < 0.2:
        return mutate(rng, data, others)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return mutate(rng, data, others)
    xml = [name for name in parts if name.endswith(".xml")]
    name = rng.choice(xml or list(parts))
    parts[name] = mutate(rng, parts[name], others)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return out.getvalue()


def mutate_pdf(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """A PDF with its content streams inflated, mutated as text and written back; now and then the raw bytes."""
    if rng.random() < 0.3:
        return mutate(rng, data, others)
    import zlib

    match = re.search(rb"stream\n(.*?)\nendstream", data, re.S)
    try:
        content = zlib.decompress(match[1]) if match else b""
    except zlib.error:
        return mutate(rng, data, others)
    return hostile.pdf_document([mutate(rng, content, [content])])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def check_one(path: Path, suite, tally: Tally, seconds: float, rule_dirs: tuple[Path, ...] = ()) -> None:
    """Check one input in-process as the CLI does, render it with every reporter, and classify what happened."""
    from rapportkoll.reporters import REPORTERS, renderer
    from rapportkoll.run import check_paths

    before, start = digest(path), time.monotonic()
    tally.inputs += 1
    tally.by_format[path.suffix] += 1
    try:
        result = check_paths([path], suite)
        for name in REPORTERS:
            renderer(name)(result, io.StringIO(), "en")
    except BaseException as exc:  # noqa: BLE001 - the point of fuzzing: nothing may escape
        if isinstance(exc, KeyboardInterrupt):
            raise
        tally.fail(f"escaped {type(exc).__name__} at {_where(exc)}", str(path))
        return
    elapsed = time.monotonic() - start
    if elapsed > tally.worst_seconds:
        tally.worst_seconds, tally.worst_input, tally.worst_bytes = elapsed, str(path), path.read_bytes()
    _classify(result, path, tally, elapsed, seconds, before)


def _classify(result, path: Path, tally: Tally, elapsed: float, seconds: float, before: str) -> None:
    for problem in result.problems:
        if "This is a bug" in problem.message_en:
            where = re.search(r"(\w+@[\w.]+:\d+|\w+@\?)", problem.message_en)
            tally.fail(f"caught bug: {where[1] if where else problem.message_en[:80]}", str(path))
        elif "--max-seconds" in problem.message_en:
            tally.budget_hits += 1
    if result.exit_code("error") not in (0, 1, 2):
        tally.fail("exit code outside 0/1/2", str(path))
    if elapsed > seconds + 5:
        tally.fail("over the time budget + 5 s", str(path))
    if digest(path) != before:
        tally.fail("input changed", str(path))


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "rapportkoll" in f.filename] or frames
    return f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"


def record_bug_locations() -> None:
    """Make the catch-all's bug problems name where the exception was raised (fuzzing only): 'KeyError@locate.py:12'."""
    import rapportkoll.guard as guard

    original = guard._bug
    if getattr(original, "located", False):
        return

    def located(place: str, exc: BaseException):
        return original(place, RuntimeError(f"{type(exc).__name__}@{_where(exc)} | {str(exc)[:60]}"))

    located.located = True  # type: ignore[attr-defined]
    guard._bug = located


def check_pack(text: bytes, folder: Path, report: Path, tally: Tally, seconds: float) -> None:
    """Load a (mutated) rule pack with the bundled ones: refused with a PackError, or used to check ``report``."""
    from rapportkoll.params import PackError
    from rapportkoll.suites import load_suite

    folder.mkdir(exist_ok=True)
    (folder / "fuzz.yaml").write_bytes(text)
    tally.by_format[".yaml"] += 1
    try:
        suite = load_suite(None, (folder,))
    except PackError:
        tally.inputs += 1
        return
    except BaseException as exc:  # noqa: BLE001 - nothing but a PackError may come out of loading a pack
        if isinstance(exc, KeyboardInterrupt):
            raise
        tally.inputs += 1
        tally.fail(f"pack: escaped {type(exc).__name__} at {_where(exc)}", str(folder / "fuzz.yaml"))
        return
    check_one(report, suite, tally, seconds)
