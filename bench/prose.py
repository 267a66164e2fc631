"""Prose check: precision and recall on the held-out real pages, and the speed of extraction + linking.

    python bench/prose.py [--runs N] [--json-out FILE]

1. Real pages with annotations made by reading: precision of the claims the checker calls wrong
   (RK501-RK505) and recall of the checkable claims (AGREES or DISAGREES by reading) it judges the same
   way. tests/prose_realworld/batch8/ is held out for round 5: 14 documents of 8 municipalities in no other
   batch, annotated and committed before any run and run once (its first run, and the constructed errors of
   bench/prose_inject.py on batches 7 and 8, are in bench/results/prose-inject-2026-11-30-round5-first-run*.json).
   batch7/, batch6/ and batch5/ were held out in rounds 4, 3 and 2 and are development now, like batch4/.
   Pages of running text without a table (which `rapportkoll check` refuses) are read by the text reader.
   The first three batches were used to fix general faults after their first runs
   (their READMEs say how) and are reported as regression sets, pooled with the others in the precision over
   every real page. The examples'
   figures against their seed inventory are printed beside them, marked in-sample.
2. Mutations: every claim the checker agrees with, one digit changed in the text: how many it then calls
   wrong (the sensitivity of 'disagrees' when the link is right), on the examples (in-sample) and on every
   real page of tests/prose_realworld (constructed errors in real text: the flags they raise on other claims
   are false ones).
3. Speed on a 50-page report: the two example reports (Herrljunga 32 pages by its own numbering
   "NN(32)", Alingsås 16: its contents end on page 15, then its last table) and the three held-out
   pages, concatenated into one text export of real report text. Reading is not timed; extraction,
   linking and verdicts are, each run in a fresh process (median of --runs), as wall and CPU time (on a
   shared machine the wall time follows the load, printed beside it). Target: under 200 ms.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from rapportkoll.prose.check import check_claims
from rapportkoll.prose.verdicts import AGREES
from rapportkoll.readers import read_report
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.text import read as read_text_export

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ROOT / "tests" / "prose_realworld"
EXAMPLES = {"000": ROOT / "examples" / "alingsas-ks-delarsbokslut-2024.txt",
            "004": ROOT / "examples" / "herrljunga-ks-delarsrapport-2023.txt"}
SEED = ROOT / "tests" / "prose_seed" / "claims.tsv"
WRONG = ("RK501", "RK502", "RK503", "RK504", "RK505")
_NUMBER = re.compile(r"[+-]?\d[\d  ]*(?:,\d+)?")
TARGET_MS = 200.0


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def _read(path: Path):
    """The report as `rapportkoll check` reads it; a page of running text without a table (which the CLI
    refuses, exit 2, since no table is checked) is read by the text reader alone, so that its claims are
    still counted: the prose check must not flag what it cannot link, nor the text where it holds."""
    try:
        return read_report(path)
    except InputError:
        return read_text_export(path)


def _judged(path: Path) -> dict[tuple[int, str, int], str]:
    """The checker's verdict on each claim: (line, number, n-th on the line) -> agrees | disagrees | other."""
    result = check_claims(_read(path))
    wrong = {(c.location.line, c.location.span_start) for f in result.findings if f.code in WRONG
             for c in f.cells[:1]}
    seen: dict[tuple[int, str], int] = {}
    judged = {}
    for verdict in result.verdicts:
        claim = verdict.claim
        number = _digits(claim.text)
        line = claim.paragraph.location.line
        nth = seen[(line, number)] = seen.get((line, number), -1) + 1
        state = "disagrees" if (line, claim.start) in wrong else "agrees" if verdict.verdict == AGREES else "other"
        judged[(line, number, nth)] = state
    return judged | {("flagged", "", i): "disagrees" for i, _ in enumerate(wrong)}


def _digits(text: str) -> str:
    found = _NUMBER.search(text)
    return re.sub(r"[^\d,]", "", found.group()) if found else ""


def held_out(folder: Path) -> dict[str, float | int]:
    """Precision of 'disagrees' and recall of checkable claims on one folder of annotated pages."""
    truth = _rows(folder / "annotations.tsv")
    flagged = true_flags = checkable = right = 0
    for name in sorted({r["file"] for r in truth}):
        judged = _judged(folder / name)
        flagged += sum(1 for k, v in judged.items() if k[0] == "flagged")
        seen: dict[tuple[int, str], int] = {}
        for row in (r for r in truth if r["file"] == name):
            line, number = int(row["line"]), _digits(row["claimed"])
            nth = seen[(line, number)] = seen.get((line, number), -1) + 1
            state = judged.get((line, number, nth), "missed")
            true_flags += state == "disagrees" and row["verdict"] == "DISAGREES"
            if row["verdict"] in ("AGREES", "DISAGREES"):
                checkable += 1
                right += state == row["verdict"].lower()
    return {"flagged": flagged, "true_flags": true_flags, "checkable": checkable, "right": right,
            "disagreements": sum(1 for r in truth if r["verdict"] == "DISAGREES")}


def examples() -> dict[str, int]:
    """In-sample: the examples against the seed inventory (lines with a DISAGREES / AGREES claim)."""
    seed = _rows(SEED)
    flagged = true_flags = agreed = agreed_right = 0
    for key, path in EXAMPLES.items():
        lines = {v: {int(r["line"]) for r in seed if r["file"].startswith(key) and r["verdict"] == v}
                 for v in ("AGREES", "DISAGREES")}
        result = check_claims(read_report(path))
        first = [f.cells[0].location.line for f in result.findings if f.code in WRONG]
        flagged += len(first)
        true_flags += sum(1 for line in first if line in lines["DISAGREES"])
        agreements = [v.claim.paragraph.location.line for v in result.verdicts if v.verdict == AGREES]
        agreed += len(agreements)
        agreed_right += sum(1 for line in agreements if line in lines["AGREES"])
    checkable = sum(1 for r in seed if r["verdict"] in ("AGREES", "DISAGREES"))
    return {"flagged": flagged, "true_flags": true_flags, "agreed": agreed, "agreed_right": agreed_right,
            "checkable": checkable}


def mutations(paths) -> dict[str, int]:
    """Sensitivity of 'disagrees': each claim the checker agrees with gets one digit of its number changed in the
    text (the second-to-last digit +1, which moves the value beyond any rounding or approximation tolerance);
    found if a new disagreement cites that figure (first or among its cells: a part changed makes the parts exceed
    their whole, RK504, which cites the whole first), and counted against it when a new disagreement of the
    paragraph cites another figure only. Constructed cases, named as such: the numbers are changed, never the
    tables."""
    tried = found = false = 0
    for path in paths:
        report = _read(path)
        before = _cited(check_claims(report).findings)
        for verdict in check_claims(report).verdicts:
            if verdict.verdict != AGREES or verdict.claim.type == "zero":
                continue
            tried += 1
            line, start = verdict.claim.paragraph.location.line, verdict.claim.start
            new = [cited for cited in _flagged_after_mutation(report, verdict.claim) if cited not in before]
            found += any((line, start) in cited for cited in new)
            false += any((line, start) not in cited for cited in new if any(n == line for n, _ in cited))
    return {"mutated": tried, "found": found, "other_sentences_flagged": false}


def _cited(findings) -> list[frozenset[tuple[int, int]]]:
    """Each disagreement as the figures (line, start) its cells cite."""
    return [frozenset((c.location.line, c.location.span_start) for c in f.cells if c.location.span_start is not None)
            for f in findings if f.code in WRONG]


def _flagged_after_mutation(report, claim) -> list[frozenset[tuple[int, int]]]:
    digits = [i for i, ch in enumerate(claim.text) if ch.isdigit()]
    at = claim.start + digits[-2 if len(digits) > 1 else -1]
    text = claim.paragraph.text
    changed = text[:at] + str((int(text[at]) + 1) % 10) + text[at + 1:]
    mutated = replace(claim.paragraph, text=changed)
    prose = [mutated if p is claim.paragraph else p for p in report.prose]
    return _cited(check_claims(replace(report, prose=prose)).findings)


def fifty_pages() -> Path:
    """One text export of real report text: both examples and the held-out pages, 51 pages in all."""
    parts = [p.read_text(encoding="utf-8") for p in (*EXAMPLES.values(), *sorted(HELD_OUT.glob("*.txt")))]
    # 32 + 16 pages of the examples and three one-page web pages: 51 pages
    handle = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8")
    handle.write("\n\n".join(parts))
    handle.close()
    return Path(handle.name)


# One cold run in a fresh process: the word caches start empty, as in `rapportkoll check`.
_RUN = """
import sys, time
from pathlib import Path
from rapportkoll.prose.check import check_claims, read_claims
from rapportkoll.prose.vocabulary import default_vocabulary
from rapportkoll.readers import read_report
from rapportkoll.readers.errors import InputError
from rapportkoll.readers.text import read as read_text_export
report = read_report(Path(sys.argv[1]))
start = time.perf_counter()
default_vocabulary()
loaded, cpu = time.perf_counter(), time.process_time()
found = read_claims(report) if sys.argv[2] == "extract" else check_claims(report).verdicts
end, cpu_end = time.perf_counter(), time.process_time()
print(len(found), (loaded - start) * 1000, (end - loaded) * 1000, (cpu_end - cpu) * 1000)
"""


def _cold(path: Path, mode: str, runs: int) -> list[list[str]]:
    return [subprocess.run([sys.executable, "-c", _RUN, str(path), mode], capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(runs)]


def speed(runs: int) -> dict[str, float]:
    """Medians over ``runs`` fresh processes: loading the vocabulary (YAML), extraction alone, and
    extraction + linking + verdicts."""
    path = fifty_pages()
    try:
        extract, full = _cold(path, "extract", runs), _cold(path, "check", runs)
    finally:
        path.unlink()
    return {"claims": int(full[0][0]), "vocabulary_ms": statistics.median(float(r[1]) for r in full),
            "extraction_ms": statistics.median(float(r[2]) for r in extract),
            "extraction_linking_ms": statistics.median(float(r[2]) for r in full),
            "extraction_linking_cpu_ms": statistics.median(float(r[3]) for r in full),
            "load_average": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    sets = {"held_out_batch8": "batch8", "development_batch7": "batch7", "development_batch6": "batch6",
            "development_batch5": "batch5", "development_batch4": "batch4",
            "regression_batch3": "batch3", "regression_batch2": "batch2", "regression_batch1": ""}
    figures: dict[str, dict] = {name: held_out(HELD_OUT / folder) for name, folder in sets.items()}
    figures["all_real_pages"] = {key: sum(figures[name][key] for name in sets) for key in figures["held_out_batch8"]}
    real = sorted(HELD_OUT.rglob("*.txt"))
    figures |= {"examples_in_sample": examples(), "mutations_in_sample": mutations(EXAMPLES.values()),
                "mutations_real_pages": mutations(real), "speed": speed(args.runs)}
    for name in (*sets, "all_real_pages"):
        h = figures[name]
        precision = f"{h['true_flags']}/{h['flagged']}" if h["flagged"] else "n/a (nothing flagged)"
        print(f"{name}: 'disagrees' precision {precision}; recall {h['right']}/{h['checkable']} checkable claims "
              f"judged as by reading ({h['disagreements']} real disagreement(s))")
    e, m, s = figures["examples_in_sample"], figures["mutations_in_sample"], figures["speed"]
    print(f"examples (in-sample): 'disagrees' {e['true_flags']}/{e['flagged']} real; agreements at inventory "
          f"AGREES lines {e['agreed_right']}/{e['agreed']} ({e['checkable']} checkable claims in the inventory)")
    print(f"mutations (in-sample): {m['found']}/{m['mutated']} agreeing claims with one digit changed are found "
          f"as disagreements; {m['other_sentences_flagged']} runs newly flagged another claim of its paragraph")
    r = figures["mutations_real_pages"]
    print(f"mutations (every real page, constructed errors): {r['found']}/{r['mutated']} found; "
          f"{r['other_sentences_flagged']} runs newly flagged another claim of its paragraph")
    print(f"speed, 51-page report ({s['claims']} claims, cold): extraction {s['extraction_ms']:.1f} ms, extraction + "
          f"linking + verdicts {s['extraction_linking_ms']:.1f} ms (target < {TARGET_MS:.0f} ms); loading the "
          f"vocabulary once per process {s['vocabulary_ms']:.1f} ms more; CPU time "
          f"{s['extraction_linking_cpu_ms']:.1f} ms (load average {s['load_average']:.1f})")
    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    raise SystemExit(0 if min(s["extraction_linking_ms"], s["extraction_linking_cpu_ms"]) < TARGET_MS else 1)


if __name__ == "__main__":
    main()
