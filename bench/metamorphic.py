"""Metamorphic layout benchmark: each annotated real table rewritten as another municipality would lay it out.

Every table of tests/realworld/ is read once (tests/realworld/layouts.py keeps, for every printed
cell, the annotated cell it shows), rewritten by one transform, written to a file and checked as a
new user's file would be. Its checked relations, findings and read problems are mapped back to the
annotated cells and scored as bench/recall.py scores the original: annotated relations checked,
published slips cited, and false alarms (any error or warning citing no slip cell). A transform
keeps every annotated relation by construction, so a relation checked on the original and lost on
the rewriting, or a new alarm, is a layout the tool does not read.

Transforms, how each is made and why the relations survive (a relation is a fact about cell values,
and every cell keeps its value and its place in the relation through the key map):

- columns_reversed, columns_rotated, column_pairs_swapped: the amount columns of each table in
  reverse order, the first moved last, neighbours swapped (kommun/koncern, Budget/Utfall/Prognos,
  years in another order). Only places change; each cell keeps its row and header.
- note_column_moved / note_column_removed: a column headed Not/Noter/Ref moved after the amounts, or
  left out. No annotated relation reads a note reference.
- note_column_added: a 'Not' column after the labels numbering every other row that shows amounts,
  as statements print note references, from above any note number the document prints: they cite
  notes the file does not hold, so they claim no relation. A finding on them is a false alarm.
- spacer_rows / spacer_columns: an empty row after every third row; an empty column before every
  amount column. Empty cells add nothing to any relation.
- nbsp_groups, dot_groups, no_groups, dot_decimal: every amount printed anew from its value with
  the decimals it showed: thousands grouped by U+00A0, by '.' with a decimal comma ('1.234,5'),
  not grouped ('1234,5'), or not grouped with a decimal point ('1234.5'; an amount with exactly three
  decimals is kept as printed there, as '1.234' would then be ambiguous). Value and precision are
  those printed, so each relation's residual and rounding tolerance are unchanged.
- minus_u2212, minus_en_dash, minus_en_dash_spaced, minus_parentheses: negative amounts written
  '−1 234', '–1 234', '– 1 234' or '(1 234)'. Same value and decimals.
- unit_in_header / unit_in_cells: for tables the annotation gives in tkr or mnkr, the unit taken out
  of the cells and written after each amount column's header ('Utfall 2021 tkr'), or written after
  every amount ('1 234 tkr'). Values unchanged; other tables are left as they are.
- costs_negative_flipped: rows whose label names a cost (not a net), printed with a minus, printed without it
  (see cost_signs.costs_positive for when a row qualifies: no percentage, no ratio or cross-table
  equality reads it). A sum or column equation then holds with that row's coefficient negated; the
  key map carries the sign, so the annotated relation is asked for with it.
- labels_upper / headers_upper: row labels, or column headers, in capitals.
- hyphenated: every word of eight letters or more in labels and headers broken after its fourth
  letter with a hyphen ('Verk-samhetens', 'Avvi-kelse'), as narrow printed columns break them.
- summa_sa, summa_totalt, summa_total: a label 'Summa X' printed 'S:a X', 'Totalt X', 'Total X'.
- note_marks: a footnote mark ¹ or ² after every third row label.
- format_tsv, format_csv_semicolon, format_csv_comma, format_fixed_width, format_xlsx, format_docx:
  the tables unchanged, written as a TSV, a CSV with ';' or ',' (csv quoting), a text of columns
  padded with spaces, a workbook (amounts as numbers, their decimals as the number format, percentages
  as fractions with a percent format) or a Word document (a heading per caption, a table per table).
  format_txt writes the text export itself and must score as the original does.

    python bench/metamorphic.py [--suite delarsrapport] [--only NAME,…] [--files SUBSTRING] [--json FILE] [--lost]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent / "tests"))

import recall  # noqa: E402
from realworld import cost_signs  # noqa: E402
from realworld import layouts as L  # noqa: E402
from realworld import writers as W  # noqa: E402
from realworld.annotations import Annotation, annotated_files, load  # noqa: E402

from rapportkoll.suites import load_suite  # noqa: E402

Transform = Callable[[Annotation], Callable[[L.Doc], L.Doc]]
Writer = Callable[[L.Doc, Path], W.Places]


def _always(change: Callable[[L.Doc], L.Doc]) -> Transform:
    return lambda annotation: change


def _labels_and_headers(rename: Callable[[str], str]) -> Transform:
    return _always(L.labels(rename, header=True))


def _minus(sign: str) -> Transform:
    return _always(L.numbers(lambda text: L.printed(text, minus=sign)))


TRANSFORMS: dict[str, tuple[Transform, Writer, str]] = {name: (t, W.write_delimited, ".txt") for name, t in {
    "format_txt": _always(lambda doc: doc),
    "columns_reversed": _always(L.columns(L.reversed_order)),
    "columns_rotated": _always(L.columns(L.rotated)),
    "column_pairs_swapped": _always(L.columns(L.pairs_swapped)),
    "note_column_moved": _always(L.per_sheet(L.note_column_moved)),
    "note_column_removed": _always(L.per_sheet(L.note_column_removed)),
    "note_column_added": _always(L.note_column_added),
    "spacer_rows": _always(L.per_sheet(L.spacer_rows)),
    "spacer_columns": _always(L.per_sheet(L.spacer_columns)),
    "nbsp_groups": _always(L.numbers(lambda text: L.printed(text, group="\u00a0"))),
    "dot_groups": _always(L.numbers(lambda text: L.printed(text, group="."))),
    "no_groups": _always(L.numbers(lambda text: L.printed(text, group=""))),
    "dot_decimal": _always(L.numbers(lambda text: L.printed(text, group="", point="."))),
    "minus_u2212": _minus("\u2212"),
    "minus_en_dash": _minus("\u2013"),
    "minus_en_dash_spaced": _minus("\u2013 "),
    "minus_parentheses": _always(L.numbers(lambda text: L.printed(text, parentheses=True))),
    "unit_in_header": lambda a: L.unit_in_header(L.currency(a)),
    "unit_in_cells": lambda a: L.numbers(lambda text: L.printed(text, unit=L.currency(a))),
    "costs_negative_flipped": cost_signs.costs_positive,
    "labels_upper": _always(L.labels(str.upper)),
    "headers_upper": _always(L.labels(str.upper, rows=False, header=True)),
    "hyphenated": _labels_and_headers(L.hyphenated),
    "summa_sa": _always(L.labels(L.sum_word("S:a"))),
    "summa_totalt": _always(L.labels(L.sum_word("Totalt"))),
    "summa_total": _always(L.labels(L.sum_word("Total"))),
    "note_marks": _always(L.per_sheet(L.note_marks)),
}.items()}
TRANSFORMS.update({
    "format_tsv": (_always(lambda doc: doc), W.write_delimited, ".tsv"),
    "format_csv_semicolon": (_always(lambda doc: doc), lambda d, p: W.write_delimited(d, p, ";"), ".csv"),
    "format_csv_comma": (_always(lambda doc: doc), lambda d, p: W.write_delimited(d, p, ","), ".csv"),
    "format_fixed_width": (_always(lambda doc: doc), W.write_fixed_width, ".txt"),
    "format_xlsx": (_always(lambda doc: doc), W.write_xlsx, ".xlsx"),
    "format_docx": (_always(lambda doc: doc), W.write_docx, ".docx"),
})


@dataclass
class Outcome:
    """One transform over the tables it changed: the original's figures beside the rewriting's."""

    files: int = 0
    relations: int = 0
    checked_before: int = 0
    checked_after: int = 0
    slips: int = 0
    slips_before: int = 0
    slips_after: int = 0
    false_errors: int = 0
    false_warnings: int = 0
    unread: int = 0
    lost: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)


def rewrite(annotation: Annotation, name: str, folder: Path) -> tuple[Path, recall.Origin] | None:
    """The annotated file rewritten by transform ``name``, and how its cells map back; None if nothing changed."""
    transform, writer, suffix = TRANSFORMS[name]
    doc = L.doc_of(annotation)
    changed = transform(annotation)(doc)
    if changed == doc and writer is W.write_delimited and suffix == ".txt" and name != "format_txt":
        return None
    path = folder / f"{annotation.path.stem}{suffix}"
    places = writer(changed, path)
    return path, lambda location: places.get(W.place_of(location))


def measure(annotation: Annotation, name: str, suite, before: recall.TableScore, outcome: Outcome,
            folder: Path) -> None:
    rewritten = rewrite(annotation, name, folder)
    if rewritten is None:
        return
    after = recall.score(annotation, suite, *rewritten)
    outcome.files += 1
    outcome.relations += before.relations
    outcome.checked_before += before.checked
    outcome.checked_after += after.checked
    outcome.slips += before.slips
    outcome.slips_before += before.slips_found
    outcome.slips_after += after.slips_found
    outcome.false_errors += len(after.false_errors)
    outcome.false_warnings += len(after.false_warnings)
    outcome.unread += after.unread
    stem = annotation.path.stem
    outcome.lost += [f"{stem}: {m}" for m in lost(before, after)]
    outcome.alarms += [f"{stem}: {a}" for a in after.false_errors + after.false_warnings]


def lost(before: recall.TableScore, after: recall.TableScore) -> list[str]:
    """The annotated relations checked on the original and not on the rewriting (described, as often as lost)."""
    return list((Counter(after.missed) - Counter(before.missed)).elements())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default="delarsrapport")
    parser.add_argument("--only", default="", help="comma-separated transform names")
    parser.add_argument("--files", default="", help="only files whose name contains this")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--lost", action="store_true", help="list the relations lost and the alarms")
    args = parser.parse_args()
    suite = load_suite(args.suite)
    names = args.only.split(",") if args.only else list(TRANSFORMS)
    annotations = [load(p) for p in annotated_files() if args.files in p.name]
    baseline = [recall.score(a, suite) for a in annotations]
    outcomes = {name: Outcome() for name in names}
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            for annotation, before in zip(annotations, baseline):
                measure(annotation, name, suite, before, outcomes[name], Path(folder))
    _print(outcomes, args.lost)
    if args.json:
        args.json.write_text(json.dumps({"suite": args.suite, "transforms": {k: v.__dict__ for k, v in outcomes.items()}},
                                        ensure_ascii=False, indent=2), encoding="utf-8")


def _print(outcomes: dict[str, Outcome], lost: bool) -> None:
    print(f"{'transform':24} files  relations kept (orig→rewritten)  slips (orig→rewritten)  false E/W  unread")
    for name, o in outcomes.items():
        print(f"{name:24} {o.files:5}  {o.checked_before:5} → {o.checked_after:<5} of {o.relations:<5}"
              f"           {o.slips_before:3} → {o.slips_after:<3} of {o.slips:<3}       {o.false_errors:3}/{o.false_warnings:<3}"
              f"  {o.unread}")
        if lost:
            for line in o.lost + o.alarms:
                print(f"    {line}")


if __name__ == "__main__":
    main()
