"""Whether this tree's `rapportkoll check --format json` output is byte for byte another commit's.

    python bench/same_output.py [--base main] [--sizes 1000,10000] [--shapes 20x200,2000x50] [--suites default,generic]

Performance work must not change what a check says. The base commit is exported with `git archive` into a
temporary folder and run from there (PYTHONPATH first on the path), this tree from the installed package;
both check the generated driftredovisning tables of `scale.py` (0 % and 1 % slips) and every example, in
fresh processes with bytecode cached. Prints one line per input and exits 1 if any output differs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import bytecode_env
from scale import generate, limits

ROOT = Path(__file__).resolve().parent.parent


def exported(commit: str, into: Path) -> Path:
    """The commit's source tree, unpacked from `git archive` (its `src` folder goes first on PYTHONPATH)."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def output(source: Path | None, path: Path, flags: list[str], cache: Path) -> bytes:
    """The check's stdout and exit code, from ``source`` (None: this tree)."""
    env = bytecode_env(cache)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    args = [sys.executable, "-m", "rapportkoll", "check", str(path), "--format", "json", "--fail-on", "never", *flags]
    done = subprocess.run(args, capture_output=True, env=env, cwd=path.parent)
    return done.stdout + f"\nexit {done.returncode}\n".encode() + done.stderr[-500:]


def inputs(tmp: Path, sizes: list[tuple[int, int]]) -> list[tuple[Path, list[str]]]:
    """The generated tables at 0 % and 1 % slips with the limits they need, then the examples."""
    cases = []
    for rows, columns in sizes:
        for rate in (0.0, 0.01):
            path = tmp / f"drift-{rows}x{columns}-{rate}.tsv"
            path.write_text(generate(rows, columns, max(1, round(rate * rows * columns)) if rate else 0),
                            encoding="utf-8")
            cases.append((path, limits(rows, columns, 600)))
    examples = sorted(p for p in (ROOT / "examples").iterdir() if p.is_file() and p.suffix != ".md")
    return cases + [(p, []) for p in examples]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--shapes", default="20x200,2000x50")
    parser.add_argument("--suites", default="default,generic")
    args = parser.parse_args()
    sizes = [(int(n), 4) for n in args.sizes.split(",") if n]
    sizes += [tuple(int(x) for x in s.split("x")) for s in args.shapes.split(",") if s]
    differing = 0
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        base = exported(args.base, tmp / "base")
        for path, flags in inputs(tmp, sizes):
            for suite in args.suites.split(","):
                suite_flags = flags + ([] if suite == "default" else ["--suite", suite])
                ours = output(None, path, suite_flags, tmp / "cache-ours")
                theirs = output(base, path, suite_flags, tmp / "cache-base")
                same = ours == theirs
                differing += not same
                print(f"{'same' if same else 'DIFFERENT':9} {suite:8} {path.name}", flush=True)
    print(f"{differing} differing output(s)")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
