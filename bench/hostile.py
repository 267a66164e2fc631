"""The hostile inputs of issue 12 at full size, each checked in its own process with the default limits.

    python bench/hostile.py [--only NAME] [--out bench/results/hostile.json]

For each input: exit code, wall time, the process's peak resident memory, whether the input's
checksum is unchanged, and the first line of the message (it should name the limit or say what
was refused). Targets: exit 2, within the time budget + 5 s, under 1.5 GiB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hostile  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "herrljunga-ks-delarsrapport-2023.txt"
# Runs the CLI in the child and reports its exit code and peak resident memory: VmHWM, which starts
# afresh at exec (ru_maxrss would include the parent's memory at the fork).
CHILD = """
import json, sys
from rapportkoll.cli import main
try:
    main(sys.argv[2:], prog_name="rapportkoll")
    code = 0
except SystemExit as exit:
    code = exit.code
except Exception as exc:
    code = f"escaped {type(exc).__name__}"
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
json.dump({"code": code, "peak_mb": peak / 1024}, open(sys.argv[1], "w"))
"""


def cases(folder: Path) -> dict[str, list[str]]:
    """Name → CLI arguments; the files are built on demand into ``folder``."""
    packs = {f"pack alias bomb in {place}": ("alias", place) for place in ("title", "description", "rows", "id", "rules")}
    builders = {
        "400-digit number": lambda: hostile.long_number(folder), "total near 1e308": lambda: hostile.huge_total(folder),
        "20 kB run of spaces": lambda: hostile.spaces_in_label(folder),
        "80 extra columns": lambda: hostile.extra_columns(folder, extra=80),
        "160 extra columns": lambda: hostile.extra_columns(folder, extra=160),
        "100 000 columns": lambda: hostile.extra_columns(folder, extra=100_000),
        "one slip in 400 repeated rows": lambda: hostile.repeated_rows(folder),
        "199 MB text": lambda: hostile.big_text(folder), "DOCX 240 MB of paragraphs": lambda: hostile.docx_paragraph_bomb(folder),
        "DOCX lying about its size": lambda: hostile.docx_lying_size(folder),
        "XLSX zip version 25.5": lambda: hostile.zip_version(folder, ".xlsx"),
        "DOCX zip version 25.5": lambda: hostile.zip_version(folder, ".docx"),
        "PDF 4.5 M line operators": lambda: hostile.pdf_line_bomb(folder),
        "PDF forms nested to 10⁹ paths": lambda: _written(folder / "forms.pdf", hostile.pdf_nested_forms(8, 10, 10)),
        "PDF form drawn within itself": lambda: _written(folder / "cycle.pdf",
                                                         hostile.pdf_nested_forms(1, 2, 5, cycle=True)),
        "XLSX 480 000 cells": lambda: hostile.xlsx_cells(folder),
        "XLSX 1e30 as 0.00": lambda: hostile.xlsx_huge_value(folder, 1e30, "0.00"),
        "/dev/zero": lambda: Path("/dev/zero"), "/dev/urandom": lambda: Path("/dev/urandom"),
        "FIFO": lambda: _fifo(folder / "fifo.txt"),
    }
    found = {name: (lambda build=build: ["check", str(build())]) for name, build in builders.items()}
    found["XLSX 480 000 cells, cell limit raised"] = lambda: ["check", str(folder / "cells.xlsx"), "--limit", "cells=1M"]
    for name, (_, place) in packs.items():
        found[name] = lambda place=place: _with_pack(folder, place, hostile.alias_bomb(place))
    for kind in ("lists", "maps", "blocks"):
        found[f"pack nested ({kind})"] = lambda kind=kind: _with_pack(folder, kind, hostile.nested(kind, 2000 if kind == "blocks" else 5000))
    found["pack integer of 5 000 digits"] = lambda: _with_pack(folder, "digits", hostile.long_integer())
    found["pack of 20 000 rules"] = lambda: _with_pack(folder, "many", hostile.many_rules())
    found["pack FIFO"] = lambda: ["check", str(EXAMPLE), "--rules", str(_fifo_pack(folder))]
    return found


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _fifo(path: Path) -> Path:
    if not path.exists():
        os.mkfifo(path)
    return path


def _fifo_pack(folder: Path) -> Path:
    where = folder / "fifo-pack"
    where.mkdir(exist_ok=True)
    _fifo(where / "pack.yaml")
    return where


def _with_pack(folder: Path, name: str, text: str) -> list[str]:
    return ["check", str(EXAMPLE), "--rules", str(hostile.pack(folder, name, text))]


def run(args: list[str], folder: Path) -> dict:
    """One CLI run in a fresh process: exit code, seconds, peak memory, checksum kept, first message line."""
    target = Path(args[1])
    before = _digest(target)
    report, start = folder / "child.json", time.monotonic()
    done = subprocess.run([sys.executable, "-c", CHILD, str(report), *args, "--lang", "en", "--format", "json"],
                          capture_output=True, text=True, timeout=600)
    seconds = time.monotonic() - start
    child = json.loads(report.read_text()) if report.exists() else {"code": f"died {done.returncode}", "peak_mb": None}
    message = next((line for line in done.stderr.splitlines() if line.strip()), "")
    return {"exit": child["code"], "seconds": round(seconds, 2), "peak_mb": round(child["peak_mb"] or 0),
            "unchanged": _digest(target) == before, "message": message[:200]}


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=None)
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for name, args in cases(Path(work)).items():
            if options.only and options.only not in name:
                continue
            results[name] = run(args(), Path(work))
            print(f"{name:34} {json.dumps(results[name], ensure_ascii=False)}", flush=True)
    if options.out:
        options.out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
