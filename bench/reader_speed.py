"""Reading speed of the PDF reader against the DOCX reader on the same report, CPU time per page.

Issue 13 asks PDF reading to be within 2x of the DOCX reader per page. Each example that comes as
both a PDF and a Word file is read in this process (imports and one warm-up read first, so neither
side pays its library's import), `--runs` times each, interleaved, timed with `time.process_time`
(CPU: the machine is shared). Per page means per page of the PDF, for both: it is the same report.
The medians are printed with their ratio; `--profile` prints cProfile's top functions of one PDF read.

    python bench/reader_speed.py                   # every example with a .pdf and a .docx, median of 5
    python bench/reader_speed.py --runs 9 --profile herrljunga
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def cpu_of(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def pages_of(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def measure(stem: Path, runs: int) -> dict:
    """Median CPU seconds of reading the report's PDF and its DOCX, interleaved runs after one warm-up each."""
    from rapportkoll.readers import read_report

    pdf, docx = stem.with_suffix(".pdf"), stem.with_suffix(".docx")
    times: dict[str, list[float]] = {"pdf": [], "docx": []}
    for _ in range(runs + 1):
        for kind, path in (("pdf", pdf), ("docx", docx)):
            times[kind].append(cpu_of(lambda: read_report(path)))
    pages = pages_of(pdf)
    pdf_s, docx_s = (statistics.median(times[k][1:]) for k in ("pdf", "docx"))
    return {"report": stem.name, "pages": pages, "pdf_s": pdf_s, "docx_s": docx_s,
            "pdf_ms_page": 1000 * pdf_s / pages, "docx_ms_page": 1000 * docx_s / pages, "ratio": pdf_s / docx_s}


def profile(stem: Path, top: int) -> None:
    import cProfile
    import pstats

    from rapportkoll.readers import read_report

    path = stem.with_suffix(".pdf")
    read_report(path)
    profiler = cProfile.Profile()
    profiler.runcall(read_report, path)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed reads of each file (median; default 5)")
    parser.add_argument("--profile", metavar="NAME", help="profile one PDF read of the example whose name has NAME")
    parser.add_argument("--top", type=int, default=40, help="functions shown by --profile")
    args = parser.parse_args()
    stems = sorted({p.with_suffix("") for p in EXAMPLES.glob("*.pdf") if p.with_suffix(".docx").exists()})
    if args.profile:
        profile(next(s for s in stems if args.profile in s.name), args.top)
        return
    print(f"load average {os.getloadavg()[0]:.2f}; CPU seconds, median of {args.runs}")
    print(f"{'report':40} {'pages':>5} {'PDF s':>7} {'DOCX s':>7} {'PDF ms/p':>9} {'DOCX ms/p':>9} {'PDF/DOCX':>8}")
    for stem in stems:
        r = measure(stem, args.runs)
        print(f"{r['report']:40} {r['pages']:5d} {r['pdf_s']:7.3f} {r['docx_s']:7.3f} {r['pdf_ms_page']:9.1f}"
              f" {r['docx_ms_page']:9.1f} {r['ratio']:7.2f}x")


if __name__ == "__main__":
    main()
