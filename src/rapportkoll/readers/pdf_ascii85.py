"""ASCII85 decoding with array operations, for pdfminer in place of its loop over every byte.

ReportLab (and other generators) write content streams ASCII85-encoded over Flate; pdfminer decodes
them with ``base64.a85decode``, a Python loop over every byte, which was a tenth of reading such a
PDF (``pdf_scan`` inflates every content stream before pdfium may parse it). The same decoding is
done here a megabyte at a time with numpy; input the fast path does not take as it is (a byte
outside the alphabet, a ``z`` inside a group, a group past 2**32 - 1) goes to ``a85decode``, which
decodes or refuses it as before.
"""

from __future__ import annotations

import base64
import re

import numpy as np

_START = re.compile(rb"^\s*<?\s*~\s*")  # pdfminer's: a leading '<~' or '~'
_END = re.compile(rb"\s*~\s*>?\s*$")  # and a trailing '~>' or '~'
_IGNORED = np.frombuffer(b" \t\n\r\v", dtype=np.uint8)  # a85decode's default ``ignorechars``
_FIRST, _LAST, _ZERO = 33, 117, 122  # '!' and 'u', the digits' range; 'z', four zero bytes
_LARGEST = np.uint64(0xFFFFFFFF)  # a group's value must fit in four bytes
_GROUPS = 1 << 18  # groups of five digits decoded at once: the arrays stay a few megabytes


def install() -> None:
    """Give pdfminer this decoder in place of its own, for the whole process (as `limits` gives it a bounded
    zlib): pdfminer looks ``ascii85decode`` up in ``pdftypes`` on each stream. The same bytes either way."""
    from pdfminer import pdftypes

    pdftypes.ascii85decode = ascii85decode


def ascii85decode(data: bytes) -> bytes:
    """pdfminer's ``ascii85decode``: its framing stripped, then ``a85decode``'s result."""
    data = _without_end(_START.sub(b"", data))
    digits = _digits(np.frombuffer(data, dtype=np.uint8))
    decoded = None if digits is None else _decoded(digits)
    return base64.a85decode(data) if decoded is None else decoded


def _without_end(data: bytes) -> bytes:
    """``_END.sub(b"", data)``, searched in the last bytes: a search of the whole stream tries every position.

    A match in the tail that does not start at the tail's first byte follows a byte that is not
    blank, so it is the match in the whole data too; otherwise the whole data is searched.
    """
    tail = len(data) - min(len(data), 256)
    found = _END.search(data, tail)
    if found is None or found.start() == tail:
        return _END.sub(b"", data)
    return data[:found.start()]


def _digits(codes: np.ndarray) -> np.ndarray | None:
    """The digits with each ``z`` written out as five zero digits; None where a85decode would refuse the input."""
    digit, zero = (codes >= _FIRST) & (codes <= _LAST), codes == _ZERO
    if not np.all(digit | zero | np.isin(codes, _IGNORED)):
        return None
    if not zero.any():
        return codes[digit]
    if np.any(np.cumsum(digit)[zero] % 5):  # a 'z' inside a group of five
        return None
    kept = codes[digit | zero]
    return np.repeat(np.where(kept == _ZERO, _FIRST, kept), np.where(kept == _ZERO, 5, 1))


def _decoded(digits: np.ndarray) -> bytes | None:
    """Four bytes per group of five digits, the last group padded with 'u' and its padding dropped."""
    short = -len(digits) % 5
    groups = np.concatenate([digits, np.full(short, _LAST, dtype=np.uint8)]).reshape(-1, 5)
    parts = []
    for start in range(0, len(groups), _GROUPS):
        value = np.zeros(min(_GROUPS, len(groups) - start), dtype=np.uint64)
        for column in groups[start:start + _GROUPS].T:
            value = value * 85 + (column - _FIRST)
        if np.any(value > _LARGEST):
            return None  # 'Ascii85 overflow'
        parts.append(value.astype(">u4").tobytes())
    decoded = b"".join(parts)
    return decoded[: len(decoded) - short]
