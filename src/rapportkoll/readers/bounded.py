"""Tables within the limits: too many rows, columns or cells leave a table out, and a number too long to check is said.

Both are problems of the file (exit 2) naming the place, so nothing is skipped silently.
"""

from __future__ import annotations

from dataclasses import replace

from rapportkoll.bounds import current, over
from rapportkoll.model import ReadProblem, Report, Table
from rapportkoll.numbers import MAX_DIGITS


def within_limits(report: Report) -> Report:
    """``report`` without the tables past a limit, with a problem for each of them and each number too long."""
    kept, problems = [], []
    for table in report.tables:
        past = _past_limit(table)
        if past is None:
            kept.append(table)
            problems.extend(_too_long(table))
        else:
            problems.append(past)
    if not problems:
        return report
    return replace(report, tables=kept, problems=[*report.problems, *problems])


def _past_limit(table: Table) -> ReadProblem | None:
    limits = current()
    rows, columns = len(table.rows), len(table.columns)
    for name, count in (("rows", rows), ("columns", columns), ("cells", rows * columns)):
        if count > getattr(limits, name):
            error = over(f"'{table.title}'", name, count)
            return ReadProblem(table.location, f"tabellen {error.message('sv')}; den kontrolleras inte",
                               f"table {error.message('en')}; it is not checked")
    return None


def _too_long(table: Table) -> list[ReadProblem]:
    store = table.stored
    cells = ([table.cell(i, j) for i, j in store.too_long()] if store is not None
             else [cell for row in table.rows for cell in row.cells if cell.parsed.too_long])
    return [ReadProblem(cell.location,
                        f"talet '{cell.text[:40]}' har fler än {MAX_DIGITS} siffror, för många för att kontrolleras "
                        "exakt; det läses som text",
                        f"the number '{cell.text[:40]}' has more than {MAX_DIGITS} digits, too many to check "
                        "exactly; it is read as text")
            for cell in cells]
