"""Memory and CPU time per stage of checking one generated table in process: what holds the peak.

    python bench/memory_stages.py [--rows 100000] [--columns 4] [--slips 0] [--trace] [--cached-discovery]

Stages as `rapportkoll check` runs them: reading, the table's view (numeric frame), discovery, the
statements' pack, the whole table check (evaluation, diagnosis, coverage), the prose, the JSON report.
With ``--cached-discovery`` discovery's search and the building of its pack are two stages, and the
table check reuses the search's result: its line is every stage after discovery but the prose and JSON.
After each: CPU seconds of the stage, resident memory now and the process's peak so far (VmRSS, VmHWM).
With ``--trace`` tracemalloc also lists the lines whose allocations are alive after the check (slow: use
10⁵ rows or fewer). The table is `scale.py`'s, written to a temporary file.
"""

from __future__ import annotations

import argparse
import gc
import io
import tempfile
import time
import tracemalloc
from pathlib import Path

from scale import generate


def _status(field: str) -> float:
    """A VmRSS/VmHWM figure of this process in MiB."""
    line = next(ln for ln in Path("/proc/self/status").read_text().splitlines() if ln.startswith(field))
    return int(line.split()[1]) / 1024


def stage(name: str, fn):
    started = time.process_time()
    value = fn()
    print(f"{name:22} {time.process_time() - started:7.2f} s CPU   now {_status('VmRSS:'):7.0f} MiB   "
          f"peak {_status('VmHWM:'):7.0f} MiB", flush=True)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--columns", type=int, default=4)
    parser.add_argument("--slips", type=float, default=0.0, help="share of value cells slipped")
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--cached-discovery", action="store_true",
                        help="the table check reuses discovery's search: its line is every stage after discovery")
    args = parser.parse_args()
    import rapportkoll.discovery.pack as discovery_pack
    from rapportkoll.discovery import discovered_in, discovered_pack
    from rapportkoll.engine import check_table, document_findings
    from rapportkoll.frame import TableView
    from rapportkoll.readers import read_report
    from rapportkoll.bounds import Limits, using
    from rapportkoll.reporters.json_report import render
    from rapportkoll.run import check_paths
    from rapportkoll.statements import statement_pack
    from rapportkoll.suites import load_suite

    slips = max(1, round(args.slips * args.rows * args.columns)) if args.slips else 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "drift.tsv"
        path.write_text(generate(args.rows, args.columns, slips), encoding="utf-8")
        print(f"{args.rows} × {args.columns}, {slips} slips; start: now {_status('VmRSS:'):.0f} MiB")
        if args.trace:
            tracemalloc.start()
        big = Limits(rows=args.rows + 2, columns=args.columns + 1, cells=(args.rows + 2) * (args.columns + 1),
                     text=1 << 30, seconds=3600.0, memory=16 << 30)
        with using(big):
            suite = load_suite()
            report = stage("read", lambda: read_report(path))
            gc.disable()  # as the engine runs a table's check (engine.no_collection)
            view = stage("view (frame)", lambda: TableView.of(report.tables[0], tuple(report.tables)))
            if args.cached_discovery:  # what follows discovery's search alone: its result is kept
                found = stage("discovery's search", lambda: discovered_in(view))
                discovery_pack.discovered_in = lambda _: found
                stage("discovered pack", lambda: discovered_pack(view))
            else:
                stage("discovery", lambda: discovered_pack(view))
            stage("statements' pack", lambda: statement_pack(view))
            view = TableView.of(report.tables[0], tuple(report.tables))
            stage("whole table check", lambda: check_table(view, suite, str(path)))
            gc.enable()
            stage("prose", lambda: document_findings(report, suite))
            view = None  # released before the whole run is measured
            result = stage("run as the CLI does", lambda: check_paths([report], suite))
            out = io.StringIO()
            stage("JSON report", lambda: render(result, out, "en"))
            print(f"JSON {len(out.getvalue()) >> 20} MiB")
        if args.trace:
            top = tracemalloc.take_snapshot().statistics("lineno")[:15]
            print("\nalive at the end, by line (tracemalloc):")
            for item in top:
                print(f"{item.size / 2**20:8.1f} MiB {item.count:9} blocks  {item.traceback[0]}")


if __name__ == "__main__":
    main()
