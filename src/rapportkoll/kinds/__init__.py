"""The registry of rule kinds: one small module each, listed here literally."""

from __future__ import annotations

from rapportkoll.kinds import (carry, cross_table, difference, equation, format, markers, product, ratio, same_sign,
                               sum)
from rapportkoll.kinds.spec import RuleKind

KINDS: dict[str, RuleKind] = {
    kind.name: kind
    for kind in (sum.KIND, equation.KIND, difference.KIND, product.KIND, ratio.KIND, cross_table.KIND, carry.KIND,
                 same_sign.KIND, markers.KIND, format.KIND)
}
