"""Batch benchmark: 200 documents checked with --jobs 1 and --jobs 2 (issues 11 and 13).

The documents are copies, made in a temporary folder, of the examples (text, CSV, XLSX and DOCX
exports; PDF with --pdf) and the real tables in tests/realworld/, taken in turn. Each setting runs
the whole command (`rapportkoll check FILES --format F --jobs N`) as a fresh process, so process
start and imports count; the best of --repeat runs is reported, with files per second, the
speed-up, the CPU seconds of the process and its workers, and the cores used on average (CPU / wall:
on a machine shared with other work, this shows what the run could get). The load average at the
start is printed with the figures, and the CPU seconds of the main process alone (what it does
serially: start-up, merging, writing the report; the rest is the workers'): on a loaded machine the
CPU figures, not the wall times, say what two free cores would give. The outputs of all settings
must be identical (same findings, same order, same exit code). Formats: `json` (CI; workers send
back findings only) and `rich` (the terminal report; workers render each finding's block, with the
table around its suspect cell, and send back the text).

    python bench/batch.py [--files 200] [--jobs 1 2] [--formats json rich] [--repeat 1] [--pdf]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The command as `python -m rapportkoll`, reporting the main process's own CPU seconds on stderr at exit.
_MAIN = ("import atexit, resource, sys\n"
         "usage = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])\n"
         "atexit.register(lambda: sys.stderr.write(f'main-process-cpu {usage()}\\n'))\n"
         "sys.argv[0] = 'rapportkoll'\n"
         "from rapportkoll.cli import main\n"
         "main()\n")


def corpus(with_pdf: bool) -> list[Path]:
    suffixes = ("txt", "csv", "xlsx", "docx") + (("pdf",) if with_pdf else ())
    examples = [p for s in suffixes for p in sorted((ROOT / "examples").glob(f"*.{s}"))]
    return examples + sorted((ROOT / "tests" / "realworld").glob("*.tsv"))


def copies(sources: list[Path], count: int, folder: Path) -> list[Path]:
    made = []
    for n in range(count):
        source = sources[n % len(sources)]
        target = folder / f"{n:03d}-{source.name}"
        shutil.copyfile(source, target)
        made.append(target)
    return made


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(files: list[Path], fmt: str, jobs: int, folder: Path) -> tuple[tuple[float, float, float], int, str]:
    """(Wall seconds, CPU seconds of the command and its workers, of the main process alone), exit code, output."""
    command = [sys.executable, "-c", _MAIN, "check", *map(str, files), "--format", fmt, "--jobs", str(jobs)]
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=folder)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode not in (0, 1):
        raise SystemExit(f"--jobs {jobs} exited {done.returncode}: {done.stderr[-2000:]}")
    main_cpu = float(done.stderr.rsplit("main-process-cpu ", 1)[1])
    return (elapsed, cpu, main_cpu), done.returncode, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--formats", nargs="+", default=["json", "rich"])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--pdf", action="store_true", help="include the PDF examples (slow to read)")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    settings = [(fmt, jobs) for fmt in args.formats for jobs in args.jobs]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = copies(corpus(args.pdf), args.files, folder)
        best: dict[tuple[str, int], tuple[float, float, float]] = {}
        outputs: dict[tuple[str, int], tuple[int, str]] = {}
        for _ in range(args.repeat):  # settings interleaved, so a busy spell does not hit one alone
            for setting in settings:
                figures, code, out = timed(files, *setting, folder)
                best[setting] = min(best.get(setting, figures), figures)
                outputs[setting] = (code, out)
    print(f"{args.files} files ({len(corpus(args.pdf))} distinct documents), {os.cpu_count()} cores, "
          f"load average {load:.1f} at the start, best of {args.repeat}:")
    print("| format | --jobs | seconds | files/s | speed-up | CPU seconds | of which main process | cores used "
          "| output identical |")
    print("|---|---|---|---|---|---|---|---|---|")
    for fmt, jobs in settings:
        base = (fmt, args.jobs[0])
        (wall, cpu, main_cpu), same = best[fmt, jobs], outputs[fmt, jobs] == outputs[base]
        print(f"| {fmt} | {jobs} | {wall:.2f} | {args.files / wall:.1f} | {best[base][0] / wall:.2f}× | {cpu:.1f} | "
              f"{main_cpu:.2f} | {cpu / wall:.2f} | {same} |")
    if any(outputs[fmt, jobs] != outputs[fmt, args.jobs[0]] for fmt, jobs in settings):
        raise SystemExit("outputs differ between --jobs settings")

if __name__ == "__main__":
    main()
