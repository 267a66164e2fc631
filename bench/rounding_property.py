"""False alarms on consistent, correctly rounded tables: N generated tables of each pack style, in both suites.

    python bench/rounding_property.py [--tables 2000] [--out bench/results/rounding.json]

The tables are those of tests/test_rounding_property.py (made up, every relation exact before
rounding). Reports per style and suite: tables checked, tables with an error or a warning, and the
rules that raised them with one example table each.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_rounding_property as generated  # noqa: E402


def measure(style: str, suite: str, tables: int, folder: Path) -> dict:
    counts, rules, examples = Counter(), Counter(), {}

    @seed(1)
    @settings(max_examples=tables, deadline=None, database=None, phases=(Phase.generate,),
              suppress_health_check=list(HealthCheck))
    @given(text=generated._STYLES[style])
    def one(text):
        counts["tables"] += 1
        alarms = generated.false_alarms(text, folder, suite)
        counts["with alarms"] += bool(alarms)
        for alarm in alarms:
            code, rule = alarm.split()[:2]
            rule = f"{code} {rule.rsplit('.', 1)[0] if rule.startswith('upptackt') else rule}"  # one discovered pack
            rules[rule] += 1
            examples.setdefault(rule, text)

    one()
    return {"tables": counts["tables"], "with_errors_or_warnings": counts["with alarms"], "by_rule": dict(rules),
            "examples": examples}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tables", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for style in generated._STYLES:
            for suite in ("delarsrapport", "generic"):
                results[f"{style} / {suite}"] = found = measure(style, suite, options.tables, Path(work))
                print(f"{style:34} {suite:14} {found['with_errors_or_warnings']:5} of {found['tables']} tables "
                      f"{found['by_rule']}", flush=True)
    if options.out:
        options.out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
