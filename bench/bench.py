"""Benchmark: CLI cold start and rule-evaluation throughput of rapportkoll.

Run from the repository root:
    python bench/bench.py [--runs N] [--rows N] [--json-out FILE] [--inherit-env]

1. Cold start: wall time of fresh processes (`python -m rapportkoll check EXAMPLE --format json
   --fail-on never`, `--version`) against the floor of `import pandas` (also `import pandera.pandas`
   and `import numpy`). See README.md for why .pyc caching is switched on by default.
2. Throughput: `rapportkoll.relations.evaluate` on a NumericFrame of correctly rounded integers
   (sum and difference relations along columns) against a hand-written numpy expression.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = (
    ROOT / "examples" / "alingsas-ks-delarsbokslut-2024.txt",
    ROOT / "examples" / "herrljunga-ks-delarsrapport-2023.txt",
)
# Used when `python -m rapportkoll` is not runnable (no __main__.py): same CLI, via -c.
CLI_VIA_C = ["-c", "from rapportkoll.cli import main; main()"]
COLUMNS = 8
PARTS = 5            # columns 0..4 are parts, 5 is their sum, 7 = 5 - 6
ERRORS_PER_RELATION = 300
SEED = 20261123


# ---------------------------------------------------------------- timing helpers

def interleaved_times(fns: list[Callable[[], object]], runs: int, warmup: int = 1) -> list[list[float]]:
    """Wall times of each of ``fns`` over ``runs`` rounds, one call of each per round, after ``warmup`` rounds.

    Round-robin rather than one function after the other, so that load from elsewhere on a shared
    machine hits all of them alike and their ratios stay meaningful.
    """
    for _ in range(warmup):
        for fn in fns:
            fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, spent in zip(fns, times):
            start = time.perf_counter()
            fn()
            spent.append(time.perf_counter() - start)
    return times


def run_process(args: list[str], env: dict[str, str] | None, failures: list[int]) -> None:
    """One timed start; a non-zero exit is recorded (a run that crashed early would look fast)."""
    done = subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if done.returncode != 0:
        failures.append(done.returncode)


def probe(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    """Exit code and stderr tail of one run (the warm-up that also tells whether a command works)."""
    done = subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          env=env)
    return done.returncode, done.stderr.strip()[-400:]


def bytecode_env(cache: Path) -> dict[str, str]:
    """The environment with bytecode caching on, into ``cache``: warm runs then start as installed code does.

    With PYTHONDONTWRITEBYTECODE set (as in some dev shells) an editable install recompiles every
    rapportkoll module in every process, which no user sees. The prefix keeps src/ free of __pycache__.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def peak_allocation_mib(fn: Callable[[], object]) -> float:
    """Peak bytes (MiB) that one call of ``fn`` allocates on top of what exists (numpy reports to tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


# ---------------------------------------------------------------- 1. cold start

def cli_prefix(env: dict[str, str] | None) -> tuple[list[str] | None, str]:
    """How to start the CLI in a fresh process: `-m rapportkoll` if that works, else via -c."""
    if probe(["-m", "rapportkoll", "--version"], env)[0] == 0:
        return ["-m", "rapportkoll"], "python -m rapportkoll"
    if (ROOT / "src" / "rapportkoll" / "cli.py").exists() and probe([*CLI_VIA_C, "--version"], env)[0] == 0:
        return CLI_VIA_C, 'python -c "from rapportkoll.cli import main; main()"'
    return None, "CLI not available"


def cold_start(runs: int, inherit_env: bool) -> dict:
    """Median start-up wall times (seconds) of fresh interpreters; one untimed warm-up each."""
    cache = None if inherit_env else Path(tempfile.mkdtemp(prefix="rapportkoll-bench-pyc-"))
    try:
        env = None if cache is None else bytecode_env(cache)
        result = _cold_start(runs, env)
    finally:
        if cache is not None:
            shutil.rmtree(cache, ignore_errors=True)
    result["bytecode"] = "inherited environment" if inherit_env else "cached (private PYTHONPYCACHEPREFIX)"
    return result


def _cold_start(runs: int, env: dict[str, str] | None) -> dict:
    prefix, how = cli_prefix(env)
    cases: list[tuple[str, list[str]]] = [
        ("python -c 'import pandas'", ["-c", "import pandas"]),
        ("python -c 'import pandera.pandas'", ["-c", "import pandera.pandas"]),
        ("python -c 'import numpy'", ["-c", "import numpy"]),  # what the check path does import
    ]
    if prefix is not None:
        cases.append(("rapportkoll --version", [*prefix, "--version"]))
        for example in EXAMPLES:
            cases.append((f"rapportkoll check {example.name}",
                          [*prefix, "check", str(example), "--format", "json", "--fail-on", "never"]))
    results = []
    for name, args in cases:
        code, err = probe(args, env)  # doubles as the warm-up run (writes .pyc, fills the page cache)
        results.append({"name": name, "argv": ["python", *args], "exit_code": code} | ({"error": err} if code else {}))
    failures: list[list[int]] = [[] for _ in cases]
    timings = interleaved_times([lambda a=args, f=failed: run_process(a, env, f)
                                 for (_, args), failed in zip(cases, failures)], runs, warmup=0)
    for entry, times, failed in zip(results, timings, failures):
        entry.update(median_s=statistics.median(times), min_s=min(times), runs_s=times, failed_runs=len(failed))
    floor = results[0]["median_s"]
    for entry in results:
        entry["ratio_to_import_pandas"] = entry["median_s"] / floor
    return {"cli": how, "runs": runs, "cases": results}


# ---------------------------------------------------------------- 2. throughput

@dataclass
class Synthetic:
    values: np.ndarray            # (rows, 8) displayed values, integers in tkr
    sum_errors: np.ndarray        # rows where the sum relation must fail (sorted)
    difference_errors: np.ndarray  # rows where the difference relation must fail (sorted)


def synthesize(rows: int, seed: int = SEED) -> Synthetic:
    """Correctly rounded tkr integers: parts, their total, a column and the difference; then errors.

    Every column is rounded from an unrounded true value, so sums of shown parts miss the shown total
    by up to ±3 (5 parts + total, ±0.5 each) and differences by up to ±1.5 — all within tolerance.
    Injected errors are at least 7 away, beyond any rounding residual, so the failing rows are known.
    """
    rng = np.random.default_rng(seed)
    true_parts = rng.uniform(-50_000, 250_000, size=(rows, PARTS))
    true_total = true_parts.sum(axis=1)
    true_other = rng.uniform(-50_000, 250_000, size=rows)
    values = np.empty((rows, COLUMNS))
    values[:, :PARTS] = np.round(true_parts)
    values[:, 5] = np.round(true_total)
    values[:, 6] = np.round(true_other)
    values[:, 7] = np.round(true_total - true_other)
    count = min(ERRORS_PER_RELATION, rows // 2)
    chosen = rng.choice(rows, size=2 * count, replace=False)
    total_rows, difference_rows = np.sort(chosen[:count]), np.sort(chosen[count:])
    values[total_rows, 5] += _error_sizes(rng, count)        # a wrong total breaks the sum and the difference
    values[difference_rows, 7] += _error_sizes(rng, count)   # a wrong difference breaks only itself
    return Synthetic(values, total_rows, np.union1d(total_rows, difference_rows))


def _error_sizes(rng: np.random.Generator, count: int) -> np.ndarray:
    return rng.choice([-1.0, 1.0], size=count) * rng.integers(7, 5_000, size=count)


def numpy_sum(values: np.ndarray, halves: np.ndarray) -> np.ndarray:
    """Baseline: rows where |Σ parts − total| exceeds Σ half-units of the six numbers shown."""
    residual = values[:, :PARTS].sum(axis=1) - values[:, 5]
    tolerance = halves[:, : PARTS + 1].sum(axis=1)
    return np.flatnonzero(np.abs(residual) > tolerance)


def numpy_difference(values: np.ndarray, halves: np.ndarray) -> np.ndarray:
    """Baseline: rows where |c5 − c6 − c7| exceeds the three half-units."""
    residual = values[:, 5] - values[:, 6] - values[:, 7]
    tolerance = halves[:, 5] + halves[:, 6] + halves[:, 7]
    return np.flatnonzero(np.abs(residual) > tolerance)


def throughput(rows: int, runs: int) -> dict:
    """Median time of relations.evaluate vs the numpy baseline, both checked against the injected rows."""
    from rapportkoll.frame import NumericFrame, TableView
    from rapportkoll.relations import LinearRelation, evaluate

    data = synthesize(rows)
    halves = np.full(data.values.shape, 0.5)
    frame = NumericFrame(data.values, halves, np.zeros(data.values.shape, dtype=bool))
    view = TableView(table=None, frame=frame)  # evaluate() reads only view.frame
    rss_data = peak_rss_mib()
    relations = {
        "sum (c5 = c0+…+c4)": (LinearRelation("columns", result=5, terms=tuple((j, 1.0) for j in range(PARTS))),
                               numpy_sum, data.sum_errors),
        "difference (c7 = c5 − c6)": (LinearRelation("columns", result=7, terms=((5, 1.0), (6, -1.0))),
                                      numpy_difference, data.difference_errors),
    }
    results, rss_engine = [], None
    for name, (relation, baseline, expected) in relations.items():
        engine_rows = np.array([f.position for f in evaluate(view, relation, None)])
        rss_engine = rss_engine or peak_rss_mib()  # before any baseline ran: the engine's own peak
        numpy_rows = baseline(data.values, halves)
        engine_runs, numpy_runs = interleaved_times(
            [lambda r=relation: evaluate(view, r, None), lambda b=baseline: b(data.values, halves)], runs)
        engine_s, numpy_s = statistics.median(engine_runs), statistics.median(numpy_runs)
        results.append({
            "relation": name, "injected_failing_rows": int(expected.size),
            "engine_found_exactly": bool(np.array_equal(np.sort(engine_rows), expected)),
            "numpy_found_exactly": bool(np.array_equal(numpy_rows, expected)),
            "engine_median_s": engine_s, "numpy_median_s": numpy_s, "engine_runs_s": engine_runs,
            "numpy_runs_s": numpy_runs, "ratio_engine_to_numpy": engine_s / numpy_s,
            "ratio_engine_to_numpy_of_minima": min(engine_runs) / min(numpy_runs),
            "engine_rows_per_s": rows / engine_s, "numpy_rows_per_s": rows / numpy_s,
            "engine_peak_alloc_mib": peak_allocation_mib(lambda r=relation: evaluate(view, r, None)),
            "numpy_peak_alloc_mib": peak_allocation_mib(lambda b=baseline: b(data.values, halves)),
        })
    return {"rows": rows, "columns": COLUMNS, "runs": runs, "seed": SEED, "relations": results,
            "peak_rss_after_data_mib": rss_data, "peak_rss_after_engine_mib": rss_engine,
            "peak_rss_mib": peak_rss_mib()}


# ---------------------------------------------------------------- output

def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    line = "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths)))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths))))


def report(result: dict) -> None:
    cold = result["cold_start"]
    print_table(f"Cold start (median of {cold['runs']} fresh processes after 1 warm-up; CLI via {cold['cli']}; "
                f"bytecode {cold['bytecode']})",
                ["command", "median ms", "min ms", "× import pandas", "exit", "failed runs"],
                [[c["name"], f"{c['median_s'] * 1e3:.0f}", f"{c['min_s'] * 1e3:.0f}",
                  f"{c['ratio_to_import_pandas']:.2f}", c["exit_code"], c["failed_runs"]] for c in cold["cases"]])
    for case in cold["cases"]:
        if "error" in case:
            print(f"  ! {case['name']} exited {case['exit_code']}: {case['error'].splitlines()[-1]}")
        if case["failed_runs"]:
            print(f"  ! {case['name']}: {case['failed_runs']} of {cold['runs']} timed runs exited non-zero")
    tp = result["throughput"]
    print_table(f"Rule evaluation, {tp['rows']:,} rows × {tp['columns']} columns (median of {tp['runs']} runs)",
                ["relation", "engine ms", "numpy ms", "engine/numpy", "(of minima)", "engine rows/s", "numpy rows/s",
                 "peak alloc MiB (engine/numpy)", "found exactly (engine/numpy)"],
                [[r["relation"], f"{r['engine_median_s'] * 1e3:.1f}", f"{r['numpy_median_s'] * 1e3:.1f}",
                  f"{r['ratio_engine_to_numpy']:.2f}×", f"{r['ratio_engine_to_numpy_of_minima']:.2f}×",
                  f"{r['engine_rows_per_s'] / 1e6:.1f} M",
                  f"{r['numpy_rows_per_s'] / 1e6:.1f} M",
                  f"{r['engine_peak_alloc_mib']:.0f} / {r['numpy_peak_alloc_mib']:.0f}",
                  f"{_yes(r['engine_found_exactly'])}/{_yes(r['numpy_found_exactly'])}"
                  f" ({r['injected_failing_rows']} rows)"] for r in tp["relations"]])
    print(f"\nPeak RSS of this process: {tp['peak_rss_after_data_mib']:.0f} MiB after building the data, "
          f"{tp['peak_rss_after_engine_mib']:.0f} MiB after the first engine call, "
          f"{tp['peak_rss_mib']:.0f} MiB at the end; "
          f"{result['peak_rss_children_mib']:.0f} MiB largest child process (cold-start runs)")


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def environment() -> dict:
    import pandas

    return {"python": platform.python_version(), "numpy": np.__version__, "pandas": pandas.__version__,
            "platform": platform.platform(), "cpus": os.cpu_count()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measurement (median; default 7)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the synthetic table (default 1e6)")
    parser.add_argument("--json-out", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--inherit-env", action="store_true",
                        help="start cold-start processes with this environment as is (default: bytecode caching "
                             "on, into a private temporary PYTHONPYCACHEPREFIX)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.rows < 2:
        parser.error("--runs must be ≥ 1 and --rows ≥ 2")
    result = {"date": datetime.date.today().isoformat(), "command": " ".join(["python", *sys.argv]),
              "environment": environment(), "cold_start": cold_start(args.runs, args.inherit_env)}
    result["peak_rss_children_mib"] = peak_rss_mib(resource.RUSAGE_CHILDREN)
    result["throughput"] = throughput(args.rows, args.runs)
    report(result)
    if args.json_out:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"\nJSON written to {args.json_out}")
    exact = all(r["engine_found_exactly"] and r["numpy_found_exactly"] for r in result["throughput"]["relations"])
    started = all(c["exit_code"] == 0 and not c["failed_runs"] for c in result["cold_start"]["cases"])
    return 0 if exact and started else 1


if __name__ == "__main__":
    sys.exit(main())
