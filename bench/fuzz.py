"""The long fuzz run: mutated inputs in every format and mutated rule packs, checked in-process within the limits.

    python bench/fuzz.py --inputs 100000 --seed 1 --out bench/results/fuzz.json

Seeds: every 40-line block of the example text exports and every table of tests/realworld,
written as .txt/.tsv/.csv/.xlsx/.docx/.pdf (see tests/fuzzing.py), the whole example files, and
the bundled rule packs. Each input gets one to four mutations (structure-aware for ZIP parts and
PDF content streams) and a suffix that is wrong one time in ten. Prints and writes: inputs tried,
failures by class (with one input of each kept in the work folder), budget hits, the worst time
and the process's peak memory. Progress is written every 500 inputs, so a stopped run still reports.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import fuzzing  # noqa: E402

from rapportkoll.bounds import Limits, using  # noqa: E402
from rapportkoll.suites import load_suite  # noqa: E402

PACK_SHARE = 0.08  # of inputs that are rule packs rather than reports


def seeds(text_limit: int | None) -> dict[str, list[bytes]]:
    """Seed bytes by format: table blocks in every format, plus the whole examples."""
    slices = fuzzing.table_slices(text_limit)
    found = {suffix: [fuzzing.as_format(text, suffix) for text in slices] for suffix in fuzzing.FORMATS}
    for path in sorted((fuzzing.ROOT / "examples").glob("*.*")):
        if path.suffix in found:
            found[path.suffix].append(path.read_bytes())
    return found


def one_input(rng: random.Random, pool: dict[str, list[bytes]], folder: Path, number: int) -> Path:
    """A mutated seed written under its format's suffix, or (one time in ten) another format's."""
    suffix = rng.choice(sorted(pool))
    data = rng.choice(pool[suffix])
    others = pool[rng.choice(sorted(pool))]
    if suffix in (".xlsx", ".docx"):
        data = fuzzing.mutate_container(rng, data, others)
    elif suffix == ".pdf":
        data = fuzzing.mutate_pdf(rng, data, others)
    else:
        data = fuzzing.mutate(rng, data, others)
    written = rng.choice(fuzzing.FORMATS + (".yaml", ".rtf", "")) if rng.random() < 0.1 else suffix
    path = folder / f"input-{number % 50}{written}"
    path.write_bytes(data)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=Limits().seconds, help="the per-file time budget")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--formats", default=",".join(fuzzing.FORMATS), help="seed formats, e.g. .txt,.tsv,.csv")
    args = parser.parse_args()
    rng, tally = random.Random(args.seed), fuzzing.Tally()
    fuzzing.record_bug_locations()
    pool = {suffix: seeds for suffix, seeds in seeds(None).items() if suffix in args.formats.split(",")}
    packs = [p.read_bytes() for p in sorted((fuzzing.ROOT / "rules").glob("*.yaml"))]
    suite, started = load_suite(), time.monotonic()
    with tempfile.TemporaryDirectory() as work, using(Limits(seconds=args.seconds)):
        folder = Path(work)
        for number in range(args.inputs):
            _one(rng, pool, packs, folder, number, suite, tally, args.seconds)
            if number % 500 == 499:
                _write(tally, args, time.monotonic() - started, final=False)
    _write(tally, args, time.monotonic() - started, final=True)


def _one(rng, pool, packs, folder: Path, number: int, suite, tally, seconds: float) -> None:
    if rng.random() < PACK_SHARE:
        report = folder / "pack-report.tsv"
        report.write_bytes(rng.choice(pool.get(".tsv") or next(iter(pool.values()))))
        fuzzing.check_pack(fuzzing.mutate(rng, rng.choice(packs), packs), folder / "packs", report, tally, seconds)
        return
    path = one_input(rng, pool, folder, number)
    known = set(tally.failures)
    fuzzing.check_one(path, suite, tally, seconds)
    for key in set(tally.failures) - known:  # keep the first input of each new failure class
        kept = fuzzing.ROOT / "bench" / "results" / "fuzz-failures"
        kept.mkdir(parents=True, exist_ok=True)
        (kept / f"{len(known)}-{path.name}").write_bytes(path.read_bytes())
        tally.examples[key] = str(kept / f"{len(known)}-{path.name}")


def _write(tally: fuzzing.Tally, args, elapsed: float, final: bool) -> None:
    summary = {"inputs": tally.inputs, "seed": args.seed, "elapsed_s": round(elapsed, 1), "finished": final,
               "failures": dict(tally.failures.most_common()), "failure_examples": tally.examples,
               "budget_hits": tally.budget_hits, "worst_seconds": round(tally.worst_seconds, 2),
               "worst_input_suffix": Path(tally.worst_input).suffix, "peak_rss_mb": round(fuzzing.peak_rss_mb()),
               "by_format": dict(tally.by_format)}
    if tally.worst_bytes:  # the slowest input, to look into
        kept = fuzzing.ROOT / "bench" / "results" / "fuzz-failures"
        kept.mkdir(parents=True, exist_ok=True)
        (kept / f"slowest-seed{args.seed}{Path(tally.worst_input).suffix}").write_bytes(tally.worst_bytes)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    if final:
        print(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
