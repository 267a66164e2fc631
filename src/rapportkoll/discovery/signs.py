"""Rows of one sign: an amount that never changes sign (a cost, an income) keeps it along its row.

A five-year summary prints "Verksamhetens kostnader" for each year with no total to add it to, so a
flipped sign there passes every sum. Where the label names such an amount and the row's figures in
columns of the same quantity (periods, kommun and koncern; not a deviation, change or elimination)
share one sign but for at most one, the row is proposed as a `same_sign` rule and the odd one out is
reported. Two agreeing figures are too few: `kinds.same_sign.MIN_AGREEING`.
"""

from __future__ import annotations

import numpy as np

from rapportkoll.discovery.amounts import Roles, column_scope
from rapportkoll.discovery.evidence import Evidence
from rapportkoll.discovery.found import Found, derived_header, referable, row_names
from rapportkoll.frame import TableView
from rapportkoll.kinds.same_sign import MIN_AGREEING
from rapportkoll.vocabulary import terms

ONE_SIGNED = terms("one_signed_rows")
SIGNED = terms("signed_rows")
CONTRA = terms("contra_columns")


def sign_relations(view: TableView, roles: Roles) -> list[Found]:
    names = list(view.table.columns)
    usable = referable(names)
    columns = [j for j in roles.additive if usable[j] and not derived_header(names[j]) and not CONTRA.search(names[j])]
    if len(columns) <= MIN_AGREEING:
        return []
    labels = [row.label.text for row in view.table.rows]
    found = []
    for i, name in enumerate(row_names(labels)):
        if name is None or not ONE_SIGNED.search(labels[i]) or SIGNED.search(labels[i]):
            continue
        signs = np.sign(np.nan_to_num(view.frame.values[i, columns]))
        agreeing, odd = sorted((int((signs > 0).sum()), int((signs < 0).sum())), reverse=True)
        if agreeing >= MIN_AGREEING and odd <= 1:
            evidence = Evidence(agreeing, agreeing + odd, agreeing)
            text_sv, text_en = f"{labels[i]} har samma tecken i alla kolumner", f"{labels[i]} keeps one sign in every column"
            found.append(Found("same_sign", {"row": name, **column_scope(view, columns)}, evidence, text_sv, text_en))
    return found
