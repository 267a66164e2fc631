"""Ratio rows discovered from the numbers: a row equal to a scale × one row over another in most columns.

Summaries print years as columns and indicators as rows: "Eget kapital per invånare (kr)" is
1 000 000 × "Eget kapital totalt (mnkr)" / "Folkmängd", and "Verksamhetens nettokostnader (% av
skatteintäkter)" is −100 × the net costs (printed negative) / the tax income. Every triple of rows
is screened against every scale at once (rows³ × columns × scales), so only short tables are
searched (`policy.ROW_RATIO_ROWS`), and an accepted ratio must fit so exactly that a search this
wide seldom finds one by chance (`policy.row_ratio`).
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery import policy
from rapportkoll.discovery.amounts import Roles
from rapportkoll.discovery.evidence import Evidence
from rapportkoll.discovery.found import Found, row_names
from rapportkoll.frame import TableView
from rapportkoll.kinds.ratio import percent_bounds, scale_text
from rapportkoll.rounding import interval_contains
from rapportkoll.vocabulary import terms

SCALES = (1.0, -1.0, 100.0, -100.0, 1000.0, -1000.0, 1e6, -1e6)  # a share, a percentage, per mille, kr of mnkr
RATIO_WORDS = terms("ratio_rows")


def row_ratio_relations(view: TableView, roles: Roles) -> list[Found]:
    labels = [row.label.text for row in view.table.rows]
    columns = roles.relatable
    values = view.frame.values[:, columns]
    enough = np.count_nonzero(np.nan_to_num(values), axis=1) >= policy.RATIO_FITS
    # rows a rule can name (`row_names`: no label read as a position); the names themselves only for a short table
    rows = [i for i in np.flatnonzero(enough).tolist() if not labels[i].startswith("@")]
    if not 3 <= len(rows) <= policy.ROW_RATIO_ROWS or len(columns) < policy.RATIO_FITS:
        return []
    names = row_names(labels)
    readings = []
    for result, numerator, denominator, scale in _screened(values[rows], view.frame.halves[:, columns][rows]):
        operands = [rows[result], rows[numerator], rows[denominator]]
        slack = policy.HEADCOUNT_SLACK if _per_head(view, operands[2], columns, scale) else 0.0
        evidence = _evidence(view, operands, columns, scale, slack)
        if policy.row_ratio(evidence):
            readings.append((operands, scale, slack, evidence))
    return [_found(names, *reading) for reading in _one_per_triple(readings, names)]


def _per_head(view: TableView, denominator: int, columns: list[int], scale: float) -> bool:
    """An amount per person: a unit-converting scale over a row of whole numbers in the thousands (a population
    or a headcount), which reports often take at another date than the one printed (`policy.HEADCOUNT_SLACK`)."""
    counts = view.frame.values[denominator, columns]
    counts = counts[~np.isnan(counts)]
    return abs(scale) >= 1000 and bool(len(counts)) and bool(np.all((counts >= 1000) & (counts == np.round(counts))))


def _screened(values: np.ndarray, halves: np.ndarray) -> list[tuple[int, int, int, float]]:
    """(result, numerator, denominator, scale) holding roughly in ``policy.RATIO_FITS`` columns or more: the
    quotient's rounding bounded from above by its first-order error, widened by a tenth."""
    with np.errstate(divide="ignore", invalid="ignore"):
        quotient = values[:, None, :] / values[None, :, :]  # numerator × denominator × columns
        spread = 1.1 * (halves[:, None, :] + np.abs(quotient) * halves[None, :, :]) / np.abs(values[None, :, :])
    count = len(values)
    distinct = ~np.eye(count, dtype=bool)
    found = []
    for scale in SCALES:
        estimate, tolerance = scale * quotient, abs(scale) * spread + halves[:, None, None, :]
        with np.errstate(invalid="ignore"):
            hit = np.abs(values[:, None, None, :] - estimate[None]) <= tolerance  # result × numerator × ...
        hit &= values[:, None, None, :] != 0
        enough = (hit.sum(axis=3) >= policy.RATIO_FITS) & distinct[:, :, None] & distinct[:, None, :] & distinct[None]
        found += [(int(r), int(a), int(b), scale) for r, a, b in zip(*np.nonzero(enough))]
    return found


def _evidence(view: TableView, operands: list[int], columns: list[int], scale: float, slack: float) -> Evidence:
    """Fits where the printed result meets the quotients its rounded operands allow, among the columns where
    those are narrow beside the result; chance is how likely so many such fits are for unrelated rows."""
    values, halves = view.frame.values[np.ix_(operands, columns)], view.frame.halves[np.ix_(operands, columns)]
    low, high = percent_bounds(values[1:], halves[1:], scale=scale, base_slack=slack)
    shown, shown_half = values[0], halves[0]
    with np.errstate(invalid="ignore"):
        reach = (high - low) / 2 + shown_half
        informative = ~np.isnan(shown) & ~np.isnan(low) & (values[1] != 0) & (policy.CHANCE_MARGIN * reach < np.abs(shown))
    fits = informative & interval_contains(shown, shown_half, low, high)
    chance = float(np.prod(np.minimum(1.0, 2 * reach[fits] / np.abs(shown[fits]))))
    count = int(fits.sum())
    return Evidence(count, int(informative.sum()), count, chance)


def _one_per_triple(readings: list, names: list) -> list:
    """One reading per set of rows and per result: R = s·A/B is also B = s·A/R. The result that names itself
    a ratio ('per invånare', '%') is preferred, then the reading with the most fits."""
    best: dict = {}
    ranked = sorted(readings, key=lambda r: (not RATIO_WORDS.search(names[r[0][0]]), -r[-1].fits, r[-1].chance))
    for reading in ranked:
        keys = (frozenset(reading[0]), reading[0][0])
        if not any(key in best for key in keys):
            for key in keys:
                best[key] = reading
    return list({id(item): item for item in best.values()}.values())


def _found(names, operands: list[int], scale: float, slack: float, evidence: Evidence) -> Found:
    result, numerator, denominator = (names[i] for i in operands)
    params = {"axis": "rows", "result": result, "numerator": numerator, "denominator": denominator, "scale": scale,
              **({"base_slack": slack} if slack else {})}
    text = f"{result} = {scale_text(scale)}{numerator} / {denominator}"
    return Found("ratio", params, evidence, text, text)
