"""Discovery: rules for tables no pack was written for, inferred from their numbers alone.

The result is pack data in the format of `rules/`, loaded through the same validation as a pack
file, so `rapportkoll infer` can write it for a controller to review, name and keep.

The package's entry points (`pack`) load on first use (PEP 562): a report whose tables all fit a written pack
never imports the searches, which are most of the package.
"""

from __future__ import annotations

_ENTRY_POINTS = ("discover", "discovered_in", "discovered_pack", "pack_data")


def __getattr__(name: str):
    if name in _ENTRY_POINTS:
        from rapportkoll.discovery import pack

        return getattr(pack, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
