"""Constructed errors in held-out prose: typical slips injected by a seeded, stated procedure; precision and recall.

    python bench/prose_inject.py [--seed 8] [--batches batch7,batch8] [--json-out FILE]

(batch1 names the three files at the top of tests/prose_realworld/.)

Real documents whose text disagrees with a table are rare in the stored pages (batches 7 and 8 hold none by
reading), so "at least 95 % of 'disagrees' findings are real" is measured on constructed errors too. The procedure,
fixed before it ran on the batches it measures:

1. Every claim annotated by reading in the batch's annotations.tsv (whatever its verdict) is located in its line:
   the n-th occurrence of its number, n counting the annotated claims of that line with the same number.
2. Each slip that applies to the claim makes one mutant of the report, with that one change in the text and no
   other: **digit** (one digit of the number replaced by another: position and digit drawn; a leading digit never
   becomes 0), **transposition** (two adjacent differing digits of the number swapped: the pair drawn), **sign
   word** (the överskott/underskott or positiv/negativ word nearest the number in its sentence swapped for its
   opposite, inflection kept; only where the sentence has one), **unit** (tkr<->mnkr, mkr and Mkr->tkr, tusen
   kronor<->miljoner kronor, right after the number; only where the number has such a unit). Draws come from
   random.Random(f"{seed}:{file}:{line}:{n}:{claimed}:{slip}") (seeded by SHA-512 of the string: the same mutants
   on every machine and in every run).
3. The checker runs on the unchanged report and on every mutant. A disagreement (RK501-RK505) of the unchanged
   report is real if its first figure is annotated DISAGREES. A disagreement of a mutant that the unchanged report
   does not raise is new: real if one of its cells is the mutated figure, false otherwise (another claim flagged).
   Precision = real flags / all flags (the unchanged reports' flags counted once, the mutants' new ones each);
   its 95 % lower bound is the one-sided Clopper-Pearson bound. A sign word governs its sentence: a flag of a
   figure in the sentence whose word was swapped is real; a swap nearest to several figures is one mutant. Recall = mutants with a real new flag / mutants,
   by slip and by the claim's verdict by reading (AGREES: a cell exists to contradict; NO TABLE: only the text's
   own arithmetic can).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prose import HELD_OUT, WRONG, _read, _rows  # noqa: E402  (the held-out bench's reading and codes)

from rapportkoll.prose.check import check_claims  # noqa: E402

SLIPS = ("digit", "transposition", "sign word", "unit")
_NUMBER = re.compile(r"\d(?:[\d  ]*\d)?(?:,\d+)?")
_SIGN = re.compile(r"\b(över|under)(skott\w*)|\b(positiv|negativ)(\w*)", re.IGNORECASE)
_OPPOSITE = {"över": "under", "under": "över", "positiv": "negativ", "negativ": "positiv"}
_UNITS = re.compile(r"\s?(tkr|mnkr|mkr|Mkr|tusen kronor|miljoner kronor)\b")
_UNIT_SWAP = {"tkr": "mnkr", "mnkr": "tkr", "mkr": "tkr", "Mkr": "tkr", "tusen kronor": "miljoner kronor",
              "miljoner kronor": "tusen kronor"}


@dataclass(frozen=True)
class Mutant:
    """One slip in one claim: the paragraph's new text and where the mutated figure starts in it."""

    line: int
    start: int  # the figure's start in the unchanged text (at its sign, if it has one)
    text: str
    changed_at: int  # where the text was changed, and by how many characters it grew: places after it move
    growth: int
    slip: str
    verdict: str
    sentence: tuple[int, int]  # the changed sentence, in the unchanged text's places


def _core(claimed: str) -> str:
    found = _NUMBER.search(claimed)
    return found.group() if found else ""


def figure_at(text: str, claimed: str, nth: int) -> tuple[int, int] | None:
    """Start and end of the n-th occurrence of the claim's number in the paragraph."""
    core = _core(claimed)
    places = [m for m in _NUMBER.finditer(text) if core and m.group() == core]
    return (places[nth].start(), places[nth].end()) if nth < len(places) else None


def _signed_start(text: str, start: int) -> int:
    """Where the figure's claim starts: at its sign, if one precedes it ('- 11,7 mnkr' is cited from the '-')."""
    sign = re.search(r"[+\-–−]\s?$", text[:start])
    return sign.start() if sign else start


def _digit(text: str, span: tuple[int, int], rng: random.Random) -> tuple[str, int] | None:
    digits = [i for i in range(*span) if text[i].isdigit()]
    at = rng.choice(digits)
    choices = [d for d in "0123456789" if d != text[at] and not (d == "0" and at == digits[0])]
    return text[:at] + rng.choice(choices) + text[at + 1:], at, 0


def _transposition(text: str, span: tuple[int, int], rng: random.Random) -> tuple[str, int] | None:
    pairs = [i for i in range(span[0], span[1] - 1)
             if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1]]
    if not pairs:
        return None
    at = rng.choice(pairs)
    return text[:at] + text[at + 1] + text[at] + text[at + 2:], at, 0


def _sentence(text: str, at: int) -> tuple[int, int]:
    starts = [m.end() for m in re.finditer(r"[.!?]\s", text[:at])]
    end = re.search(r"[.!?](\s|$)", text[at:])
    return (starts[-1] if starts else 0), (at + end.start() if end else len(text))


def _sign_word(text: str, span: tuple[int, int], rng: random.Random) -> tuple[str, int] | None:
    low, high = _sentence(text, span[0])
    words = [m for m in _SIGN.finditer(text, low, high)]
    if not words:
        return None
    word = min(words, key=lambda m: abs(m.start() - span[0]))
    stem = word.group(1) or word.group(3)
    opposite = _OPPOSITE[stem.lower()]
    opposite = opposite.capitalize() if stem[0].isupper() else opposite
    return text[:word.start()] + opposite + text[word.start() + len(stem):], word.start(), len(opposite) - len(stem)


def _unit(text: str, span: tuple[int, int], rng: random.Random) -> tuple[str, int] | None:
    unit = _UNITS.match(text, span[1])
    if not unit:
        return None
    new = _UNIT_SWAP[unit.group(1)]
    return text[:unit.start(1)] + new + text[unit.end(1):], unit.start(1), len(new) - len(unit.group(1))


_MAKERS = {"digit": _digit, "transposition": _transposition, "sign word": _sign_word, "unit": _unit}


def mutants(paragraphs: dict[int, str], rows: list[dict[str, str]], name: str, seed: int) -> list[Mutant]:
    """Every applicable slip of every annotated claim of one document, drawn as the docstring states; a slip that
    makes the same text as an earlier one (one sign word nearest to several figures) is made once."""
    made, seen, texts = [], {}, set()
    for row in rows:
        line = int(row["line"])
        key = (line, _core(row["claimed"]))
        nth = seen[key] = seen.get(key, -1) + 1
        span = figure_at(paragraphs.get(line, ""), row["claimed"], nth)
        for slip in SLIPS if span else ():
            rng = random.Random(f"{seed}:{name}:{line}:{nth}:{row['claimed']}:{slip}")
            changed = _MAKERS[slip](paragraphs[line], span, rng)
            if changed and (line, changed[0]) not in texts:
                texts.add((line, changed[0]))
                made.append(Mutant(line, _signed_start(paragraphs[line], span[0]), *changed, slip, row["verdict"],
                                   _sentence(paragraphs[line], span[0])))
    return made


def _flags(report) -> list[frozenset[tuple[int, int]]]:
    return [frozenset((c.location.line, c.location.span_start) for c in f.cells if c.location.span_start is not None)
            for f in check_claims(report).findings if f.code in WRONG]


def _unshifted(flag: frozenset[tuple[int, int]], mutant: Mutant) -> frozenset[tuple[int, int]]:
    """A mutant's flag in the unchanged text's places (a unit or sign word of another length moves what follows)."""
    return frozenset((line, start - mutant.growth if line == mutant.line and start > mutant.changed_at else start)
                     for line, start in flag)


def _real(flag: frozenset[tuple[int, int]], mutant: Mutant) -> bool:
    """A flag at the injected error: it cites the mutated figure, or (a sign word changed) a figure of its sentence."""
    if mutant.slip == "sign word":
        return any(line == mutant.line and mutant.sentence[0] <= start < mutant.sentence[1] for line, start in flag)
    return (mutant.line, mutant.start) in flag


def run_document(path: Path, rows: list[dict[str, str]], seed: int) -> dict:
    """The unchanged report's flags and, for every mutant, whether it was found and how many false flags it raised."""
    report = _read(path)
    paragraphs = {p.location.line: p.text for p in report.prose}
    before = _flags(report)
    disagrees = {(int(r["line"])) for r in rows if r["verdict"] == "DISAGREES"}
    outcome = {"flags": len(before), "real_flags": sum(1 for f in before if any(ln in disagrees for ln, _ in f)),
               "mutants": []}
    for mutant in mutants(paragraphs, rows, path.name, seed):
        prose = [replace(p, text=mutant.text) if p.location.line == mutant.line else p for p in report.prose]
        new = [f for f in (_unshifted(f, mutant) for f in _flags(replace(report, prose=prose))) if f not in before]
        real = sum(1 for f in new if _real(f, mutant))
        outcome["mutants"].append({"line": mutant.line, "slip": mutant.slip, "verdict": mutant.verdict,
                                   "found": real > 0, "real": real, "false": len(new) - real})
    return outcome


def lower_bound(successes: int, trials: int, confidence: float = 0.95) -> float:
    """One-sided Clopper-Pearson lower bound of a proportion (bisection on the binomial tail)."""
    if successes == 0:
        return 0.0
    low, high = 0.0, successes / trials
    for _ in range(60):
        mid = (low + high) / 2
        tail = sum(math.comb(trials, k) * mid ** k * (1 - mid) ** (trials - k) for k in range(successes, trials + 1))
        low, high = (mid, high) if tail < 1 - confidence else (low, mid)
    return low


def summary(documents: dict[str, dict]) -> dict:
    """Pooled precision (with its bound) and recall by slip and by verdict by reading."""
    every = [m for d in documents.values() for m in d["mutants"]]
    real = sum(d["real_flags"] for d in documents.values()) + sum(m["real"] for m in every)
    flags = sum(d["flags"] for d in documents.values()) + sum(m["real"] + m["false"] for m in every)
    recall = {group: _recall([m for m in every if m[key] == group]) for key, groups in
              (("slip", SLIPS), ("verdict", ("AGREES", "NO TABLE", "DISAGREES"))) for group in groups}
    return {"flags": flags, "real_flags": real, "precision": real / flags if flags else None,
            "precision_lower_95": lower_bound(real, flags) if flags else None,
            "mutants": len(every), "found": sum(m["found"] for m in every), "recall_by": recall,
            "mutants_with_a_false_flag": sum(1 for m in every if m["false"])}


def _recall(group: list[dict]) -> dict:
    return {"mutants": len(group), "found": sum(m["found"] for m in group)}


def measure(folder: Path, seed: int) -> dict:
    """Every document of one annotated folder."""
    rows = _rows(folder / "annotations.tsv")
    names = sorted({r["file"] for r in rows})
    documents = {n: run_document(folder / n, [r for r in rows if r["file"] == n], seed) for n in names}
    return {"documents": documents, "summary": summary(documents)}


def _print(name: str, s: dict) -> None:
    precision = (f"{s['real_flags']}/{s['flags']} = {s['precision']:.3f}, 95 % lower bound "
                 f"{s['precision_lower_95']:.3f}") if s["flags"] else "n/a (nothing flagged)"
    print(f"{name}: {s['mutants']} mutants, found {s['found']}; precision of 'disagrees' {precision}; "
          f"{s['mutants_with_a_false_flag']} mutants flagged another claim")
    for group, r in s["recall_by"].items():
        if r["mutants"]:
            print(f"  {group:13} {r['found']:4d} / {r['mutants']:4d} found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--batches", default="batch7,batch8")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    results = {b: measure(HELD_OUT if b == "batch1" else HELD_OUT / b, args.seed) for b in args.batches.split(",")}
    pooled = summary({f"{b}/{n}": d for b, r in results.items() for n, d in r["documents"].items()})
    for name, r in results.items():
        _print(name, r["summary"])
    _print("pooled", pooled)
    if args.json_out:
        args.json_out.write_text(json.dumps({"seed": args.seed, "batches": results, "pooled": pooled}, indent=2),
                                 encoding="utf-8")


if __name__ == "__main__":
    main()
