"""Scaling benchmark: the whole `rapportkoll check` process on generated driftredovisning tables.

    python bench/scale.py [--sizes 100,1000,...] [--shapes 20x200,2000x50] [--timeout S] [--json-out FILE]

Tables: nämnder of nine verksamheter, each closed by "Summa <nämnd>", and a grand "Totalt" row;
columns Budget, Prognos, Avvikelse (= Budget − Prognos) and Utfall, in whole tkr, rounded from
unrounded amounts so that totals carry the harmless ±1 residuals of a real report. Wide shapes
repeat the four columns per year. With slips, 1 % of the value cells (at least one) get a typical
slip (a mistyped or swapped digit, a flipped sign) — constructed data, seeded.

Each size is checked in a fresh process (`--format json`) with the default suite, with `--suite
generic`, and with the table's relations declared as a pack (`--suite rules-only`: everything but
discovery), each with a time limit; wall time and the child's peak RSS (os.wait4) are reported, the growth
exponent is fitted over 10³–10⁵ rows, and relation evaluation in the engine is compared with a
plain numpy evaluation of the same relations on the same data (see `evalcompare.py`).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

from bench import bytecode_env
from evalcompare import compare
from rapportkoll.packs import MAX_RULES

SEED = 20261130
GROUP = ("Budget", "Prognos", "Avvikelse", "Utfall")
PER_NAMND = 9


def amounts(rng: np.random.Generator, rows: int, groups: int) -> np.ndarray:
    """Unrounded Budget, Prognos, Avvikelse, Utfall per row and group (rows × 4·groups)."""
    budget = rng.lognormal(8, 1.5, (rows, groups)) * rng.choice([1, -1], (rows, groups), p=[0.85, 0.15])
    prognos = budget * rng.normal(1.0, 0.05, (rows, groups))
    utfall = prognos * rng.uniform(0.4, 0.8, (rows, groups))
    stacked = np.stack([budget, prognos, budget - prognos, utfall], axis=2)
    return stacked.reshape(rows, 4 * groups)


def layout(detail: int) -> tuple[list[str], list[int], list[list[int]]]:
    """Labels of all rows, the index of each detail row's amounts, and each total's detail rows."""
    labels, source, totals = [], [], []
    for start in range(0, detail, PER_NAMND):
        namnd = f"Nämnd {start // PER_NAMND + 1}"
        members = list(range(start, min(start + PER_NAMND, detail)))
        labels += [f"{namnd} verksamhet {k + 1}" for k in range(len(members))] + [f"Summa {namnd}"]
        source += members + [-1 - len(totals)]
        totals.append(members)
    labels.append("Totalt")
    source.append(-1 - len(totals))
    totals.append(list(range(detail)))
    return labels, source, totals


def generate(rows: int, columns: int, slips: int, seed: int = SEED) -> str:
    """The table as a tab-separated text export, with ``slips`` slipped cells."""
    rng = np.random.default_rng(seed)
    detail = max(1, round((rows - 1) * PER_NAMND / (PER_NAMND + 1)))
    groups = math.ceil(columns / 4)
    labels, source, totals = layout(detail)
    base = amounts(rng, detail, groups)
    sums = np.stack([base[members].sum(axis=0) for members in totals])
    shown = np.rint(np.where(np.array(source)[:, None] >= 0, base[np.maximum(source, 0)],
                             sums[np.maximum(-1 - np.array(source), 0)]))[:, :columns]
    _slip(rng, shown, slips)
    header = [f"{name} {2024 + k}" for k in range(groups) for name in GROUP][:columns]
    lines = ["Belopp i tkr\t" + "\t".join(header)]
    lines += [label + "\t" + "\t".join(_written(v) for v in row) for label, row in zip(labels, shown)]
    return "\n".join(lines) + "\n"


def _slip(rng: np.random.Generator, shown: np.ndarray, count: int) -> None:
    """Turn ``count`` cells of at least two digits into a typical slip, in place."""
    candidates = np.flatnonzero(np.abs(shown.ravel()) >= 10)
    for flat in rng.choice(candidates, min(count, candidates.size), replace=False):
        i, j = divmod(int(flat), shown.shape[1])
        shown[i, j] = _slipped(rng, shown[i, j])


def _slipped(rng: np.random.Generator, value: float) -> float:
    digits = list(str(int(abs(value))))
    shape = rng.choice(["sign", "transposition", "typo"])
    if shape == "sign" or len(digits) < 2:
        return -value
    k = int(rng.integers(0, len(digits) - 1))
    if shape == "transposition" and digits[k] != digits[k + 1]:
        digits[k], digits[k + 1] = digits[k + 1], digits[k]
    else:
        digits[k + 1] = str((int(digits[k + 1]) + int(rng.integers(1, 10))) % 10)
    return math.copysign(int("".join(digits)), value)


def declared(labels: list[str], columns: list[str]) -> dict:
    """The generated table's relations as a pack: each nämnd's sum, the grand total, each avvikelse."""
    sums, parts = [], []
    for label in labels:
        if label.startswith("Summa"):
            sums.append({"id": f"g.{label}", "kind": "sum", "title": label, "total": label, "parts": parts})
            parts = []
        else:
            parts = parts + [label]
    grand = {"id": "g.totalt", "kind": "sum", "title": "Totalt", "total": "Totalt",
             "parts": [rule["total"] for rule in sums]}
    years = [name.split()[-1] for name in columns if name.startswith("Avvikelse")]
    avvikelse = [{"id": f"g.avvikelse-{year}", "kind": "difference", "title": f"Avvikelse {year}",
                  "result": f"Avvikelse {year}", "minuend": f"Budget {year}", "subtrahend": f"Prognos {year}"}
                 for year in years]
    return {"pack": "generated", "title": "generated", "applies_to": {"corner": "Belopp i tkr"},
            "rules": sums + [grand] + avvikelse}


def slices(pack: dict) -> list[dict]:
    """The pack as files of at most `packs.MAX_RULES` rules each (a rule file holds no more)."""
    rules = pack["rules"]
    return [{**pack, "pack": f"{pack['pack']}-{k // MAX_RULES}", "rules": rules[k:k + MAX_RULES]}
            for k in range(0, len(rules), MAX_RULES)]


def _written(value: float) -> str:
    text = f"{abs(int(value)):,}".replace(",", " ")
    return f"-{text}" if value < 0 else text


SUITES = {"default": [], "generic": ["--suite", "generic"], "declared": ["--suite", "rules-only", "--rules"]}


def limits(rows: int, columns: int, timeout: float) -> list[str]:
    """The limit flags a generated table needs: the defaults (10 000 rows, 64 columns, 100 000 cells, 30 s,
    1 GiB) guard a report, and refuse these tables as a user's would be refused."""
    cells = (rows + 2) * (columns + 1)
    return ["--limit", f"rows={rows + 2}", "--limit", f"columns={columns + 1}", "--limit", f"cells={cells}",
            "--limit", f"text={max(32, cells * 16 >> 20)}M", "--max-seconds", str(timeout), "--max-memory", "16G"]


def run_check(path: Path, suite: str, timeout: float, flags: list[str]) -> dict:
    """Wall time, peak RSS and finding counts of one `rapportkoll check` process (None on timeout); bytecode
    is cached in the run's folder (`bench.bytecode_env`), so only the first process compiles."""
    args = [sys.executable, "-m", "rapportkoll", "check", str(path), "--format", "json", "--fail-on", "never", *flags]
    args += SUITES[suite] + ([str(path.with_suffix(".rules"))] if suite == "declared" else [])
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE, start_new_session=True,
                                   env=bytecode_env(path.parent / "pycache"))
        status, usage, peak = _wait(process.pid, started + timeout)
        wall = time.perf_counter() - started
        if status is None:
            os.killpg(process.pid, signal.SIGKILL)
            os.wait4(process.pid, 0)
            return {"seconds": None, "timeout": timeout}
        out.seek(0)
        errors = process.stderr.read().decode(errors="replace")[-300:]
        process.stderr.close()
        # CPU time beside wall time: on a shared machine the wall time grows with others' load, CPU time hardly
        result = {"seconds": round(wall, 3), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
                  "peak_mib": round(peak / 1024, 1), "exit": os.waitstatus_to_exitcode(status)}
        if result["exit"] != 0:
            return {**result, "stderr": errors}
        summary = json.load(out)["summary"]
        return {**result, "errors": summary["errors"], "warnings": summary["warnings"]}


def _wait(pid: int, deadline: float):
    """os.wait4 with a deadline: (status, rusage of that child, its peak resident KiB), or Nones when time ran out.

    The peak is the child's VmHWM, read while it runs: its rusage ru_maxrss starts from this process's own
    size at the fork (Linux keeps the larger across exec), which grows with the tables generated here."""
    peak = 0
    while time.perf_counter() < deadline:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage, peak
        peak = max(peak, _high_water(pid))
        time.sleep(0.02)
    return None, None, None


def _high_water(pid: int) -> int:
    """VmHWM of a running process in KiB (0 once it has exited)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) over log(rows): 1 is linear, 2 quadratic."""
    if len(points) < 2:
        return None
    x, y = np.log([p[0] for p in points]), np.log([p[1] for p in points])
    return round(float(np.polyfit(x, y, 1)[0]), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000,100000,1000000")
    parser.add_argument("--shapes", default="20x200,2000x50")
    parser.add_argument("--slips", default="0,0.01")
    parser.add_argument("--suites", default=",".join(SUITES), help="which of default, generic, declared to run")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--compare-up-to", type=int, default=1_000_000, help="largest size for the numpy comparison")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    shapes = [(int(n), 4) for n in args.sizes.split(",") if n]
    shapes += [tuple(int(x) for x in s.split("x")) for s in args.shapes.split(",") if s]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm-up.tsv"  # compiles the bytecode the timed processes then load
        warm.write_text(generate(20, 4, 0), encoding="utf-8")
        run_check(warm, "default", args.timeout, [])
        for rows, columns in shapes:
            for rate in (float(r) for r in args.slips.split(",")):
                results.append(measure(Path(tmp), rows, columns, rate, args))
    summary = {"machine": f"{os.cpu_count()} cores, {platform.python_version()}, numpy {np.__version__}",
               "date": time.strftime("%Y-%m-%d"), "results": results, "exponents": exponents(results)}
    print(json.dumps(summary["exponents"]))
    if args.json_out:
        args.json_out.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n")


def measure(tmp: Path, rows: int, columns: int, rate: float, args) -> dict:
    slips = max(1, round(rate * rows * columns)) if rate > 0 else 0
    text = generate(rows, columns, slips)
    path = tmp / f"drift-{rows}x{columns}-{rate}.tsv"
    path.write_text(text, encoding="utf-8")
    header, *lines = text.splitlines()
    rules = path.with_suffix(".rules")
    rules.mkdir()
    pack = declared([line.split("\t", 1)[0] for line in lines], header.split("\t")[1:])
    for k, piece in enumerate(slices(pack)):
        (rules / f"generated-{k}.yaml").write_text(yaml.safe_dump(piece, allow_unicode=True), encoding="utf-8")
    entry = {"rows": rows, "columns": columns, "slip_rate": rate, "slips": slips, "bytes": len(text.encode()),
             "load_average": round(os.getloadavg()[0], 1)}  # the machine is shared: its load is part of the figure
    flags = limits(rows, columns, args.timeout)
    for suite in args.suites.split(","):
        entry[suite] = run_check(path, suite, args.timeout, flags)
    if rows <= args.compare_up_to:
        entry["evaluation"] = compare(path, slices(pack), flags)
    print(json.dumps(entry, ensure_ascii=False), flush=True)
    return entry


def exponents(results: list[dict]) -> dict:
    """Growth exponents of wall and CPU time over 10³–10⁵ rows per suite and slip rate, of the runs that finished."""
    fitted = {}
    for suite in SUITES:
        for rate in sorted({r["slip_rate"] for r in results}):
            runs = [r for r in results if r["columns"] == 4 and r["slip_rate"] == rate
                    and 1000 <= r["rows"] <= 100_000 and r.get(suite, {}).get("seconds")]
            for measure in ("seconds", "cpu_seconds"):
                fitted[f"{suite} {rate:.0%} {measure}"] = exponent([(r["rows"], r[suite][measure]) for r in runs])
    return fitted


if __name__ == "__main__":
    main()
